// SPDX-License-Identifier: GPL-3.0-or-later
// The meeting's clock: 0 s at Start however long the facilitator prepared, and back to 0 s when the
// meeting is started again; gestures map back onto the program's clock the room animates on.
#include "meeting_clock.h"

#include <catch2/catch.hpp>

using overum::app::MeetingClock;

TEST_CASE("the meeting clock starts at Start, not when the program started") {
  MeetingClock clock;
  CHECK(clock.at(49.0) == 0.0);  // preparing in the console's "Før mødet": the meeting has not begun
  clock.start(49.0);             // "Start mødet" after 49 s of setup
  CHECK(clock.at(49.0) == 0.0);
  CHECK(clock.at(53.0) == Approx(4.0));  // the console says "I mødet: 00:04", not 00:53
  CHECK(clock.onProgramClock(2.5) == Approx(51.5));
  clock.start(120.0);  // started again from the console: a new session from 0 s
  CHECK(clock.at(121.0) == Approx(1.0));
}
