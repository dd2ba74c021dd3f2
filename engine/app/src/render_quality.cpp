// SPDX-License-Identifier: GPL-3.0-or-later
// The quality tier: forced, or from the device and the measured frame times (see render_quality.h).
#include "render_quality.h"

#include <overum/core/log.h>

namespace overum::app {

RenderQuality::RenderQuality(const std::string& quality, Mode mode, const gfx::Device& device) {
  const VkPhysicalDeviceProperties& gpu = device.properties();
  if (const std::optional<gfx::Quality> forced = gfx::qualityFromName(quality)) {
    tier_ = *forced;
    log::info("gfx", "quality {} (--quality)", gfx::qualityName(tier_));
    return;
  }
  if (mode == Mode::headless) {
    log::info("gfx", "quality high (headless: the pictures are kept)");
    return;
  }
  tier_ = gfx::startingQuality(gpu.deviceType, gpu.deviceName);
  // A headset's runtime paces the frames itself; the window's frame times tell what the GPU manages.
  if (mode == Mode::desktop) governor_.emplace(tier_);
  log::info("gfx", "quality {} to start with on {}{}", gfx::qualityName(tier_), gpu.deviceName,
            governor_ ? ", lower if the first seconds' frames are slow" : "");
}

void RenderQuality::frameDrawn(gfx::Renderer& renderer, gfx::Renderer* mirror) {
  if (!governor_ || governor_->settled()) return;
  const auto now = std::chrono::steady_clock::now();
  if (last_) {
    const gfx::Quality next = governor_->addFrame(std::chrono::duration<double>(now - *last_).count());
    if (next != tier_) {
      tier_ = next;
      renderer.setQuality(tier_);
      if (mirror) mirror->setQuality(tier_);
      log::info("gfx", "quality {}: the frames were slower than {} fps", gfx::qualityName(tier_),
                int(1.0 / gfx::QualityGovernor::Config{}.budgetSeconds + 0.5));
    }
  }
  last_ = now;
}

}  // namespace overum::app
