// SPDX-License-Identifier: GPL-3.0-or-later
// OVERUM_VK(call) turns a failed Vulkan call into overum::Error naming the call, the VkResult and
// file:line; gfx, ui and xr all use it (and vkStruct), so a failure anywhere says what went wrong.
#pragma once
#include <overum/core/check.h>
#include <vulkan/vulkan.h>

namespace overum::gfx {

const char* resultName(VkResult result);

// A zeroed Vulkan struct with sType (and pNext) set: keeps -Wextra quiet about partial initialisers.
template <typename T>
T vkStruct(VkStructureType type, const void* next = nullptr) {
  T value{};
  value.sType = type;
  value.pNext = const_cast<decltype(value.pNext)>(next);
  return value;
}

}  // namespace overum::gfx

#define OVERUM_VK(call)                                                                             \
  do {                                                                                              \
    const VkResult overum_vk_result_ = (call);                                                      \
    if (overum_vk_result_ != VK_SUCCESS)                                                            \
      ::overum::failCheck(#call, ::overum::gfx::resultName(overum_vk_result_), __FILE__, __LINE__); \
  } while (false)
