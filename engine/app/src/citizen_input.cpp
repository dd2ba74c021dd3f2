// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's input mapped to meanings (see citizen_input.h).
#include "citizen_input.h"

#include <algorithm>

namespace overum::app {
namespace {

using xr::Key;

std::optional<int> digit(const xr::HeadsetInput& input) {
  for (Key k : input.keys)
    if (k >= Key::digit0 && k <= Key::digit9) return int(k) - int(Key::digit0);
  return std::nullopt;
}

// The pointer: the mouse in a window; in a headset the right controller's ray (else the left's, else the head's).
int pointedAt(const xr::HeadsetInput& input, const CitizenInputContext& c, bool scale) {
  if (!c.layout) return -1;
  if (!c.headset)
    return scale ? ui::scaleAtPixel(*c.layout, input.cursor, c.extent)
                 : ui::optionAtPixel(*c.layout, input.cursor, c.extent);
  const int hand = input.controllerTracked[1] ? 1 : 0;
  const Pose& pointer = input.controllerTracked[hand] ? input.controller[hand] : input.head;
  const glm::vec3 forward = pointer.orientation * glm::vec3(0, 0, -1);
  return scale ? ui::scaleAtRay(*c.layout, pointer.position, forward)
               : ui::optionAtRay(*c.layout, pointer.position, forward);
}

// Without controllers the gaze chooses; with them, reading a card never chooses it by itself.
int lookedAt(const xr::HeadsetInput& input, const CitizenInputContext& c, bool scale) {
  if (!c.layout || !c.headset || input.controllerTracked[0] || input.controllerTracked[1]) return -1;
  const glm::vec3 forward = input.head.orientation * glm::vec3(0, 0, -1);
  return scale ? ui::scaleAtRay(*c.layout, input.head.position, forward)
               : ui::optionAtRay(*c.layout, input.head.position, forward);
}

}  // namespace

CitizenIntent citizenIntent(const xr::HeadsetInput& input, const CitizenInputContext& c) {
  CitizenIntent out;
  out.pause = input.menuPressed || input.pressed(Key::p) || input.pressed(Key::escape);
  out.capture = input.pressed(Key::f12);
  out.toggleHelp = input.pressed(Key::f1);
  out.toggleCard = input.pressed(Key::c);
  out.captionStep = input.pressed(Key::plus) ? 1 : input.pressed(Key::minus) ? -1 : 0;
  const bool pressed = c.headset ? input.selectPressed : input.clicked;

  if (c.asking) {
    out.pointed = pointedAt(input, c, true);
    out.looked = lookedAt(input, c, true);
    if (const auto d = digit(input); d && *d >= c.lowestValue && *d <= c.highestValue) out.answer = *d;
    else if (pressed && out.pointed == ui::kSkipQuestion) out.skip = true;
    else if (pressed && out.pointed >= 0) out.answer = out.pointed;
    out.skip = out.skip || input.pressed(Key::s);
    out.confirm = input.pressed(Key::enter);
    // Every press counts: two quick → in one frame move the mark two steps.
    out.markStep = int(std::count(input.keys.begin(), input.keys.end(), Key::right)) -
                   int(std::count(input.keys.begin(), input.keys.end(), Key::left));
    return out;
  }

  if (c.phase == meeting::Phase::choosing) {
    out.pointed = pointedAt(input, c, false);
    out.looked = lookedAt(input, c, false);
    const auto d = digit(input);
    if (d && *d >= 1 && std::size_t(*d) <= c.choosable) out.card = std::size_t(*d - 1);
    else if (pressed && out.pointed >= 0 && std::size_t(out.pointed) < c.choosable) out.card = std::size_t(out.pointed);
    else if (d == 0 || (pressed && out.pointed == ui::kMoreOptionsCard)) out.nextPage = true;
  }

  const bool citizensTurn = c.phase == meeting::Phase::statement || c.phase == meeting::Phase::listening;
  if (citizensTurn) {
    // In a headset the trigger steps through the statement's parts and ends the turn after the last.
    const bool stepWithTrigger =
        c.headset && c.phase == meeting::Phase::statement && c.statementPart >= 0 && c.statementPart < 3;
    out.nextPart = input.pressed(Key::right) || input.pressed(Key::space) || (stepWithTrigger && input.selectPressed);
    out.finished = input.pressed(Key::enter) || (c.headset && input.selectPressed && !stepWithTrigger);
  }
  return out;
}

}  // namespace overum::app
