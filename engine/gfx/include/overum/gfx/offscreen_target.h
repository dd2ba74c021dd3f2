// SPDX-License-Identifier: GPL-3.0-or-later
// An engine-owned image to render into when there is no window or headset: the headless backend and
// the render tests use it, then read it back (readback.h).
#pragma once
#include <overum/gfx/device.h>
#include <overum/gfx/readback.h>
#include <overum/gfx/render_target.h>
#include <overum/gfx/vk_resources.h>

namespace overum::gfx {

class OffscreenTarget {
 public:
  // layers: 1 mono, 2 stereo. format default R8G8B8A8_SRGB (what the renderer produces natively).
  OffscreenTarget(Device& device, VkExtent2D extent, std::uint32_t layers = 1,
                  VkFormat format = VK_FORMAT_R8G8B8A8_SRGB);
  ~OffscreenTarget();
  OffscreenTarget(const OffscreenTarget&) = delete;
  OffscreenTarget& operator=(const OffscreenTarget&) = delete;

  // Hand this to Renderer::render. The renderer overwrites every pixel, so the initial layout is
  // UNDEFINED each frame; it leaves the image in TRANSFER_SRC_OPTIMAL, ready for readback().
  RenderTarget target() const;
  // Waits for the queue's earlier work and copies one layer out as RGBA8 (call after render()).
  ImageRGBA8 readback(std::uint32_t layer = 0) const;

  VkImage image() const { return image_.handle(); }
  VkExtent2D extent() const { return extent_; }
  std::uint32_t layers() const { return layers_; }
  VkFormat format() const { return format_; }

 private:
  Device& device_;
  VkExtent2D extent_;
  std::uint32_t layers_;
  VkFormat format_;
  Image image_;
};

}  // namespace overum::gfx
