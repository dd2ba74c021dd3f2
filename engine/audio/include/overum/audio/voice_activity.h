// SPDX-License-Identifier: GPL-3.0-or-later
// Voice-activity detection on the citizen's microphone: marks when they speak, so the meeting can
// continue after they finish (speech, then a pause of a configurable length). Language-independent.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace overum::audio {

struct VadConfig {
  int sampleRate = 16000;         // microphone capture rate; default 16 kHz
  double frameSeconds = 0.01;     // analysis frame; default 10 ms
  double onsetSeconds = 0.05;     // speech must last this long to count; default 50 ms
  double hangoverSeconds = 0.25;  // silence shorter than this stays inside a segment; default 250 ms
  double thresholdDb = 12.0;      // above the tracked noise floor; default 12 dB
  double minimumDbfs = -55.0;     // never speech below this level; default -55 dBFS
};

struct SpeechSegment {
  double start = 0.0;  // seconds from the first sample fed
  double end = 0.0;
};

class VoiceActivityDetector {
 public:
  explicit VoiceActivityDetector(const VadConfig& config = {});
  void feed(std::span<const std::int16_t> samples);  // any chunk size
  bool speaking() const { return inSpeech_; }
  double silenceSeconds() const;  // since the last speech frame (0 while speaking)
  double now() const;             // seconds fed so far
  const std::vector<SpeechSegment>& segments() const { return segments_; }  // closed segments

 private:
  void analyseFrame(double energy);

  VadConfig config_;
  std::size_t frameSize_;
  std::vector<std::int16_t> pending_;
  std::uint64_t frames_ = 0;
  double noiseFloor_ = -1.0;  // mean-square energy, < 0 until the first frame
  int voicedRun_ = 0;
  int silentRun_ = 0;
  bool inSpeech_ = false;
  double segmentStart_ = 0.0;
  double lastVoiced_ = 0.0;
  std::vector<SpeechSegment> segments_;
};

}  // namespace overum::audio
