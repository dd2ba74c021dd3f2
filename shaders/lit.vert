// Lit mesh vertex stage: one command stream draws every view (GL_EXT_multiview picks the eye's
// matrix by gl_ViewIndex; mono renders with view 0).
#version 450
#extension GL_EXT_multiview : require
#include "frame.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in float inOcclusion;
layout(location = 3) in vec3 inColor;

layout(location = 0) out vec3 vWorldPos;
layout(location = 1) out vec3 vNormal;
layout(location = 2) out float vOcclusion;
layout(location = 3) out vec3 vColor;

void main() {
  const vec4 world = draw.T_world_object * vec4(inPosition, 1.0);
  vWorldPos = world.xyz;
  // Rigid plus uniform scale: the upper 3x3 is a valid normal matrix once renormalised.
  vNormal = mat3(draw.T_world_object) * inNormal;
  vOcclusion = inOcclusion;
  vColor = inColor;
  gl_Position = frame.viewProj[gl_ViewIndex] * world;
}
