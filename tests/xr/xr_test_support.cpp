// SPDX-License-Identifier: GPL-3.0-or-later
// The xr tests' painter, read-back and log capture (see xr_test_support.h).
#include "xr_test_support.h"

#include <overum/core/check.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include <overum/gfx/draw_list.h>
#include <overum/gfx/mesh.h>
#include <overum/gfx/renderer.h>
#include <overum/gfx/vk_check.h>
#include <overum/gfx/vk_resources.h>

#include <cstdlib>
#include <glm/gtc/matrix_transform.hpp>
#include <string_view>

#include "gpu_clear.h"

namespace overum::xr::test {
namespace {

bool isBgra(VkFormat f) { return f == VK_FORMAT_B8G8R8A8_SRGB || f == VK_FORMAT_B8G8R8A8_UNORM; }

constexpr std::uint32_t kMarker = 9;  // marker patch side, pixels (odd: it has a centre pixel)

// A unit cube's 6 faces with outward normals, counter-clockwise seen from outside.
gfx::MeshData cube(float size) {
  gfx::MeshData mesh;
  const float h = size * 0.5f;
  const glm::vec3 normals[6] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
  for (const glm::vec3& n : normals) {
    // Two axes spanning the face, chosen so (u x v) == n keeps the winding counter-clockwise.
    const glm::vec3 u = std::abs(n.y) > 0.5f ? glm::vec3(1, 0, 0) * n.y : glm::vec3(-n.z, 0, n.x);
    const glm::vec3 v = glm::cross(n, u);
    const auto base = static_cast<std::uint32_t>(mesh.vertices.size());
    const glm::vec2 corners[4] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    for (const glm::vec2& c : corners) mesh.vertices.push_back({(n + c.x * u + c.y * v) * h, n, 1.0f});
    for (std::uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) mesh.indices.push_back(base + i);
  }
  return mesh;
}

// OVERUM_XR_TEST_PAINTER=marker draws without gfx::Renderer, to tell an xr fault from a gfx one.
bool markerWanted() {
  const char* v = std::getenv("OVERUM_XR_TEST_PAINTER");
  return v != nullptr && std::string_view(v) == "marker";
}

}  // namespace

Blob foreground(const Rgba& image, int threshold) {
  Blob blob;
  if (image.pixels.empty()) return blob;
  const std::uint8_t* bg = image.at(0, 0);
  double sx = 0, sy = 0;
  for (std::uint32_t y = 0; y < image.height; ++y)
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.at(x, y);
      bool differs = false;
      for (int c = 0; c < 3; ++c) differs = differs || std::abs(int(p[c]) - int(bg[c])) > threshold;
      if (!differs) continue;
      ++blob.count;
      sx += x + 0.5;
      sy += y + 0.5;
    }
  if (blob.count) {
    blob.cx = sx / double(blob.count);
    blob.cy = sy / double(blob.count);
  }
  return blob;
}

glm::vec2 projectToPixels(const gfx::View& view, VkExtent2D extent, const glm::vec3& world) {
  const glm::vec4 clip = view.projection * view.viewFromWorld * glm::vec4(world, 1.0f);
  const glm::vec2 ndc = glm::vec2(clip) / clip.w;
  return {(ndc.x + 1.0f) * 0.5f * float(extent.width), (ndc.y + 1.0f) * 0.5f * float(extent.height)};
}

struct ScenePainter::Impl {
  gfx::Device& device;
  std::uint32_t viewCount;
  VkExtent2D extent;
  VkCommandPool pool = VK_NULL_HANDLE;
  gfx::Buffer marker;                       // host-visible
  std::unique_ptr<gfx::Renderer> renderer;  // null: the marker painter
  gfx::GpuGeometry geometry;
  gfx::DrawList scene;

  Impl(gfx::Device& d, std::uint32_t views, VkExtent2D e) : device(d), viewCount(views), extent(e) {
    VkCommandPoolCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
    info.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    info.queueFamilyIndex = d.queueFamily();
    OVERUM_VK(vkCreateCommandPool(d.device(), &info, nullptr, &pool));
    marker = gfx::Buffer(d, kMarker * kMarker * 4, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true);
    if (markerWanted()) return;
    renderer = std::make_unique<gfx::Renderer>(d, gfx::RendererConfig{views, e});
    const std::uint32_t box = geometry.add(cube(kBoxSize));
    geometry.upload(d);
    scene.geometry = &geometry;
    gfx::Material m;
    m.baseColor = {0.85f, 0.35f, 0.2f};
    scene.materials.push_back(m);
    gfx::Draw draw;
    draw.mesh = box;
    draw.material = 0;
    // Turned so three faces catch different light: shading shows, the silhouette stays centred.
    draw.T_world_object = glm::rotate(
        glm::rotate(glm::translate(glm::mat4(1.0f), kBoxCentre), 0.6f, glm::vec3(0, 1, 0)), 0.4f, glm::vec3(1, 0, 0));
    scene.draws.push_back(draw);
    scene.clearColor = {0.25f, 0.3f, 0.35f};
  }

  ~Impl() {
    renderer.reset();  // waits for its frames
    vkQueueWaitIdle(device.queue());
    marker = {};
    vkDestroyCommandPool(device.device(), pool, nullptr);
  }

  // Clear to a background colour, then copy an orange patch to where the box centre projects.
  void paintMarker(const HeadsetFrame& f) {
    const gfx::RenderTarget& t = f.target;
    auto* bytes = static_cast<std::uint8_t*>(marker.mapped());
    for (std::uint32_t i = 0; i < kMarker * kMarker; ++i) {
      const std::uint8_t rgba[4] = {255, 160, 0, 255};
      bytes[i * 4 + 0] = isBgra(t.format) ? rgba[2] : rgba[0];
      bytes[i * 4 + 1] = rgba[1];
      bytes[i * 4 + 2] = isBgra(t.format) ? rgba[0] : rgba[2];
      bytes[i * 4 + 3] = 255;
    }
    VkCommandBufferAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    alloc.commandPool = pool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    OVERUM_VK(vkAllocateCommandBuffers(device.device(), &alloc, &cmd));
    VkCommandBufferBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    vkBeginCommandBuffer(cmd, &begin);
    testing::recordClear(cmd, t.image, t.layers, VkClearColorValue{{0.05f, 0.07f, 0.1f, 1.0f}}, t.initialLayout,
                         VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL);
    for (std::uint32_t layer = 0; layer < t.layers && layer < f.views.size(); ++layer) {
      const glm::vec2 p = projectToPixels(f.views[layer], t.extent, kBoxCentre);
      const int half = int(kMarker / 2);
      const int x = std::clamp(int(std::floor(p.x)) - half, 0, int(t.extent.width) - int(kMarker));
      const int y = std::clamp(int(std::floor(p.y)) - half, 0, int(t.extent.height) - int(kMarker));
      VkBufferImageCopy region{};
      region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
      region.imageOffset = {x, y, 0};
      region.imageExtent = {kMarker, kMarker, 1};
      vkCmdCopyBufferToImage(cmd, marker.handle(), t.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    }
    gfx::imageBarrier(cmd, t.image, VK_IMAGE_ASPECT_COLOR_BIT, t.layers, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                      t.finalLayout, VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                      VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_ACCESS_2_MEMORY_READ_BIT | VK_ACCESS_2_MEMORY_WRITE_BIT);
    vkEndCommandBuffer(cmd);

    const VkPipelineStageFlags waitStage = VK_PIPELINE_STAGE_ALL_COMMANDS_BIT;
    VkSubmitInfo submit{};
    submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    submit.waitSemaphoreCount = f.sync.waitSemaphore ? 1 : 0;
    submit.pWaitSemaphores = &f.sync.waitSemaphore;
    submit.pWaitDstStageMask = &waitStage;
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &cmd;
    submit.signalSemaphoreCount = f.sync.signalSemaphore ? 1 : 0;
    submit.pSignalSemaphores = &f.sync.signalSemaphore;
    OVERUM_VK(vkQueueSubmit(device.queue(), 1, &submit, f.sync.fence));
    // Simple and safe for tests: the marker buffer and command buffer are reused next frame.
    vkQueueWaitIdle(device.queue());
    vkFreeCommandBuffers(device.device(), pool, 1, &cmd);
  }
};

ScenePainter::ScenePainter(gfx::Device& device, std::uint32_t viewCount, VkExtent2D extent)
    : impl_(std::make_unique<Impl>(device, viewCount, extent)) {}
ScenePainter::~ScenePainter() = default;

bool ScenePainter::usesRenderer() { return !markerWanted(); }

void ScenePainter::paint(const HeadsetFrame& frame) {
  OVERUM_CHECK(frame.shouldRender && frame.target.image != VK_NULL_HANDLE, "paint() on a frame with nothing to draw");
  if (impl_->renderer) impl_->renderer->render(frame.views, impl_->scene, frame.target, frame.sync);
  else impl_->paintMarker(frame);
}

void ScenePainter::resize(VkExtent2D extent) {
  impl_->extent = extent;
  if (impl_->renderer) impl_->renderer->resize(extent);
}

Rgba readLayer(const gfx::Device& device, VkImage image, VkFormat format, VkExtent2D extent, std::uint32_t layer,
               VkImageLayout layout) {
  return gfx::readbackImage(device, image, format, extent, layer, layout);
}

LogCapture::LogCapture() {
  log::setSink([this](log::Level, std::string_view tag, std::string_view message) {
    lines.push_back(std::string(tag) + ": " + std::string(message));
    std::fprintf(stderr, "%s\n", lines.back().c_str());
  });
}

LogCapture::~LogCapture() { log::setSink({}); }

bool LogCapture::contains(const std::string& line) const {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

}  // namespace overum::xr::test
