// SPDX-License-Identifier: GPL-3.0-or-later
// Quality tiers of the renderer (what each one costs and leaves out) and the automatic choice: a
// starting tier from the device, then a pure governor that steps down while measured frame times stay
// over budget (never back up: no flip-flopping). Pure functions; unit-tested without a GPU.
//
//   high    today's look: MSAA (4x), the full lit shader (patterns, specular, reflections)
//   medium  the full lit shader without MSAA
//   low     no MSAA, the simple lit shader (wrapped sun + sky/ground light and baked occlusion; no
//           procedural patterns, no specular or reflections), lit per vertex
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include <vulkan/vulkan.h>

namespace overum::gfx {

enum class Quality : std::uint8_t { low = 0, medium = 1, high = 2 };

// How the lit fragment shader works (its specialisation constant 0; see shaders/lit.frag).
enum class Shading : std::uint32_t {
  unlit = 0,   // base colour only: the benchmark's "trivial shader", not a user tier
  simple = 1,  // sun + sky/ground and occlusion; no patterns, specular or reflections
  full = 2,    // everything (the reference images)
};

// What a tier turns into; the Renderer takes any of these (benchmarks use the unlit one).
struct QualitySettings {
  VkSampleCountFlagBits msaa = VK_SAMPLE_COUNT_4_BIT;  // wanted; lowered when unsupported; default 4x
  Shading shading = Shading::full;                     // default everything
  float renderScale = 1.0f;  // of the target's size per axis, (0, 1]; scaled up with a linear blit; default 1
};

QualitySettings settingsFor(Quality quality);
std::string_view qualityName(Quality quality);                  // "low" | "medium" | "high"
std::optional<Quality> qualityFromName(std::string_view name);  // the inverse; nullopt for anything else

// The tier to start with, before any frame is measured: a software rasteriser (lavapipe, llvmpipe,
// SwiftShader) starts at low, an integrated GPU at medium, anything else at high.
Quality startingQuality(VkPhysicalDeviceType type, std::string_view deviceName);

// Chooses the tier from measured frame times (seconds, the wall time between frames). Steps down one
// tier when the median of a window of frames is over budget; after a step it waits out the frames the
// change itself disturbs (new pipelines, new attachments) and measures a fresh window. It never steps
// up, so it cannot flip back and forth; after `settleSeconds` of frames it stops deciding altogether.
class QualityGovernor {
 public:
  struct Config {
    double budgetSeconds = 1.0 / 30.0;  // a frame over this is "slow"; default 30 fps
    std::uint32_t window = 20;          // frames per measurement; default 20
    std::uint32_t skipAfterChange = 5;  // frames ignored after a start or a step; default 5
    double settleSeconds = 10.0;        // measured time after which the tier is final; default 10 s
  };
  explicit QualityGovernor(Quality start) : QualityGovernor(start, Config{}) {}
  QualityGovernor(Quality start, const Config& config);

  // One frame's time; returns the tier to render the next frames with.
  Quality addFrame(double frameSeconds);
  Quality quality() const { return quality_; }
  bool settled() const { return settled_; }

 private:
  Config config_;
  Quality quality_;
  bool settled_ = false;
  std::uint32_t skip_;
  double measuredSeconds_ = 0.0;
  std::uint32_t count_ = 0;
  float samples_[64] = {};  // the current window (window <= 64)
};

}  // namespace overum::gfx
