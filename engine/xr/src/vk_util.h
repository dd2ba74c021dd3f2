// Internal: Vulkan helpers the backends share — a checked-call macro and RAII owners for the few
// handles xr creates itself (offscreen image, semaphores, fences).
#pragma once
#include <overum/core/check.h>
#include <overum/gfx/device.h>
#include <vulkan/vulkan.h>

#include <utility>

namespace overum::xr {

const char* vkResultName(VkResult result);

// A zeroed Vulkan struct with sType set (aggregate `{VK_STRUCTURE_TYPE_...}` trips -Wextra).
template <typename T>
T vkStruct(VkStructureType type) {
  T value{};
  value.sType = type;
  return value;
}

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
using OwnedImageHandle = VkOwned<VkImage, vkDestroyImage>;
using OwnedMemory = VkOwned<VkDeviceMemory, vkFreeMemory>;

OwnedSemaphore makeSemaphore(VkDevice device);
OwnedFence makeFence(VkDevice device, bool signalled);

// A device-local 2D (array) image with its memory; the headless backend's render target.
struct OwnedImage {
  OwnedMemory memory;  // declared first so the image is destroyed before its memory is freed
  OwnedImageHandle image;
};
OwnedImage makeImage(const gfx::Device& device, VkFormat format, VkExtent2D extent, std::uint32_t layers,
                     VkImageUsageFlags usage);

}  // namespace overum::xr

#define OVERUM_XR_VK(call)                                                                       \
  do {                                                                                           \
    const VkResult overum_xr_vk_result_ = (call);                                                \
    if (overum_xr_vk_result_ != VK_SUCCESS)                                                      \
      ::overum::failCheck(#call, ::overum::xr::vkResultName(overum_xr_vk_result_), __FILE__, __LINE__); \
  } while (false)
