// SPDX-License-Identifier: GPL-3.0-or-later
// A facilitator's actions written down beforehand (--facilitator FILE), for unattended runs: demonstrations,
// and tests that need a facilitator's moods, typed lines and bookmarks at known moments. One action a line:
// "SECONDS ACTION [WORDS…]", the action named as the console names it (console::kindName), e.g.
//   20 setMood sagsbehandler travl
//   35 addBookmark Her tøvede jeg
//   40 sayLine sagsbehandler Tag den tid, du har brug for.
//   300 startReplay last        (after the meeting: play it again; the script starts over on the replay's clock)
//   5 replayControl seat 2      (play, back, forward, next, speed N, seat N, stop: the console's replay buttons)
#pragma once
#include <overum/console/actions.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace overum::app {

struct ScriptedAction {
  double at = 0.0;  // meeting clock
  console::ConsoleAction action;
};

struct FacilitatorScript {
  std::vector<ScriptedAction> actions;  // in time order
  std::string error;                    // "file:line: what is wrong and what to write"; empty: read
};

FacilitatorScript parseFacilitatorScript(std::string_view text, std::string_view fileName);
FacilitatorScript readFacilitatorScript(const std::filesystem::path& file);

// Hands out the script's actions as the meeting's clock reaches them.
class ScriptedFacilitator {
 public:
  explicit ScriptedFacilitator(std::vector<ScriptedAction> actions = {}) : actions_(std::move(actions)) {}
  std::vector<console::ConsoleAction> due(double now);
  void restart() { next_ = 0; }

 private:
  std::vector<ScriptedAction> actions_;
  std::size_t next_ = 0;
};

}  // namespace overum::app
