// SPDX-License-Identifier: GPL-3.0-or-later
// The debrief timeline: the director's log and the facilitator's notes merged into one ordered list
// of what happened (nodes, choices, the citizen's turns and how long they spoke, pauses, notes).
// Pure data, so the After panel and any export share it and tests need no ImGui.
#pragma once
#include <overum/console/console.h>

#include <span>
#include <string>
#include <vector>

namespace overum::console {

struct TimelineRow {
  enum class Kind : std::uint8_t {
    node,
    line,
    choice,
    statement,
    answer,
    pause,
    note,
    bookmark,
    facilitator,
    hint,
    ended
  };
  Kind kind = Kind::node;
  double time = 0.0;      // when it began (meeting clock)
  double duration = 0.0;  // statement/answer: the citizen's turn; pause: how long it lasted
  double spoken = 0.0;    // statement/answer: seconds the citizen actually spoke
  std::string who;        // speaker for lines; empty otherwise
  std::string text;       // node title, line, chosen option, note, facilitator action
};

// Rows in time order. A pause still open at the end of the log lasts until `now`.
std::vector<TimelineRow> buildTimeline(std::span<const meeting::LogEntry> log, std::span<const session::Note> notes,
                                       double now, bool includeLines = false);

// The nodes entered, in order, for "the path taken so far".
std::vector<std::string> pathTaken(std::span<const meeting::LogEntry> log);

std::string clockText(double seconds);  // "03:07"; "1:02:03" from an hour on

}  // namespace overum::console
