// SPDX-License-Identifier: GPL-3.0-or-later
// Renderer: forward lit pass with dynamic rendering into renderer-owned MSAA colour + depth (multiview
// when stereo), resolve, then copy (byte-exact) or blit into the backend's RenderTarget (scaled up with
// a linear filter when the quality tier renders smaller). Pipelines exist per colour format, sample
// count, shading and pattern (the lit shaders' specialisation constants), made when first needed.
//
// Sections: shader code and GPU layouts · format and sample-count choice · Impl (set-up, pipelines,
//           attachments) · recording a frame · Renderer API
#include <overum/core/check.h>
#include <overum/core/clock.h>
#include <overum/core/log.h>
#include <overum/gfx/draw_list.h>
#include <overum/gfx/frame_ring.h>
#include <overum/gfx/pipeline_state.h>
#include <overum/gfx/renderer.h>
#include <overum/gfx/vk_check.h>
#include <overum/gfx/vk_resources.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

namespace overum::gfx {
namespace {

// ---- shader code and GPU layouts ---------------------------------------------------------------
// SPIR-V words generated at build time by glslc -mfmt=c (see engine/gfx/CMakeLists.txt).
constexpr std::uint32_t kLitVert[] =
#include "lit.vert.inc"
    ;
constexpr std::uint32_t kLitFrag[] =
#include "lit.frag.inc"
    ;

// Mirrors `Frame` in shaders/frame.glsl (std140: every member 16-byte aligned already).
struct FrameUniforms {
  glm::mat4 viewProj[2];
  glm::vec4 eye[2];
  glm::vec4 towardsSun;
  glm::vec4 sunColor;  // w: exposure
  glm::vec4 skyColor;
  glm::vec4 groundColor;
};

// Mirrors `Draw` in shaders/frame.glsl; 112 bytes, inside the 128 every device guarantees.
struct DrawConstants {
  glm::mat4 T_world_object;
  glm::vec4 baseColor;  // linear rgb, opacity
  glm::vec4 params;     // roughness, emissive, pattern, two-sided
  glm::ivec4 skin;      // first joint, or -1
};
static_assert(sizeof(DrawConstants) == 112);

// The skinning matrices' buffer starts with room for this many and grows when a frame needs more.
constexpr std::size_t kInitialJoints = 256;

// Pipeline variants: index = (blended * 2 + twoSided) * kPatterns + pattern. The pattern is a
// specialisation constant of lit.frag: a software rasteriser runs every branch of a shader for every
// pixel, so one pipeline per pattern keeps the others' noise off the pixels that do not show them.
constexpr std::size_t kPatterns = 4;  // gfx::Pattern
constexpr std::size_t kPipelineVariants = 4 * kPatterns;
std::size_t variantOf(const Material& m) {
  const std::size_t pattern = std::min<std::size_t>(static_cast<std::uint32_t>(m.pattern), kPatterns - 1);
  return ((m.opacity < 1.0f ? 2u : 0u) + (m.twoSided ? 1u : 0u)) * kPatterns + pattern;
}

float srgbToLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }
glm::vec3 srgbToLinear(glm::vec3 c) { return {srgbToLinear(c.r), srgbToLinear(c.g), srgbToLinear(c.b)}; }

// ---- format and sample-count choice ------------------------------------------------------------

bool isBgra8(VkFormat f) { return f == VK_FORMAT_B8G8R8A8_SRGB || f == VK_FORMAT_B8G8R8A8_UNORM; }
bool isRgba8(VkFormat f) { return f == VK_FORMAT_R8G8B8A8_SRGB || f == VK_FORMAT_R8G8B8A8_UNORM; }

// The renderer draws into an sRGB image with the target's channel order, so the result can be
// copied byte for byte: into an SRGB target that is the same texel, into a UNORM one (a window that
// presents raw bytes) it is the sRGB-encoded value the display expects. Other formats are blitted.
VkFormat internalFormatFor(VkFormat target) {
  return isBgra8(target) ? VK_FORMAT_B8G8R8A8_SRGB : VK_FORMAT_R8G8B8A8_SRGB;
}
bool copiesByteForByte(VkFormat target) { return isBgra8(target) || isRgba8(target); }

VkFormat chooseDepthFormat(VkPhysicalDevice physical) {
  for (VkFormat f : {VK_FORMAT_D32_SFLOAT, VK_FORMAT_X8_D24_UNORM_PACK32, VK_FORMAT_D16_UNORM}) {
    VkFormatProperties props{};
    vkGetPhysicalDeviceFormatProperties(physical, f, &props);
    if (props.optimalTilingFeatures & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT) return f;
  }
  throw Error("the Vulkan device offers no depth attachment format: update the GPU driver");
}

VkSampleCountFlagBits chooseSamples(const VkPhysicalDeviceLimits& limits, VkSampleCountFlagBits wanted) {
  const VkSampleCountFlags supported = limits.framebufferColorSampleCounts & limits.framebufferDepthSampleCounts;
  for (std::uint32_t s = wanted; s > 1; s >>= 1)
    if ((s & (s - 1)) == 0 && (supported & s)) return static_cast<VkSampleCountFlagBits>(s);  // one bit only
  return VK_SAMPLE_COUNT_1_BIT;
}

// The six planes of clip space (Vulkan depth 0..1) in world space, from clip_from_world (Gribb and
// Hartmann): a point p is inside when dot(plane, (p, 1)) >= 0 for all six.
struct Frustum {
  std::array<glm::vec4, 6> planes;

  explicit Frustum(const glm::mat4& clipFromWorld) {
    const glm::mat4 t = glm::transpose(clipFromWorld);  // t[i] is row i
    planes = {t[3] + t[0], t[3] - t[0], t[3] + t[1], t[3] - t[1], t[2], t[3] - t[2]};
    for (glm::vec4& p : planes) p /= glm::length(glm::vec3(p));
  }
  bool seesSphere(const glm::vec3& centre, float radius) const {
    for (const glm::vec4& p : planes)
      if (glm::dot(glm::vec3(p), centre) + p.w < -radius) return false;
    return true;
  }
};

}  // namespace

// ---- Impl: set-up, pipelines, attachments ------------------------------------------------------

struct Renderer::Impl {
  struct FrameSlot {  // beside the ring's slot of the same index
    Buffer uniforms;
    Buffer joints;  // DrawList::joints, kept with room for jointCapacity matrices
    std::size_t jointCapacity = 0;
    VkDescriptorSet set = VK_NULL_HANDLE;
  };
  struct PipelineSet {
    VkFormat colorFormat = VK_FORMAT_UNDEFINED;
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
    Shading shading = Shading::full;
    std::array<VkPipeline, kPipelineVariants> pipelines{};
  };

  Device& device;
  RendererConfig config;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  VkFormat depthFormat = VK_FORMAT_UNDEFINED;
  QualitySettings settings;                    // the tier's, or set directly
  VkFormat colorFormat = VK_FORMAT_UNDEFINED;  // of the attachments now allocated
  VkExtent2D outputExtent{};                   // the target's size the attachments were made for
  VkExtent2D extent{};                         // of the attachments: outputExtent times the render scale
  bool scaleAllowed = true;                    // the target is sRGB, so a filtered blit stores the right values

  Image msaaColor;  // only when samples > 1
  Image resolved;   // single-sample colour: resolve target (or the attachment itself at 1x), copy source
  Image depth;

  ShaderLayout shaders{device};
  std::vector<PipelineSet> pipelineSets;
  std::vector<FrameSlot> frames;
  FrameRing ring{device};

  // Per-frame scratch, kept to avoid allocations in the frame loop.
  std::vector<std::uint32_t> opaqueOrder;
  std::vector<std::pair<float, std::uint32_t>> blendedOrder;
  std::vector<DrawConstants> materialConstants;

  Impl(Device& d, const RendererConfig& c) : device(d), config(c) {}
  ~Impl();
  void init();
  VkSampleCountFlagBits samplesFor(const QualitySettings& s) const;
  PipelineSet& pipelinesFor(VkFormat format);
  VkPipeline pipeline(PipelineSet& set, std::size_t variant);  // made when first used
  void createAttachments(VkFormat format, VkExtent2D outputSize);
  void reserveJoints(FrameSlot& slot, std::size_t count);  // only while the slot's last frame is done
  FrameStats record(VkCommandBuffer cmd, FrameSlot& slot, std::span<const View> views, const DrawList& scene,
                    const RenderTarget& target);
};

Renderer::Impl::~Impl() {
  const VkDevice d = device.device();
  ring.drain();  // the GPU may still use everything below
  for (PipelineSet& set : pipelineSets)
    for (VkPipeline p : set.pipelines)
      if (p != VK_NULL_HANDLE) vkDestroyPipeline(d, p, nullptr);
}

void Renderer::Impl::init() {
  OVERUM_CHECK(config.viewCount == 1 || config.viewCount == 2, "Renderer viewCount {} (1 or 2)", config.viewCount);
  OVERUM_CHECK(config.extent.width > 0 && config.extent.height > 0, "Renderer extent {}x{}", config.extent.width,
               config.extent.height);
  OVERUM_CHECK(config.framesInFlight >= 1 && config.framesInFlight <= 4, "Renderer framesInFlight {} (1..4)",
               config.framesInFlight);
  const VkDevice d = device.device();
  settings = settingsFor(config.quality);
  samples = samplesFor(settings);
  if (samples < std::min(config.msaa, settings.msaa))
    log::info("gfx", "MSAA {}x asked for, {}x supported: using {}x", int(std::min(config.msaa, settings.msaa)),
              int(samples), int(samples));
  depthFormat = chooseDepthFormat(device.physicalDevice());

  static constexpr ShaderLayout::Binding kBindings[] = {
      {VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT},  // Frame
      {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, VK_SHADER_STAGE_VERTEX_BIT}};                                // Joints
  shaders.init({.vertexCode = kLitVert,
                .fragmentCode = kLitFrag,
                .bindings = kBindings,
                .push = {VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(DrawConstants)},
                .maxSets = config.framesInFlight});

  ring.init(config.framesInFlight);
  frames.resize(config.framesInFlight);
  for (FrameSlot& f : frames) {
    f.uniforms = Buffer(device, sizeof(FrameUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT, true);

    f.set = shaders.allocateSet();
    const VkDescriptorBufferInfo bufferInfo{f.uniforms.handle(), 0, sizeof(FrameUniforms)};
    auto write = vkStruct<VkWriteDescriptorSet>(VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET);
    write.dstSet = f.set;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
    write.pBufferInfo = &bufferInfo;
    vkUpdateDescriptorSets(d, 1, &write, 0, nullptr);
    reserveJoints(f, kInitialJoints);
  }

  // The common case's pipelines and attachments now, so the first frame does not pay for them.
  createAttachments(VK_FORMAT_R8G8B8A8_SRGB, config.extent);
  PipelineSet& common = pipelinesFor(VK_FORMAT_R8G8B8A8_SRGB);
  for (std::size_t blendedTwoSided = 0; blendedTwoSided < 4; ++blendedTwoSided)
    pipeline(common, blendedTwoSided * kPatterns + static_cast<std::size_t>(Pattern::plain));
  log::debug("gfx", "renderer: {} view(s) of {}x{}, quality {}, MSAA {}x, {} frames in flight", config.viewCount,
             config.extent.width, config.extent.height, qualityName(config.quality), int(samples),
             config.framesInFlight);
}

void Renderer::Impl::reserveJoints(FrameSlot& slot, std::size_t count) {
  if (count <= slot.jointCapacity) return;
  std::size_t capacity = std::max(slot.jointCapacity, kInitialJoints);
  while (capacity < count) capacity *= 2;
  slot.joints = Buffer(device, capacity * sizeof(glm::mat4), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, true);
  slot.jointCapacity = capacity;
  const VkDescriptorBufferInfo bufferInfo{slot.joints.handle(), 0, VK_WHOLE_SIZE};
  auto write = vkStruct<VkWriteDescriptorSet>(VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET);
  write.dstSet = slot.set;
  write.dstBinding = 1;
  write.descriptorCount = 1;
  write.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
  write.pBufferInfo = &bufferInfo;
  vkUpdateDescriptorSets(device.device(), 1, &write, 0, nullptr);
}

VkSampleCountFlagBits Renderer::Impl::samplesFor(const QualitySettings& s) const {
  return chooseSamples(device.properties().limits, std::min(config.msaa, s.msaa));
}

Renderer::Impl::PipelineSet& Renderer::Impl::pipelinesFor(VkFormat format) {
  for (PipelineSet& set : pipelineSets)
    if (set.colorFormat == format && set.samples == samples && set.shading == settings.shading) return set;
  PipelineSet& set = pipelineSets.emplace_back();
  set.colorFormat = format;
  set.samples = samples;
  set.shading = settings.shading;
  return set;
}

VkPipeline Renderer::Impl::pipeline(PipelineSet& set, std::size_t variant) {
  if (set.pipelines[variant] != VK_NULL_HANDLE) return set.pipelines[variant];
  const VkVertexInputBindingDescription binding{0, sizeof(Vertex), VK_VERTEX_INPUT_RATE_VERTEX};
  const std::array<VkVertexInputAttributeDescription, 6> attributes{{
      {0, 0, VK_FORMAT_R32G32B32_SFLOAT, static_cast<std::uint32_t>(offsetof(Vertex, position))},
      {1, 0, VK_FORMAT_R32G32B32_SFLOAT, static_cast<std::uint32_t>(offsetof(Vertex, normal))},
      {2, 0, VK_FORMAT_R32_SFLOAT, static_cast<std::uint32_t>(offsetof(Vertex, occlusion))},
      {3, 0, VK_FORMAT_R32G32B32_SFLOAT, static_cast<std::uint32_t>(offsetof(Vertex, color))},
      {4, 0, VK_FORMAT_R16G16_UINT, static_cast<std::uint32_t>(offsetof(Vertex, joints))},
      {5, 0, VK_FORMAT_R32_SFLOAT, static_cast<std::uint32_t>(offsetof(Vertex, weight))},
  }};
  GraphicsPipelineState state(shaders, binding, attributes, set.colorFormat, config.viewCount);
  // lit.vert's and lit.frag's specialisation constants: kShading (0), the tier's shading, and
  // kPattern (1), the material's pattern; both compiled into the pipeline.
  const std::array<std::uint32_t, 2> constants{static_cast<std::uint32_t>(set.shading),
                                               static_cast<std::uint32_t>(variant % kPatterns)};
  const std::array<VkSpecializationMapEntry, 2> entries{
      {{0, 0, sizeof(std::uint32_t)}, {1, sizeof(std::uint32_t), sizeof(std::uint32_t)}}};
  const VkSpecializationInfo specialization{2, entries.data(), sizeof(constants), constants.data()};
  state.stages[0].pSpecializationInfo = &specialization;
  state.stages[1].pSpecializationInfo = &specialization;
  state.multisample.rasterizationSamples = set.samples;
  state.depthFormat = depthFormat;
  state.depth.depthTestEnable = VK_TRUE;
  state.depth.depthCompareOp = VK_COMPARE_OP_LESS_OR_EQUAL;
  // Meshes are counter-clockwise seen from the front; projectionFromFov flips Y for Vulkan, which
  // keeps the on-screen winding counter-clockwise (the state's default front face).
  const std::size_t blendedTwoSided = variant / kPatterns;
  const bool blended = blendedTwoSided >= 2;
  const bool twoSided = blendedTwoSided % 2 == 1;
  state.raster.cullMode = twoSided ? VK_CULL_MODE_NONE : VK_CULL_MODE_BACK_BIT;
  state.depth.depthWriteEnable = blended ? VK_FALSE : VK_TRUE;  // glass must not hide what is behind it
  if (blended) state.blendAlphaOver();
  set.pipelines[variant] = state.create(device);
  return set.pipelines[variant];
}

void Renderer::Impl::createAttachments(VkFormat format, VkExtent2D outputSize) {
  ring.waitIdle();  // earlier frames may still use the old images
  const float scale = scaleAllowed ? std::clamp(settings.renderScale, 0.05f, 1.0f) : 1.0f;
  const VkExtent2D size{std::max(1u, std::uint32_t(std::lround(float(outputSize.width) * scale))),
                        std::max(1u, std::uint32_t(std::lround(float(outputSize.height) * scale)))};
  // Built aside and swapped in at the end, so a failure leaves the old, consistent set in place.
  ImageDesc desc;
  desc.extent = size;
  desc.layers = config.viewCount;
  desc.format = format;
  desc.samples = VK_SAMPLE_COUNT_1_BIT;
  desc.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  Image newResolved(device, desc);

  Image newMsaa;
  if (samples != VK_SAMPLE_COUNT_1_BIT) {
    desc.samples = samples;
    desc.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
    newMsaa = Image(device, desc);
  }

  desc.format = depthFormat;
  desc.samples = samples;
  desc.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
  desc.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
  Image newDepth(device, desc);

  resolved = std::move(newResolved);
  msaaColor = std::move(newMsaa);
  depth = std::move(newDepth);
  colorFormat = format;
  outputExtent = outputSize;
  extent = size;
}

// ---- recording a frame -------------------------------------------------------------------------

FrameStats Renderer::Impl::record(VkCommandBuffer cmd, FrameSlot& slot, std::span<const View> views,
                                  const DrawList& scene, const RenderTarget& target) {
  FrameStats stats;
  stats.samples = samples;
  stats.shading = settings.shading;
  stats.renderExtent = extent;
  PipelineSet& pipes = pipelinesFor(colorFormat);
  const std::uint32_t layers = config.viewCount;

  // Per-frame uniforms: the slot's previous frame is done (waited for), so the buffer is free.
  FrameUniforms u{};
  glm::vec3 eyeMean(0.0f);
  for (std::uint32_t v = 0; v < 2; ++v) {
    const View& view = views[std::min<std::size_t>(v, views.size() - 1)];
    u.viewProj[v] = view.projection * view.viewFromWorld;
    u.eye[v] = glm::inverse(view.viewFromWorld)[3];
  }
  for (std::size_t v = 0; v < views.size(); ++v) eyeMean += glm::vec3(u.eye[v]) / float(views.size());
  const Lighting& light = scene.lighting;
  u.towardsSun = glm::vec4(glm::normalize(light.towardsSun), 0.0f);
  u.sunColor = glm::vec4(light.sunColor, light.exposure);
  u.skyColor = glm::vec4(light.skyColor, 0.0f);
  u.groundColor = glm::vec4(light.groundColor, 0.0f);
  std::memcpy(slot.uniforms.mapped(), &u, sizeof(u));
  reserveJoints(slot, scene.joints.size());
  if (!scene.joints.empty())
    std::memcpy(slot.joints.mapped(), scene.joints.data(), scene.joints.size() * sizeof(glm::mat4));

  // Material values once per frame, not once per draw.
  materialConstants.resize(scene.materials.size());
  for (std::size_t i = 0; i < scene.materials.size(); ++i) {
    const Material& m = scene.materials[i];
    materialConstants[i].baseColor =
        glm::vec4(srgbToLinear(glm::clamp(m.baseColor, 0.0f, 1.0f)), glm::clamp(m.opacity, 0.0f, 1.0f));
    materialConstants[i].params =
        glm::vec4(m.roughness, m.emissive, float(static_cast<std::uint32_t>(m.pattern)), m.twoSided ? 1.0f : 0.0f);
  }

  // Opaque draws grouped by pipeline (fewest binds); blended ones after, far to near. Draws no view
  // can see are dropped here: the CPU test is far cheaper than the vertices on a software device.
  std::array<std::optional<Frustum>, 2> frusta;
  for (std::size_t v = 0; v < views.size(); ++v) frusta[v].emplace(u.viewProj[v]);
  opaqueOrder.clear();
  blendedOrder.clear();
  for (std::uint32_t i = 0; i < scene.draws.size(); ++i) {
    const Draw& draw = scene.draws[i];
    OVERUM_CHECK(draw.material < scene.materials.size(), "draw {} uses material {} of {}", i, draw.material,
                 scene.materials.size());
    const MeshRange& range = scene.geometry->range(draw.mesh);
    OVERUM_CHECK(draw.firstJoint < 0 || std::size_t(draw.firstJoint) + range.jointCount <= scene.joints.size(),
                 "draw {} is skinned with joints {}..{} of {}", i, draw.firstJoint,
                 std::size_t(draw.firstJoint) + range.jointCount, scene.joints.size());
    const glm::vec3 centre = draw.T_world_object * glm::vec4(range.centre, 1.0f);
    if (config.frustumCulling) {
      const glm::mat3 linear(draw.T_world_object);
      const float scale = std::max({glm::length(linear[0]), glm::length(linear[1]), glm::length(linear[2])});
      const float radius = range.radius * scale + (draw.firstJoint >= 0 ? kSkinnedReach : 0.0f);
      const bool visible =
          std::any_of(frusta.begin(), frusta.end(), [&](const auto& f) { return f && f->seesSphere(centre, radius); });
      if (!visible) {
        ++stats.culledDraws;
        continue;
      }
    }
    if (scene.materials[draw.material].opacity < 1.0f) blendedOrder.emplace_back(glm::length(centre - eyeMean), i);
    else opaqueOrder.push_back(i);
  }
  std::stable_sort(opaqueOrder.begin(), opaqueOrder.end(), [&](std::uint32_t a, std::uint32_t b) {
    return variantOf(scene.materials[scene.draws[a].material]) < variantOf(scene.materials[scene.draws[b].material]);
  });
  std::stable_sort(blendedOrder.begin(), blendedOrder.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });

  // Attachments: contents from the previous frame are discarded (UNDEFINED); the barrier also orders
  // this frame's writes after the previous frame's resolve and copy on the same queue.
  ImageBarriers barriers;
  const VkPipelineStageFlags2 colorAndCopy =
      VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
  const VkPipelineStageFlags2 depthStages =
      VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
  const VkAccessFlags2 colorRW = VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
  const VkAccessFlags2 depthRW =
      VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT | VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  barriers.add(resolved.handle(), VK_IMAGE_ASPECT_COLOR_BIT, layers, VK_IMAGE_LAYOUT_UNDEFINED,
               VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, colorAndCopy, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
               VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT, colorRW);
  if (msaaColor)
    barriers.add(msaaColor.handle(), VK_IMAGE_ASPECT_COLOR_BIT, layers, VK_IMAGE_LAYOUT_UNDEFINED,
                 VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                 VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT, colorRW);
  barriers.add(depth.handle(), VK_IMAGE_ASPECT_DEPTH_BIT, layers, VK_IMAGE_LAYOUT_UNDEFINED,
               VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL, depthStages, VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
               depthStages, depthRW);
  barriers.record(cmd);

  // The clear colour is given in sRGB; the sRGB attachment expects linear values and encodes them.
  const glm::vec3 clear = srgbToLinear(glm::clamp(scene.clearColor, 0.0f, 1.0f));
  auto color = vkStruct<VkRenderingAttachmentInfo>(VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO);
  color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  color.clearValue.color = {{clear.r, clear.g, clear.b, 1.0f}};
  if (msaaColor) {
    color.imageView = msaaColor.view();
    color.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;  // only the resolved image is kept
    color.resolveMode = VK_RESOLVE_MODE_AVERAGE_BIT;
    color.resolveImageView = resolved.view();
    color.resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  } else {
    color.imageView = resolved.view();
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  }
  auto depthAttachment = vkStruct<VkRenderingAttachmentInfo>(VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO);
  depthAttachment.imageView = depth.view();
  depthAttachment.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
  depthAttachment.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  depthAttachment.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depthAttachment.clearValue.depthStencil = {1.0f, 0};

  auto rendering = vkStruct<VkRenderingInfo>(VK_STRUCTURE_TYPE_RENDERING_INFO);
  rendering.renderArea = {{0, 0}, extent};
  rendering.layerCount = 1;
  rendering.viewMask = layers == 2 ? 0b11u : 0u;  // both eyes in one pass
  rendering.colorAttachmentCount = 1;
  rendering.pColorAttachments = &color;
  rendering.pDepthAttachment = &depthAttachment;
  vkCmdBeginRendering(cmd, &rendering);

  const VkViewport viewport{0.0f, 0.0f, float(extent.width), float(extent.height), 0.0f, 1.0f};
  const VkRect2D scissor{{0, 0}, extent};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &scissor);

  if (!scene.draws.empty()) {
    const GpuGeometry& geometry = *scene.geometry;
    const VkBuffer vertexBuffer = geometry.vertexBuffer();
    const VkDeviceSize zero = 0;
    vkCmdBindVertexBuffers(cmd, 0, 1, &vertexBuffer, &zero);
    vkCmdBindIndexBuffer(cmd, geometry.indexBuffer(), 0, VK_INDEX_TYPE_UINT32);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, shaders.layout(), 0, 1, &slot.set, 0, nullptr);

    VkPipeline bound = VK_NULL_HANDLE;
    auto drawOne = [&](std::uint32_t index) {
      const Draw& draw = scene.draws[index];
      const Material& material = scene.materials[draw.material];
      const VkPipeline pipe = pipeline(pipes, variantOf(material));
      if (pipe != bound) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipe);
        bound = pipe;
        ++stats.pipelineBinds;
      }
      DrawConstants constants = materialConstants[draw.material];
      constants.T_world_object = draw.T_world_object;
      constants.skin = glm::ivec4(draw.firstJoint, 0, 0, 0);
      vkCmdPushConstants(cmd, shaders.layout(), VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                         sizeof(constants), &constants);
      const MeshRange& range = geometry.range(draw.mesh);
      if (range.indexCount == 0) return;
      vkCmdDrawIndexed(cmd, range.indexCount, 1, range.firstIndex, range.vertexOffset, 0);
      ++stats.drawCalls;
      stats.triangles += range.indexCount / 3;
    };
    for (std::uint32_t i : opaqueOrder) drawOne(i);
    for (const auto& [distance, i] : blendedOrder) drawOne(i);
  }
  vkCmdEndRendering(cmd);

  // Resolved image -> target. The target's first barrier waits for everything before it (the
  // backend's use of the image, chained to the acquire semaphore waited on at the transfer stage).
  const VkImageLayout targetFrom =
      target.initialLayout == VK_IMAGE_LAYOUT_PRESENT_SRC_KHR || target.initialLayout == VK_IMAGE_LAYOUT_UNDEFINED
          ? VK_IMAGE_LAYOUT_UNDEFINED  // overwritten completely: discard
          : target.initialLayout;
  barriers.add(resolved.handle(), VK_IMAGE_ASPECT_COLOR_BIT, layers, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
               VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
               VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
               VK_ACCESS_2_TRANSFER_READ_BIT);
  barriers.add(target.image, VK_IMAGE_ASPECT_COLOR_BIT, layers, targetFrom, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
               VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_ACCESS_2_MEMORY_WRITE_BIT, VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
               VK_ACCESS_2_TRANSFER_WRITE_BIT);
  barriers.record(cmd);

  const bool scaled = extent.width != target.extent.width || extent.height != target.extent.height;
  if (copiesByteForByte(target.format) && !scaled) {
    VkImageCopy region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, layers};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, layers};
    region.extent = {extent.width, extent.height, 1};
    vkCmdCopyImage(cmd, resolved.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target.image,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
  } else {
    VkImageBlit region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, layers};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, layers};
    region.srcOffsets[1] = {std::int32_t(extent.width), std::int32_t(extent.height), 1};
    region.dstOffsets[1] = {std::int32_t(target.extent.width), std::int32_t(target.extent.height), 1};
    // Scaled up: filtered (in linear light, the source being sRGB; a UNORM target then stores linear
    // values, which is why scaled rendering is only used with sRGB targets).
    vkCmdBlitImage(cmd, resolved.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target.image,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region, scaled ? VK_FILTER_LINEAR : VK_FILTER_NEAREST);
  }

  if (target.finalLayout != VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL) {
    barriers.add(target.image, VK_IMAGE_ASPECT_COLOR_BIT, layers, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                 target.finalLayout, VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                 VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_ACCESS_2_MEMORY_READ_BIT | VK_ACCESS_2_MEMORY_WRITE_BIT);
    barriers.record(cmd);
  }
  return stats;
}

// ---- Renderer API ------------------------------------------------------------------------------

Renderer::Renderer(Device& device, const RendererConfig& config) : impl_(std::make_unique<Impl>(device, config)) {
  impl_->init();  // on failure impl_'s destructor releases whatever was created
}

Renderer::~Renderer() = default;

FrameStats Renderer::render(std::span<const View> views, const DrawList& scene, const RenderTarget& target,
                            const FrameSync& sync) {
  const double cpuStart = threadCpuSeconds();
  Impl& r = *impl_;
  OVERUM_CHECK(views.size() == r.config.viewCount, "render with {} views, renderer made for {}", views.size(),
               r.config.viewCount);
  OVERUM_CHECK(target.image != VK_NULL_HANDLE && target.layers == r.config.viewCount,
               "render target with {} layers for {} views", target.layers, r.config.viewCount);
  OVERUM_CHECK(target.extent.width > 0 && target.extent.height > 0, "render target {}x{}", target.extent.width,
               target.extent.height);
  OVERUM_CHECK(target.finalLayout != VK_IMAGE_LAYOUT_UNDEFINED && target.finalLayout != VK_IMAGE_LAYOUT_PREINITIALIZED,
               "render target finalLayout must be a real layout");
  OVERUM_CHECK(scene.draws.empty() || (scene.geometry != nullptr && scene.geometry->uploaded()),
               "DrawList has draws but no uploaded GpuGeometry");

  // Follow the target: a window may have been resized or its swapchain recreated in another format.
  const VkFormat wanted = internalFormatFor(target.format);
  const bool srgbTarget = target.format == VK_FORMAT_R8G8B8A8_SRGB || target.format == VK_FORMAT_B8G8R8A8_SRGB;
  if (wanted != r.colorFormat || target.extent.width != r.outputExtent.width ||
      target.extent.height != r.outputExtent.height || srgbTarget != r.scaleAllowed) {
    r.scaleAllowed = srgbTarget;
    r.createAttachments(wanted, target.extent);
  }

  Impl::FrameSlot& slot = r.frames[r.ring.slot()];
  const VkCommandBuffer cmd = r.ring.begin();
  FrameStats stats = r.record(cmd, slot, views, scene, target);
  r.ring.submit(sync, VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT);  // the target is first touched by the copy

  stats.cpuSeconds = threadCpuSeconds() - cpuStart;
  return stats;
}

void Renderer::resize(VkExtent2D extent) {
  OVERUM_CHECK(extent.width > 0 && extent.height > 0, "Renderer::resize to {}x{}", extent.width, extent.height);
  if (extent.width != impl_->outputExtent.width || extent.height != impl_->outputExtent.height)
    impl_->createAttachments(impl_->colorFormat, extent);
  impl_->config.extent = extent;
}

void Renderer::setQuality(Quality quality) { setQualitySettings(settingsFor(quality)); }

void Renderer::setQualitySettings(const QualitySettings& settings) {
  Impl& r = *impl_;
  OVERUM_CHECK(settings.renderScale > 0.0f && settings.renderScale <= 1.0f, "render scale {} (0..1]",
               settings.renderScale);
  const VkSampleCountFlagBits newSamples = r.samplesFor(settings);
  const bool newAttachments = newSamples != r.samples || settings.renderScale != r.settings.renderScale;
  r.settings = settings;
  r.samples = newSamples;
  if (newAttachments) r.createAttachments(r.colorFormat, r.outputExtent);
}

const QualitySettings& Renderer::qualitySettings() const { return impl_->settings; }

void Renderer::waitIdle() { impl_->ring.waitIdle(); }
VkExtent2D Renderer::extent() const { return impl_->outputExtent; }
VkExtent2D Renderer::renderExtent() const { return impl_->extent; }
VkSampleCountFlagBits Renderer::msaa() const { return impl_->samples; }
std::uint32_t Renderer::viewCount() const { return impl_->config.viewCount; }

}  // namespace overum::gfx
