// SPDX-License-Identifier: GPL-3.0-or-later
// A kept meeting played again (see meeting_replay.h).
#include "meeting_replay.h"

#include <overum/console/apply.h>
#include <overum/core/log.h>

#include <algorithm>

namespace overum::app {

ReplayControl replayControl(const xr::HeadsetInput& input) {
  ReplayControl c;
  using xr::Key;
  c.playPause = input.pressed(Key::space) || input.pressed(Key::p) || input.selectPressed;
  c.seekBy = input.pressed(Key::left)    ? -MeetingReplay::kSeekSeconds
             : input.pressed(Key::right) ? MeetingReplay::kSeekSeconds
                                         : 0.0;
  c.speedStep = input.pressed(Key::plus) ? 1 : input.pressed(Key::minus) ? -1 : 0;
  c.nextMark = input.pressed(Key::enter);
  c.nextSeat = input.pressed(Key::s) || input.menuPressed;
  c.capture = input.pressed(Key::f12);
  return c;
}

MeetingReplay::MeetingReplay(session::ReplayTrack track, VoiceTimeline& voices,
                             std::function<meeting::Director&()> freshDirector)
    : track_(std::move(track)), voices_(voices), freshDirector_(std::move(freshDirector)) {
  restart();
}

void MeetingReplay::restart() {
  director_ = &freshDirector_();
  voices_.restart();
  voices_.replay(track_.lineDone);
  nextInput_ = nextAction_ = 0;
  directorAt_ = -1.0;
}

bool MeetingReplay::citizenSpeaking(double t) const {
  const auto heardFrom =
      std::upper_bound(track_.voiceToggles.begin(), track_.voiceToggles.end(), t + VoiceTimeline::kTrackResolution / 2);
  return (heardFrom - track_.voiceToggles.begin()) % 2 == 1;
}

std::optional<Pose> MeetingReplay::head(double t) const {
  const auto& samples = track_.head;
  if (samples.empty()) return std::nullopt;
  const auto after = std::upper_bound(samples.begin(), samples.end(), t,
                                      [](double time, const session::HeadSample& s) { return time < s.time; });
  if (after == samples.begin()) return samples.front().head;
  if (after == samples.end()) return samples.back().head;
  const session::HeadSample& a = *(after - 1);
  const float k = float((t - a.time) / std::max(1e-6, after->time - a.time));
  Pose p;
  p.position = glm::mix(a.head.position, after->head.position, k);
  p.orientation = glm::slerp(a.head.orientation, after->head.orientation, k);
  return p;
}

std::optional<std::size_t> MeetingReplay::choiceAhead(double t, double window) const {
  for (const session::ReplayInput& in : track_.inputs)
    if (in.choice && in.time >= t) return in.time - t <= window ? in.choice : std::nullopt;
  return std::nullopt;
}

void MeetingReplay::updateDirector(double t, const meeting::DirectorInput& input) {
  meeting::DirectorInput in = input;
  in.citizenSpeaking = citizenSpeaking(t);
  voices_.sample(t);
  director_->update(t, in);
  directorAt_ = t;
  for (meeting::LogEntry& e : director_->takeLog()) log_.push_back(std::move(e));
}

std::vector<meeting::LogEntry> MeetingReplay::advanceTo(double t) {
  log_.clear();
  if (t < directorAt_) restart();
  const auto& start = track_.start;
  if (!start) return {};
  // A long way at once is a seek: nobody hears the lines on the way.
  voices_.setSilent(t - std::max(directorAt_, start->time) > 1.0);
  if (directorAt_ < 0.0) {
    if (t < start->time) return {};
    for (const std::string& problem : director_->start(start->node, start->seed, start->variables, start->time))
      log::warn("replay", "{}", problem);
    for (meeting::LogEntry& e : director_->takeLog()) log_.push_back(std::move(e));
    // Live, the director is updated in the frame it starts in, as every frame.
    if (!std::any_of(track_.inputs.begin(), track_.inputs.end(),
                     [&](const auto& in) { return in.time == start->time; }))
      updateDirector(start->time, {});
    directorAt_ = start->time;
  }
  // A long way at once (a seek) goes through every moment a frame would have shown, as the meeting did: the
  // director's own timers (the beat after a line, the quiet that ends a turn) move only when it is updated.
  for (auto k = std::int64_t(std::floor(directorAt_ / kStep + 1e-6)) + 1; double(k) * kStep < t - 1e-9; ++k)
    stepTo(double(k) * kStep);
  stepTo(t);
  voices_.setSilent(false);
  return std::move(log_);
}

// Every recorded input and action up to t at its own time, the actions of a moment before its input, as live.
void MeetingReplay::stepTo(double t) {
  const auto& inputs = track_.inputs;
  const auto& actions = track_.actions;
  const double from = track_.start->time;
  while (nextInput_ < inputs.size() && inputs[nextInput_].time < from) ++nextInput_;
  while (nextAction_ < actions.size() && actions[nextAction_].time < from) ++nextAction_;
  for (;;) {
    const double inputAt = nextInput_ < inputs.size() ? inputs[nextInput_].time : 1e300;
    const double actionAt = nextAction_ < actions.size() ? actions[nextAction_].time : 1e300;
    const double at = std::min(inputAt, actionAt);
    if (at > t) break;
    meeting::DirectorInput in;
    for (; nextAction_ < actions.size() && actions[nextAction_].time == at; ++nextAction_) {
      const session::ReplayAction& a = actions[nextAction_];
      const auto kind = console::kindNamed(a.kind);
      if (!kind) continue;
      meeting::DirectorInput ignored;  // pauses and choices are in the inputs already
      console::applyToDirector({*kind, a.target, a.text, a.index, a.on, at}, *director_, at, ignored);
    }
    if (inputAt == at) {
      const session::ReplayInput& r = inputs[nextInput_++];
      in.choice = r.choice;
      in.finished = r.finished;
      in.pause = r.pause;
      in.resume = r.resume;
    }
    updateDirector(at, in);
  }
  if (t > directorAt_) updateDirector(t, {});
}

double MeetingReplay::step(double programSeconds, const ReplayControl& control) {
  const double dt = lastProgram_ ? programSeconds - *lastProgram_ : 0.0;
  lastProgram_ = programSeconds;
  if (playing_) now_ += dt * speed();  // the time up to this step, as it was going
  if (control.playPause) playing_ = !playing_;
  speedIndex_ =
      std::size_t(std::clamp(int(speedIndex_) + control.speedStep, 0, int(std::size(console::kReplaySpeeds)) - 1));
  now_ += control.seekBy;
  if (control.nextMark) {
    // A moment before the mark, so its beginning is heard.
    const auto mark = std::find_if(track_.marks.begin(), track_.marks.end(),
                                   [&](const session::ReplayMark& m) { return m.time - 1.0 > now_ + 0.5; });
    if (mark != track_.marks.end()) now_ = mark->time - 1.0;
  }
  now_ = std::clamp(now_, 0.0, duration());
  return now_;
}

}  // namespace overum::app
