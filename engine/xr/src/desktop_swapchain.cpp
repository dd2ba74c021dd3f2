// SPDX-License-Identifier: GPL-3.0-or-later
// The window's Vulkan swapchain (see desktop_swapchain.h).
#include "desktop_swapchain.h"

#include <overum/core/log.h>

#include <algorithm>

namespace overum::xr {

DesktopSwapchain::DesktopSwapchain(const gfx::Device& device, VkSurfaceKHR surface)
    : device_(device), surface_(surface) {
  VkBool32 supported = VK_FALSE;
  OVERUM_VK(vkGetPhysicalDeviceSurfaceSupportKHR(device.physicalDevice(), device.queueFamily(), surface, &supported));
  OVERUM_CHECK(supported == VK_TRUE, "the graphics queue cannot present to this window");

  std::uint32_t count = 0;
  OVERUM_VK(vkGetPhysicalDeviceSurfaceFormatsKHR(device.physicalDevice(), surface, &count, nullptr));
  std::vector<VkSurfaceFormatKHR> formats(count);
  OVERUM_VK(vkGetPhysicalDeviceSurfaceFormatsKHR(device.physicalDevice(), surface, &count, formats.data()));
  OVERUM_CHECK(!formats.empty(), "the window offers no surface formats");
  // sRGB formats: the renderer writes linear colour and the hardware encodes.
  auto it = std::find_if(formats.begin(), formats.end(), [](const VkSurfaceFormatKHR& f) {
    return (f.format == VK_FORMAT_B8G8R8A8_SRGB || f.format == VK_FORMAT_R8G8B8A8_SRGB) &&
           f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
  });
  if (it == formats.end()) {
    log::warn("xr", "window has no sRGB surface format; colours will look too dark");
    it = formats.begin();
  }
  format_ = it->format;
  colorSpace_ = it->colorSpace;
}

DesktopSwapchain::~DesktopSwapchain() {
  vkDeviceWaitIdle(device_.device());
  renderFinished_.clear();
  if (swapchain_) vkDestroySwapchainKHR(device_.device(), swapchain_, nullptr);
}

void DesktopSwapchain::recreate(VkExtent2D framebuffer) {
  OVERUM_CHECK(framebuffer.width > 0 && framebuffer.height > 0, "swapchain recreated at 0x0");
  vkDeviceWaitIdle(device_.device());

  VkSurfaceCapabilitiesKHR caps;
  OVERUM_VK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(device_.physicalDevice(), surface_, &caps));
  VkExtent2D extent = caps.currentExtent;
  if (extent.width == UINT32_MAX) {
    extent.width = std::clamp(framebuffer.width, caps.minImageExtent.width, caps.maxImageExtent.width);
    extent.height = std::clamp(framebuffer.height, caps.minImageExtent.height, caps.maxImageExtent.height);
  }
  const VkImageUsageFlags usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  OVERUM_CHECK((caps.supportedUsageFlags & usage) == usage, "window images cannot be drawn or copied into");

  std::uint32_t imageCount = std::max(caps.minImageCount + 1, 3u);
  if (caps.maxImageCount > 0) imageCount = std::min(imageCount, caps.maxImageCount);

  auto info = vkStruct<VkSwapchainCreateInfoKHR>(VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR);
  info.surface = surface_;
  info.minImageCount = imageCount;
  info.imageFormat = format_;
  info.imageColorSpace = colorSpace_;
  info.imageExtent = extent;
  info.imageArrayLayers = 1;
  info.imageUsage = usage;
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  info.presentMode = VK_PRESENT_MODE_FIFO_KHR;  // always available; no tearing
  info.clipped = VK_TRUE;
  info.oldSwapchain = swapchain_;
  VkSwapchainKHR created = VK_NULL_HANDLE;
  OVERUM_VK(vkCreateSwapchainKHR(device_.device(), &info, nullptr, &created));
  if (swapchain_) vkDestroySwapchainKHR(device_.device(), swapchain_, nullptr);
  swapchain_ = created;
  extent_ = extent;

  std::uint32_t count = 0;
  OVERUM_VK(vkGetSwapchainImagesKHR(device_.device(), swapchain_, &count, nullptr));
  images_.resize(count);
  OVERUM_VK(vkGetSwapchainImagesKHR(device_.device(), swapchain_, &count, images_.data()));
  renderFinished_.clear();
  for (std::uint32_t i = 0; i < count; ++i) renderFinished_.push_back(makeSemaphore(device_.device()));
  log::info("xr", "window swapchain {}x{}, {} images", extent.width, extent.height, count);
}

}  // namespace overum::xr
