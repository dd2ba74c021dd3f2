// SPDX-License-Identifier: GPL-3.0-or-later
// After: "Se mødet igen". The citizen's kept sessions that can be played again, newest first; while one plays
// on the citizen's screen: where it is, play and pause (to talk), 10 s back and on, the next bookmark, note or
// turn, the speed, the chair it is seen from, and an end.
#include "panels.h"

#include <overum/console/timeline.h>
#include <overum/core/format.h>
#include <overum/core/strings.h>
#include <overum/session/progress.h>

#include <cmath>

namespace overum::console {

void Panels::replay() {
  heading("console.replay");
  if (!in.replay) {
    textWrapped(tr("console.replay.explain"));
    if (!in.replayProblem.empty()) textWrapped(in.replayProblem);
    int offered = 0;
    for (std::size_t i = in.progress.size(); i-- > 0;) {
      const session::SessionProgress& s = in.progress[i];
      if (!s.replayable) continue;
      std::string title = s.meeting;
      for (const MeetingChoice& m : in.meetings)
        if (m.id == s.meeting) title = m.title;
      const std::string name = format("replay.{}", s.sessionId);
      ImGui::PushID(s.sessionId.c_str());
      if (button("console.replay.play", name)) emit(act(ConsoleAction::Kind::startReplay).target(s.sessionId));
      ImGui::PopID();
      ImGui::SameLine();
      text(format("{}  {}", session::longDate(s.date, language()), title));
      if (++offered == 8) break;  // the newest eight; older ones are in the citizen's own copy
    }
    if (offered == 0) textWrapped(tr("console.replay.none"));
    return;
  }
  const ReplayState& r = *in.replay;
  auto control = [&](std::string_view key, std::string_view what, int index = -1) {
    if (button(key, format("replay.{}", what)))
      emit(act(ConsoleAction::Kind::replayControl).text(std::string(what)).index(index));
  };
  text(format(tr("console.replay.at"), clockText(r.now), clockText(r.duration)));
  // The timeline: drag to any moment (emitted when let go, so the meeting is not re-run at every pixel).
  ImGui::SetNextItemWidth(-1.0f);
  float at = ui.replayDragging ? ui.replayDragAt : float(r.now);
  if (ImGui::SliderFloat("###replay.timeline", &at, 0.0f, float(std::max(r.duration, 1.0)), "")) ui.replayDragAt = at;
  track("replay.timeline");
  ui.replayDragging = ImGui::IsItemActive();
  if (ImGui::IsItemDeactivatedAfterEdit())
    emit(act(ConsoleAction::Kind::replayControl).text("at").index(int(std::lround(ui.replayDragAt))));
  control(r.playing ? "console.replay.pause" : "console.replay.resume", "play");
  ImGui::SameLine();
  control("console.replay.back", "back");
  ImGui::SameLine();
  control("console.replay.forward", "forward");
  ImGui::SameLine();
  control("console.replay.next", "next");
  text(tr("console.replay.speed"));
  for (int i = 0; i < int(std::size(kReplaySpeeds)); ++i) {
    ImGui::SameLine();
    const std::string name = format("replay.speed.{}", i);
    if (ImGui::RadioButton(format("{}###{}", kReplaySpeeds[i], name).c_str(), r.speed == i))
      emit(act(ConsoleAction::Kind::replayControl).text("speed").index(i));
    track(name);
  }
  for (int i = 0; i < int(r.seats.size()); ++i) {
    const std::string name = format("replay.seat.{}", i);
    if (ImGui::RadioButton(format("{}###{}", r.seats[std::size_t(i)], name).c_str(), r.seat == i))
      emit(act(ConsoleAction::Kind::replayControl).text("seat").index(i));
    track(name);
  }
  if (!r.problem.empty()) textWrapped(r.problem);
  control("console.replay.stop", "stop");
}

}  // namespace overum::console
