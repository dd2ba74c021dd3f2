// SPDX-License-Identifier: GPL-3.0-or-later
// Energy VAD with a noise floor that follows quiet frames quickly and loud frames slowly, an onset
// requirement against clicks, and a hangover so pauses between words do not split a sentence.
#include <overum/audio/voice_activity.h>

#include <algorithm>
#include <cmath>

namespace overum::audio {

VoiceActivityDetector::VoiceActivityDetector(const VadConfig& config)
    : config_(config), frameSize_(std::max<std::size_t>(1, std::size_t(config.sampleRate * config.frameSeconds))) {}

double VoiceActivityDetector::now() const { return double(frames_) * config_.frameSeconds; }

double VoiceActivityDetector::silenceSeconds() const { return inSpeech_ ? 0.0 : std::max(0.0, now() - lastVoiced_); }

void VoiceActivityDetector::feed(std::span<const std::int16_t> samples) {
  for (std::int16_t s : samples) {
    pending_.push_back(s);
    if (pending_.size() == frameSize_) {
      double energy = 0.0;
      for (std::int16_t v : pending_) energy += double(v) * double(v);
      analyseFrame(energy / double(frameSize_) / (32768.0 * 32768.0));
      pending_.clear();
    }
  }
}

void VoiceActivityDetector::analyseFrame(double energy) {
  const double frameStart = now();
  ++frames_;
  const double floorEnergy = std::pow(10.0, config_.minimumDbfs / 10.0);
  if (noiseFloor_ < 0.0) noiseFloor_ = std::max(energy, floorEnergy * 0.01);
  const double ratio = std::pow(10.0, config_.thresholdDb / 10.0);
  const bool voiced = energy > floorEnergy && energy > noiseFloor_ * ratio;
  // The floor drops to quiet frames at once and rises only slowly, so speech does not raise it.
  noiseFloor_ = energy < noiseFloor_ ? energy : noiseFloor_ * 0.995 + energy * 0.005;
  noiseFloor_ = std::max(noiseFloor_, floorEnergy * 0.01);

  const int onsetFrames = std::max(1, int(std::lround(config_.onsetSeconds / config_.frameSeconds)));
  const int hangoverFrames = std::max(1, int(std::lround(config_.hangoverSeconds / config_.frameSeconds)));
  if (voiced) {
    ++voicedRun_;
    silentRun_ = 0;
    lastVoiced_ = now();
    if (!inSpeech_ && voicedRun_ >= onsetFrames) {
      inSpeech_ = true;
      segmentStart_ = frameStart - (voicedRun_ - 1) * config_.frameSeconds;
    }
  } else {
    voicedRun_ = 0;
    ++silentRun_;
    if (inSpeech_ && silentRun_ >= hangoverFrames) {
      inSpeech_ = false;
      segments_.push_back({segmentStart_, lastVoiced_});
    }
  }
}

}  // namespace overum::audio
