// Console input and actions for a running meeting; see console_host.h.
#include "console_host.h"

#include <overum/console/apply.h>
#include <overum/core/log.h>

namespace overum::app {

ConsoleHost::ConsoleHost(const session::Statement* statement, console::ConsoleConfig config)
    : console_(config), statement_(statement), privacy_(console_.initialPrivacy()) {}

void ConsoleHost::record(const std::vector<meeting::LogEntry>& entries) {
  log_.insert(log_.end(), entries.begin(), entries.end());
}

std::vector<console::ConsoleAction> ConsoleHost::draw(const meeting::Director& director, double now, bool headsetFocused,
                                                      bool microphoneOn, bool voiceDetected) {
  if (headsetFocused && headsetSince_ < 0.0) headsetSince_ = now;
  console::ConsoleInput in;
  in.stage = director.phase() == meeting::Phase::ended ? console::Stage::after : console::Stage::during;
  in.director = &director;
  in.log = log_;
  in.notes = notes_;
  in.now = now;
  in.headsetSeconds = headsetSince_ < 0.0 ? 0.0 : now - headsetSince_;
  in.headset = headsetFocused ? console::HeadsetState::focused : console::HeadsetState::notWorn;
  in.microphoneOn = microphoneOn;
  in.voiceDetected = voiceDetected;
  in.onHold = director.phase() == meeting::Phase::paused;
  in.statement = statement_;
  in.privacy = privacy_;
  return console_.draw(in);
}

void ConsoleHost::apply(const std::vector<console::ConsoleAction>& actions, meeting::Director& director, double now,
                        meeting::DirectorInput& next) {
  using Kind = console::ConsoleAction::Kind;
  for (const console::ConsoleAction& action : actions) {
    // Logged without typed text: the log must hold no personal data.
    log::info("console", "{}", console::describe(action));
    if (console::applyToDirector(action, director, now, next) != console::Applied::host) continue;
    switch (action.kind) {
      case Kind::addNote: notes_.push_back({action.time, action.text, false}); break;
      case Kind::addBookmark: notes_.push_back({action.time, {}, true}); break;
      case Kind::togglePrivacy: privacy_ = !privacy_; break;
      default: break;  // Before/After choices need the console's setup flow, not a running meeting
    }
  }
}

}  // namespace overum::app
