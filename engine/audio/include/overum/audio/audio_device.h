// SPDX-License-Identifier: GPL-3.0-or-later
// OpenAL Soft output: a real device for users, or a loopback device whose mix tests read as samples.
// Voices are sources at the characters' mouths; the listener follows the citizen's head.
#pragma once
#include <overum/audio/pcm.h>
#include <overum/core/pose.h>

#include <memory>
#include <string>

namespace overum::audio {

struct AudioConfig {
  bool loopback = false;   // default: the system's output device; true: render into memory (tests, --audio-out)
  int sampleRate = 48000;  // loopback mixing rate; default 48 kHz
  bool hrtf = true;        // default on: binaural rendering for headphones/headsets where OpenAL Soft has HRTF data
};

class Sound;  // an uploaded clip
class Voice;  // a positioned source

class AudioDevice {
 public:
  // nullptr + whyNot (one line) when no output device can be opened.
  static std::unique_ptr<AudioDevice> open(const AudioConfig& config, std::string& whyNot);
  ~AudioDevice();
  AudioDevice(const AudioDevice&) = delete;
  AudioDevice& operator=(const AudioDevice&) = delete;

  bool hrtfEnabled() const;
  bool isLoopback() const;
  void setListener(const Pose& T_world_head);  // OpenXR/our convention: -Z forward, +Y up
  void setMasterGain(float gain);              // 0 silences everything at once (pause)

  std::shared_ptr<Sound> upload(const Pcm& pcm);
  std::unique_ptr<Voice> createVoice();

  Frames render(int frameCount);  // loopback only: mixes the next frameCount stereo frames

 private:
  AudioDevice() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Sound {
 public:
  ~Sound();
  double seconds() const { return seconds_; }

 private:
  friend class AudioDevice;
  friend class Voice;
  unsigned buffer_ = 0;
  double seconds_ = 0.0;
};

class Voice {
 public:
  ~Voice();
  void setPosition(const glm::vec3& world);
  void setGain(float gain);
  void play(const std::shared_ptr<Sound>& sound);
  void stop();
  bool playing() const;
  double secondsPlayed() const;  // playback position, for lip-sync

 private:
  friend class AudioDevice;
  unsigned source_ = 0;
  std::shared_ptr<Sound> sound_;  // kept alive while playing
};

}  // namespace overum::audio
