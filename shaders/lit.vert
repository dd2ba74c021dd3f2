// Lit mesh vertex stage: one command stream draws every view (GL_EXT_multiview picks the eye's
// matrix by gl_ViewIndex; mono renders with view 0). With the `simple` shading (gfx::Shading,
// specialisation constant 0, the low tier) the light is computed here, per vertex (Gouraud), and
// handed on in vColor, so lit.frag does almost nothing per pixel.
#version 450
#extension GL_EXT_multiview : require
#include "frame.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in float inOcclusion;
layout(location = 3) in vec3 inColor;
layout(location = 4) in uvec2 inJoints;  // skinned draws: the two joints this vertex follows
layout(location = 5) in float inWeight;  // the share that follows the second

layout(location = 0) out vec3 vWorldPos;
layout(location = 1) out vec3 vNormal;
layout(location = 2) out float vOcclusion;
layout(location = 3) out vec3 vColor;

layout(constant_id = 0) const uint kShading = 2u;  // gfx::Shading: 0 unlit, 1 simple, 2 full
layout(constant_id = 1) const uint kPattern = 255u;  // gfx::Pattern; 255: from the draw's constants
const uint kWindowView = 2u;                         // gfx::Pattern::windowView

// The simple shading's light at this vertex (emission included): lit.frag's full lighting without the
// patterns, the specular and the reflections.
vec3 simpleLight(vec3 p, vec3 n) {
  const vec3 toEye = frame.eye[gl_ViewIndex].xyz - p;
  const float emissive = draw.params.y;
  // The view through a window is drawn per pixel (lit.frag's simple windowView); only its brightness here.
  if ((kPattern == 255u ? uint(draw.params.z + 0.5) : kPattern) == kWindowView) return vec3(emissive > 0.0 ? emissive : 1.0);
  if (draw.params.w > 0.5 && dot(n, toEye) < 0.0) n = -n;  // two-sided: the side the eye sees
  const float occlusion = clamp(inOcclusion, 0.0, 1.0);
  const float sunVisibility = clamp(occlusion * 1.4 - 0.4, 0.15, 1.0);
  const float diffuse = max((dot(n, frame.towardsSun.xyz) + 0.35) / 1.35, 0.0) / 1.35;
  const vec3 hemisphere = mix(frame.groundColor.rgb, frame.skyColor.rgb, 0.5 + 0.5 * n.y);
  return frame.sunColor.rgb * diffuse * sunVisibility + hemisphere * occlusion + emissive;
}

// Smooth skinning: the vertex follows its two joints, blended (linear blend skinning).
mat4 objectFromRest() {
  if (draw.skin.x < 0) return mat4(1.0);
  const int first = draw.skin.x;
  return skinning.joints[first + int(inJoints.x)] * (1.0 - inWeight) + skinning.joints[first + int(inJoints.y)] * inWeight;
}

void main() {
  const mat4 T_world_rest = draw.T_world_object * objectFromRest();
  const vec4 world = T_world_rest * vec4(inPosition, 1.0);
  vWorldPos = world.xyz;
  // Rigid plus uniform scale, or a blend of two such near a bend: the upper 3x3 serves as the normal
  // matrix once the normal is renormalised.
  vNormal = mat3(T_world_rest) * inNormal;
  vOcclusion = inOcclusion;
  vColor = kShading == 1u ? inColor * simpleLight(world.xyz, normalize(vNormal)) : inColor;
  gl_Position = frame.viewProj[gl_ViewIndex] * world;
}
