// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the xr GPU tests: a painter that draws a small test scene into whatever target a
// headset hands over (a lit box through gfx::Renderer; with OVERUM_XR_TEST_PAINTER=marker a clear
// plus a marker patch where the box centre projects, no gfx::Renderer), read-back, log capture.
#pragma once
#include <overum/core/log.h>
#include <overum/gfx/device.h>
#include <overum/gfx/readback.h>
#include <overum/xr/headset.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace overum::xr::test {

// Where the test box sits: 1 m in front of the default seated head (0, 1.2, 0), looking down -Z.
inline const glm::vec3 kBoxCentre{0.0f, 1.2f, -1.0f};
inline constexpr float kBoxSize = 0.2f;

using Rgba = gfx::ImageRGBA8;  // RGBA8, top row first

// Pixels that differ from the top-left pixel (the background) by more than `threshold` in any channel:
// their count and centroid. The box (or marker) is the only thing in the picture.
struct Blob {
  std::size_t count = 0;
  double cx = 0.0, cy = 0.0;
};
Blob foreground(const Rgba& image, int threshold = 12);

// Where a world point lands in a view, in pixels (Vulkan: y down).
glm::vec2 projectToPixels(const gfx::View& view, VkExtent2D extent, const glm::vec3& world);

class ScenePainter {
 public:
  ScenePainter(gfx::Device& device, std::uint32_t viewCount, VkExtent2D extent);
  ~ScenePainter();
  ScenePainter(const ScenePainter&) = delete;
  ScenePainter& operator=(const ScenePainter&) = delete;

  // Draws into frame.target for frame.views, honouring frame.sync; returns when it is submitted.
  void paint(const HeadsetFrame& frame);
  void resize(VkExtent2D extent);
  static bool usesRenderer();  // false with OVERUM_XR_TEST_PAINTER=marker

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Copies one layer of an image (8-bit RGBA/BGRA) to the CPU; the image is in `layout` before and after.
Rgba readLayer(const gfx::Device& device, VkImage image, VkFormat format, VkExtent2D extent, std::uint32_t layer,
               VkImageLayout layout);

// Collects log lines ("tag: message") while alive, still echoing them to stderr.
class LogCapture {
 public:
  LogCapture();
  ~LogCapture();
  bool contains(const std::string& line) const;
  std::vector<std::string> lines;
};

}  // namespace overum::xr::test
