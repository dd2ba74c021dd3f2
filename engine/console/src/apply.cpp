// SPDX-License-Identifier: GPL-3.0-or-later
// Carries During actions over to the Director (see apply.h).
#include <overum/console/apply.h>

#include <optional>

namespace overum::console {

Applied applyToDirector(const ConsoleAction& a, meeting::Director& d, double now, meeting::DirectorInput& next) {
  using K = ConsoleAction::Kind;
  switch (a.kind) {
    case K::pause:
    case K::pauseRoom: next.pause = true; return Applied::nextInput;  // the host tells them apart (hold vs room)
    case K::resume: next.resume = true; return Applied::nextInput;
    case K::chooseOption:
      if (a.index < 0) return Applied::refused;
      next.choice = static_cast<std::size_t>(a.index);
      return Applied::nextInput;
    case K::finishTurn: next.finished = true; return Applied::nextInput;
    case K::skipLine: d.skipLine(now); return Applied::director;
    case K::repeatLine: return d.repeatLine(now) ? Applied::director : Applied::refused;
    case K::jumpTo: return d.jumpTo(a.target, now) ? Applied::director : Applied::refused;
    case K::endMeeting: d.end(now); return Applied::director;
    case K::setDifficulty:
    case K::difficultyUp:
    case K::difficultyDown:
      return d.setVariable("svaerhed", scenario::Value::fromString(a.text), now) ? Applied::director : Applied::refused;
    case K::sayLine: return d.say(a.target, a.text, now) ? Applied::director : Applied::refused;
    case K::setMood: {  // the action's word becomes the meeting's type here, once
      const std::optional<Mood> mood = meeting::parseMood(a.text);
      return mood && d.setMood(a.target, *mood, now) ? Applied::director : Applied::refused;
    }
    case K::gesture: {
      const std::optional<Gesture> gesture = meeting::parseGesture(a.text);
      return gesture && d.gesture(a.target, *gesture, now) ? Applied::director : Applied::refused;
    }
    default: return Applied::host;  // notes, bookmarks, privacy, restarts and the Before choices are the host's
  }
}

}  // namespace overum::console
