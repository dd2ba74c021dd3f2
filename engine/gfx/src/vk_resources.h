// Internal RAII owners for buffers and images with their own memory allocation. The scene has tens
// of resources, not thousands, so one allocation each is fine (no sub-allocator).
#pragma once
#include <overum/gfx/device.h>

#include <cstdint>

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
};

// A 2D (array) image with a 2D_ARRAY view over all layers, in device-local memory.
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

// One image layout transition / memory dependency (synchronization2), for brevity at call sites.
void imageBarrier(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect, std::uint32_t layers,
                  VkImageLayout from, VkImageLayout to, VkPipelineStageFlags2 srcStage, VkAccessFlags2 srcAccess,
                  VkPipelineStageFlags2 dstStage, VkAccessFlags2 dstAccess);

}  // namespace overum::gfx
