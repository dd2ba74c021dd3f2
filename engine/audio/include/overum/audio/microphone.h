// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's microphone through OpenAL capture. Audio stays in memory (for voice-activity
// detection only) unless the citizen has agreed to recording; active() drives the visible indicator.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace overum::audio {

class Microphone {
 public:
  // nullptr + whyNot (one line) when there is no capture device.
  static std::unique_ptr<Microphone> open(int sampleRate, std::string& whyNot);  // 16000 is plenty for VAD
  ~Microphone();
  Microphone(const Microphone&) = delete;
  Microphone& operator=(const Microphone&) = delete;

  void start();
  void stop();
  bool active() const { return active_; }
  int sampleRate() const { return sampleRate_; }
  std::vector<std::int16_t> read();  // everything captured since the last read (mono)

 private:
  Microphone() = default;
  void* device_ = nullptr;  // ALCdevice, kept opaque so users need no OpenAL headers
  int sampleRate_ = 16000;
  bool active_ = false;
};

}  // namespace overum::audio
