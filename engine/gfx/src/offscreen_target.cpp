// OffscreenTarget: a colour image usable as a transfer destination (render) and source (read-back).
#include <overum/gfx/offscreen_target.h>

#include "vk_check.h"

namespace overum::gfx {

OffscreenTarget::OffscreenTarget(Device& device, VkExtent2D extent, std::uint32_t layers, VkFormat format)
    : device_(device), extent_(extent), layers_(layers), format_(format) {
  OVERUM_CHECK(extent.width > 0 && extent.height > 0 && layers > 0, "offscreen target {}x{}x{}", extent.width,
               extent.height, layers);
  auto info = vkStruct<VkImageCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO);
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = format;
  info.extent = {extent.width, extent.height, 1};
  info.mipLevels = 1;
  info.arrayLayers = layers;
  info.samples = VK_SAMPLE_COUNT_1_BIT;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  OVERUM_VK(vkCreateImage(device.device(), &info, nullptr, &image_));
  VkMemoryRequirements req{};
  vkGetImageMemoryRequirements(device.device(), image_, &req);
  auto alloc = vkStruct<VkMemoryAllocateInfo>(VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO);
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = device.memoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  const VkResult result = vkAllocateMemory(device.device(), &alloc, nullptr, &memory_);
  if (result == VK_SUCCESS) OVERUM_VK(vkBindImageMemory(device.device(), image_, memory_, 0));
  if (result != VK_SUCCESS) {
    vkDestroyImage(device.device(), image_, nullptr);
    OVERUM_VK(result);
  }
}

OffscreenTarget::~OffscreenTarget() {
  vkDestroyImage(device_.device(), image_, nullptr);
  vkFreeMemory(device_.device(), memory_, nullptr);
}

RenderTarget OffscreenTarget::target() const {
  RenderTarget t;
  t.image = image_;
  t.format = format_;
  t.extent = extent_;
  t.layers = layers_;
  t.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  t.finalLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  return t;
}

ImageRGBA8 OffscreenTarget::readback(std::uint32_t layer) const {
  OVERUM_CHECK(layer < layers_, "readback of layer {} of {}", layer, layers_);
  return readbackImage(device_, image_, format_, extent_, layer, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
}

}  // namespace overum::gfx
