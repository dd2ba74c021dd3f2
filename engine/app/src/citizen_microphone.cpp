// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's microphone in a meeting (see citizen_microphone.h).
#include "citizen_microphone.h"

#include <overum/core/log.h>

namespace overum::app {

bool CitizenMicrophone::open(const std::filesystem::path& file, bool live, int sampleRate, const double& clock,
                             std::string& whyNot) {
  turnAudio_ = {sampleRate, {}};
  if (!file.empty()) {
    microphone_ = audio::Microphone::openFile(file, sampleRate, clock, whyNot);
    return microphone_ != nullptr;
  }
  if (live) {
    std::string micWhyNot;
    microphone_ = audio::Microphone::open(sampleRate, micWhyNot);
    if (!microphone_) log::warn("audio", "{}", micWhyNot);
  }
  return true;
}

void CitizenMicrophone::update(bool listen, CitizenRecords* records, CitizenTurns& turns, double now) {
  if (!microphone_) return;
  if (listen && !microphone_->active()) microphone_->start();
  if (!listen && microphone_->active()) {
    microphone_->stop();
    // Kept only when the citizen agreed to audio recording (sealed in the vault); else dropped.
    if (records) records->keepRecording(turnAudio_, lastRead_);  // it ends with the last samples read
    turnAudio_.samples.clear();
  }
  if (!microphone_->active()) return;
  auto samples = microphone_->read();  // in memory only: nothing is recorded without consent
  lastRead_ = now;
  voiceActivity_.feed(samples);
  if (records && records->consent().recordAudio)
    turnAudio_.samples.insert(turnAudio_.samples.end(), samples.begin(), samples.end());
  turns.feed(std::move(samples));  // moved into the worker's queue
}

void CitizenMicrophone::restartTurn() {
  if (!on()) return;
  microphone_->stop();
  (void)microphone_->read();
  microphone_->start();
}

}  // namespace overum::app
