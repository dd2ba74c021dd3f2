// SPDX-License-Identifier: GPL-3.0-or-later
// The renderer's quality tier in the app (issue 15): `--quality high|medium|low` forces one; `auto`
// (the default) starts from the device in a window or a headset (lavapipe low, an integrated GPU
// medium) and, in a window, steps down while the first seconds' frames stay over budget
// (gfx::QualityGovernor: never back up). Headless runs stay at high: their pictures are references.
#pragma once
#include "command_line.h"

#include <overum/gfx/device.h>
#include <overum/gfx/quality.h>
#include <overum/gfx/renderer.h>

#include <chrono>
#include <optional>
#include <string>

namespace overum::app {

class RenderQuality {
 public:
  // quality: the --quality option ("auto", "high", "medium" or "low").
  RenderQuality(const std::string& quality, Mode mode, const gfx::Device& device);

  gfx::Quality tier() const { return tier_; }
  // After each frame the renderers drew: measures the time since the last one and, while the
  // automatic choice is still deciding, applies a step down to both renderers (mirror may be null).
  void frameDrawn(gfx::Renderer& renderer, gfx::Renderer* mirror);

 private:
  gfx::Quality tier_ = gfx::Quality::high;
  std::optional<gfx::QualityGovernor> governor_;  // only when automatic in a window
  std::optional<std::chrono::steady_clock::time_point> last_;
};

}  // namespace overum::app
