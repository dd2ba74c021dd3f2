// SPDX-License-Identifier: GPL-3.0-or-later
// The meeting's sound in step with the frames (see loopback_mix.h).
#include "loopback_mix.h"

namespace overum::app {

void LoopbackMix::renderUntil(audio::AudioDevice& device, double seconds) {
  // Counted from the clock, not summed per frame, so rounding never accumulates over a long run.
  const auto due = static_cast<std::uint64_t>(seconds * double(mix_.sampleRate));
  if (due <= renderedFrames_) return;
  const audio::Frames block = device.render(int(due - renderedFrames_));
  renderedFrames_ = due;
  if (keep_) mix_.samples.insert(mix_.samples.end(), block.samples.begin(), block.samples.end());
}

}  // namespace overum::app
