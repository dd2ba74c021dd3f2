// SPDX-License-Identifier: GPL-3.0-or-later
// An optional helper for the host: applies the During actions that the meeting's Director can carry
// out (skip, jump, end, difficulty, typed lines) and turns pause/resume/choices into the next
// DirectorInput. The console itself never calls this; the host decides when actions take effect.
#pragma once
#include <overum/console/actions.h>
#include <overum/meeting/director.h>

namespace overum::console {

enum class Applied : std::uint8_t {
  director,   // done on the Director now (it logged it)
  nextInput,  // set on `next`: pass it to the next Director::update
  refused,    // the Director said no (unknown node or character, a finished meeting)
  host,       // not the Director's: moods, gestures, notes, privacy, Before/After choices, holding
};

// `pause` and `pauseRoom` both set next.pause: the Director's pause (silence now, resume from the
// start of the line) is the only safe pause it has; a host that keeps the room visible on `pause`
// does that on top (and should also report onHold). A difficulty before the meeting has started is
// refused (the scenario has no variables yet): the host keeps it in Setup and passes it to start().
Applied applyToDirector(const ConsoleAction& action, meeting::Director& director, double now,
                        meeting::DirectorInput& next);

}  // namespace overum::console
