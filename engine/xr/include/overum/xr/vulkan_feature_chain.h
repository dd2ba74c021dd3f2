// SPDX-License-Identifier: GPL-3.0-or-later
// A VkDeviceCreateInfo whose feature structs are merged so each feature is enabled in one place: an
// OpenXR runtime adds its own structs to the app's chain, and Vulkan forbids overlaps.
#pragma once
#include <vulkan/vulkan.h>

#include <cstdlib>
#include <memory>
#include <vector>

namespace overum::xr {

// The merged copy of `info`: structs a VkPhysicalDeviceVulkan1xFeatures in the chain covers (e.g.
// TimelineSemaphoreFeatures beside Vulkan12Features) are folded into it (VUID-VkDeviceCreateInfo-
// pNext-02829/02830/06532), repeated structs into their first copy (sType-unique), pEnabledFeatures
// into a VkPhysicalDeviceFeatures2 (pNext-00373). Enabled bits are OR-ed: nothing anyone asked for is
// lost. A chain with a struct this does not know is left as it is (its size is unknown, so it cannot
// be relinked). Queue infos and extension names are not copied: `info` must outlive this object.
class MergedFeatureChain {
 public:
  explicit MergedFeatureChain(const VkDeviceCreateInfo& info);
  const VkDeviceCreateInfo& info() const { return info_; }
  bool changed() const { return changed_; }  // false: info() is the original, field for field

 private:
  struct Free {
    void operator()(void* p) const { std::free(p); }
  };
  VkDeviceCreateInfo info_;
  std::vector<std::unique_ptr<VkBaseOutStructure, Free>> structs_;  // copies, linked in this order
  bool changed_ = false;
};

}  // namespace overum::xr
