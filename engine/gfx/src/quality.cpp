// SPDX-License-Identifier: GPL-3.0-or-later
// The quality tiers' settings, the starting tier from the device, and the frame-time governor
// (see quality.h).
#include <overum/core/check.h>
#include <overum/gfx/quality.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace overum::gfx {

QualitySettings settingsFor(Quality quality) {
  switch (quality) {
    case Quality::high: return {VK_SAMPLE_COUNT_4_BIT, Shading::full, 1.0f};
    case Quality::medium: return {VK_SAMPLE_COUNT_1_BIT, Shading::full, 1.0f};
    case Quality::low: return {VK_SAMPLE_COUNT_1_BIT, Shading::simple, 1.0f};
  }
  return {};
}

std::string_view qualityName(Quality quality) {
  switch (quality) {
    case Quality::low: return "low";
    case Quality::medium: return "medium";
    case Quality::high: return "high";
  }
  return "?";
}

std::optional<Quality> qualityFromName(std::string_view name) {
  for (Quality q : {Quality::low, Quality::medium, Quality::high})
    if (qualityName(q) == name) return q;
  return std::nullopt;
}

Quality startingQuality(VkPhysicalDeviceType type, std::string_view deviceName) {
  std::string lower(deviceName);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  for (std::string_view software : {"llvmpipe", "lavapipe", "swiftshader", "softpipe"})
    if (lower.find(software) != std::string::npos) return Quality::low;
  if (type == VK_PHYSICAL_DEVICE_TYPE_CPU) return Quality::low;
  if (type == VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU) return Quality::medium;
  return Quality::high;
}

QualityGovernor::QualityGovernor(Quality start, const Config& config)
    : config_(config), quality_(start), skip_(config.skipAfterChange) {
  OVERUM_CHECK(config.window >= 1 && config.window <= std::size(samples_), "QualityGovernor window {} (1..{})",
               config.window, std::size(samples_));
}

Quality QualityGovernor::addFrame(double frameSeconds) {
  if (settled_) return quality_;
  measuredSeconds_ += std::max(frameSeconds, 0.0);
  if (skip_ > 0) {
    --skip_;
  } else {
    samples_[count_++] = float(frameSeconds);
    if (count_ == config_.window) {
      std::nth_element(samples_, samples_ + count_ / 2, samples_ + count_);
      const double median = samples_[count_ / 2];
      count_ = 0;
      if (median > config_.budgetSeconds && quality_ != Quality::low) {
        quality_ = Quality(std::uint8_t(quality_) - 1);
        skip_ = config_.skipAfterChange;
      }
    }
  }
  // Nothing lower to go to, or long enough measured: the tier is final.
  if (quality_ == Quality::low || measuredSeconds_ >= config_.settleSeconds) settled_ = true;
  return quality_;
}

}  // namespace overum::gfx
