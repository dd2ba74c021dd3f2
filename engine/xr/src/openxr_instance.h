// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: the OpenXR instance with XR_KHR_vulkan_enable2 and the HMD system, plus the Vulkan
// creation calls the gfx::Device is routed through (so the runtime picks the GPU and extensions).
#pragma once
#include <string>
#include <vector>

#include "openxr_platform.h"

namespace overum::xr {

class OpenXrInstance {
 public:
  // Throws overum::Error (one line) when there is no runtime, no extension, or no headset.
  explicit OpenXrInstance(bool validation);
  ~OpenXrInstance();
  OpenXrInstance(const OpenXrInstance&) = delete;
  OpenXrInstance& operator=(const OpenXrInstance&) = delete;

  XrInstance handle() const { return instance_; }
  XrSystemId system() const { return system_; }
  bool hpControllers() const { return hpControllers_; }  // XR_EXT_hp_mixed_reality_controller enabled
  // Looks the HMD up again (after session loss); false while it is unavailable.
  bool refreshSystem();
  std::vector<XrViewConfigurationView> stereoViews() const;
  void checkGraphicsRequirements() const;          // required before every xrCreateSession
  bool pollEvent(XrEventDataBuffer& event) const;  // false when the queue is empty

  VkResult createVulkanInstance(const VkInstanceCreateInfo& info, VkInstance& out) const;
  VkPhysicalDevice vulkanPhysicalDevice(VkInstance instance) const;
  VkResult createVulkanDevice(VkPhysicalDevice physical, const VkDeviceCreateInfo& info, VkDevice& out) const;

 private:
  XrInstance instance_ = XR_NULL_HANDLE;
  XrSystemId system_ = XR_NULL_SYSTEM_ID;
  bool hpControllers_ = false;
  PFN_xrGetVulkanGraphicsRequirements2KHR getRequirements_ = nullptr;
  PFN_xrCreateVulkanInstanceKHR createInstance_ = nullptr;
  PFN_xrGetVulkanGraphicsDevice2KHR getDevice_ = nullptr;
  PFN_xrCreateVulkanDeviceKHR createDevice_ = nullptr;
};

}  // namespace overum::xr
