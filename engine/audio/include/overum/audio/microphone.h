// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's microphone through OpenAL capture. Audio stays in memory (for voice-activity
// detection only) unless the citizen has agreed to recording; active() drives the visible indicator.
// A file can stand in for the device (--microphone-file): a synthetic citizen for tests and unattended runs.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace overum::audio {

class Microphone {
 public:
  // nullptr + whyNot (one line) when there is no capture device.
  static std::unique_ptr<Microphone> open(int sampleRate, std::string& whyNot);  // 16000 is plenty for VAD
  // A sound file (anything libsndfile reads; mixed down to mono, resampled to sampleRate) heard as if
  // spoken into the microphone, in real time on `clock` (seconds; the caller's clock, which must outlive
  // the microphone: the meeting clock, so a headless run hears it in step with its fixed frames). Each
  // start() plays it from its beginning; after its end the microphone hears silence. nullptr + whyNot
  // (naming the file) when it cannot be read.
  static std::unique_ptr<Microphone> openFile(const std::filesystem::path& path, int sampleRate, const double& clock,
                                              std::string& whyNot);
  ~Microphone();
  Microphone(const Microphone&) = delete;
  Microphone& operator=(const Microphone&) = delete;

  void start();
  void stop();
  bool active() const { return active_; }
  int sampleRate() const { return sampleRate_; }
  // The sound file's length in seconds (openFile); 0 for a real microphone.
  double fileSeconds() const { return double(file_.size()) / sampleRate_; }
  std::vector<std::int16_t> read();  // everything captured since the last read (mono)

 private:
  Microphone() = default;
  void* device_ = nullptr;  // ALCdevice, kept opaque so users need no OpenAL headers
  int sampleRate_ = 16000;
  bool active_ = false;
  // File-backed: the file's samples, the clock, when start() was called, how many samples were read.
  std::vector<std::int16_t> file_;
  const double* clock_ = nullptr;
  double startedAt_ = 0.0;
  std::size_t delivered_ = 0;
};

}  // namespace overum::audio
