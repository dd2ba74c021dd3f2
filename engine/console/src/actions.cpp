// SPDX-License-Identifier: GPL-3.0-or-later
// Names and one-line descriptions of console actions. Descriptions never carry what the citizen or
// facilitator wrote (lines, notes, statement text): they may end up in logs, which hold no personal data.
#include <overum/console/actions.h>

#include <overum/core/format.h>

namespace overum::console {

std::string_view kindName(ConsoleAction::Kind kind) {
  using K = ConsoleAction::Kind;
  switch (kind) {
    case K::pause: return "pause";
    case K::resume: return "resume";
    case K::pauseRoom: return "pauseRoom";
    case K::skipLine: return "skipLine";
    case K::jumpTo: return "jumpTo";
    case K::endMeeting: return "endMeeting";
    case K::chooseOption: return "chooseOption";
    case K::finishTurn: return "finishTurn";
    case K::setMood: return "setMood";
    case K::gesture: return "gesture";
    case K::setDifficulty: return "setDifficulty";
    case K::difficultyUp: return "difficultyUp";
    case K::difficultyDown: return "difficultyDown";
    case K::sayLine: return "sayLine";
    case K::addNote: return "addNote";
    case K::addBookmark: return "addBookmark";
    case K::repeatLine: return "repeatLine";
    case K::togglePrivacy: return "togglePrivacy";
    case K::askHowYouFeel: return "askHowYouFeel";
    case K::chooseMeeting: return "chooseMeeting";
    case K::setBisidder: return "setBisidder";
    case K::setStatementName: return "setStatementName";
    case K::setStatementPart: return "setStatementPart";
    case K::setConsent: return "setConsent";
    case K::withdrawConsent: return "withdrawConsent";
    case K::startMeeting: return "startMeeting";
    case K::resumeSession: return "resumeSession";
    case K::closeSession: return "closeSession";
    case K::exportData: return "exportData";
    case K::restartFrom: return "restartFrom";
    case K::hideFeedback: return "hideFeedback";
    case K::showFeedback: return "showFeedback";
    case K::editFeedback: return "editFeedback";
    case K::startReplay: return "startReplay";
    case K::replayControl: return "replayControl";
  }
  return "?";
}

std::optional<ConsoleAction::Kind> kindNamed(std::string_view name) {
  for (int k = 0; k <= int(ConsoleAction::Kind::replayControl); ++k)
    if (kindName(ConsoleAction::Kind(k)) == name) return ConsoleAction::Kind(k);
  return std::nullopt;
}

std::string describe(const ConsoleAction& a) {
  using K = ConsoleAction::Kind;
  const std::string_view name = kindName(a.kind);
  switch (a.kind) {
    case K::jumpTo:
    case K::resumeSession:
    case K::closeSession:
    case K::restartFrom:
    case K::chooseMeeting: return format("{} {}", name, a.target);
    case K::chooseOption: return format("{} {}", name, a.index);
    case K::setMood:
    case K::gesture: return format("{} {} {}", name, a.target, a.text);
    case K::setDifficulty:
    case K::difficultyUp:
    case K::difficultyDown: return format("{} {}", name, a.text);
    case K::sayLine: return format("{} {} ({} bytes)", name, a.target, a.text.size());
    case K::addNote: return format("{} at {}s ({} bytes)", name, a.time, a.text.size());
    case K::addBookmark: return format("{} at {}s", name, a.time);
    case K::setStatementName: return format("{} ({} bytes)", name, a.text.size());
    case K::setStatementPart: return format("{} {} ({} bytes)", name, a.index, a.text.size());
    case K::setBisidder: return format("{} {}", name, a.on ? "on" : "off");
    case K::setConsent: return format("{} {} {}", name, a.index, a.on ? "on" : "off");
    case K::hideFeedback: return format("{} {} {}", name, a.index, a.on ? "on" : "off");
    case K::editFeedback: return format("{} {} ({} bytes)", name, a.index, a.text.size());
    case K::startReplay: return format("{} {}", name, a.target);
    case K::replayControl: return format("{} {} {}", name, a.text, a.index);
    default: return std::string(name);
  }
}

}  // namespace overum::console
