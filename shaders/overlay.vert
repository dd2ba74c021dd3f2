// Overlay (captions, option cards, cue card, pause) vertex stage: quads already in clip space or in the
// world; one command stream draws every view (GL_EXT_multiview picks the eye's matrix by gl_ViewIndex).
#version 450
#extension GL_EXT_multiview : require

// Mirrors ui::OverlayVertex (engine/ui/include/overum/ui/overlay_layout.h).
layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec2 inUv;
layout(location = 2) in vec4 inColor;  // sRGB-encoded RGBA8, straight alpha
layout(location = 3) in vec4 inShape;  // rounded rect: local position (xy) and half size (zw); zero for text

// Identity for clip-space quads, projection * viewFromWorld per eye for world ones.
layout(push_constant) uniform Push {
  mat4 clipFromWorld[2];
} push;

layout(location = 0) out vec2 vUv;
layout(location = 1) out vec4 vColor;
layout(location = 2) out vec4 vShape;

void main() {
  vUv = inUv;
  vColor = inColor;
  vShape = inShape;
  gl_Position = push.clipFromWorld[gl_ViewIndex] * vec4(inPosition, 1.0);
}
