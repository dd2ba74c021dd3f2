// SPDX-License-Identifier: GPL-3.0-or-later
// Small geometry and camera helpers shared by the renderer tests and the gfx benchmark.
#pragma once
#include <overum/core/pose.h>
#include <overum/gfx/draw_list.h>
#include <overum/gfx/readback.h>
#include <overum/gfx/render_target.h>

#include <cmath>
#include <cstdint>
#include <glm/gtc/matrix_transform.hpp>

namespace overum::gfx::test {

// A quad in the XY plane facing +Z, centred on the origin, counter-clockwise seen from +Z.
inline MeshData quad(float halfWidth, float halfHeight) {
  MeshData m;
  const glm::vec3 n(0, 0, 1);
  m.vertices = {{{-halfWidth, -halfHeight, 0}, n},
                {{halfWidth, -halfHeight, 0}, n},
                {{halfWidth, halfHeight, 0}, n},
                {{-halfWidth, halfHeight, 0}, n}};
  m.indices = {0, 1, 2, 0, 2, 3};
  return m;
}

// An axis-aligned box with outward normals, each face counter-clockwise seen from outside.
inline MeshData box(glm::vec3 half) {
  MeshData m;
  auto face = [&](glm::vec3 n, glm::vec3 u, glm::vec3 v) {  // u x v == n
    const auto base = static_cast<std::uint32_t>(m.vertices.size());
    const glm::vec3 c = n * half;
    const glm::vec3 du = u * half, dv = v * half;
    for (glm::vec3 p : {c - du - dv, c + du - dv, c + du + dv, c - du + dv}) m.vertices.push_back({p, n});
    for (std::uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) m.indices.push_back(base + i);
  };
  face({1, 0, 0}, {0, 0, -1}, {0, 1, 0});
  face({-1, 0, 0}, {0, 0, 1}, {0, 1, 0});
  face({0, 1, 0}, {1, 0, 0}, {0, 0, -1});
  face({0, -1, 0}, {1, 0, 0}, {0, 0, 1});
  face({0, 0, 1}, {1, 0, 0}, {0, 1, 0});
  face({0, 0, -1}, {-1, 0, 0}, {0, 1, 0});
  return m;
}

// A UV sphere: many triangles from one small function (benchmark filler).
inline MeshData sphere(float radius, int slices, int stacks) {
  MeshData m;
  for (int j = 0; j <= stacks; ++j) {
    const float phi = 3.14159265f * float(j) / float(stacks);
    for (int i = 0; i <= slices; ++i) {
      const float theta = 6.2831853f * float(i) / float(slices);
      const glm::vec3 n(std::sin(phi) * std::cos(theta), std::cos(phi), -std::sin(phi) * std::sin(theta));
      m.vertices.push_back({n * radius, n, 0.6f + 0.4f * (0.5f + 0.5f * n.y)});
    }
  }
  const auto row = static_cast<std::uint32_t>(slices + 1);
  for (int j = 0; j < stacks; ++j)
    for (int i = 0; i < slices; ++i) {
      const std::uint32_t a = std::uint32_t(j) * row + std::uint32_t(i), b = a + row;
      m.indices.insert(m.indices.end(), {a, b, a + 1, a + 1, b, b + 1});
    }
  return m;
}

inline glm::mat4 translate(glm::vec3 t) { return glm::translate(glm::mat4(1.0f), t); }

// A view from `eye` looking down -Z, symmetric vertical field of view.
inline View viewFrom(glm::vec3 eye, float verticalFovRadians, float aspect, float nearZ = 0.05f, float farZ = 50.0f) {
  View v;
  v.viewFromWorld = glm::inverse(translate(eye));
  v.projection = projectionFromFov(symmetricFov(verticalFovRadians, aspect), nearZ, farZ);
  return v;
}

inline bool near(const std::uint8_t* px, int r, int g, int b, int tolerance) {
  return std::abs(px[0] - r) <= tolerance && std::abs(px[1] - g) <= tolerance && std::abs(px[2] - b) <= tolerance;
}

}  // namespace overum::gfx::test
