// OverlayRenderer: uploads the font atlas once, then per frame lays the overlay out, writes the quads
// into the frame slot's host-visible vertex buffer and draws them with LOAD_OP_LOAD over the target.
//
// Sections: Vulkan helpers · RAII owners · Impl (set-up, pipeline, atlas upload) · recording a frame
//           · OverlayRenderer API
#include <overum/core/check.h>
#include <overum/core/clock.h>
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

const char* resultName(VkResult r) {
  switch (r) {
    case VK_SUCCESS: return "VK_SUCCESS";
    case VK_TIMEOUT: return "VK_TIMEOUT";
    case VK_ERROR_OUT_OF_HOST_MEMORY: return "VK_ERROR_OUT_OF_HOST_MEMORY";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY: return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
    case VK_ERROR_INITIALIZATION_FAILED: return "VK_ERROR_INITIALIZATION_FAILED";
    case VK_ERROR_DEVICE_LOST: return "VK_ERROR_DEVICE_LOST";
    case VK_ERROR_MEMORY_MAP_FAILED: return "VK_ERROR_MEMORY_MAP_FAILED";
    case VK_ERROR_FEATURE_NOT_PRESENT: return "VK_ERROR_FEATURE_NOT_PRESENT";
    case VK_ERROR_FORMAT_NOT_SUPPORTED: return "VK_ERROR_FORMAT_NOT_SUPPORTED";
    default: return "VkResult (other)";
  }
}

#define OVERUM_UI_VK(call)                                                            \
  do {                                                                                \
    const VkResult overum_ui_result_ = (call);                                        \
    if (overum_ui_result_ != VK_SUCCESS)                                              \
      ::overum::failCheck(#call, resultName(overum_ui_result_), __FILE__, __LINE__);  \
  } while (false)

// A zeroed Vulkan struct with sType set: keeps -Wextra quiet about partial initialisers.
template <typename T>
T vkStruct(VkStructureType type, const void* next = nullptr) {
  T value{};
  value.sType = type;
  value.pNext = const_cast<decltype(value.pNext)>(next);
  return value;
}

bool isSrgb(VkFormat f) {
  return f == VK_FORMAT_R8G8B8A8_SRGB || f == VK_FORMAT_B8G8R8A8_SRGB || f == VK_FORMAT_A8B8G8R8_SRGB_PACK32;
}

struct Barriers {
  std::array<VkImageMemoryBarrier2, 2> list{};
  std::uint32_t count = 0;

  void add(VkImage image, std::uint32_t layers, VkImageLayout from, VkImageLayout to, VkPipelineStageFlags2 srcStage,
           VkAccessFlags2 srcAccess, VkPipelineStageFlags2 dstStage, VkAccessFlags2 dstAccess) {
    auto& b = list[count++];
    b = vkStruct<VkImageMemoryBarrier2>(VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2);
    b.srcStageMask = srcStage;
    b.srcAccessMask = srcAccess;
    b.dstStageMask = dstStage;
    b.dstAccessMask = dstAccess;
    b.oldLayout = from;
    b.newLayout = to;
    b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = image;
    b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, layers};
  }
  void record(VkCommandBuffer cmd) {
    if (count == 0) return;
    auto dep = vkStruct<VkDependencyInfo>(VK_STRUCTURE_TYPE_DEPENDENCY_INFO);
    dep.imageMemoryBarrierCount = count;
    dep.pImageMemoryBarriers = list.data();
    vkCmdPipelineBarrier2(cmd, &dep);
    count = 0;
  }
};

constexpr VkPipelineStageFlags2 kColorStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
constexpr VkAccessFlags2 kColorRW = VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
constexpr VkPipelineStageFlags2 kTransfer = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
constexpr VkPipelineStageFlags2 kAll = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
constexpr VkAccessFlags2 kMemoryRW = VK_ACCESS_2_MEMORY_READ_BIT | VK_ACCESS_2_MEMORY_WRITE_BIT;

// ---- RAII owners ----------------------------------------------------------------------------------

// A buffer with its own memory; host-visible ones stay mapped.
class Buffer {
 public:
  Buffer() = default;
  Buffer(const gfx::Device& device, VkDeviceSize size, VkBufferUsageFlags usage, bool hostVisible) : device_(&device) {
    const VkDevice d = device.device();
    auto info = vkStruct<VkBufferCreateInfo>(VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO);
    info.size = size;
    info.usage = usage;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    OVERUM_UI_VK(vkCreateBuffer(d, &info, nullptr, &buffer_));
    size_ = size;
    try {
      VkMemoryRequirements req{};
      vkGetBufferMemoryRequirements(d, buffer_, &req);
      auto alloc = vkStruct<VkMemoryAllocateInfo>(VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO);
      alloc.allocationSize = req.size;
      alloc.memoryTypeIndex = device.memoryType(
          req.memoryTypeBits, hostVisible ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
                                          : VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
      OVERUM_UI_VK(vkAllocateMemory(d, &alloc, nullptr, &memory_));
      OVERUM_UI_VK(vkBindBufferMemory(d, buffer_, memory_, 0));
      if (hostVisible) OVERUM_UI_VK(vkMapMemory(d, memory_, 0, VK_WHOLE_SIZE, 0, &mapped_));
    } catch (...) {
      reset();
      throw;
    }
  }
  ~Buffer() { reset(); }
  Buffer(Buffer&& o) noexcept { *this = std::move(o); }
  Buffer& operator=(Buffer&& o) noexcept {
    if (this != &o) {
      reset();
      std::swap(device_, o.device_);
      std::swap(buffer_, o.buffer_);
      std::swap(memory_, o.memory_);
      std::swap(mapped_, o.mapped_);
      std::swap(size_, o.size_);
    }
    return *this;
  }
  VkBuffer handle() const { return buffer_; }
  void* mapped() const { return mapped_; }
  VkDeviceSize size() const { return size_; }

 private:
  void reset() {
    if (device_ == nullptr) return;
    if (buffer_ != VK_NULL_HANDLE) vkDestroyBuffer(device_->device(), buffer_, nullptr);
    if (memory_ != VK_NULL_HANDLE) vkFreeMemory(device_->device(), memory_, nullptr);  // unmaps too
    buffer_ = VK_NULL_HANDLE, memory_ = VK_NULL_HANDLE, mapped_ = nullptr, size_ = 0;
  }
  const gfx::Device* device_ = nullptr;
  VkBuffer buffer_ = VK_NULL_HANDLE;
  VkDeviceMemory memory_ = VK_NULL_HANDLE;
  void* mapped_ = nullptr;
  VkDeviceSize size_ = 0;
};

// A device-local 2D (array) image with a view over all its layers: 2D when sampled, else 2D_ARRAY.
class Image {
 public:
  Image() = default;
  Image(const gfx::Device& device, VkFormat format, VkExtent2D extent, std::uint32_t layers, VkImageUsageFlags usage)
      : device_(&device), format_(format), extent_(extent), layers_(layers) {
    const VkDevice d = device.device();
    auto info = vkStruct<VkImageCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO);
    info.imageType = VK_IMAGE_TYPE_2D;
    info.format = format;
    info.extent = {extent.width, extent.height, 1};
    info.mipLevels = 1;
    info.arrayLayers = layers;
    info.samples = VK_SAMPLE_COUNT_1_BIT;
    info.tiling = VK_IMAGE_TILING_OPTIMAL;
    info.usage = usage;
    info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    OVERUM_UI_VK(vkCreateImage(d, &info, nullptr, &image_));
    try {
      VkMemoryRequirements req{};
      vkGetImageMemoryRequirements(d, image_, &req);
      auto alloc = vkStruct<VkMemoryAllocateInfo>(VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO);
      alloc.allocationSize = req.size;
      alloc.memoryTypeIndex = device.memoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
      OVERUM_UI_VK(vkAllocateMemory(d, &alloc, nullptr, &memory_));
      OVERUM_UI_VK(vkBindImageMemory(d, image_, memory_, 0));
      // The atlas is sampled as sampler2D (a plain 2D view); attachments are arrays for multiview.
      view_ = createView(device, image_, format, layers, (usage & VK_IMAGE_USAGE_SAMPLED_BIT) ? VK_IMAGE_VIEW_TYPE_2D
                                                                                               : VK_IMAGE_VIEW_TYPE_2D_ARRAY);
    } catch (...) {
      reset();
      throw;
    }
  }
  ~Image() { reset(); }
  Image(Image&& o) noexcept { *this = std::move(o); }
  Image& operator=(Image&& o) noexcept {
    if (this != &o) {
      reset();
      std::swap(device_, o.device_);
      std::swap(image_, o.image_);
      std::swap(memory_, o.memory_);
      std::swap(view_, o.view_);
      std::swap(format_, o.format_);
      std::swap(extent_, o.extent_);
      std::swap(layers_, o.layers_);
    }
    return *this;
  }
  VkImage handle() const { return image_; }
  VkImageView view() const { return view_; }
  VkFormat format() const { return format_; }
  VkExtent2D extent() const { return extent_; }
  std::uint32_t layers() const { return layers_; }
  explicit operator bool() const { return image_ != VK_NULL_HANDLE; }

  static VkImageView createView(const gfx::Device& device, VkImage image, VkFormat format, std::uint32_t layers,
                                VkImageViewType type = VK_IMAGE_VIEW_TYPE_2D_ARRAY) {
    auto info = vkStruct<VkImageViewCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO);
    info.image = image;
    info.viewType = type;
    info.format = format;
    info.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, layers};
    VkImageView view = VK_NULL_HANDLE;
    OVERUM_UI_VK(vkCreateImageView(device.device(), &info, nullptr, &view));
    return view;
  }

 private:
  void reset() {
    if (device_ == nullptr) return;
    const VkDevice d = device_->device();
    if (view_ != VK_NULL_HANDLE) vkDestroyImageView(d, view_, nullptr);
    if (image_ != VK_NULL_HANDLE) vkDestroyImage(d, image_, nullptr);
    if (memory_ != VK_NULL_HANDLE) vkFreeMemory(d, memory_, nullptr);
    view_ = VK_NULL_HANDLE, image_ = VK_NULL_HANDLE, memory_ = VK_NULL_HANDLE;
  }
  const gfx::Device* device_ = nullptr;
  VkImage image_ = VK_NULL_HANDLE;
  VkDeviceMemory memory_ = VK_NULL_HANDLE;
  VkImageView view_ = VK_NULL_HANDLE;
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  VkExtent2D extent_{};
  std::uint32_t layers_ = 0;
};

// Quads that fit in the shared index buffer: far more than any overlay (a full cue card is ~2000).
constexpr std::uint32_t kMaxQuads = 32768;

struct Push {
  glm::mat4 clipFromWorld[2];
};
static_assert(sizeof(Push) == 128, "inside the 128 bytes of push constants every device offers");

}  // namespace

// ---- Impl: set-up, pipeline, atlas upload -----------------------------------------------------------

struct OverlayRenderer::Impl {
  struct FrameSlot {
    VkCommandPool pool = VK_NULL_HANDLE;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    Buffer vertices;                             // host-visible, grows by doubling
    VkImageView targetView = VK_NULL_HANDLE;     // view of the last target drawn directly; freed on reuse
    std::uint64_t submitted = 0;                 // timeline value signalled when this slot's frame is done
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
  VkShaderModule vertModule = VK_NULL_HANDLE, fragModule = VK_NULL_HANDLE;
  VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  VkDescriptorPool descriptorPool = VK_NULL_HANDLE;
  VkDescriptorSet set = VK_NULL_HANDLE;
  VkPipeline pipeline = VK_NULL_HANDLE;
  VkSemaphore timeline = VK_NULL_HANDLE;
  std::vector<FrameSlot> frames;
  std::uint64_t frameNumber = 0;

  OverlayMesh mesh;
  OverlayStats stats;

  Impl(gfx::Device& d, VkFormat f, std::uint32_t v, const OverlayRendererConfig& c)
      : device(d), format(f), viewCount(v), config(c), atlas(c.font) {}
  ~Impl();
  void init();
  void uploadAtlas();
  void createPipeline();
  VkShaderModule createModule(const std::uint32_t* words, std::size_t bytes) const;
  void waitFor(std::uint64_t value) const;
  void record(VkCommandBuffer cmd, FrameSlot& slot, std::span<const gfx::View> views, const gfx::RenderTarget& target);
};

OverlayRenderer::Impl::~Impl() {
  const VkDevice d = device.device();
  if (timeline != VK_NULL_HANDLE) {
    waitFor(frameNumber);
    vkDestroySemaphore(d, timeline, nullptr);
  }
  for (FrameSlot& f : frames) {
    if (f.targetView != VK_NULL_HANDLE) vkDestroyImageView(d, f.targetView, nullptr);
    if (f.pool != VK_NULL_HANDLE) vkDestroyCommandPool(d, f.pool, nullptr);  // frees its command buffer
  }
  if (pipeline != VK_NULL_HANDLE) vkDestroyPipeline(d, pipeline, nullptr);
  if (descriptorPool != VK_NULL_HANDLE) vkDestroyDescriptorPool(d, descriptorPool, nullptr);
  if (layout != VK_NULL_HANDLE) vkDestroyPipelineLayout(d, layout, nullptr);
  if (setLayout != VK_NULL_HANDLE) vkDestroyDescriptorSetLayout(d, setLayout, nullptr);
  if (vertModule != VK_NULL_HANDLE) vkDestroyShaderModule(d, vertModule, nullptr);
  if (fragModule != VK_NULL_HANDLE) vkDestroyShaderModule(d, fragModule, nullptr);
  if (sampler != VK_NULL_HANDLE) vkDestroySampler(d, sampler, nullptr);
}

VkShaderModule OverlayRenderer::Impl::createModule(const std::uint32_t* words, std::size_t bytes) const {
  auto info = vkStruct<VkShaderModuleCreateInfo>(VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO);
  info.codeSize = bytes;
  info.pCode = words;
  VkShaderModule module = VK_NULL_HANDLE;
  OVERUM_UI_VK(vkCreateShaderModule(device.device(), &info, nullptr, &module));
  return module;
}

void OverlayRenderer::Impl::init() {
  OVERUM_CHECK(viewCount == 1 || viewCount == 2, "OverlayRenderer viewCount {} (1 or 2)", viewCount);
  OVERUM_CHECK(config.framesInFlight >= 1 && config.framesInFlight <= 4, "OverlayRenderer framesInFlight {} (1..4)",
               config.framesInFlight);
  const VkDevice d = device.device();
  uploadAtlas();

  // One index buffer for every frame: quads are always 0-1-2, 0-2-3.
  indices = Buffer(device, VkDeviceSize(kMaxQuads) * 6 * sizeof(std::uint32_t), VK_BUFFER_USAGE_INDEX_BUFFER_BIT, true);
  auto* index = static_cast<std::uint32_t*>(indices.mapped());
  for (std::uint32_t q = 0; q < kMaxQuads; ++q)
    for (std::uint32_t corner : {0u, 1u, 2u, 0u, 2u, 3u}) *index++ = q * 4 + corner;

  createPipeline();

  auto timelineType = vkStruct<VkSemaphoreTypeCreateInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_TYPE_CREATE_INFO);
  timelineType.semaphoreType = VK_SEMAPHORE_TYPE_TIMELINE;
  auto semInfo = vkStruct<VkSemaphoreCreateInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO, &timelineType);
  OVERUM_UI_VK(vkCreateSemaphore(d, &semInfo, nullptr, &timeline));

  frames.resize(config.framesInFlight);
  for (FrameSlot& f : frames) {
    auto poolInfo = vkStruct<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
    poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    poolInfo.queueFamilyIndex = device.queueFamily();
    OVERUM_UI_VK(vkCreateCommandPool(d, &poolInfo, nullptr, &f.pool));
    auto alloc = vkStruct<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
    alloc.commandPool = f.pool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    OVERUM_UI_VK(vkAllocateCommandBuffers(d, &alloc, &f.cmd));
    f.vertices = Buffer(device, 4096 * 4 * sizeof(OverlayVertex), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, true);
  }
}

void OverlayRenderer::Impl::uploadAtlas() {
  const VkExtent2D extent{atlas.width(), atlas.height()};
  atlasImage = Image(device, VK_FORMAT_R8_UNORM, extent, 1, VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT);
  Buffer staging(device, atlas.pixels().size(), VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true);
  std::memcpy(staging.mapped(), atlas.pixels().data(), atlas.pixels().size());
  device.runOneShot([&](VkCommandBuffer cmd) {
    Barriers b;
    b.add(atlasImage.handle(), 1, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_NONE,
          VK_ACCESS_2_NONE, kTransfer, VK_ACCESS_2_TRANSFER_WRITE_BIT);
    b.record(cmd);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {extent.width, extent.height, 1};
    vkCmdCopyBufferToImage(cmd, staging.handle(), atlasImage.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    b.add(atlasImage.handle(), 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, kTransfer,
          VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
    b.record(cmd);
  });

  auto samplerInfo = vkStruct<VkSamplerCreateInfo>(VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO);
  samplerInfo.magFilter = samplerInfo.minFilter = VK_FILTER_LINEAR;  // distance fields interpolate well
  samplerInfo.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
  samplerInfo.addressModeU = samplerInfo.addressModeV = samplerInfo.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  samplerInfo.maxLod = 0.0f;
  OVERUM_UI_VK(vkCreateSampler(device.device(), &samplerInfo, nullptr, &sampler));
}

void OverlayRenderer::Impl::createPipeline() {
  const VkDevice d = device.device();
  vertModule = createModule(kOverlayVert, sizeof(kOverlayVert));
  fragModule = createModule(kOverlayFrag, sizeof(kOverlayFrag));

  VkDescriptorSetLayoutBinding binding{};
  binding.binding = 0;
  binding.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  binding.descriptorCount = 1;
  binding.stageFlags = VK_SHADER_STAGE_FRAGMENT_BIT;
  auto setInfo = vkStruct<VkDescriptorSetLayoutCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO);
  setInfo.bindingCount = 1;
  setInfo.pBindings = &binding;
  OVERUM_UI_VK(vkCreateDescriptorSetLayout(d, &setInfo, nullptr, &setLayout));

  const VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(Push)};
  auto layoutInfo = vkStruct<VkPipelineLayoutCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO);
  layoutInfo.setLayoutCount = 1;
  layoutInfo.pSetLayouts = &setLayout;
  layoutInfo.pushConstantRangeCount = 1;
  layoutInfo.pPushConstantRanges = &push;
  OVERUM_UI_VK(vkCreatePipelineLayout(d, &layoutInfo, nullptr, &layout));

  const VkDescriptorPoolSize poolSize{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1};
  auto poolInfo = vkStruct<VkDescriptorPoolCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO);
  poolInfo.maxSets = 1;
  poolInfo.poolSizeCount = 1;
  poolInfo.pPoolSizes = &poolSize;
  OVERUM_UI_VK(vkCreateDescriptorPool(d, &poolInfo, nullptr, &descriptorPool));
  auto setAlloc = vkStruct<VkDescriptorSetAllocateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO);
  setAlloc.descriptorPool = descriptorPool;
  setAlloc.descriptorSetCount = 1;
  setAlloc.pSetLayouts = &setLayout;
  OVERUM_UI_VK(vkAllocateDescriptorSets(d, &setAlloc, &set));
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
  std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
  for (auto& s : stages) s = vkStruct<VkPipelineShaderStageCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO);
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = vertModule;
  stages[0].pName = "main";
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = fragModule;
  stages[1].pName = "main";
  stages[1].pSpecializationInfo = &specialization;

  const VkVertexInputBindingDescription vertexBinding{0, sizeof(OverlayVertex), VK_VERTEX_INPUT_RATE_VERTEX};
  const std::array<VkVertexInputAttributeDescription, 4> attributes{{
      {0, 0, VK_FORMAT_R32G32B32_SFLOAT, static_cast<std::uint32_t>(offsetof(OverlayVertex, position))},
      {1, 0, VK_FORMAT_R32G32_SFLOAT, static_cast<std::uint32_t>(offsetof(OverlayVertex, uv))},
      {2, 0, VK_FORMAT_R8G8B8A8_UNORM, static_cast<std::uint32_t>(offsetof(OverlayVertex, color))},
      {3, 0, VK_FORMAT_R32G32B32A32_SFLOAT, static_cast<std::uint32_t>(offsetof(OverlayVertex, shape))},
  }};
  auto vertexInput = vkStruct<VkPipelineVertexInputStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO);
  vertexInput.vertexBindingDescriptionCount = 1;
  vertexInput.pVertexBindingDescriptions = &vertexBinding;
  vertexInput.vertexAttributeDescriptionCount = static_cast<std::uint32_t>(attributes.size());
  vertexInput.pVertexAttributeDescriptions = attributes.data();

  auto assembly = vkStruct<VkPipelineInputAssemblyStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO);
  assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  auto viewport = vkStruct<VkPipelineViewportStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO);
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;
  auto raster = vkStruct<VkPipelineRasterizationStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO);
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = VK_CULL_MODE_NONE;  // panels are seen from the front anyway; no winding to keep right
  raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  raster.lineWidth = 1.0f;
  auto multisample = vkStruct<VkPipelineMultisampleStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO);
  multisample.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;  // the shaders antialias analytically
  auto depth = vkStruct<VkPipelineDepthStencilStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO);

  VkPipelineColorBlendAttachmentState blend{};
  blend.blendEnable = VK_TRUE;
  blend.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
  blend.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
  blend.colorBlendOp = VK_BLEND_OP_ADD;
  blend.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
  blend.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
  blend.alphaBlendOp = VK_BLEND_OP_ADD;
  blend.colorWriteMask =
      VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  auto blendInfo = vkStruct<VkPipelineColorBlendStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO);
  blendInfo.attachmentCount = 1;
  blendInfo.pAttachments = &blend;

  const std::array<VkDynamicState, 2> dynamic{VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  auto dynamicInfo = vkStruct<VkPipelineDynamicStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO);
  dynamicInfo.dynamicStateCount = static_cast<std::uint32_t>(dynamic.size());
  dynamicInfo.pDynamicStates = dynamic.data();

  auto rendering = vkStruct<VkPipelineRenderingCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO);
  rendering.viewMask = viewCount == 2 ? 0b11u : 0u;
  rendering.colorAttachmentCount = 1;
  rendering.pColorAttachmentFormats = &format;

  auto info = vkStruct<VkGraphicsPipelineCreateInfo>(VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO, &rendering);
  info.stageCount = static_cast<std::uint32_t>(stages.size());
  info.pStages = stages.data();
  info.pVertexInputState = &vertexInput;
  info.pInputAssemblyState = &assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &multisample;
  info.pDepthStencilState = &depth;
  info.pColorBlendState = &blendInfo;
  info.pDynamicState = &dynamicInfo;
  info.layout = layout;
  OVERUM_UI_VK(vkCreateGraphicsPipelines(d, VK_NULL_HANDLE, 1, &info, nullptr, &pipeline));
}

void OverlayRenderer::Impl::waitFor(std::uint64_t value) const {
  if (value == 0 || timeline == VK_NULL_HANDLE) return;
  auto wait = vkStruct<VkSemaphoreWaitInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_WAIT_INFO);
  wait.semaphoreCount = 1;
  wait.pSemaphores = &timeline;
  wait.pValues = &value;
  OVERUM_UI_VK(vkWaitSemaphores(device.device(), &wait, UINT64_MAX));
}

// ---- recording a frame ------------------------------------------------------------------------------

void OverlayRenderer::Impl::record(VkCommandBuffer cmd, FrameSlot& slot, std::span<const gfx::View> views,
                                   const gfx::RenderTarget& target) {
  const std::uint32_t layers = viewCount;
  const VkImageLayout finalLayout = target.finalLayout;
  VkImageView attachment = VK_NULL_HANDLE;
  VkImage drawnImage = target.image;
  Barriers b;

  if (config.drawDirectly) {
    // The renderer's work on the target (any stage) happens before ours: source scope ALL_COMMANDS.
    b.add(target.image, layers, finalLayout, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, kAll, VK_ACCESS_2_MEMORY_WRITE_BIT,
          kColorStage, kColorRW);
    b.record(cmd);
    slot.targetView = Image::createView(device, target.image, target.format, layers);
    attachment = slot.targetView;
  } else {
    if (!scratch || scratch.extent().width != target.extent.width || scratch.extent().height != target.extent.height) {
      waitFor(frameNumber);  // earlier frames may still copy through the old scratch image
      scratch = Image(device, format, target.extent, layers,
                      VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                          VK_IMAGE_USAGE_TRANSFER_DST_BIT);
    }
    drawnImage = scratch.handle();
    b.add(target.image, layers, finalLayout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, kAll, VK_ACCESS_2_MEMORY_WRITE_BIT,
          kTransfer, VK_ACCESS_2_TRANSFER_READ_BIT);
    // The previous frame's copy out of the scratch image is on the same queue: order after it.
    b.add(scratch.handle(), layers, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, kTransfer,
          VK_ACCESS_2_NONE, kTransfer, VK_ACCESS_2_TRANSFER_WRITE_BIT);
    b.record(cmd);
    VkImageCopy region{};
    region.srcSubresource = region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, layers};
    region.extent = {target.extent.width, target.extent.height, 1};
    vkCmdCopyImage(cmd, target.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, scratch.handle(),
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    b.add(scratch.handle(), layers, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
          kTransfer, VK_ACCESS_2_TRANSFER_WRITE_BIT, kColorStage, kColorRW);
    b.add(target.image, layers, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, kTransfer,
          VK_ACCESS_2_TRANSFER_READ_BIT, kTransfer, VK_ACCESS_2_TRANSFER_WRITE_BIT);
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
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout, 0, 1, &set, 0, nullptr);
    const VkBuffer vb = slot.vertices.handle();
    const VkDeviceSize zero = 0;
    vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &zero);
    vkCmdBindIndexBuffer(cmd, indices.handle(), 0, VK_INDEX_TYPE_UINT32);
    Push push{{glm::mat4(1.0f), glm::mat4(1.0f)}};
    if (mesh.clipSpaceQuads > 0) {
      vkCmdPushConstants(cmd, layout, VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(push), &push);
      vkCmdDrawIndexed(cmd, mesh.clipSpaceQuads * 6, 1, 0, 0, 0);
    }
    if (quads > mesh.clipSpaceQuads) {
      for (std::uint32_t v = 0; v < 2; ++v) {
        const gfx::View& view = views[std::min<std::size_t>(v, views.size() - 1)];
        push.clipFromWorld[v] = view.projection * view.viewFromWorld;
      }
      vkCmdPushConstants(cmd, layout, VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(push), &push);
      vkCmdDrawIndexed(cmd, (quads - mesh.clipSpaceQuads) * 6, 1, mesh.clipSpaceQuads * 6, 0, 0);
    }
  }
  vkCmdEndRendering(cmd);

  if (config.drawDirectly) {
    b.add(target.image, layers, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, finalLayout, kColorStage,
          VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, kAll, kMemoryRW);
    b.record(cmd);
  } else {
    b.add(drawnImage, layers, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, kColorStage,
          VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, kTransfer, VK_ACCESS_2_TRANSFER_READ_BIT);
    b.record(cmd);
    VkImageCopy region{};
    region.srcSubresource = region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, layers};
    region.extent = {target.extent.width, target.extent.height, 1};
    vkCmdCopyImage(cmd, drawnImage, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target.image,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    if (finalLayout != VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL) {
      b.add(target.image, layers, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, finalLayout, kTransfer, VK_ACCESS_2_TRANSFER_WRITE_BIT,
            kAll, kMemoryRW);
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
  OVERUM_CHECK(target.image != VK_NULL_HANDLE && target.layers == r.viewCount, "overlay target with {} layers for {} views",
               target.layers, r.viewCount);
  OVERUM_CHECK(target.format == r.format, "overlay target format {} but the pipeline was made for {}", int(target.format),
               int(r.format));
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

  Impl::FrameSlot& slot = r.frames[r.frameNumber % r.frames.size()];
  r.waitFor(slot.submitted);
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

  OVERUM_UI_VK(vkResetCommandPool(r.device.device(), slot.pool, 0));
  auto begin = vkStruct<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  OVERUM_UI_VK(vkBeginCommandBuffer(slot.cmd, &begin));
  r.record(slot.cmd, slot, views, target);
  OVERUM_UI_VK(vkEndCommandBuffer(slot.cmd));

  const std::uint64_t value = r.frameNumber + 1;
  auto cmdInfo = vkStruct<VkCommandBufferSubmitInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO);
  cmdInfo.commandBuffer = slot.cmd;
  auto waitInfo = vkStruct<VkSemaphoreSubmitInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO);
  waitInfo.semaphore = sync.waitSemaphore;
  waitInfo.stageMask = kAll;  // the first barrier's source scope
  std::array<VkSemaphoreSubmitInfo, 2> signals{};
  signals[0] = vkStruct<VkSemaphoreSubmitInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO);
  signals[0].semaphore = r.timeline;
  signals[0].value = value;
  signals[0].stageMask = kAll;
  signals[1] = signals[0];
  signals[1].semaphore = sync.signalSemaphore;
  signals[1].value = 0;
  auto submit = vkStruct<VkSubmitInfo2>(VK_STRUCTURE_TYPE_SUBMIT_INFO_2);
  submit.waitSemaphoreInfoCount = sync.waitSemaphore != VK_NULL_HANDLE ? 1 : 0;
  submit.pWaitSemaphoreInfos = &waitInfo;
  submit.commandBufferInfoCount = 1;
  submit.pCommandBufferInfos = &cmdInfo;
  submit.signalSemaphoreInfoCount = sync.signalSemaphore != VK_NULL_HANDLE ? 2 : 1;
  submit.pSignalSemaphoreInfos = signals.data();
  OVERUM_UI_VK(vkQueueSubmit2(r.device.queue(), 1, &submit, sync.fence));
  r.frameNumber = value;
  slot.submitted = value;
  r.stats.recordSeconds = threadCpuSeconds() - t1;
}

void OverlayRenderer::waitIdle() { impl_->waitFor(impl_->frameNumber); }
const FontAtlas& OverlayRenderer::atlas() const { return impl_->atlas; }
const OverlayMesh& OverlayRenderer::lastMesh() const { return impl_->mesh; }
const OverlayStats& OverlayRenderer::lastStats() const { return impl_->stats; }

}  // namespace overum::ui
