// SPDX-License-Identifier: GPL-3.0-or-later
// The generated figure's shape kit: every shape is a grid of vertices over two parameters, bound to one
// joint, with triangles wound counter-clockwise seen from outside (back faces are culled).
#include "figure_builder.h"

#include <cmath>
#define GLM_ENABLE_EXPERIMENTAL
#include <glm/gtc/constants.hpp>
#include <glm/gtx/quaternion.hpp>

namespace overum::avatar {
namespace {

float signedPow(float v, float e) { return std::copysign(std::pow(std::abs(v), e), v); }

}  // namespace

int FigureBuilder::joint(std::string name, std::string_view parent, glm::vec3 at) {
  const int p = parent.empty() ? -1 : model_.findJoint(parent);
  globalAt_[name] = at;
  Joint j;
  j.name = std::move(name);
  j.parent = p;
  j.translation = p < 0 ? at : at - globalAt_[model_.joints[std::size_t(p)].name];
  model_.joints.push_back(j);
  return int(model_.joints.size()) - 1;
}

std::uint16_t FigureBuilder::jointIndex(std::string_view jointName) const {
  return std::uint16_t(model_.findJoint(jointName));
}

void FigureBuilder::grid(std::uint32_t base, int rows, int columns) {
  // Which way round is outside: compare the grid's own orientation with the normals given, mid-grid,
  // where no pole makes a quad degenerate.
  const auto at = [&](int r, int c) { return base + std::uint32_t(r * (columns + 1) + c); };
  const int r = rows / 2, c = columns / 2;
  const AvatarVertex& v = model_.vertices[at(r, c)];
  const glm::vec3 across = glm::cross(model_.vertices[at(r + 1, c)].position - v.position,
                                      model_.vertices[at(r, c + 1)].position - v.position);
  const bool flip = glm::dot(across, v.normal) < 0.0f;
  for (int i = 0; i < rows; ++i)
    for (int k = 0; k < columns; ++k) {
      const std::uint32_t a = at(i, k), b = at(i + 1, k);
      if (flip) model_.indices.insert(model_.indices.end(), {a, a + 1, b, a + 1, b + 1, b});
      else model_.indices.insert(model_.indices.end(), {a, b, a + 1, a + 1, b, b + 1});
    }
}

void FigureBuilder::shape(std::string_view jointName, glm::vec3 centre, glm::vec3 radii, glm::vec3 color,
                          float exponent, int slices, int stacks, glm::quat orientation) {
  const std::uint16_t j = jointIndex(jointName);
  const std::uint32_t base = std::uint32_t(model_.vertices.size());
  for (int i = 0; i <= stacks; ++i) {
    const float v = glm::pi<float>() * float(i) / float(stacks);
    for (int k = 0; k <= slices; ++k) {
      const float u = glm::two_pi<float>() * float(k) / float(slices);
      const glm::vec3 n(std::sin(v) * std::sin(u), std::cos(v), std::sin(v) * std::cos(u));
      const glm::vec3 p(signedPow(n.x, exponent), signedPow(n.y, exponent), signedPow(n.z, exponent));
      glm::vec3 normal(signedPow(n.x, 2.0f - exponent) / radii.x, signedPow(n.y, 2.0f - exponent) / radii.y,
                       signedPow(n.z, 2.0f - exponent) / radii.z);
      normal = glm::length(normal) > 1e-6f ? glm::normalize(normal) : n;
      model_.vertices.push_back({centre + orientation * (p * radii), orientation * normal, color, j});
    }
  }
  // The poles make the middle test the only safe one, so the sphere keeps its known winding.
  for (int i = 0; i < stacks; ++i)
    for (int k = 0; k < slices; ++k) {
      const std::uint32_t a = base + std::uint32_t(i * (slices + 1) + k), b = a + std::uint32_t(slices + 1);
      model_.indices.insert(model_.indices.end(), {a, b, a + 1, a + 1, b, b + 1});
    }
}

void FigureBuilder::limb(std::string_view jointName, glm::vec3 from, glm::vec3 to, float radius, glm::vec3 color,
                         int slices, int stacks) {
  const glm::vec3 axis = to - from;
  const float length = glm::length(axis);
  const glm::quat orientation = glm::rotation(glm::vec3(0, 1, 0), axis / length);
  shape(jointName, (from + to) * 0.5f, {radius, length * 0.5f + radius * 0.6f, radius}, color, 0.8f, slices, stacks,
        orientation);
}

void FigureBuilder::ring(std::string_view jointName, glm::vec3 centre, glm::vec3 axis, float radius, float thickness,
                         glm::vec3 color, int segments, int sides) {
  const std::uint16_t j = jointIndex(jointName);
  const std::uint32_t base = std::uint32_t(model_.vertices.size());
  const glm::quat orientation = glm::rotation(glm::vec3(0, 1, 0), glm::normalize(axis));
  for (int i = 0; i <= sides; ++i) {
    const float tube = glm::two_pi<float>() * float(i) / float(sides);
    for (int k = 0; k <= segments; ++k) {
      const float around = glm::two_pi<float>() * float(k) / float(segments);
      const glm::vec3 out(std::sin(around), 0.0f, std::cos(around));
      const glm::vec3 normal = std::cos(tube) * out + std::sin(tube) * glm::vec3(0, 1, 0);
      model_.vertices.push_back(
          {centre + orientation * (radius * out + thickness * normal), orientation * normal, color, j});
    }
  }
  grid(base, sides, segments);
}

void FigureBuilder::hair(std::string_view jointName, const HairShell& shell, glm::vec3 color, int slices, int stacks) {
  const std::uint16_t j = jointIndex(jointName);
  const std::uint32_t base = std::uint32_t(model_.vertices.size());
  const auto point = [&](float u, float t) {
    const float top = shell.top(u), line = shell.hairline(u);
    const float v = top + (line - top) * t;
    const glm::vec3 n(std::sin(v) * std::sin(u), std::cos(v), std::sin(v) * std::cos(u));
    return shell.centre + n * shell.radii * (1.0f + shell.lift(u, v));
  };
  const float du = 1e-3f, dt = 1e-3f;
  for (int i = 0; i <= stacks; ++i) {
    const float t = float(i) / float(stacks);
    for (int k = 0; k <= slices; ++k) {
      const float u = glm::two_pi<float>() * float(k) / float(slices);
      const glm::vec3 p = point(u, t);
      // The normal from the surface itself, so curls and tufts catch the light; straight up at the crown.
      glm::vec3 normal = glm::cross(point(u, t + dt) - point(u, t - dt), point(u + du, t) - point(u - du, t));
      const glm::vec3 outward = p - shell.centre;
      if (glm::length(normal) < 1e-9f) normal = outward;
      normal = glm::normalize(normal);
      if (glm::dot(normal, outward) < 0.0f) normal = -normal;
      model_.vertices.push_back({p, normal, color, j});
    }
  }
  grid(base, stacks, slices);
}

void FigureBuilder::surface(std::string_view jointName, glm::vec3 centre, const std::function<glm::vec3(glm::vec3)>& at,
                            glm::vec3 color, int slices, int stacks) {
  const std::uint16_t j = jointIndex(jointName);
  const std::uint32_t base = std::uint32_t(model_.vertices.size());
  const auto point = [&](float u, float v) {
    return at({std::sin(v) * std::sin(u), std::cos(v), std::sin(v) * std::cos(u)});
  };
  const float e = 1e-3f;
  for (int i = 0; i <= stacks; ++i) {
    const float v = glm::pi<float>() * float(i) / float(stacks);
    for (int k = 0; k <= slices; ++k) {
      const float u = glm::two_pi<float>() * float(k) / float(slices);
      const glm::vec3 p = point(u, v);
      glm::vec3 normal = glm::cross(point(u, v + e) - point(u, v - e), point(u + e, v) - point(u - e, v));
      if (glm::length(normal) < 1e-12f) normal = p - centre;  // the poles
      normal = glm::normalize(normal);
      if (glm::dot(normal, p - centre) < 0.0f) normal = -normal;
      model_.vertices.push_back({p, normal, color, j});
    }
  }
  for (int i = 0; i < stacks; ++i)  // the sphere's winding, as in shape()
    for (int k = 0; k < slices; ++k) {
      const std::uint32_t a = base + std::uint32_t(i * (slices + 1) + k), b = a + std::uint32_t(slices + 1);
      model_.indices.insert(model_.indices.end(), {a, b, a + 1, a + 1, b, b + 1});
    }
}

void FigureBuilder::sheet(std::string_view jointName, const std::function<glm::vec3(float, float)>& at,
                          glm::vec3 facing, glm::vec3 color, int rows, int columns) {
  const std::uint16_t j = jointIndex(jointName);
  const std::uint32_t base = std::uint32_t(model_.vertices.size());
  const float e = 1e-3f;
  for (int i = 0; i <= rows; ++i)
    for (int k = 0; k <= columns; ++k) {
      const float v = float(i) / float(rows), u = float(k) / float(columns);
      glm::vec3 normal = glm::cross(at(u + e, v) - at(u - e, v), at(u, v + e) - at(u, v - e));
      normal = glm::length(normal) > 1e-12f ? glm::normalize(normal) : facing;
      if (glm::dot(normal, facing) < 0.0f) normal = -normal;
      model_.vertices.push_back({at(u, v), normal, color, j});
    }
  grid(base, rows, columns);
}

void FigureBuilder::bend(std::string_view from, std::string_view to, glm::vec3 at, glm::vec3 towards, float halfWidth,
                         float reach) {
  const std::uint16_t a = jointIndex(from), b = jointIndex(to);
  for (AvatarVertex& v : model_.vertices) {
    const float distance = glm::length(v.position - at);
    if (v.joint != a || v.blend > 0.0f || distance > reach) continue;
    v.blendJoint = b;
    v.blend = glm::smoothstep(-halfWidth, halfWidth, glm::dot(v.position - at, towards)) *
              (1.0f - glm::smoothstep(0.8f * reach, reach, distance));
  }
}

}  // namespace overum::avatar
