// SPDX-License-Identifier: GPL-3.0-or-later
// The app's side of the facilitator console: keeps the whole log, the notes and the privacy flag,
// completes the console's input each frame and carries the During actions out on the director.
#pragma once
#include "citizen_records.h"

#include <overum/console/console.h>

#include <optional>

namespace overum::app {

// The Before choices as the host holds them while the facilitator prepares, and the statement being
// written there.
struct Preparation {
  console::Setup setup;
  session::Statement statement;
};

// What the facilitator asked to start.
struct MeetingStart {
  std::string node;                         // "" = the scenario's start
  std::optional<UnfinishedSession> resume;  // set: continue this interrupted meeting instead
};

// Carries out the console's Before and After choices (those ConsoleHost::apply hands back): the
// setup, the statement, consent, notes and interrupted sessions (kept in `records` when a citizen is
// chosen; null: nothing is kept). Returns what to start when the meeting should (re)start now.
std::optional<MeetingStart> applySetupActions(const std::vector<console::ConsoleAction>& actions, Preparation& prep,
                                              CitizenRecords* records);

class ConsoleHost {
 public:
  explicit ConsoleHost(console::ConsoleConfig config = {});

  // Keeps what the director logged this frame (the console shows the whole meeting).
  void record(const std::vector<meeting::LogEntry>& entries);
  void restart() { log_.clear(); }  // a new run of the meeting: its log starts over, notes stay

  // Draws the console (inside the console window's ImGui frame). The caller fills what the meeting
  // knows (stage, director, setup, meetings, statement, headset, microphone); the host adds the log,
  // the notes, the privacy flag and the time in the headset, measured on the program's clock
  // (`programSeconds`): the headset may be worn before the meeting starts and across restarts.
  std::vector<console::ConsoleAction> draw(console::ConsoleInput in, double programSeconds);
  // Carries the During actions out: on the director now, or into `next` for its next update; keeps
  // notes and bookmarks. Returns the rest (Before and After choices, notes for the citizen's journal)
  // for applySetupActions.
  std::vector<console::ConsoleAction> apply(const std::vector<console::ConsoleAction>& actions,
                                            meeting::Director& director, double now, meeting::DirectorInput& next);

  const std::vector<session::Note>& notes() const { return notes_; }
  const console::Console& console() const { return console_; }

 private:
  console::Console console_;
  std::vector<meeting::LogEntry> log_;
  std::vector<session::Note> notes_;
  bool privacy_;
  double headsetSince_ = -1.0;
};

}  // namespace overum::app
