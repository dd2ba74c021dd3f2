// SPDX-License-Identifier: GPL-3.0-or-later
// What the citizen's keys, clicks, pointer and gaze mean in each phase: the pure mapping the frame loop
// uses, with the text layer laid out as the citizen sees it.
#include "citizen_input.h"

#include <catch2/catch.hpp>
#include <overum/ui/font_atlas.h>

using namespace overum;
using namespace overum::app;
using meeting::Phase;
using xr::Key;

namespace {

const ui::FontAtlas& atlas() {
  static const ui::FontAtlas shared;
  return shared;
}

xr::HeadsetInput keys(std::vector<Key> pressed) {
  xr::HeadsetInput in;
  in.keys = std::move(pressed);
  return in;
}

glm::vec2 centre(const ui::Panel& p, glm::vec2 extent) {
  const ui::ScreenRect r = ui::pixelRect(p, extent);
  return 0.5f * (r.min + r.max);
}

}  // namespace

TEST_CASE("number keys choose the shown cards, 0 turns the page, and nothing else chooses", "[app][input]") {
  CitizenInputContext c;
  c.phase = Phase::choosing;
  c.choosable = 3;
  CHECK(citizenIntent(keys({Key::digit2}), c).card == std::optional<std::size_t>(1));
  CHECK_FALSE(citizenIntent(keys({Key::digit4}), c).card);  // only three cards are shown
  CHECK(citizenIntent(keys({Key::digit0}), c).nextPage);
  CHECK_FALSE(citizenIntent(keys({Key::enter}), c).finished);  // Enter ends a turn, not a choice
  c.phase = Phase::listening;
  CHECK_FALSE(citizenIntent(keys({Key::digit2}), c).card);
}

TEST_CASE("Enter ends the citizen's turn, → and Space step through the statement", "[app][input]") {
  CitizenInputContext c;
  c.phase = Phase::statement;
  c.statementPart = 0;
  CHECK(citizenIntent(keys({Key::enter}), c).finished);
  CHECK(citizenIntent(keys({Key::right}), c).nextPart);
  CHECK(citizenIntent(keys({Key::space}), c).nextPart);
  CHECK_FALSE(citizenIntent(keys({Key::right}), c).finished);
  c.phase = Phase::speaking;
  CHECK_FALSE(citizenIntent(keys({Key::enter}), c).finished);
}

TEST_CASE("in a headset the trigger steps through the statement's parts, then ends the turn", "[app][input]") {
  CitizenInputContext c;
  c.headset = true;
  c.phase = Phase::statement;
  xr::HeadsetInput trigger;
  trigger.selectPressed = true;
  for (int part = 0; part < 3; ++part) {
    c.statementPart = part;
    const CitizenIntent i = citizenIntent(trigger, c);
    CHECK(i.nextPart);
    CHECK_FALSE(i.finished);
  }
  c.statementPart = 3;
  CHECK(citizenIntent(trigger, c).finished);
  c.phase = Phase::listening;  // an answer has no parts: the trigger ends it
  c.statementPart = -1;
  CHECK(citizenIntent(trigger, c).finished);
}

TEST_CASE("P, Escape and the menu button pause, F12, F1, C, + and − keep their meaning in every phase",
          "[app][input]") {
  CitizenInputContext c;
  for (Phase phase : {Phase::notStarted, Phase::speaking, Phase::choosing, Phase::listening, Phase::paused}) {
    c.phase = phase;
    CHECK(citizenIntent(keys({Key::p}), c).pause);
    CHECK(citizenIntent(keys({Key::escape}), c).pause);
    xr::HeadsetInput menu;
    menu.menuPressed = true;
    CHECK(citizenIntent(menu, c).pause);
    const CitizenIntent i = citizenIntent(keys({Key::f12, Key::f1, Key::c, Key::minus}), c);
    CHECK(i.capture);
    CHECK(i.toggleHelp);
    CHECK(i.toggleCard);
    CHECK(i.captionStep == -1);
    CHECK_FALSE(i.pause);
  }
}

TEST_CASE("a click on a card chooses it, a click on 'Flere svar' turns the page", "[app][input]") {
  ui::OverlayContent content;
  content.options.cards = {{"Ja"}, {"Nej"}, {"Ved ikke"}};
  const glm::vec2 extent(1280, 720);
  const ui::OverlayMesh layout = ui::layoutScreen(atlas(), content, extent);
  CitizenInputContext c;
  c.phase = Phase::choosing;
  c.choosable = 3;
  c.layout = &layout;
  c.extent = extent;
  xr::HeadsetInput click;
  click.clicked = click.selectPressed = true;
  click.cursor = centre(*layout.find(ui::PanelKind::option, 2), extent);
  const CitizenIntent i = citizenIntent(click, c);
  CHECK(i.card == std::optional<std::size_t>(2));
  CHECK(i.pointed == 2);
  click.clicked = false;  // hovering only
  CHECK_FALSE(citizenIntent(click, c).card);
  CHECK(citizenIntent(click, c).pointed == 2);
}

TEST_CASE("a question: a number answers, the arrows and Enter answer, S skips, a click on a value answers",
          "[app][input][question]") {
  CitizenInputContext c;
  c.phase = Phase::notStarted;
  c.asking = true;
  c.highestValue = 10;
  CHECK(citizenIntent(keys({Key::digit7}), c).answer == std::optional<int>(7));
  CHECK(citizenIntent(keys({Key::s}), c).skip);
  CHECK(citizenIntent(keys({Key::enter}), c).confirm);
  CHECK(citizenIntent(keys({Key::right}), c).markStep == 1);
  CHECK(citizenIntent(keys({Key::left}), c).markStep == -1);
  CHECK(citizenIntent(keys({Key::right, Key::right, Key::enter}), c).markStep == 2);  // quick presses, one frame
  CHECK_FALSE(citizenIntent(keys({Key::enter}), c).finished);
  c.highestValue = 3;  // a comfort item: 0–3
  CHECK_FALSE(citizenIntent(keys({Key::digit7}), c).answer);
  // While asked, the meeting's keys mean nothing else, even in the citizen's turn.
  c.phase = Phase::listening;
  c.choosable = 3;
  CHECK_FALSE(citizenIntent(keys({Key::digit2}), c).card);
  CHECK_FALSE(citizenIntent(keys({Key::enter}), c).finished);

  ui::OverlayContent content;
  content.question.visible = true;
  content.question.text = "Hvor urolig er du lige nu?";
  const glm::vec2 extent(1280, 720);
  const ui::OverlayMesh layout = ui::layoutScreen(atlas(), content, extent);
  c.highestValue = 10;
  c.layout = &layout;
  c.extent = extent;
  xr::HeadsetInput click;
  click.clicked = click.selectPressed = true;
  click.cursor = centre(*layout.find(ui::PanelKind::scaleValue, 10), extent);
  CHECK(citizenIntent(click, c).answer == std::optional<int>(10));
  click.cursor = centre(*layout.find(ui::PanelKind::skip), extent);
  CHECK(citizenIntent(click, c).skip);
}
