// SPDX-License-Identifier: GPL-3.0-or-later
// The meeting's clock: seconds since the meeting (re)started, the one time base of the journal, the
// debrief and the console's "I mødet". The program's own clock runs from start-up, so the time the
// facilitator spends preparing before "Start mødet" would otherwise shift every time in the meeting.
#pragma once
#include <optional>

namespace overum::app {

class MeetingClock {
 public:
  void start(double programSeconds) { startedAt_ = programSeconds; }  // the meeting (re)starts: 0 s
  // Meeting time at a moment of the program's clock; 0 until the meeting starts.
  double at(double programSeconds) const { return startedAt_ ? programSeconds - *startedAt_ : 0.0; }
  // A moment of the meeting (a gesture's start) on the program's clock, which the room animates on.
  double onProgramClock(double meetingSeconds) const { return meetingSeconds + startedAt_.value_or(0.0); }

 private:
  std::optional<double> startedAt_;
};

}  // namespace overum::app
