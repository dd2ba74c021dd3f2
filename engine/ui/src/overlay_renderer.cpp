// SPDX-License-Identifier: GPL-3.0-or-later
// OverlayRenderer: uploads the font atlas once, then per frame lays the overlay out, writes the quads
// into the frame slot's host-visible vertex buffer and draws them with LOAD_OP_LOAD over the target.
//
// Sections: Vulkan helpers · Impl (set-up, pipeline, atlas upload) · recording a frame
//           · OverlayRenderer API
#include <overum/core/check.h>
#include <overum/core/clock.h>
#include <overum/gfx/frame_ring.h>
#include <overum/gfx/pipeline_state.h>
#include <overum/gfx/vk_check.h>
#include <overum/gfx/vk_resources.h>
#include <overum/ui/overlay_renderer.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <utility>
#include <vector>

namespace overum::ui {
namespace {

// SPIR-V words generated at build time by glslc -mfmt=c (see engine/ui/CMakeLists.txt).
constexpr std::uint32_t kOverlayVert[] =
#include "overlay.vert.inc"
    ;
constexpr std::uint32_t kOverlayFrag[] =
#include "overlay.frag.inc"
    ;

// ---- Vulkan helpers -------------------------------------------------------------------------------

using gfx::Buffer;
using gfx::Image;
using gfx::ImageBarriers;
using gfx::vkStruct;

bool isSrgb(VkFormat f) {
  return f == VK_FORMAT_R8G8B8A8_SRGB || f == VK_FORMAT_B8G8R8A8_SRGB || f == VK_FORMAT_A8B8G8R8_SRGB_PACK32;
}

constexpr VkPipelineStageFlags2 kColorStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
constexpr VkAccessFlags2 kColorRW = VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
constexpr VkPipelineStageFlags2 kTransfer = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
constexpr VkPipelineStageFlags2 kAll = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
constexpr VkAccessFlags2 kMemoryRW = VK_ACCESS_2_MEMORY_READ_BIT | VK_ACCESS_2_MEMORY_WRITE_BIT;

// Quads that fit in the shared index buffer: far more than any overlay (a full cue card is ~2000).
constexpr std::uint32_t kMaxQuads = 32768;

struct Push {
  glm::mat4 clipFromWorld[2];
};
static_assert(sizeof(Push) == 128, "inside the 128 bytes of push constants every device offers");

}  // namespace

// ---- Impl: set-up, pipeline, atlas upload -----------------------------------------------------------

struct OverlayRenderer::Impl {
  struct FrameSlot {                          // beside the ring's slot of the same index
    Buffer vertices;                          // host-visible, grows by doubling
    VkImageView targetView = VK_NULL_HANDLE;  // view of the last target drawn directly; freed on reuse
  };

  gfx::Device& device;
  VkFormat format;
  std::uint32_t viewCount;
  OverlayRendererConfig config;
  FontAtlas atlas;

  Image atlasImage;
  VkSampler sampler = VK_NULL_HANDLE;
  Buffer indices;
  Image scratch;  // only when !config.drawDirectly
  gfx::ShaderLayout shaders{device};
  VkDescriptorSet set = VK_NULL_HANDLE;
  VkPipeline pipeline = VK_NULL_HANDLE;
  std::vector<FrameSlot> frames;
  gfx::FrameRing ring{device};

  OverlayMesh mesh;
  OverlayStats stats;

  Impl(gfx::Device& d, VkFormat f, std::uint32_t v, const OverlayRendererConfig& c)
      : device(d), format(f), viewCount(v), config(c), atlas(c.font) {}
  ~Impl();
  void init();
  void uploadAtlas();
  void createPipeline();
  void record(VkCommandBuffer cmd, FrameSlot& slot, std::span<const gfx::View> views, const gfx::RenderTarget& target);
};

OverlayRenderer::Impl::~Impl() {
  const VkDevice d = device.device();
  ring.drain();  // the GPU may still use everything below
  for (FrameSlot& f : frames)
    if (f.targetView != VK_NULL_HANDLE) vkDestroyImageView(d, f.targetView, nullptr);
  if (pipeline != VK_NULL_HANDLE) vkDestroyPipeline(d, pipeline, nullptr);
  if (sampler != VK_NULL_HANDLE) vkDestroySampler(d, sampler, nullptr);
}

void OverlayRenderer::Impl::init() {
  OVERUM_CHECK(viewCount == 1 || viewCount == 2, "OverlayRenderer viewCount {} (1 or 2)", viewCount);
  OVERUM_CHECK(config.framesInFlight >= 1 && config.framesInFlight <= 4, "OverlayRenderer framesInFlight {} (1..4)",
               config.framesInFlight);
  uploadAtlas();

  // One index buffer for every frame: quads are always 0-1-2, 0-2-3.
  indices = Buffer(device, VkDeviceSize(kMaxQuads) * 6 * sizeof(std::uint32_t), VK_BUFFER_USAGE_INDEX_BUFFER_BIT, true);
  auto* index = static_cast<std::uint32_t*>(indices.mapped());
  for (std::uint32_t q = 0; q < kMaxQuads; ++q)
    for (std::uint32_t corner : {0u, 1u, 2u, 0u, 2u, 3u}) *index++ = q * 4 + corner;

  createPipeline();

  ring.init(config.framesInFlight);
  frames.resize(config.framesInFlight);
  for (FrameSlot& f : frames)
    f.vertices = Buffer(device, 4096 * 4 * sizeof(OverlayVertex), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, true);
}

void OverlayRenderer::Impl::uploadAtlas() {
  const VkExtent2D extent{atlas.width(), atlas.height()};
  // Sampled as sampler2D: a plain 2D view (the attachments are arrays for multiview).
  atlasImage = Image(device, {.format = VK_FORMAT_R8_UNORM,
                              .extent = extent,
                              .usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
                              .viewType = VK_IMAGE_VIEW_TYPE_2D});
  Buffer staging(device, atlas.pixels().size(), VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true);
  std::memcpy(staging.mapped(), atlas.pixels().data(), atlas.pixels().size());
  device.runOneShot([&](VkCommandBuffer cmd) {
    ImageBarriers b;
    b.add(atlasImage.handle(), VK_IMAGE_ASPECT_COLOR_BIT, 1, VK_IMAGE_LAYOUT_UNDEFINED,
          VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_NONE, VK_ACCESS_2_NONE, kTransfer,
          VK_ACCESS_2_TRANSFER_WRITE_BIT);
    b.record(cmd);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {extent.width, extent.height, 1};
    vkCmdCopyBufferToImage(cmd, staging.handle(), atlasImage.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                           &region);
    b.add(atlasImage.handle(), VK_IMAGE_ASPECT_COLOR_BIT, 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
          VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, kTransfer, VK_ACCESS_2_TRANSFER_WRITE_BIT,
          VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
    b.record(cmd);
  });

  auto samplerInfo = vkStruct<VkSamplerCreateInfo>(VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO);
  samplerInfo.magFilter = samplerInfo.minFilter = VK_FILTER_LINEAR;  // distance fields interpolate well
  samplerInfo.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
  samplerInfo.addressModeU = samplerInfo.addressModeV = samplerInfo.addressModeW =
      VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  samplerInfo.maxLod = 0.0f;
  OVERUM_VK(vkCreateSampler(device.device(), &samplerInfo, nullptr, &sampler));
}

void OverlayRenderer::Impl::createPipeline() {
  static constexpr gfx::ShaderLayout::Binding kAtlasBinding[] = {
      {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, VK_SHADER_STAGE_FRAGMENT_BIT}};
  const VkDevice d = device.device();
  shaders.init({.vertexCode = kOverlayVert,
                .fragmentCode = kOverlayFrag,
                .bindings = kAtlasBinding,
                .push = {VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(Push)},
                .maxSets = 1});
  set = shaders.allocateSet();
  const VkDescriptorImageInfo imageInfo{sampler, atlasImage.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
  auto write = vkStruct<VkWriteDescriptorSet>(VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET);
  write.dstSet = set;
  write.descriptorCount = 1;
  write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  write.pImageInfo = &imageInfo;
  vkUpdateDescriptorSets(d, 1, &write, 0, nullptr);

  // The fragment stage encodes sRGB itself only for UNORM targets (the bytes must be sRGB either way).
  const VkBool32 encode = isSrgb(format) ? VK_FALSE : VK_TRUE;
  const VkSpecializationMapEntry entry{0, 0, sizeof(VkBool32)};
  VkSpecializationInfo specialization{1, &entry, sizeof(encode), &encode};
  const VkVertexInputBindingDescription vertexBinding{0, sizeof(OverlayVertex), VK_VERTEX_INPUT_RATE_VERTEX};
  const std::array<VkVertexInputAttributeDescription, 4> attributes{{
      {0, 0, VK_FORMAT_R32G32B32_SFLOAT, static_cast<std::uint32_t>(offsetof(OverlayVertex, position))},
      {1, 0, VK_FORMAT_R32G32_SFLOAT, static_cast<std::uint32_t>(offsetof(OverlayVertex, uv))},
      {2, 0, VK_FORMAT_R8G8B8A8_UNORM, static_cast<std::uint32_t>(offsetof(OverlayVertex, color))},
      {3, 0, VK_FORMAT_R32G32B32A32_SFLOAT, static_cast<std::uint32_t>(offsetof(OverlayVertex, shape))},
  }};
  // The state's defaults fit: no culling (panels are seen from the front anyway; no winding to keep
  // right), 1 sample (the shaders antialias analytically), no depth.
  gfx::GraphicsPipelineState state(shaders, vertexBinding, attributes, format, viewCount);
  state.stages[1].pSpecializationInfo = &specialization;
  state.blendAlphaOver();
  pipeline = state.create(device);
}

// ---- recording a frame ------------------------------------------------------------------------------

void OverlayRenderer::Impl::record(VkCommandBuffer cmd, FrameSlot& slot, std::span<const gfx::View> views,
                                   const gfx::RenderTarget& target) {
  const std::uint32_t layers = viewCount;
  const VkImageLayout finalLayout = target.finalLayout;
  VkImageView attachment = VK_NULL_HANDLE;
  VkImage drawnImage = target.image;
  ImageBarriers b;

  if (config.drawDirectly) {
    // The renderer's work on the target (any stage) happens before ours: source scope ALL_COMMANDS.
    b.add(target.image, VK_IMAGE_ASPECT_COLOR_BIT, layers, finalLayout, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, kAll,
          VK_ACCESS_2_MEMORY_WRITE_BIT, kColorStage, kColorRW);
    b.record(cmd);
    slot.targetView = gfx::createImageView(device, target.image, target.format, layers);
    attachment = slot.targetView;
  } else {
    if (!scratch || scratch.desc().extent.width != target.extent.width ||
        scratch.desc().extent.height != target.extent.height) {
      ring.waitIdle();  // earlier frames may still copy through the old scratch image
      scratch = Image(device, {.format = format,
                               .extent = target.extent,
                               .layers = layers,
                               .usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                                        VK_IMAGE_USAGE_TRANSFER_DST_BIT});
    }
    drawnImage = scratch.handle();
    b.add(target.image, VK_IMAGE_ASPECT_COLOR_BIT, layers, finalLayout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, kAll,
          VK_ACCESS_2_MEMORY_WRITE_BIT, kTransfer, VK_ACCESS_2_TRANSFER_READ_BIT);
    // The previous frame's copy out of the scratch image is on the same queue: order after it.
    b.add(scratch.handle(), VK_IMAGE_ASPECT_COLOR_BIT, layers, VK_IMAGE_LAYOUT_UNDEFINED,
          VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, kTransfer, VK_ACCESS_2_NONE, kTransfer, VK_ACCESS_2_TRANSFER_WRITE_BIT);
    b.record(cmd);
    VkImageCopy region{};
    region.srcSubresource = region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, layers};
    region.extent = {target.extent.width, target.extent.height, 1};
    vkCmdCopyImage(cmd, target.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, scratch.handle(),
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    b.add(scratch.handle(), VK_IMAGE_ASPECT_COLOR_BIT, layers, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
          VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, kTransfer, VK_ACCESS_2_TRANSFER_WRITE_BIT, kColorStage, kColorRW);
    b.add(target.image, VK_IMAGE_ASPECT_COLOR_BIT, layers, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
          VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, kTransfer, VK_ACCESS_2_TRANSFER_READ_BIT, kTransfer,
          VK_ACCESS_2_TRANSFER_WRITE_BIT);
    b.record(cmd);
    attachment = scratch.view();
  }

  auto color = vkStruct<VkRenderingAttachmentInfo>(VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO);
  color.imageView = attachment;
  color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;  // on top of the scene
  color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  auto rendering = vkStruct<VkRenderingInfo>(VK_STRUCTURE_TYPE_RENDERING_INFO);
  rendering.renderArea = {{0, 0}, target.extent};
  rendering.layerCount = 1;
  rendering.viewMask = layers == 2 ? 0b11u : 0u;
  rendering.colorAttachmentCount = 1;
  rendering.pColorAttachments = &color;
  vkCmdBeginRendering(cmd, &rendering);

  const std::uint32_t quads = mesh.quadCount();
  if (quads > 0) {
    const VkViewport viewport{0.0f, 0.0f, float(target.extent.width), float(target.extent.height), 0.0f, 1.0f};
    const VkRect2D scissor{{0, 0}, target.extent};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, shaders.layout(), 0, 1, &set, 0, nullptr);
    const VkBuffer vb = slot.vertices.handle();
    const VkDeviceSize zero = 0;
    vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &zero);
    vkCmdBindIndexBuffer(cmd, indices.handle(), 0, VK_INDEX_TYPE_UINT32);
    Push push{{glm::mat4(1.0f), glm::mat4(1.0f)}};
    if (mesh.clipSpaceQuads > 0) {
      vkCmdPushConstants(cmd, shaders.layout(), VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(push), &push);
      vkCmdDrawIndexed(cmd, mesh.clipSpaceQuads * 6, 1, 0, 0, 0);
    }
    if (quads > mesh.clipSpaceQuads) {
      for (std::uint32_t v = 0; v < 2; ++v) {
        const gfx::View& view = views[std::min<std::size_t>(v, views.size() - 1)];
        push.clipFromWorld[v] = view.projection * view.viewFromWorld;
      }
      vkCmdPushConstants(cmd, shaders.layout(), VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(push), &push);
      vkCmdDrawIndexed(cmd, (quads - mesh.clipSpaceQuads) * 6, 1, mesh.clipSpaceQuads * 6, 0, 0);
    }
  }
  vkCmdEndRendering(cmd);

  if (config.drawDirectly) {
    b.add(target.image, VK_IMAGE_ASPECT_COLOR_BIT, layers, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, finalLayout,
          kColorStage, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, kAll, kMemoryRW);
    b.record(cmd);
  } else {
    b.add(drawnImage, VK_IMAGE_ASPECT_COLOR_BIT, layers, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
          VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, kColorStage, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, kTransfer,
          VK_ACCESS_2_TRANSFER_READ_BIT);
    b.record(cmd);
    VkImageCopy region{};
    region.srcSubresource = region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, layers};
    region.extent = {target.extent.width, target.extent.height, 1};
    vkCmdCopyImage(cmd, drawnImage, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target.image,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    if (finalLayout != VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL) {
      b.add(target.image, VK_IMAGE_ASPECT_COLOR_BIT, layers, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, finalLayout,
            kTransfer, VK_ACCESS_2_TRANSFER_WRITE_BIT, kAll, kMemoryRW);
      b.record(cmd);
    }
  }
}

// ---- OverlayRenderer API ------------------------------------------------------------------------------

OverlayRenderer::OverlayRenderer(gfx::Device& device, VkFormat targetFormat, std::uint32_t viewCount,
                                 const OverlayRendererConfig& config)
    : impl_(std::make_unique<Impl>(device, targetFormat, viewCount, config)) {
  impl_->init();  // on failure impl_'s destructor releases whatever was created
}

OverlayRenderer::~OverlayRenderer() = default;

void OverlayRenderer::render(std::span<const gfx::View> views, const OverlayContent& content,
                             const gfx::RenderTarget& target, const gfx::FrameSync& sync) {
  Impl& r = *impl_;
  OVERUM_CHECK(views.size() == r.viewCount, "overlay render with {} views, renderer made for {}", views.size(),
               r.viewCount);
  OVERUM_CHECK(target.image != VK_NULL_HANDLE && target.layers == r.viewCount,
               "overlay target with {} layers for {} views", target.layers, r.viewCount);
  OVERUM_CHECK(target.format == r.format, "overlay target format {} but the pipeline was made for {}",
               int(target.format), int(r.format));
  OVERUM_CHECK(target.extent.width > 0 && target.extent.height > 0, "overlay target {}x{}", target.extent.width,
               target.extent.height);
  OVERUM_CHECK(target.finalLayout != VK_IMAGE_LAYOUT_UNDEFINED && target.finalLayout != VK_IMAGE_LAYOUT_PREINITIALIZED,
               "overlay target finalLayout must be the layout the scene renderer left it in");

  double t0 = threadCpuSeconds();
  r.mesh = layoutOverlay(r.atlas, content, views, glm::vec2(float(target.extent.width), float(target.extent.height)),
                         r.config.style);
  OVERUM_CHECK(r.mesh.quadCount() <= kMaxQuads, "overlay has {} quads, at most {}", r.mesh.quadCount(), kMaxQuads);
  double t1 = threadCpuSeconds();
  r.stats.quads = r.mesh.quadCount();
  r.stats.layoutSeconds = t1 - t0;

  Impl::FrameSlot& slot = r.frames[r.ring.slot()];
  const VkCommandBuffer cmd = r.ring.begin();  // waits until the slot's previous frame is done
  if (slot.targetView != VK_NULL_HANDLE) {
    vkDestroyImageView(r.device.device(), slot.targetView, nullptr);
    slot.targetView = VK_NULL_HANDLE;
  }
  const VkDeviceSize bytes = r.mesh.vertices.size() * sizeof(OverlayVertex);
  if (bytes > slot.vertices.size()) {
    VkDeviceSize size = slot.vertices.size();
    while (size < bytes) size *= 2;
    slot.vertices = Buffer(r.device, size, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, true);
  }
  if (bytes > 0) std::memcpy(slot.vertices.mapped(), r.mesh.vertices.data(), bytes);
  r.record(cmd, slot, views, target);
  r.ring.submit(sync, kAll);  // kAll: the first barrier's source scope
  r.stats.recordSeconds = threadCpuSeconds() - t1;
}

void OverlayRenderer::waitIdle() { impl_->ring.waitIdle(); }
const FontAtlas& OverlayRenderer::atlas() const { return impl_->atlas; }
const OverlayMesh& OverlayRenderer::lastMesh() const { return impl_->mesh; }
const OverlayStats& OverlayRenderer::lastStats() const { return impl_->stats; }

}  // namespace overum::ui
