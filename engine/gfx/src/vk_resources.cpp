// SPDX-License-Identifier: GPL-3.0-or-later
// Buffer and Image owners: create, bind memory, map, destroy; plus the view, shader-module and barrier
// helpers (see vk_resources.h).
#include <overum/gfx/vk_resources.h>

#include <overum/gfx/vk_check.h>

#include <utility>

namespace overum::gfx {

Buffer::Buffer(const Device& device, VkDeviceSize size, VkBufferUsageFlags usage, bool hostVisible)
    : device_(&device), size_(size) {
  auto info = vkStruct<VkBufferCreateInfo>(VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO);
  info.size = size;
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  OVERUM_VK(vkCreateBuffer(device.device(), &info, nullptr, &buffer_));
  VkMemoryRequirements req{};
  vkGetBufferMemoryRequirements(device.device(), buffer_, &req);
  auto alloc = vkStruct<VkMemoryAllocateInfo>(VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO);
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = device.memoryType(
      req.memoryTypeBits, hostVisible ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
                                      : VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  try {
    OVERUM_VK(vkAllocateMemory(device.device(), &alloc, nullptr, &memory_));
    OVERUM_VK(vkBindBufferMemory(device.device(), buffer_, memory_, 0));
    if (hostVisible) OVERUM_VK(vkMapMemory(device.device(), memory_, 0, VK_WHOLE_SIZE, 0, &mapped_));
  } catch (...) {
    reset();
    throw;
  }
}

Buffer::~Buffer() { reset(); }

Buffer::Buffer(Buffer&& other) noexcept { *this = std::move(other); }

Buffer& Buffer::operator=(Buffer&& other) noexcept {
  if (this != &other) {
    reset();
    device_ = std::exchange(other.device_, nullptr);
    buffer_ = std::exchange(other.buffer_, VK_NULL_HANDLE);
    memory_ = std::exchange(other.memory_, VK_NULL_HANDLE);
    mapped_ = std::exchange(other.mapped_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void Buffer::release(VkBuffer& buffer, VkDeviceMemory& memory) {
  buffer = std::exchange(buffer_, VK_NULL_HANDLE);
  memory = std::exchange(memory_, VK_NULL_HANDLE);
  device_ = nullptr;
}

void Buffer::reset() {
  if (device_ == nullptr) return;
  if (buffer_ != VK_NULL_HANDLE) vkDestroyBuffer(device_->device(), buffer_, nullptr);
  if (memory_ != VK_NULL_HANDLE) vkFreeMemory(device_->device(), memory_, nullptr);  // unmaps too
  buffer_ = VK_NULL_HANDLE;
  memory_ = VK_NULL_HANDLE;
  mapped_ = nullptr;
  device_ = nullptr;
}

Image::Image(const Device& device, const ImageDesc& desc) : device_(&device), desc_(desc) {
  auto info = vkStruct<VkImageCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO);
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = desc.format;
  info.extent = {desc.extent.width, desc.extent.height, 1};
  info.mipLevels = 1;
  info.arrayLayers = desc.layers;
  info.samples = desc.samples;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = desc.usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  OVERUM_VK(vkCreateImage(device.device(), &info, nullptr, &image_));
  try {
    VkMemoryRequirements req{};
    vkGetImageMemoryRequirements(device.device(), image_, &req);
    auto alloc = vkStruct<VkMemoryAllocateInfo>(VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO);
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = device.memoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    OVERUM_VK(vkAllocateMemory(device.device(), &alloc, nullptr, &memory_));
    OVERUM_VK(vkBindImageMemory(device.device(), image_, memory_, 0));
    view_ = createImageView(device, image_, desc.format, desc.layers, desc.viewType, desc.aspect);
  } catch (...) {
    reset();
    throw;
  }
}

Image::~Image() { reset(); }

Image::Image(Image&& other) noexcept { *this = std::move(other); }

Image& Image::operator=(Image&& other) noexcept {
  if (this != &other) {
    reset();
    device_ = std::exchange(other.device_, nullptr);
    desc_ = other.desc_;
    image_ = std::exchange(other.image_, VK_NULL_HANDLE);
    memory_ = std::exchange(other.memory_, VK_NULL_HANDLE);
    view_ = std::exchange(other.view_, VK_NULL_HANDLE);
  }
  return *this;
}

void Image::reset() {
  if (device_ == nullptr) return;
  if (view_ != VK_NULL_HANDLE) vkDestroyImageView(device_->device(), view_, nullptr);
  if (image_ != VK_NULL_HANDLE) vkDestroyImage(device_->device(), image_, nullptr);
  if (memory_ != VK_NULL_HANDLE) vkFreeMemory(device_->device(), memory_, nullptr);
  view_ = VK_NULL_HANDLE;
  image_ = VK_NULL_HANDLE;
  memory_ = VK_NULL_HANDLE;
  device_ = nullptr;
}

VkImageView createImageView(const Device& device, VkImage image, VkFormat format, std::uint32_t layers,
                            VkImageViewType type, VkImageAspectFlags aspect) {
  auto info = vkStruct<VkImageViewCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO);
  info.image = image;
  info.viewType = type;
  info.format = format;
  info.subresourceRange = {aspect, 0, 1, 0, layers};
  VkImageView view = VK_NULL_HANDLE;
  OVERUM_VK(vkCreateImageView(device.device(), &info, nullptr, &view));
  return view;
}

VkShaderModule createShaderModule(const Device& device, const std::uint32_t* words, std::size_t bytes) {
  auto info = vkStruct<VkShaderModuleCreateInfo>(VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO);
  info.codeSize = bytes;
  info.pCode = words;
  VkShaderModule module = VK_NULL_HANDLE;
  OVERUM_VK(vkCreateShaderModule(device.device(), &info, nullptr, &module));
  return module;
}

void ImageBarriers::add(VkImage image, VkImageAspectFlags aspect, std::uint32_t layers, VkImageLayout from,
                        VkImageLayout to, VkPipelineStageFlags2 srcStage, VkAccessFlags2 srcAccess,
                        VkPipelineStageFlags2 dstStage, VkAccessFlags2 dstAccess, std::uint32_t baseLayer) {
  OVERUM_CHECK(count_ < list_.size(), "more than {} image barriers in one batch", list_.size());
  auto& b = list_[count_++];
  b = vkStruct<VkImageMemoryBarrier2>(VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2);
  b.srcStageMask = srcStage;
  b.srcAccessMask = srcAccess;
  b.dstStageMask = dstStage;
  b.dstAccessMask = dstAccess;
  b.oldLayout = from;
  b.newLayout = to;
  b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.image = image;
  b.subresourceRange = {aspect, 0, 1, baseLayer, layers};
}

void ImageBarriers::record(VkCommandBuffer cmd) {
  if (count_ == 0) return;
  auto dep = vkStruct<VkDependencyInfo>(VK_STRUCTURE_TYPE_DEPENDENCY_INFO);
  dep.imageMemoryBarrierCount = count_;
  dep.pImageMemoryBarriers = list_.data();
  vkCmdPipelineBarrier2(cmd, &dep);
  count_ = 0;
}

void imageBarrier(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect, std::uint32_t layers,
                  VkImageLayout from, VkImageLayout to, VkPipelineStageFlags2 srcStage, VkAccessFlags2 srcAccess,
                  VkPipelineStageFlags2 dstStage, VkAccessFlags2 dstAccess, std::uint32_t baseLayer) {
  ImageBarriers barriers;
  barriers.add(image, aspect, layers, from, to, srcStage, srcAccess, dstStage, dstAccess, baseLayer);
  barriers.record(cmd);
}

OwnedSemaphore makeSemaphore(VkDevice device) {
  auto info = vkStruct<VkSemaphoreCreateInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO);
  VkSemaphore s = VK_NULL_HANDLE;
  OVERUM_VK(vkCreateSemaphore(device, &info, nullptr, &s));
  return OwnedSemaphore(device, s);
}

OwnedFence makeFence(VkDevice device, bool signalled) {
  auto info = vkStruct<VkFenceCreateInfo>(VK_STRUCTURE_TYPE_FENCE_CREATE_INFO);
  if (signalled) info.flags = VK_FENCE_CREATE_SIGNALED_BIT;
  VkFence f = VK_NULL_HANDLE;
  OVERUM_VK(vkCreateFence(device, &info, nullptr, &f));
  return OwnedFence(device, f);
}

}  // namespace overum::gfx
