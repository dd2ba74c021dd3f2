// SPDX-License-Identifier: GPL-3.0-or-later
// Procedural meshes. Each face gets its own vertices where the surface has a crease (box faces,
// cylinder caps) so lighting shows the edge; smooth surfaces share vertices.
#include <overum/scene/shapes.h>

#include <cmath>
#include <glm/gtc/constants.hpp>

namespace overum::scene {
namespace {

void quad(gfx::MeshData& m, glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 d, glm::vec3 normal) {
  const auto base = std::uint32_t(m.vertices.size());
  for (glm::vec3 p : {a, b, c, d}) m.vertices.push_back({p, normal, 1.0f});
  m.indices.insert(m.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
}

// A fan cap at height y; facing up (+Y) or down.
void cap(gfx::MeshData& m, float radius, float y, int segments, bool up) {
  const auto centre = std::uint32_t(m.vertices.size());
  const glm::vec3 normal(0, up ? 1.0f : -1.0f, 0);
  m.vertices.push_back({{0, y, 0}, normal, 1.0f});
  for (int i = 0; i <= segments; ++i) {
    const float a = glm::two_pi<float>() * float(i) / float(segments);
    m.vertices.push_back({{radius * std::sin(a), y, radius * std::cos(a)}, normal, 1.0f});
  }
  for (int i = 0; i < segments; ++i) {
    const std::uint32_t a = centre + 1 + std::uint32_t(i), b = a + 1;
    if (up) m.indices.insert(m.indices.end(), {centre, a, b});
    else m.indices.insert(m.indices.end(), {centre, b, a});
  }
}

}  // namespace

gfx::MeshData box(glm::vec3 h) {
  gfx::MeshData m;
  quad(m, {-h.x, -h.y, h.z}, {h.x, -h.y, h.z}, {h.x, h.y, h.z}, {-h.x, h.y, h.z}, {0, 0, 1});
  quad(m, {h.x, -h.y, -h.z}, {-h.x, -h.y, -h.z}, {-h.x, h.y, -h.z}, {h.x, h.y, -h.z}, {0, 0, -1});
  quad(m, {h.x, -h.y, h.z}, {h.x, -h.y, -h.z}, {h.x, h.y, -h.z}, {h.x, h.y, h.z}, {1, 0, 0});
  quad(m, {-h.x, -h.y, -h.z}, {-h.x, -h.y, h.z}, {-h.x, h.y, h.z}, {-h.x, h.y, -h.z}, {-1, 0, 0});
  quad(m, {-h.x, h.y, h.z}, {h.x, h.y, h.z}, {h.x, h.y, -h.z}, {-h.x, h.y, -h.z}, {0, 1, 0});
  quad(m, {-h.x, -h.y, -h.z}, {h.x, -h.y, -h.z}, {h.x, -h.y, h.z}, {-h.x, -h.y, h.z}, {0, -1, 0});
  return m;
}

gfx::MeshData cylinder(float radius, float height, int segments) {
  gfx::MeshData m = lathe({{radius, 0.0f}, {radius, height}}, segments);
  cap(m, radius, height, segments, true);
  cap(m, radius, 0.0f, segments, false);
  return m;
}

gfx::MeshData lathe(const std::vector<glm::vec2>& profile, int segments) {
  gfx::MeshData m;
  const int rings = int(profile.size());
  for (int r = 0; r < rings; ++r) {
    // The profile's slope gives the normal; ends use their one neighbour.
    const glm::vec2 before = profile[std::size_t(std::max(r - 1, 0))];
    const glm::vec2 after = profile[std::size_t(std::min(r + 1, rings - 1))];
    const glm::vec2 tangent = after - before;
    glm::vec2 n2(tangent.y, -tangent.x);  // outward for a profile going up
    n2 = glm::length(n2) > 1e-6f ? glm::normalize(n2) : glm::vec2(1, 0);
    for (int i = 0; i <= segments; ++i) {
      const float a = glm::two_pi<float>() * float(i) / float(segments);
      const float s = std::sin(a), c = std::cos(a);
      const glm::vec2 p = profile[std::size_t(r)];
      m.vertices.push_back({{p.x * s, p.y, p.x * c}, {n2.x * s, n2.y, n2.x * c}, 1.0f});
    }
  }
  for (int r = 0; r + 1 < rings; ++r)
    for (int i = 0; i < segments; ++i) {
      const std::uint32_t a = std::uint32_t(r * (segments + 1) + i), b = a + std::uint32_t(segments + 1);
      m.indices.insert(m.indices.end(), {a, a + 1, b + 1, a, b + 1, b});
    }
  return m;
}

gfx::MeshData ellipsoid(glm::vec3 radii, int slices, int stacks) {
  gfx::MeshData m;
  for (int i = 0; i <= stacks; ++i) {
    const float v = glm::pi<float>() * float(i) / float(stacks);
    for (int k = 0; k <= slices; ++k) {
      const float u = glm::two_pi<float>() * float(k) / float(slices);
      const glm::vec3 unit(std::sin(v) * std::sin(u), std::cos(v), std::sin(v) * std::cos(u));
      m.vertices.push_back({unit * radii, glm::normalize(unit / radii), 1.0f});
    }
  }
  for (int i = 0; i < stacks; ++i)
    for (int k = 0; k < slices; ++k) {
      const std::uint32_t a = std::uint32_t(i * (slices + 1) + k), b = a + std::uint32_t(slices + 1);
      m.indices.insert(m.indices.end(), {a, b, a + 1, a + 1, b, b + 1});
    }
  return m;
}

gfx::MeshData grid(glm::vec2 size, glm::ivec2 cells) {
  gfx::MeshData m;
  for (int z = 0; z <= cells.y; ++z)
    for (int x = 0; x <= cells.x; ++x)
      m.vertices.push_back(
          {{size.x * (float(x) / float(cells.x) - 0.5f), 0.0f, size.y * (float(z) / float(cells.y) - 0.5f)},
           {0, 1, 0},
           1.0f});
  for (int z = 0; z < cells.y; ++z)
    for (int x = 0; x < cells.x; ++x) {
      const std::uint32_t a = std::uint32_t(z * (cells.x + 1) + x), b = a + std::uint32_t(cells.x + 1);
      m.indices.insert(m.indices.end(), {a, b, b + 1, a, b + 1, a + 1});
    }
  return m;
}

}  // namespace overum::scene
