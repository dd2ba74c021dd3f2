// SPDX-License-Identifier: GPL-3.0-or-later
// Builds the debrief timeline from the director's log and the facilitator's notes (see timeline.h).
#include <overum/console/timeline.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace overum::console {

std::vector<TimelineRow> buildTimeline(std::span<const meeting::LogEntry> log, std::span<const session::Note> notes,
                                       double now, bool includeLines) {
  using LK = meeting::LogEntry::Kind;
  using RK = TimelineRow::Kind;
  std::vector<TimelineRow> rows;
  std::size_t openPause = SIZE_MAX;  // index of the pause row waiting for its `resumed`
  for (const meeting::LogEntry& e : log) {
    switch (e.kind) {
      case LK::node: rows.push_back({RK::node, e.time, 0, 0, {}, e.text}); break;
      case LK::line:
        if (includeLines) rows.push_back({RK::line, e.time, 0, 0, e.who, e.text});
        break;
      case LK::choice: rows.push_back({RK::choice, e.time, 0, 0, e.who, e.text}); break;
      // The director logs a turn when it ends; the row starts when the citizen got the floor.
      case LK::statement:
      case LK::answer:
        rows.push_back({e.kind == LK::statement ? RK::statement : RK::answer,
                        e.time - e.duration,
                        e.duration,
                        e.spokenSeconds,
                        e.who,
                        {}});
        break;
      case LK::paused:
        openPause = rows.size();
        rows.push_back({RK::pause, e.time, 0, 0, {}, {}});
        break;
      case LK::resumed:
        if (openPause != SIZE_MAX) rows[openPause].duration = e.time - rows[openPause].time;
        openPause = SIZE_MAX;
        break;
      case LK::facilitator: rows.push_back({RK::facilitator, e.time, 0, 0, e.who, e.text}); break;
      case LK::hint: rows.push_back({RK::hint, e.time, 0, 0, {}, e.text}); break;
      case LK::ended:
        if (openPause != SIZE_MAX) rows[openPause].duration = e.time - rows[openPause].time;
        openPause = SIZE_MAX;
        rows.push_back({RK::ended, e.time, 0, 0, {}, e.text});
        break;
      case LK::options:
      case LK::command: break;  // what was offered and stage directions: too fine for a debrief
    }
  }
  if (openPause != SIZE_MAX) rows[openPause].duration = std::max(0.0, now - rows[openPause].time);
  for (const session::Note& n : notes) rows.push_back({n.bookmark ? RK::bookmark : RK::note, n.time, 0, 0, {}, n.text});
  std::stable_sort(rows.begin(), rows.end(),
                   [](const TimelineRow& a, const TimelineRow& b) { return a.time < b.time; });
  return rows;
}

std::vector<std::string> pathTaken(std::span<const meeting::LogEntry> log) {
  std::vector<std::string> path;
  for (const meeting::LogEntry& e : log)
    if (e.kind == meeting::LogEntry::Kind::node) path.push_back(e.text);
  return path;
}

std::string clockText(double seconds) {
  const long total = std::lround(std::max(0.0, seconds));
  char buffer[32];
  if (total >= 3600) std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  else std::snprintf(buffer, sizeof buffer, "%02ld:%02ld", total / 60, total % 60);
  return buffer;
}

}  // namespace overum::console
