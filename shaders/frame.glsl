// Shared by lit.vert and lit.frag: the per-frame uniform block, the skinning matrices and the per-draw
// push constants. Layouts mirror FrameUniforms and DrawConstants in engine/gfx/src/renderer.cpp
// (std140 / std430) and DrawList::joints.

layout(set = 0, binding = 0, std140) uniform Frame {
  mat4 viewProj[2];   // per view (multiview index); clip from world
  vec4 eye[2];        // per view: world position of the eye, w unused
  vec4 towardsSun;    // xyz unit, world
  vec4 sunColor;      // rgb linear radiance, w = exposure
  vec4 skyColor;      // rgb linear ambient from above
  vec4 groundColor;   // rgb linear ambient from below
} frame;

// The frame's skinning matrices (DrawList::joints): object from rest-pose object space, per joint.
layout(set = 0, binding = 1, std430) readonly buffer Joints {
  mat4 joints[];
} skinning;

layout(push_constant, std430) uniform Draw {
  mat4 T_world_object;  // rigid plus uniform scale
  vec4 baseColor;       // rgb linear (already decoded from sRGB), a = opacity
  vec4 params;          // x roughness, y emissive, z pattern (see gfx::Pattern), w two-sided (1) or not (0)
  ivec4 skin;           // x: the draw's first joint in skinning.joints, or -1 for a rigid draw
} draw;
