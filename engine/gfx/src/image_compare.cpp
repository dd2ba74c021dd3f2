// SPDX-License-Identifier: GPL-3.0-or-later
// compareImages: per-channel tolerance and the fraction of pixels beyond it, plus a diff picture
// that shows where, so a failing render test can be understood at a glance.
#include <overum/gfx/readback.h>

#include <algorithm>
#include <cstdlib>

namespace overum::gfx {

ImageDifference compareImages(const ImageRGBA8& actual, const ImageRGBA8& expected, int channelTolerance) {
  ImageDifference result;
  result.sameSize = actual.width == expected.width && actual.height == expected.height &&
                    actual.pixels.size() == expected.pixels.size() &&
                    actual.pixels.size() == std::size_t(actual.width) * actual.height * 4;
  if (!result.sameSize) return result;
  result.maxChannelDelta = 0;
  result.diff.width = actual.width;
  result.diff.height = actual.height;
  result.diff.pixels.resize(actual.pixels.size());
  for (std::size_t i = 0; i < actual.pixels.size(); i += 4) {
    int delta = 0;
    for (std::size_t c = 0; c < 3; ++c)
      delta = std::max(delta, std::abs(int(actual.pixels[i + c]) - int(expected.pixels[i + c])));
    result.maxChannelDelta = std::max(result.maxChannelDelta, delta);
    const bool over = delta > channelTolerance;
    result.differingPixels += over ? 1 : 0;
    const auto grey = static_cast<std::uint8_t>(std::min(255, delta * 4));
    result.diff.pixels[i + 0] = over ? 255 : grey;
    result.diff.pixels[i + 1] = over ? 0 : grey;
    result.diff.pixels[i + 2] = over ? 0 : grey;
    result.diff.pixels[i + 3] = 255;
  }
  const std::size_t count = std::size_t(actual.width) * actual.height;
  result.differingFraction = count > 0 ? double(result.differingPixels) / double(count) : 0.0;
  return result;
}

}  // namespace overum::gfx
