// Vulkan helpers shared by the xr backends (see vk_util.h).
#include "vk_util.h"

namespace overum::xr {

const char* vkResultName(VkResult r) {
  switch (r) {
    case VK_SUCCESS: return "VK_SUCCESS";
    case VK_NOT_READY: return "VK_NOT_READY";
    case VK_TIMEOUT: return "VK_TIMEOUT";
    case VK_SUBOPTIMAL_KHR: return "VK_SUBOPTIMAL_KHR";
    case VK_ERROR_OUT_OF_HOST_MEMORY: return "VK_ERROR_OUT_OF_HOST_MEMORY";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY: return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
    case VK_ERROR_INITIALIZATION_FAILED: return "VK_ERROR_INITIALIZATION_FAILED";
    case VK_ERROR_DEVICE_LOST: return "VK_ERROR_DEVICE_LOST";
    case VK_ERROR_EXTENSION_NOT_PRESENT: return "VK_ERROR_EXTENSION_NOT_PRESENT";
    case VK_ERROR_FEATURE_NOT_PRESENT: return "VK_ERROR_FEATURE_NOT_PRESENT";
    case VK_ERROR_INCOMPATIBLE_DRIVER: return "VK_ERROR_INCOMPATIBLE_DRIVER";
    case VK_ERROR_FORMAT_NOT_SUPPORTED: return "VK_ERROR_FORMAT_NOT_SUPPORTED";
    case VK_ERROR_SURFACE_LOST_KHR: return "VK_ERROR_SURFACE_LOST_KHR";
    case VK_ERROR_NATIVE_WINDOW_IN_USE_KHR: return "VK_ERROR_NATIVE_WINDOW_IN_USE_KHR";
    case VK_ERROR_OUT_OF_DATE_KHR: return "VK_ERROR_OUT_OF_DATE_KHR";
    default: return "VkResult (other)";
  }
}

OwnedSemaphore makeSemaphore(VkDevice device) {
  auto info = vkStruct<VkSemaphoreCreateInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO);
  VkSemaphore s = VK_NULL_HANDLE;
  OVERUM_XR_VK(vkCreateSemaphore(device, &info, nullptr, &s));
  return OwnedSemaphore(device, s);
}

OwnedFence makeFence(VkDevice device, bool signalled) {
  auto info = vkStruct<VkFenceCreateInfo>(VK_STRUCTURE_TYPE_FENCE_CREATE_INFO);
  if (signalled) info.flags = VK_FENCE_CREATE_SIGNALED_BIT;
  VkFence f = VK_NULL_HANDLE;
  OVERUM_XR_VK(vkCreateFence(device, &info, nullptr, &f));
  return OwnedFence(device, f);
}

OwnedImage makeImage(const gfx::Device& device, VkFormat format, VkExtent2D extent, std::uint32_t layers,
                     VkImageUsageFlags usage) {
  auto info = vkStruct<VkImageCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO);
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = format;
  info.extent = {extent.width, extent.height, 1};
  info.mipLevels = 1;
  info.arrayLayers = layers;
  info.samples = VK_SAMPLE_COUNT_1_BIT;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImage image = VK_NULL_HANDLE;
  OVERUM_XR_VK(vkCreateImage(device.device(), &info, nullptr, &image));
  OwnedImage out;
  out.image = OwnedImageHandle(device.device(), image);

  VkMemoryRequirements req;
  vkGetImageMemoryRequirements(device.device(), image, &req);
  auto alloc = vkStruct<VkMemoryAllocateInfo>(VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO);
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = device.memoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  VkDeviceMemory memory = VK_NULL_HANDLE;
  OVERUM_XR_VK(vkAllocateMemory(device.device(), &alloc, nullptr, &memory));
  out.memory = OwnedMemory(device.device(), memory);
  OVERUM_XR_VK(vkBindImageMemory(device.device(), image, memory, 0));
  return out;
}

}  // namespace overum::xr
