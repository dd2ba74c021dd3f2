// SPDX-License-Identifier: GPL-3.0-or-later
// MeshData::append: merging transformed parts into one mesh keeps draw calls low.
#include <overum/gfx/mesh.h>

namespace overum::gfx {

void MeshData::append(const MeshData& other, const glm::mat4& T_this_other) {
  const auto base = static_cast<std::uint32_t>(vertices.size());
  const glm::mat3 rotation = glm::mat3(T_this_other);
  vertices.reserve(vertices.size() + other.vertices.size());
  for (const Vertex& v : other.vertices) {
    Vertex out = v;
    out.position = glm::vec3(T_this_other * glm::vec4(v.position, 1.0f));
    out.normal = glm::normalize(rotation * v.normal);
    vertices.push_back(out);
  }
  indices.reserve(indices.size() + other.indices.size());
  for (std::uint32_t i : other.indices) indices.push_back(base + i);
}

}  // namespace overum::gfx
