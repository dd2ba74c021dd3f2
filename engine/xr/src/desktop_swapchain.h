// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: the window's Vulkan swapchain, with one "render finished" semaphore per image (presents
// may still hold a per-frame one). Recreated on resize, OUT_OF_DATE or SUBOPTIMAL; never at 0x0.
#pragma once
#include <overum/gfx/device.h>

#include <vector>

#include "vk_util.h"

namespace overum::xr {

class DesktopSwapchain {
 public:
  DesktopSwapchain(const gfx::Device& device, VkSurfaceKHR surface);
  ~DesktopSwapchain();
  DesktopSwapchain(const DesktopSwapchain&) = delete;
  DesktopSwapchain& operator=(const DesktopSwapchain&) = delete;

  // (Re)creates for this framebuffer size; waits for the device first. extent must not be 0x0.
  void recreate(VkExtent2D framebuffer);

  VkSwapchainKHR handle() const { return swapchain_; }
  VkFormat format() const { return format_; }
  VkExtent2D extent() const { return extent_; }
  VkImage image(std::uint32_t i) const { return images_[i]; }
  VkSemaphore renderFinished(std::uint32_t i) const { return renderFinished_[i].get(); }

 private:
  const gfx::Device& device_;
  VkSurfaceKHR surface_;
  VkSwapchainKHR swapchain_ = VK_NULL_HANDLE;
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  VkColorSpaceKHR colorSpace_ = VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
  VkExtent2D extent_{};
  std::vector<VkImage> images_;
  std::vector<OwnedSemaphore> renderFinished_;
};

}  // namespace overum::xr
