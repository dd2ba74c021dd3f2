// Overlay fragment stage: text from the signed-distance atlas, backings as analytic rounded rectangles,
// both antialiased over one screen pixel (fwidth) so they stay crisp at any distance or size.
#version 450

// True when the target is UNORM holding sRGB-encoded bytes: write the encoded colour ourselves.
layout(constant_id = 0) const bool kEncodeOutput = false;

layout(set = 0, binding = 0) uniform sampler2D atlas;  // R8: 0.5 on the glyph outline, 1 inside

layout(location = 0) in vec2 vUv;
layout(location = 1) in vec4 vColor;
layout(location = 2) in vec4 vShape;

layout(location = 0) out vec4 outColor;

vec3 srgbToLinear(vec3 c) {
  return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), greaterThan(c, vec3(0.04045)));
}

void main() {
  float coverage;
  if (vShape.z > 0.0) {
    // Rounded rectangle: vUv.x is the corner radius in the same units as the local position.
    const float radius = vUv.x;
    const vec2 q = abs(vShape.xy) - (vShape.zw - vec2(radius));
    const float d = length(max(q, 0.0)) + min(max(q.x, q.y), 0.0) - radius;
    const float w = max(fwidth(d), 1e-6);
    coverage = clamp(0.5 - d / w, 0.0, 1.0);
  } else {
    const float d = texture(atlas, vUv).r;
    const float w = max(fwidth(d) * 0.7, 1e-4);
    // Blending in linear light thins dark text on light paper: move its edge outwards a little.
    const float ink = 1.0 - dot(vColor.rgb, vec3(0.299, 0.587, 0.114));
    const float edge = 0.5 - 0.05 * ink;
    coverage = smoothstep(edge - w, edge + w, d);
  }
  const float alpha = vColor.a * coverage;
  const vec3 rgb = kEncodeOutput ? vColor.rgb : srgbToLinear(vColor.rgb);
  outColor = vec4(rgb, alpha);
}
