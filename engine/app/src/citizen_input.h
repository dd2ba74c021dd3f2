// SPDX-License-Identifier: GPL-3.0-or-later
// What the citizen's keys, clicks, pointer and gaze mean this frame: a pure function of the devices'
// input, the meeting's phase and where the cards are, so every mapping is testable without a window.
#pragma once
#include <overum/meeting/director.h>
#include <overum/ui/overlay_layout.h>
#include <overum/xr/headset.h>

#include <cstddef>
#include <optional>

namespace overum::app {

struct CitizenInputContext {
  meeting::Phase phase = meeting::Phase::notStarted;
  std::size_t choosable = 0;                // option cards the citizen sees and can choose
  int statementPart = -1;                   // the part of the statement being presented, -1 none
  bool asking = false;                      // a how-do-you-feel question is on the calm screen
  int lowestValue = 0, highestValue = 10;   // its scale
  bool headset = false;                     // panels in the room: the trigger, the pointer ray and gaze
  const ui::OverlayMesh* layout = nullptr;  // the text layer last drawn (hit tests); null before the first
  glm::vec2 extent{0.0f};                   // window pixels (screen placement)
};

struct CitizenIntent {
  // The meeting
  std::optional<std::size_t> card;  // a shown option card chosen (an index into the shown cards)
  bool nextPage = false;            // 0 or "Flere svar": the next page of cards
  bool finished = false;            // Enter, or the trigger after the statement's last part: the turn ends
  bool nextPart = false;            // → / Space, or the trigger during the statement: its next part
  bool pause = false;               // P, Escape, or a controller's menu button
  // The question
  std::optional<int> answer;  // a value chosen (a number key, a click or the trigger on it)
  bool confirm = false;       // Enter: the marked value
  int markStep = 0;           // ← / →
  bool skip = false;          // S, or "Spring over" chosen
  // The screen
  bool toggleCard = false, toggleHelp = false, capture = false;
  int captionStep = 0;  // + / −
  // Under the pointer: a card (or ui::kMoreOptionsCard) while choosing, a value (or ui::kSkipQuestion)
  // while asked; -1 none. `looked`: what the head looks at in a headset without controllers (gaze dwell).
  int pointed = -1;
  int looked = -1;
};

CitizenIntent citizenIntent(const xr::HeadsetInput& input, const CitizenInputContext& context);

}  // namespace overum::app
