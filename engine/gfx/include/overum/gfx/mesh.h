// SPDX-License-Identifier: GPL-3.0-or-later
// Geometry and surface description on the CPU side: vertices with baked ambient occlusion, indexed
// meshes, and materials. GpuGeometry (draw_list.h) uploads meshes; the renderer reads materials.
#pragma once
#include <glm/glm.hpp>

#include <cstdint>
#include <vector>

namespace overum::gfx {

struct Vertex {
  glm::vec3 position{0.0f};  // object space, metres
  glm::vec3 normal{0.0f, 1.0f, 0.0f};
  float occlusion = 1.0f;  // baked ambient occlusion: 1 open, 0 fully occluded
  glm::vec3 color{1.0f};   // linear multiplier on the material's baseColor (skin, hair, clothes in one
                           // mesh); default white
  // Smooth skinning (a Draw with a skeleton): the position follows joints[0] by (1 - weight) and
  // joints[1] by weight, indices into the draw's joint matrices. Ignored by draws without one.
  std::uint16_t joints[2] = {0, 0};
  float weight = 0.0f;
};

struct MeshData {
  std::vector<Vertex> vertices;
  std::vector<std::uint32_t> indices;  // triangles, counter-clockwise seen from the front

  // Appends `other` with positions/normals transformed by T_this_other (rigid + uniform scale).
  void append(const MeshData& other, const glm::mat4& T_this_other = glm::mat4(1.0f));
  std::size_t triangleCount() const { return indices.size() / 3; }
};

// Procedural surface patterns the lit shader knows; they need no textures or UVs.
enum class Pattern : std::uint32_t {
  plain = 0,
  woodPlanks = 1,  // floor boards along world X, tinted by baseColor
  windowView = 2,  // sky gradient and a soft tree line seen through the pane (at infinity, so it has
                   // the right parallax in stereo), emissive: radiance = view * baseColor * emissive
                   // (emissive 0 counts as 1); for window panes
  paper = 3,       // faint printed lines, for documents on the table
};

struct Material {
  glm::vec3 baseColor{0.8f};  // sRGB 0..1, as picked in a paint program; the renderer linearises it
  float roughness = 0.7f;     // 0 mirror .. 1 matte; default satin-matte
  float emissive = 0.0f;      // self-lit radiance as a multiple of baseColor; default none
  float opacity = 1.0f;       // < 1 draws blended after opaque geometry (glass, water); default opaque
  Pattern pattern = Pattern::plain;
  bool twoSided = false;  // default: back faces culled
};

}  // namespace overum::gfx
