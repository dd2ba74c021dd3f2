// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: RAII owners for the few Vulkan handles xr creates itself (semaphores, fences); checked
// calls, vkStruct and images come from gfx (overum/gfx/vk_check.h, overum/gfx/vk_resources.h).
#pragma once
#include <overum/gfx/vk_check.h>
#include <vulkan/vulkan.h>

#include <utility>

namespace overum::xr {

using gfx::vkStruct;

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

OwnedSemaphore makeSemaphore(VkDevice device);
OwnedFence makeFence(VkDevice device, bool signalled);

}  // namespace overum::xr
