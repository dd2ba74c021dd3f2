// SPDX-License-Identifier: GPL-3.0-or-later
// Vulkan helpers shared by the xr backends (see vk_util.h).
#include "vk_util.h"

namespace overum::xr {

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

}  // namespace overum::xr
