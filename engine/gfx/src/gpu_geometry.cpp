// SPDX-License-Identifier: GPL-3.0-or-later
// GpuGeometry: collects meshes, then uploads them through a staging buffer into two device-local buffers.
#include <overum/core/check.h>
#include <overum/gfx/draw_list.h>
#include <overum/gfx/vk_check.h>
#include <overum/gfx/vk_resources.h>

#include <algorithm>
#include <cstring>

namespace overum::gfx {

GpuGeometry::~GpuGeometry() { release(); }

std::uint32_t GpuGeometry::add(const MeshData& mesh) {
  OVERUM_CHECK(!uploaded(), "GpuGeometry::add after upload");
  MeshRange range;
  range.firstIndex = static_cast<std::uint32_t>(indices_.size());
  range.indexCount = static_cast<std::uint32_t>(mesh.indices.size());
  range.vertexOffset = static_cast<std::int32_t>(vertices_.size());
  if (!mesh.vertices.empty()) {
    glm::vec3 lo(mesh.vertices.front().position), hi(lo);
    for (const Vertex& v : mesh.vertices) {
      lo = glm::min(lo, v.position);
      hi = glm::max(hi, v.position);
    }
    range.centre = 0.5f * (lo + hi);
    for (const Vertex& v : mesh.vertices) {
      range.radius = std::max(range.radius, glm::length(v.position - range.centre));
      range.jointCount = std::max({range.jointCount, v.joints[0] + 1u, v.joints[1] + 1u});
    }
  }
  vertices_.insert(vertices_.end(), mesh.vertices.begin(), mesh.vertices.end());
  indices_.insert(indices_.end(), mesh.indices.begin(), mesh.indices.end());
  ranges_.push_back(range);
  return static_cast<std::uint32_t>(ranges_.size() - 1);
}

void GpuGeometry::upload(Device& device) {
  OVERUM_CHECK(!uploaded(), "GpuGeometry::upload twice");
  OVERUM_CHECK(!vertices_.empty() && !indices_.empty(), "GpuGeometry::upload with no meshes");
  const VkDeviceSize vertexBytes = vertices_.size() * sizeof(Vertex);
  const VkDeviceSize indexBytes = indices_.size() * sizeof(std::uint32_t);
  Buffer staging(device, vertexBytes + indexBytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true);
  std::memcpy(staging.mapped(), vertices_.data(), vertexBytes);
  std::memcpy(static_cast<char*>(staging.mapped()) + vertexBytes, indices_.data(), indexBytes);
  Buffer vertices(device, vertexBytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, false);
  Buffer indices(device, indexBytes, VK_BUFFER_USAGE_INDEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, false);
  device.runOneShot([&](VkCommandBuffer cmd) {
    const VkBufferCopy vertexCopy{0, 0, vertexBytes};
    vkCmdCopyBuffer(cmd, staging.handle(), vertices.handle(), 1, &vertexCopy);
    const VkBufferCopy indexCopy{vertexBytes, 0, indexBytes};
    vkCmdCopyBuffer(cmd, staging.handle(), indices.handle(), 1, &indexCopy);
  });
  device_ = &device;
  vertices.release(vertexBuffer_, vertexMemory_);
  indices.release(indexBuffer_, indexMemory_);
  vertices_.clear();
  vertices_.shrink_to_fit();
  indices_.clear();
  indices_.shrink_to_fit();
}

void GpuGeometry::release() {
  if (device_ == nullptr) return;
  const VkDevice d = device_->device();
  vkDestroyBuffer(d, vertexBuffer_, nullptr);
  vkDestroyBuffer(d, indexBuffer_, nullptr);
  vkFreeMemory(d, vertexMemory_, nullptr);
  vkFreeMemory(d, indexMemory_, nullptr);
  vertexBuffer_ = indexBuffer_ = VK_NULL_HANDLE;
  vertexMemory_ = indexMemory_ = VK_NULL_HANDLE;
  device_ = nullptr;
}

}  // namespace overum::gfx
