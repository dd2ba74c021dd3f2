// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's text layer from the meeting's state (see citizen_screen.h).
#include "citizen_screen.h"

#include <overum/core/strings.h>

#include <algorithm>

namespace overum::app {

std::vector<std::size_t> choosableOptions(const meeting::Director& director) {
  std::vector<std::size_t> shown;
  for (std::size_t i = 0; i < director.options().size(); ++i)
    if (director.options()[i].available) shown.push_back(i);
  return shown;
}

ui::OverlayContent citizenOverlay(const meeting::Director& director, const MeetingPlan& plan, const CitizenView& view) {
  ui::OverlayContent content;
  content.caption.size = view.captionSize;
  content.language = language();
  content.placement = view.headset ? ui::Placement::world : ui::Placement::screen;
  if (const auto& caption = director.caption()) {
    content.caption.visible = true;
    content.caption.speaker = caption->speaker;
    content.caption.text = caption->text;
  }
  for (const std::size_t i : choosableOptions(director))
    content.options.cards.push_back({director.options()[i].text, true});
  content.options.page = view.optionPage;
  const meeting::Phase phase = director.phase();
  const bool citizensTurn = phase == meeting::Phase::statement || phase == meeting::Phase::listening;
  content.statement.visible = view.showCard != (phase == meeting::Phase::statement);  // C hides it during the statement
  using session::StatementPart;
  content.statement.introduction = plan.statement.text(StatementPart::introduction);
  content.statement.important = plan.statement.text(StatementPart::important);
  content.statement.helpWith = plan.statement.text(StatementPart::helpWith);
  content.statement.soThat = plan.statement.text(StatementPart::soThatICan);
  if (phase == meeting::Phase::statement) content.statement.current = view.statementPart;
  content.microphone = {view.microphoneOpen, view.voiceDetected};
  content.done.visible = citizensTurn && !view.held;
  content.done.keyHint = tr(view.headset ? "ui.done.key_vr" : "ui.done.key_desktop");
  content.keyHelp = view.keyHelp && !view.headset;
  content.held = view.held;
  return content;
}

std::vector<ui::ScreenRect> facesOnScreen(const scene::MeetingRoom& room, const gfx::View& view, glm::vec2 extent) {
  // A box around the head, from the chin to above the hair, wide enough for a turn or a lean.
  constexpr glm::vec3 kHalf{0.13f, 0.16f, 0.13f};
  std::vector<ui::ScreenRect> faces;
  const glm::mat4 clipFromWorld = view.projection * view.viewFromWorld;
  for (const scene::Character& c : room.characters()) {
    glm::vec2 lo(INFINITY), hi(-INFINITY);
    bool inFront = true;
    for (int corner = 0; corner < 8; ++corner) {
      const glm::vec3 offset{corner & 1 ? kHalf.x : -kHalf.x, corner & 2 ? kHalf.y : -kHalf.y,
                             corner & 4 ? kHalf.z : -kHalf.z};
      const glm::vec4 clip = clipFromWorld * glm::vec4(c.headPosition + glm::vec3(0.0f, 0.02f, 0.0f) + offset, 1.0f);
      if (clip.w <= 0.0f) {
        inFront = false;
        break;
      }
      const glm::vec2 pixel = (glm::vec2(clip) / clip.w + 1.0f) * 0.5f * extent;
      lo = glm::min(lo, pixel);
      hi = glm::max(hi, pixel);
    }
    if (!inFront || hi.x < 0.0f || hi.y < 0.0f || lo.x > extent.x || lo.y > extent.y) continue;  // not in view
    faces.push_back({glm::max(lo, glm::vec2(0.0f)), glm::min(hi, extent)});
  }
  return faces;
}

}  // namespace overum::app
