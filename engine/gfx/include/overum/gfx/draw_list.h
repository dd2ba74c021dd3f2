// SPDX-License-Identifier: GPL-3.0-or-later
// What the renderer draws: meshes uploaded once into shared GPU buffers (GpuGeometry), and a list of
// draws referencing them with a material and a T_world_object each, plus the scene's lighting.
#pragma once
#include <overum/gfx/device.h>
#include <overum/gfx/mesh.h>

#include <cstdint>
#include <vector>

namespace overum::gfx {

struct MeshRange {
  std::uint32_t firstIndex = 0;
  std::uint32_t indexCount = 0;
  std::int32_t vertexOffset = 0;
  glm::vec3 centre{0.0f};        // object space, middle of the bounding box: sorts transparent draws
  float radius = 0.0f;           // object space, bounding sphere around centre: frustum culling
  std::uint32_t jointCount = 0;  // a skinned draw of it uses this many joints (the largest index + 1)
};

// All meshes of a scene in one vertex and one index buffer, so a frame binds them once.
class GpuGeometry {
 public:
  GpuGeometry() = default;
  ~GpuGeometry();
  GpuGeometry(const GpuGeometry&) = delete;
  GpuGeometry& operator=(const GpuGeometry&) = delete;

  std::uint32_t add(const MeshData& mesh);  // before upload(); returns the mesh id
  void upload(Device& device);              // copies everything to device-local buffers; once
  bool uploaded() const { return vertexBuffer_ != VK_NULL_HANDLE; }

  const MeshRange& range(std::uint32_t mesh) const { return ranges_.at(mesh); }
  VkBuffer vertexBuffer() const { return vertexBuffer_; }
  VkBuffer indexBuffer() const { return indexBuffer_; }

 private:
  void release();
  Device* device_ = nullptr;
  std::vector<Vertex> vertices_;
  std::vector<std::uint32_t> indices_;
  std::vector<MeshRange> ranges_;
  VkBuffer vertexBuffer_ = VK_NULL_HANDLE;
  VkBuffer indexBuffer_ = VK_NULL_HANDLE;
  VkDeviceMemory vertexMemory_ = VK_NULL_HANDLE;
  VkDeviceMemory indexMemory_ = VK_NULL_HANDLE;
};

// Daylight model of the lit shader: one soft directional light plus a sky/ground hemisphere.
struct Lighting {
  // Unit, world, pointing at the sun; default from the left (-X), high, a little behind the viewer (+Z).
  glm::vec3 towardsSun = glm::normalize(glm::vec3(-0.6f, 0.55f, 0.3f));
  glm::vec3 sunColor{2.2f, 2.1f, 1.95f};       // linear radiance; default soft, slightly warm daylight
  glm::vec3 skyColor{0.75f, 0.80f, 0.88f};     // linear ambient from above; default pale overcast sky
  glm::vec3 groundColor{0.50f, 0.45f, 0.40f};  // linear ambient from below; default warm bounce off floor and walls
  float exposure = 1.0f;                       // multiplies radiance before tone mapping; default 1
};

struct Draw {
  std::uint32_t mesh = 0;          // id from GpuGeometry::add
  std::uint32_t material = 0;      // index into DrawList::materials
  glm::mat4 T_world_object{1.0f};  // rigid (plus uniform scale)
  // A skinned mesh (a character): its vertices' joints index DrawList::joints from here on; -1 none.
  std::int32_t firstJoint = -1;
};

// How far a skinned mesh's animation may carry its vertices from their rest pose (metres): its
// bounding sphere grows by this much for culling.
inline constexpr float kSkinnedReach = 0.5f;

class DrawList {
 public:
  const GpuGeometry* geometry = nullptr;  // must be uploaded; outlives the frame
  std::vector<Material> materials;
  std::vector<Draw> draws;
  // Skinning matrices of the skinned draws, object from rest-pose object space: per joint, its
  // animated pose times the inverse of its rest pose.
  std::vector<glm::mat4> joints;
  Lighting lighting;
  glm::vec3 clearColor{0.8f, 0.8f, 0.8f};  // sRGB; seen only where nothing is drawn
};

}  // namespace overum::gfx
