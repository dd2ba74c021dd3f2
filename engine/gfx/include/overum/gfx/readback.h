// SPDX-License-Identifier: GPL-3.0-or-later
// Copying rendered images back to the CPU as RGBA8 and writing them as PNG (stb_image_write), for
// headless capture and render tests.
#pragma once
#include <overum/gfx/device.h>

#include <cstdint>
#include <string>
#include <vector>

namespace overum::gfx {

struct ImageRGBA8 {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<std::uint8_t> pixels;  // row-major, top row first, 4 bytes per pixel

  const std::uint8_t* at(std::uint32_t x, std::uint32_t y) const { return &pixels[(std::size_t(y) * width + x) * 4]; }
};

// Copies one array layer of `image` (8-bit RGBA/BGRA, UNORM or SRGB: the stored bytes, i.e. sRGB
// encoded) out to the CPU. The image is in `layout` before and after. Waits for the queue.
ImageRGBA8 readbackImage(const Device& device, VkImage image, VkFormat format, VkExtent2D extent, std::uint32_t layer,
                         VkImageLayout layout);

// How far a rendered image is from a reference image (render tests against PNGs in tests/).
struct ImageDifference {
  bool sameSize = false;
  std::uint32_t differingPixels = 0;  // pixels with some channel off by more than the tolerance
  double differingFraction = 1.0;     // differingPixels / pixel count; 1 when the sizes differ
  int maxChannelDelta = 255;          // largest |actual - expected| over all RGB channels
  ImageRGBA8 diff;  // grey = 4x the pixel's largest delta, red where over tolerance; empty when sizes differ
};
ImageDifference compareImages(const ImageRGBA8& actual, const ImageRGBA8& expected, int channelTolerance);

// Writes a PNG; throws overum::Error naming the path when it cannot.
void writePng(const std::string& path, const ImageRGBA8& image);
// Reads a PNG written by writePng (tests' reference images); throws overum::Error when it cannot.
ImageRGBA8 readPng(const std::string& path);

}  // namespace overum::gfx
