// SPDX-License-Identifier: GPL-3.0-or-later
// What a backend hands the renderer to draw into: an XR swapchain image, a window image or an
// offscreen image. The backend owns it; the renderer only records commands against it.
#pragma once
#include <vulkan/vulkan.h>

#include <cstdint>
#include <glm/glm.hpp>

namespace overum::gfx {

struct RenderTarget {
  VkImage image = VK_NULL_HANDLE;  // 2D, or 2D array with one layer per view; usage includes TRANSFER_DST
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{};
  std::uint32_t layers = 1;                                 // 2 for stereo (multiview)
  VkImageLayout initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;  // layout when handed over
  VkImageLayout finalLayout = VK_IMAGE_LAYOUT_GENERAL;      // layout the renderer must leave it in
};

// One eye, or the window's single view.
struct View {
  glm::mat4 viewFromWorld{1.0f};  // inverse of T_world_eye
  glm::mat4 projection{1.0f};     // Vulkan clip space, see overum::projectionFromFov
};

// GPU synchronisation with the backend for one frame; any handle may be null.
struct FrameSync {
  VkSemaphore waitSemaphore = VK_NULL_HANDLE;    // e.g. swapchain image acquired
  VkSemaphore signalSemaphore = VK_NULL_HANDLE;  // e.g. ready to present
  VkFence fence = VK_NULL_HANDLE;                // signalled when the frame's GPU work is done
};

}  // namespace overum::gfx
