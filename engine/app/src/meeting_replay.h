// SPDX-License-Identifier: GPL-3.0-or-later
// A kept meeting played again: the journal's replay track drives a fresh director through the same inputs
// and facilitator actions at their times, with each line ending when it ended, so the same lines come at
// the same moments. Going back starts the director afresh and runs it, silently, up to the moment wanted.
#pragma once
#include "voice_timeline.h"

#include <overum/console/console.h>
#include <overum/meeting/director.h>
#include <overum/session/replay_track.h>
#include <overum/xr/headset.h>

#include <functional>
#include <memory>

namespace overum::app {

// The replay's keys: Space or P (or the trigger) plays and pauses, ← → go 10 s back and on, + − change the
// speed, Enter goes to the next bookmark, note or turn, S moves to another chair.
struct ReplayControl {
  bool playPause = false;
  double seekBy = 0.0;
  int speedStep = 0;
  bool nextMark = false;
  bool nextSeat = false;
  bool capture = false;
};
ReplayControl replayControl(const xr::HeadsetInput& input);

class MeetingReplay {
 public:
  static constexpr double kSeekSeconds = 10.0;

  // `freshDirector` makes a new director on `voices` (the old one is gone after the call).
  MeetingReplay(session::ReplayTrack track, VoiceTimeline& voices, std::function<meeting::Director&()> freshDirector);

  // Brings the director to meeting time t and returns what it logged on the way. Going back starts it
  // afresh; a long way forward (more than a second) is run silently, as a seek.
  std::vector<meeting::LogEntry> advanceTo(double t);
  // The replay's own clock, moved by the program's: play/pause, speed, seeks and jumps to marks.
  double step(double programSeconds, const ReplayControl& control);

  double now() const { return now_; }
  double duration() const { return track_.endTime; }
  bool playing() const { return playing_; }
  double speed() const { return console::kReplaySpeeds[speedIndex_]; }
  int speedIndex() const { return int(speedIndex_); }  // into console::kReplaySpeeds
  bool citizenSpeaking(double t) const;
  std::optional<Pose> head(double t) const;  // the recorded head pose at t (interpolated); none without samples
  const session::ReplayTrack& track() const { return track_; }
  // The option the citizen is about to choose, within `window` seconds after t (a replay knows: the card is lit
  // for that moment before the cards go); none otherwise.
  std::optional<std::size_t> choiceAhead(double t, double window = 1.0) const;

 private:
  static constexpr double kStep = 1.0 / 90.0;  // a seek's step: a headset's frame
  void restart();
  void stepTo(double t);
  void updateDirector(double t, const meeting::DirectorInput& input);

  session::ReplayTrack track_;
  VoiceTimeline& voices_;
  std::function<meeting::Director&()> freshDirector_;
  meeting::Director* director_ = nullptr;
  std::size_t nextInput_ = 0, nextAction_ = 0;
  double directorAt_ = -1.0;  // the director's time; -1: not started
  double now_ = 0.0;          // the replay's clock (meeting time)
  std::optional<double> lastProgram_;
  bool playing_ = true;
  std::size_t speedIndex_ = 2;  // ×1
  std::vector<meeting::LogEntry> log_;
};

}  // namespace overum::app
