// Lit surface: a soft sun (wrapped diffuse, visibility from the baked occlusion) plus a sky/ground
// hemisphere, a little specular, the procedural patterns of gfx::Pattern, and filmic tone mapping.
// All maths is in linear light; the sRGB colour attachment encodes on store. The quality tier's
// shading (gfx::Shading, specialisation constant 0) removes whole parts per pipeline: `simple` is lit
// per vertex in lit.vert (sun, sky/ground light, baked occlusion; no patterns, specular or
// reflections) and only tone-mapped here; `unlit` (the benchmark's trivial shader) writes the base colour.
//
// Sections: noise · patterns · lighting · main
#version 450
#extension GL_EXT_multiview : require
#include "frame.glsl"

layout(location = 0) in vec3 vWorldPos;
layout(location = 1) in vec3 vNormal;
layout(location = 2) in float vOcclusion;
layout(location = 3) in vec3 vColor;

layout(location = 0) out vec4 outColor;

const uint kPlain = 0u;
const uint kWoodPlanks = 1u;
const uint kWindowView = 2u;
const uint kPaper = 3u;

// gfx::Shading; fixed when the pipeline is made, so the branches below cost nothing at run time.
layout(constant_id = 0) const uint kShading = 2u;
// gfx::Pattern, fixed per pipeline too (255: read it from the draw's constants instead). A software
// rasteriser runs every branch for every pixel; this keeps the patterns off the pixels without them.
layout(constant_id = 1) const uint kPattern = 255u;
const uint kUnlit = 0u;
const uint kSimple = 1u;

// ---- noise (value noise on a sine hash: cheap, stable enough in 32-bit floats for these scales) --
float hash11(float n) { return fract(sin(n * 127.1) * 43758.5453); }
float hash21(vec2 p) { return fract(sin(dot(p, vec2(127.1, 311.7))) * 43758.5453); }

float noise1(float x) {
  const float i = floor(x), f = fract(x);
  return mix(hash11(i), hash11(i + 1.0), f * f * (3.0 - 2.0 * f));
}

float noise2(vec2 p) {
  const vec2 i = floor(p), f = fract(p);
  const vec2 u = f * f * (3.0 - 2.0 * f);
  return mix(mix(hash21(i), hash21(i + vec2(1, 0)), u.x), mix(hash21(i + vec2(0, 1)), hash21(i + vec2(1, 1)), u.x), u.y);
}

// ---- patterns ------------------------------------------------------------------------------
// Floor boards 14 cm wide running along world X, staggered ends, per-board tint and grain.
vec3 woodPlanks(vec3 base, vec3 p) {
  const float across = p.z / 0.14;
  const float row = floor(across), v = fract(across);
  const float along = (p.x + hash11(row * 3.1) * 1.3) / 1.3;
  const float col = floor(along), u = fract(along);
  const float id = hash21(vec2(row, col));
  vec3 c = base * mix(0.84, 1.12, id);
  c *= mix(0.90, 1.06, noise2(vec2(p.x * 2.5 + id * 17.0, p.z * 110.0)));  // fine grain along the board
  c *= mix(0.94, 1.04, noise2(vec2(p.x * 0.7 + id * 5.0, p.z * 20.0)));   // broad figure
  // Seams widen with the pixel footprint so distant boards do not shimmer.
  const float fwV = max(fwidth(across), 1e-4), fwU = max(fwidth(along), 1e-4);
  const float seamV = smoothstep(0.0, max(0.03, fwV), v) * smoothstep(0.0, max(0.03, fwV), 1.0 - v);
  const float seamU = smoothstep(0.0, max(0.004, fwU), u) * smoothstep(0.0, max(0.004, fwU), 1.0 - u);
  return c * mix(0.6, 1.0, seamV * seamU);
}

// The view through a window: sky gradient and a soft tree line, looked up by the eye's direction so
// it sits at infinity (correct parallax for each eye).
vec3 windowView(vec3 p) {
  const vec3 dir = normalize(p - frame.eye[gl_ViewIndex].xyz);
  const float e = dir.y;
  const float a = atan(dir.x, -dir.z);
  const vec3 zenith = vec3(0.42, 0.60, 0.95);
  const vec3 horizon = vec3(1.25, 1.32, 1.40);
  vec3 sky = mix(horizon, zenith, smoothstep(0.0, 0.7, e));
  sky = mix(sky, vec3(1.35), 0.25 * smoothstep(0.55, 0.8, noise2(vec2(a * 6.0, e * 14.0))));  // soft clouds
  // Tree line: a slow rolling band plus round crowns of random size in two staggered rows.
  float crown = 0.0;
  for (int row = 0; row < 2; ++row) {
    const float at = a * (row == 0 ? 38.0 : 23.0) + float(row) * 0.37;
    const float id = floor(at) + float(row) * 101.0, x = fract(at) * 2.0 - 1.0;
    const float size = hash11(id + 0.5);
    crown = max(crown, sqrt(max(1.0 - x * x, 0.0)) * (0.008 + 0.03 * size) - 0.025 * float(row) * (1.0 - size));
  }
  const float treeTop = 0.045 + 0.05 * noise1(a * 5.0) + 0.02 * noise1(a * 17.0) + crown;
  const float fw = max(fwidth(e), 1e-4);
  const float inTrees = smoothstep(treeTop + 0.004 + fw, treeTop - 0.004 - fw, e);
  // Foliage: a few octaves of noise, lit from above (lighter towards the crown tops).
  const vec2 q = vec2(a, e) * 120.0;
  const float leaves = 0.5 * noise2(q) + 0.3 * noise2(q * 2.3 + 7.0) + 0.2 * noise2(q * 5.1 + 3.0);
  const float height = clamp((e + 0.05) / max(treeTop + 0.05, 0.01), 0.0, 1.0);
  const vec3 trees = vec3(0.10, 0.17, 0.07) * mix(0.6, 1.35, leaves) * mix(0.75, 1.25, height);
  const vec3 lawn = vec3(0.26, 0.34, 0.15) * mix(0.9, 1.1, noise2(q * 0.5));
  const vec3 land = mix(trees, lawn, smoothstep(-0.04, -0.08, e));
  return mix(sky, land, inTrees);
}

// The simple shading's view through a window: the sky's gradient over a plain tree line (one rolling
// band, no noise, no crowns) and the lawn.
vec3 windowViewSimple(vec3 p) {
  const vec3 dir = normalize(p - frame.eye[gl_ViewIndex].xyz);
  const float e = dir.y;
  const float a = atan(dir.x, -dir.z);
  const vec3 sky = mix(vec3(1.25, 1.32, 1.40), vec3(0.42, 0.60, 0.95), smoothstep(0.0, 0.7, e));
  const float treeTop = 0.07 + 0.02 * sin(a * 5.0) + 0.012 * sin(a * 37.0);
  const vec3 land = mix(vec3(0.11, 0.18, 0.08), vec3(0.26, 0.34, 0.15), smoothstep(-0.04, -0.08, e));
  return mix(sky, land, step(e, treeTop));
}

// Faint printed lines (7 mm apart, broken into words) for documents; they fade out with distance
// where they would only alias.
vec3 paper(vec3 base, vec3 p, vec3 n) {
  const vec3 t = abs(n.y) > 0.5 ? vec3(1, 0, 0) : normalize(cross(vec3(0, 1, 0), n));
  const vec2 uv = abs(n.y) > 0.5 ? p.xz : vec2(dot(p, t), -p.y);
  const float line = uv.y / 0.007;
  const float row = floor(line), f = fract(line);
  const float band = smoothstep(0.3, 0.4, f) * smoothstep(0.7, 0.6, f);
  const float wx = uv.x / 0.014 + hash11(row) * 7.0;
  const float word = step(0.25, hash21(vec2(floor(wx), row))) * smoothstep(0.0, 0.2, fract(wx)) *
                     smoothstep(1.0, 0.8, fract(wx));
  const float rowOn = step(0.2, hash11(row * 1.7 + 0.3));
  const float detail = 1.0 - smoothstep(0.2, 0.6, fwidth(line));
  const float ink = mix(0.05, 0.45 * band * word * rowOn, detail);
  return base * (1.0 - ink);
}

// ---- lighting ------------------------------------------------------------------------------
// Narkowicz's ACES fit with a 0.6 pre-exposure: near identity for mid-grey, soft roll-off for highlights.
vec3 toneMap(vec3 x) {
  x *= 0.6;
  return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
}

void main() {
  const uint pattern = kPattern == 255u ? uint(draw.params.z + 0.5) : kPattern;
  const float roughness = clamp(draw.params.x, 0.03, 1.0);
  const float emissive = draw.params.y;
  vec3 base = draw.baseColor.rgb * vColor;
  float opacity = draw.baseColor.a;

  if (kShading == kUnlit) {
    outColor = vec4(base, opacity);
    return;
  }

  vec3 n = normalize(vNormal);
  if (!gl_FrontFacing) n = -n;  // two-sided materials light their back faces as fronts

  vec3 radiance;
  if (kShading == kSimple) {
    radiance = base;  // lit per vertex (lit.vert): vColor already holds the light
    if (pattern == kWindowView) radiance *= windowViewSimple(vWorldPos);
  } else if (pattern == kWindowView) {
    radiance = windowView(vWorldPos) * base * (emissive > 0.0 ? emissive : 1.0);
  } else {
    if (pattern == kWoodPlanks) base = woodPlanks(base, vWorldPos);
    else if (pattern == kPaper) base = paper(base, vWorldPos, n);

    const vec3 l = frame.towardsSun.xyz;
    const vec3 v = normalize(frame.eye[gl_ViewIndex].xyz - vWorldPos);
    const float occlusion = clamp(vOcclusion, 0.0, 1.0);
    // Baked occlusion also stands in for soft shadowing of the sun: corners, under the table.
    const float sunVisibility = clamp(occlusion * 1.4 - 0.4, 0.15, 1.0);
    // Wrapped diffuse: light bleeds past the terminator like under an overcast sky.
    const float wrap = 0.35;
    const float diffuse = max((dot(n, l) + wrap) / (1.0 + wrap), 0.0) / (1.0 + wrap);
    const vec3 hemisphere = mix(frame.groundColor.rgb, frame.skyColor.rgb, 0.5 + 0.5 * n.y);

    // Normalised Blinn-Phong with Schlick Fresnel (F0 = 0.04, dielectrics only).
    const vec3 h = normalize(l + v);
    const float shininess = clamp(2.0 / (roughness * roughness * roughness * roughness) - 2.0, 1.0, 2048.0);
    const float fresnel = 0.04 + 0.96 * pow(1.0 - clamp(dot(v, h), 0.0, 1.0), 5.0);
    const float nDotL = max(dot(n, l), 0.0);
    const float specular = fresnel * (shininess + 8.0) / 25.1327 * pow(max(dot(n, h), 0.0), shininess) * nDotL;

    // The sky and the floor mirrored in glossy surfaces, strongest at grazing angles (Fresnel).
    const vec3 r = reflect(-v, n);
    const float gloss = (1.0 - roughness) * (1.0 - roughness);
    const float fresnelView = (0.04 + 0.96 * pow(1.0 - clamp(dot(n, v), 0.0, 1.0), 5.0)) * gloss;
    const vec3 reflection = mix(frame.groundColor.rgb, frame.skyColor.rgb, smoothstep(-0.3, 0.3, r.y)) * fresnelView;

    radiance = base * (frame.sunColor.rgb * diffuse * sunVisibility + hemisphere * occlusion) +
               frame.sunColor.rgb * specular * sunVisibility + reflection * occlusion + base * emissive;
    // Glass shows its highlights and reflections even where it is almost clear.
    opacity = clamp(opacity + (1.0 - opacity) * fresnelView + specular * 0.5, 0.0, 1.0);
  }

  outColor = vec4(toneMap(radiance * frame.sunColor.w), opacity);
}
