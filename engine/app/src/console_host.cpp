// SPDX-License-Identifier: GPL-3.0-or-later
// Console input and actions for a running meeting; see console_host.h.
#include "console_host.h"

#include <overum/console/apply.h>
#include <overum/core/log.h>
#include <overum/core/strings.h>

namespace overum::app {

ConsoleHost::ConsoleHost(console::ConsoleConfig config) : console_(config), privacy_(console_.initialPrivacy()) {}

void ConsoleHost::record(const std::vector<meeting::LogEntry>& entries) {
  log_.insert(log_.end(), entries.begin(), entries.end());
}

std::vector<console::ConsoleAction> ConsoleHost::draw(console::ConsoleInput in, double programSeconds) {
  if (in.headset == console::HeadsetState::focused && headsetSince_ < 0.0) headsetSince_ = programSeconds;
  in.log = log_;
  in.notes = notes_;
  in.headsetSeconds = headsetSince_ < 0.0 ? 0.0 : programSeconds - headsetSince_;
  in.privacy = privacy_;
  return console_.draw(in);
}

std::vector<console::ConsoleAction> ConsoleHost::apply(const std::vector<console::ConsoleAction>& actions,
                                                       meeting::Director& director, double now,
                                                       meeting::DirectorInput& next) {
  using Kind = console::ConsoleAction::Kind;
  std::vector<console::ConsoleAction> forHost;
  for (const console::ConsoleAction& action : actions) {
    // Logged without typed text: the log must hold no personal data.
    log::info("console", "{}", console::describe(action));
    // Before the meeting starts, the difficulty and the like are setup choices, not the director's.
    const bool running = director.phase() != meeting::Phase::notStarted;
    if (running && console::applyToDirector(action, director, now, next) != console::Applied::host) continue;
    switch (action.kind) {
      case Kind::addNote:
      case Kind::addBookmark:
        notes_.push_back(
            {action.time, action.text, action.kind == Kind::addBookmark, action.on});  // a bookmark's label
        forHost.push_back(action);                                                     // and into the citizen's journal
        break;
      case Kind::togglePrivacy: privacy_ = !privacy_; break;
      default: forHost.push_back(action); break;
    }
  }
  return forHost;
}

std::optional<MeetingStart> applySetupActions(const std::vector<console::ConsoleAction>& actions, Preparation& prep,
                                              CitizenRecords* records) {
  using Kind = console::ConsoleAction::Kind;
  std::optional<MeetingStart> start;
  // The interrupted session the facilitator named, as the records know it.
  auto interrupted = [&](const std::string& id) -> std::optional<UnfinishedSession> {
    if (records)
      for (UnfinishedSession& s : records->unfinished())
        if (s.id == id) return std::move(s);
    return std::nullopt;
  };
  for (const console::ConsoleAction& a : actions) {
    switch (a.kind) {
      case Kind::chooseMeeting: prep.setup.meetingId = a.target; break;
      case Kind::setDifficulty:
      case Kind::difficultyUp:
      case Kind::difficultyDown: prep.setup.difficulty = a.text; break;
      case Kind::setBisidder: prep.setup.bisidder = a.on; break;
      case Kind::setStatementName: prep.statement.name = a.text; break;
      case Kind::setStatementPart:
        if (a.index >= 0 && a.index < 4) prep.statement.parts[std::size_t(a.index)] = a.text;
        break;
      case Kind::setConsent: {
        session::Consent& c = prep.setup.consent;
        if (a.index == int(console::ConsentItem::saveStatement)) c.saveStatement = a.on;
        if (a.index == int(console::ConsentItem::keepNotes)) c.keepNotes = a.on;
        if (a.index == int(console::ConsentItem::recordAudio)) c.recordAudio = a.on;
        if (records) {
          records->setConsent(c);
          records->keepStatement(prep.statement);  // "save my statement" keeps it now, not at the next start
        }
        break;
      }
      case Kind::withdrawConsent:
        prep.setup.consent = {};
        if (records) records->withdraw();
        break;
      case Kind::startMeeting: start = MeetingStart{}; break;
      case Kind::restartFrom: start = MeetingStart{a.target, {}}; break;
      case Kind::resumeSession:
        if (auto session = interrupted(a.target)) start = MeetingStart{{}, std::move(session)};
        break;
      case Kind::closeSession:
        if (auto session = interrupted(a.target)) records->closeSession(*session);
        break;
      case Kind::addNote:
      case Kind::addBookmark:
        if (records) records->note({a.time, a.text, a.kind == Kind::addBookmark, a.on});
        break;
      case Kind::exportData: {
        if (!records) break;
        const auto written = records->exportTo(documentsFolder(), a.text, language());
        prep.setup.exported =
            written.path.empty() ? written.error : format(tr("console.export.done"), written.path.string());
        break;
      }
      default: break;
    }
  }
  return start;
}

}  // namespace overum::app
