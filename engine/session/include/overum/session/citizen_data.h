// SPDX-License-Identifier: GPL-3.0-or-later
// What a citizen agreed to keep, and the facilitator's notes kept under that consent: session data that
// the console shows and the records store.
#pragma once
#include <string>

namespace overum::session {

struct Consent {
  bool saveStatement = false;  // default off: nothing is kept before the citizen says yes
  bool keepNotes = false;      // default off: notes, the timeline and the turns' measures
  bool recordAudio = false;    // default off, and its own separate choice
};

// A facilitator's note or bookmark during a meeting.
struct Note {
  double time = 0.0;  // meeting clock
  std::string text;   // a bookmark's label, or empty
  bool bookmark = false;
  bool shared = false;  // "del med borgeren": shown in the citizen's own report too
};

}  // namespace overum::session
