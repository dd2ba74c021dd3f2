// SPDX-License-Identifier: GPL-3.0-or-later
// The meeting's sound rendered in step with the frames when nobody listens live (headless) or the mix is
// wanted as a file (--audio-out): exactly the samples up to each frame's end, so sound and picture never drift.
#pragma once
#include <overum/audio/audio_device.h>
#include <overum/audio/pcm.h>

#include <cstdint>

namespace overum::app {

class LoopbackMix {
 public:
  // `keep`: the rendered sound is kept (for --audio-out); else it is rendered and dropped.
  LoopbackMix(int sampleRate, bool keep) : keep_(keep) { mix_.sampleRate = sampleRate; }

  // Renders the device's loopback mix up to `seconds` on the program's clock (never backwards).
  void renderUntil(audio::AudioDevice& device, double seconds);
  const audio::Frames& kept() const { return mix_; }
  std::uint64_t renderedFrames() const { return renderedFrames_; }

 private:
  bool keep_;
  audio::Frames mix_;
  std::uint64_t renderedFrames_ = 0;  // stereo frames rendered so far
};

}  // namespace overum::app
