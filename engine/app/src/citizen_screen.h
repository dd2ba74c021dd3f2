// SPDX-License-Identifier: GPL-3.0-or-later
// What the citizen sees of the text layer, as pure functions of the meeting: the overlay's content
// (only the options they can choose, the cue card, captions, hints) and the faces it must leave free.
#pragma once
#include "meeting_setup.h"

#include <overum/gfx/render_target.h>
#include <overum/meeting/director.h>
#include <overum/scene/meeting_room.h>
#include <overum/ui/overlay.h>

#include <cstddef>
#include <vector>

namespace overum::app {

// The citizen's own settings and the host's state that the text layer shows.
struct CitizenView {
  bool headset = false;   // world placement and the trigger as "færdig"
  bool showCard = false;  // C pressed: the cue card's default for this phase turned over
  bool keyHelp = false;   // the desktop keys (on start, F1)
  bool held = false;      // the facilitator's "Pause her"
  ui::CaptionSize captionSize = ui::CaptionSize::medium;
  bool microphoneOpen = false, voiceDetected = false;
  int optionPage = 0;
  int statementPart = -1;  // the part of the statement being presented (→), -1 none
};

// The options the citizen can choose now, as indices into director.options(): the cards they see,
// in order. The console shows the rest ("ikke muligt nu"); the citizen never does.
std::vector<std::size_t> choosableOptions(const meeting::Director& director);

ui::OverlayContent citizenOverlay(const meeting::Director& director, const MeetingPlan& plan, const CitizenView& view);

// Where each character's face is in a window of `extent` pixels seen through `view` (with room to
// lean and nod): the rectangles no caption, card or option may cover.
std::vector<ui::ScreenRect> facesOnScreen(const scene::MeetingRoom& room, const gfx::View& view, glm::vec2 extent);

}  // namespace overum::app
