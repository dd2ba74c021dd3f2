// SPDX-License-Identifier: GPL-3.0-or-later
// RAII owners for buffers and images with their own memory and for plain device objects, plus small helpers
// for image barriers, views and shader modules; gfx, ui, xr and the app share them. One allocation each.
#pragma once
#include <overum/gfx/device.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace overum::gfx {

class Buffer {
 public:
  Buffer() = default;
  // hostVisible: mapped for the buffer's lifetime (uniforms, staging, read-back).
  Buffer(const Device& device, VkDeviceSize size, VkBufferUsageFlags usage, bool hostVisible);
  ~Buffer();
  Buffer(Buffer&& other) noexcept;
  Buffer& operator=(Buffer&& other) noexcept;

  VkBuffer handle() const { return buffer_; }
  void* mapped() const { return mapped_; }
  VkDeviceSize size() const { return size_; }
  // Hands ownership out (GpuGeometry keeps raw handles in its public header).
  void release(VkBuffer& buffer, VkDeviceMemory& memory);

 private:
  void reset();
  const Device* device_ = nullptr;
  VkBuffer buffer_ = VK_NULL_HANDLE;
  VkDeviceMemory memory_ = VK_NULL_HANDLE;
  void* mapped_ = nullptr;
  VkDeviceSize size_ = 0;
};

struct ImageDesc {
  VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;
  VkExtent2D extent{1, 1};
  std::uint32_t layers = 1;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  VkImageUsageFlags usage = 0;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
  VkImageViewType viewType = VK_IMAGE_VIEW_TYPE_2D_ARRAY;  // 2D for a texture sampled as sampler2D
};

// A 2D (array) image with a view over all layers (desc.viewType), in device-local memory.
class Image {
 public:
  Image() = default;
  Image(const Device& device, const ImageDesc& desc);
  ~Image();
  Image(Image&& other) noexcept;
  Image& operator=(Image&& other) noexcept;

  VkImage handle() const { return image_; }
  VkImageView view() const { return view_; }
  const ImageDesc& desc() const { return desc_; }
  explicit operator bool() const { return image_ != VK_NULL_HANDLE; }

 private:
  void reset();
  const Device* device_ = nullptr;
  ImageDesc desc_;
  VkImage image_ = VK_NULL_HANDLE;
  VkDeviceMemory memory_ = VK_NULL_HANDLE;
  VkImageView view_ = VK_NULL_HANDLE;
};

// A view over layers [0, layers) of mip 0; the caller destroys it.
VkImageView createImageView(const Device& device, VkImage image, VkFormat format, std::uint32_t layers,
                            VkImageViewType type = VK_IMAGE_VIEW_TYPE_2D_ARRAY,
                            VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT);

// A shader module from SPIR-V words (the arrays glslc -mfmt=c embeds); the caller destroys it.
VkShaderModule createShaderModule(const Device& device, const std::uint32_t* words, std::size_t bytes);

// Up to four image layout transitions / memory dependencies (synchronization2), recorded as one
// vkCmdPipelineBarrier2; each covers mip 0 of layers [baseLayer, baseLayer + layers).
class ImageBarriers {
 public:
  void add(VkImage image, VkImageAspectFlags aspect, std::uint32_t layers, VkImageLayout from, VkImageLayout to,
           VkPipelineStageFlags2 srcStage, VkAccessFlags2 srcAccess, VkPipelineStageFlags2 dstStage,
           VkAccessFlags2 dstAccess, std::uint32_t baseLayer = 0);
  // Records the barriers added since the last record(); nothing when there are none.
  void record(VkCommandBuffer cmd);

 private:
  std::array<VkImageMemoryBarrier2, 4> list_{};
  std::uint32_t count_ = 0;
};

// One image layout transition / memory dependency, for brevity at call sites.
void imageBarrier(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect, std::uint32_t layers,
                  VkImageLayout from, VkImageLayout to, VkPipelineStageFlags2 srcStage, VkAccessFlags2 srcAccess,
                  VkPipelineStageFlags2 dstStage, VkAccessFlags2 dstAccess, std::uint32_t baseLayer = 0);

// Owns one Vulkan object destroyed with vkDestroyX(device, handle, nullptr).
template <typename Handle, void (*Destroy)(VkDevice, Handle, const VkAllocationCallbacks*)>
class VkOwned {
 public:
  VkOwned() = default;
  VkOwned(VkDevice device, Handle handle) : device_(device), handle_(handle) {}
  VkOwned(VkOwned&& o) noexcept : device_(o.device_), handle_(std::exchange(o.handle_, VK_NULL_HANDLE)) {}
  VkOwned& operator=(VkOwned&& o) noexcept {
    if (this != &o) {
      reset();
      device_ = o.device_;
      handle_ = std::exchange(o.handle_, VK_NULL_HANDLE);
    }
    return *this;
  }
  ~VkOwned() { reset(); }
  void reset() {
    if (handle_ != VK_NULL_HANDLE) Destroy(device_, handle_, nullptr);
    handle_ = VK_NULL_HANDLE;
  }
  Handle get() const { return handle_; }

 private:
  VkDevice device_ = VK_NULL_HANDLE;
  Handle handle_ = VK_NULL_HANDLE;
};

using OwnedSemaphore = VkOwned<VkSemaphore, vkDestroySemaphore>;
using OwnedFence = VkOwned<VkFence, vkDestroyFence>;
using OwnedImageView = VkOwned<VkImageView, vkDestroyImageView>;
using OwnedFramebuffer = VkOwned<VkFramebuffer, vkDestroyFramebuffer>;
using OwnedRenderPass = VkOwned<VkRenderPass, vkDestroyRenderPass>;
using OwnedDescriptorPool = VkOwned<VkDescriptorPool, vkDestroyDescriptorPool>;
using OwnedCommandPool = VkOwned<VkCommandPool, vkDestroyCommandPool>;

OwnedSemaphore makeSemaphore(VkDevice device);
OwnedFence makeFence(VkDevice device, bool signalled);

}  // namespace overum::gfx
