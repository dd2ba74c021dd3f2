// SPDX-License-Identifier: GPL-3.0-or-later
// What the text layer shows this frame, as plain data: caption, option cards, the statement cue card,
// the microphone indicator, the "færdig" hint and the pause screen. The app fills it; layout draws it.
#pragma once
#include <overum/core/pose.h>
#include <overum/core/strings.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace overum::ui {

enum class CaptionSize : std::uint8_t { small, medium, large };

struct Caption {
  bool visible = false;                    // default hidden
  std::string speaker;                     // drawn in bold before the text, e.g. "Mette (sagsbehandler)"; may be empty
  std::string text;                        // UTF-8, wrapped to the caption width
  CaptionSize size = CaptionSize::medium;  // default medium (at least ~18 px capitals at 1280x720)
};

struct OptionCard {
  std::string text;       // UTF-8, wrapped inside the card
  bool available = true;  // default available; unavailable cards are dimmed and say "ikke muligt nu"
};

struct Options {
  std::vector<OptionCard> cards;  // at most 9 are shown, numbered "1".."9"
  int highlighted = -1;           // default -1: none; index of the hovered/pointed-at card
  int page = 0;                   // default 0; when not all cards fit readably, which page of them is shown
  float dwell = 0.0f;             // default 0; 0..1: how far looking at the highlighted card has got to choosing it
};

// The citizen's personal statement, the four parts of the method in their order.
struct StatementCard {
  bool visible = false;      // default hidden (desktop: toggled; VR: shown when the app says so)
  std::string introduction;  // "Sådan vil jeg introducere mig selv"
  std::string important;     // "Det er vigtigt for mig at…"
  std::string helpWith;      // "Jeg vil gerne have hjælp til"
  std::string soThat;        // "Så jeg kan"
  int current = -1;          // default -1: no part marked; 0..3 the part the citizen is presenting (→ steps)
};

struct Microphone {
  bool open = false;           // default closed: nothing drawn; when open the indicator is always visible
  bool voiceDetected = false;  // default false; true switches the indicator to its "hearing you" colour
};

struct DoneHint {
  bool visible = false;  // default hidden; shown during the citizen's turn
  std::string keyHint;   // default empty; e.g. "Enter" on desktop or "aftrækkeren" in VR, shown after the label
};

// Where world-space panels go (headsets). Poses are T_world_X; empty ones are derived.
struct WorldAnchors {
  std::optional<Pose> T_world_head;         // default: derived from the views (mean eye, first view's orientation)
  std::optional<Pose> T_world_cardOnTable;  // default none: the cue card floats low and to the left; given:
                                            // the card rests at this pose (its +Y is the table's normal),
                                            // propped up so that it faces the eyes
  std::optional<Pose> T_world_controller;   // default none; given: the cue card is held in this hand
                                            // (takes precedence over the table)
};

enum class Placement : std::uint8_t {
  screen,  // desktop and headless mono: pixels on the window
  world,   // headsets: panels in the room, seen by each eye with parallax
};

// A how-do-you-feel question on the calm screen: whole numbers from `lowest` to `highest` with words at
// the ends, answered with a number key, a click, the pointer or a look, and always skippable.
struct Question {
  bool visible = false;             // default hidden; shown, it takes the calm screen (nothing else is drawn)
  std::string text;                 // e.g. "Hvor urolig er du lige nu?"
  std::string lowWords, highWords;  // under the ends, e.g. "helt rolig" and "meget urolig"
  int lowest = 0, highest = 10;     // default 0..10
  int marked = -1;                  // default -1: none; the value the arrow keys, pointer or gaze are on
  bool skipMarked = false;          // default false; the pointer or gaze is on "Spring over"
  float dwell = 0.0f;               // default 0; 0..1: how far looking at the marked value has got to choosing it
};

// A rectangle in window pixels (x right, y down), e.g. where a character's face is on the screen.
struct ScreenRect {
  glm::vec2 min{0.0f}, max{0.0f};
  bool intersects(const ScreenRect& o) const {
    return min.x < o.max.x && o.min.x < max.x && min.y < o.max.y && o.min.y < max.y;
  }
};

struct OverlayContent {
  Language language = Language::da;         // default Danish; English for the UI's own words
  Placement placement = Placement::screen;  // default screen
  WorldAnchors anchors;                     // used when placement == world
  Caption caption;
  Options options;
  StatementCard statement;
  Microphone microphone;
  DoneHint done;
  // Screen placement: the faces at the table, which no panel may cover (text goes below the lowest).
  std::vector<ScreenRect> faces;
  bool keyHelp = false;  // default false; the desktop keys, shown on start and with F1
  bool held = false;     // default false; the meeting holds still in place (the facilitator's pause): a small note
  std::string note;      // default none; a small note in the held note's place (where a replay is), instead of it
  bool paused = false;   // default false; true draws the calm pause screen over everything (and nothing else)
  bool ended = false;    // default false; with paused: the meeting is over, so the pause screen says so instead
  // With ended: what went well (one or two sentences) and the one thing to try next time, shown under
  // "Det var godt, at du øvede dig."; default none (the end screen as before). Never a score.
  std::vector<std::string> wentWell;
  std::string tryNext;
  Question question;  // shown alone on the calm screen when visible
  float fade = 0.0f;  // default 0; 0..1 of the pause screen's veil over the meeting, alone (the way in and out)
};

// The overlay's own words, by name; the words themselves are in core's string table.
enum class UiText : std::uint8_t {
  notPossibleNow,  // "ikke muligt nu"
  statementTitle,  // "Mit statement"
  statementIntro,  // "Sådan vil jeg introducere mig selv"
  statementImportant,
  statementHelp,
  statementSoThat,
  microphoneOn,   // "Mikrofon tændt"
  listening,      // "Jeg lytter"
  done,           // "Færdig"
  pauseTitle,     // "Pause"
  pauseResume,    // "Tryk P for at fortsætte"
  pauseResumeVr,  // "Tryk på menuknappen for at fortsætte"
  endTitle,       // "Mødet er slut"
  endWellDone,    // "Det var godt, at du øvede dig."
  endWhatNow,     // "Nu taler du og facilitatoren om, hvordan det gik."
  endWentWell,    // "Det gik godt"
  endTryNext,     // "Til næste gang"
  heldNote,       // "Pause – vi venter lidt"
  moreOptions,    // "Flere svar (0)"
  keyHelpTitle,   // "Tasterne"
  keyHelpDone,
  keyHelpChoose,
  keyHelpPause,
  keyHelpCard,
  keyHelpSize,
  keyHelpHelp,
  keyHelpNextPart,  // "→: næste del af dit statement"
  questionSkip,     // "Spring over"
  questionKeys,     // "Tryk på et tal, eller klik"
  questionKeysVr,   // "Peg og tryk, eller kig på et tal"
};
std::string_view uiText(UiText text, Language language);

}  // namespace overum::ui
