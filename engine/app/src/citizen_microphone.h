// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's microphone in a meeting: open only while they have the floor or choose, heard by the
// voice-activity detector and the turn's speech measures, and recorded only with their consent.
#pragma once
#include "citizen_records.h"
#include "citizen_turns.h"

#include <overum/audio/microphone.h>
#include <overum/audio/pcm.h>
#include <overum/audio/voice_activity.h>

#include <filesystem>
#include <memory>
#include <string>

namespace overum::app {

class CitizenMicrophone {
 public:
  // A sound file standing in for the citizen (--microphone-file: a synthetic citizen, also unattended),
  // else the live microphone (not in unattended runs), else none. False + whyNot when the file cannot be read.
  bool open(const std::filesystem::path& file, bool live, int sampleRate, const double& clock, std::string& whyNot);
  bool present() const { return microphone_ != nullptr; }
  bool on() const { return microphone_ && microphone_->active(); }
  bool hearsSpeech() const { return on() && voiceActivity_.speaking(); }
  double fileSeconds() const { return microphone_ ? microphone_->fileSeconds() : 0.0; }

  // Each frame: opens while `listen`, closes after (the turn's recording goes to `records`, which keep
  // it only with audio consent); the samples heard go to the voice-activity detector and the turn.
  void update(bool listen, CitizenRecords* records, CitizenTurns& turns, double now);
  // A new turn: the microphone starts afresh with it (a file plays from its start).
  void restartTurn();

 private:
  std::unique_ptr<audio::Microphone> microphone_;
  audio::VoiceActivityDetector voiceActivity_;
  audio::Pcm turnAudio_;   // the current turn, kept only when the citizen agreed to a recording
  double lastRead_ = 0.0;  // meeting time of the last samples read: where a kept turn ends
};

}  // namespace overum::app
