// Console input and actions for a running meeting; see console_host.h.
#include "console_host.h"

#include <overum/console/apply.h>
#include <overum/core/log.h>

namespace overum::app {

ConsoleHost::ConsoleHost(console::ConsoleConfig config) : console_(config), privacy_(console_.initialPrivacy()) {}

void ConsoleHost::record(const std::vector<meeting::LogEntry>& entries) {
  log_.insert(log_.end(), entries.begin(), entries.end());
}

std::vector<console::ConsoleAction> ConsoleHost::draw(console::ConsoleInput in) {
  if (in.headset == console::HeadsetState::focused && headsetSince_ < 0.0) headsetSince_ = in.now;
  in.log = log_;
  in.notes = notes_;
  in.headsetSeconds = headsetSince_ < 0.0 ? 0.0 : in.now - headsetSince_;
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
      case Kind::addNote: notes_.push_back({action.time, action.text, false}); break;
      case Kind::addBookmark: notes_.push_back({action.time, {}, true}); break;
      case Kind::togglePrivacy: privacy_ = !privacy_; break;
      default: forHost.push_back(action); break;
    }
  }
  return forHost;
}

}  // namespace overum::app
