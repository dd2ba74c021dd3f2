// SPDX-License-Identifier: GPL-3.0-or-later
// The During panel driven headlessly: every control, clicked in every director phase, emits exactly
// its action; the pause button is reachable and usable by keyboard alone; "sig en replik" sends what
// was typed; the current node, the path and the headset reminder show.
//
// Tests, in order: every control in every phase · keyboard to pause · Enter says a line · current
// node and path · reminder · arrow keys reach every control (all tabs) · 125 % on 1920x1080 ·
// on hold, headset and microphone words
#include "imgui_harness.h"
#include "meeting_fixture.h"

#include <overum/core/strings.h>

#include <imgui_internal.h>  // GImGui->NavId: where keyboard navigation is

#include <algorithm>
#include <map>
#include <set>

using namespace overum;
using namespace overum::console;
using namespace overum::console::testing;
using Kind = ConsoleAction::Kind;

namespace {

ConsoleInput duringInput(const TinyMeeting& m) {
  ConsoleInput in;
  in.stage = Stage::during;
  in.director = &m.director;
  in.log = m.log;
  in.now = m.clock.now;
  in.headset = HeadsetState::focused;
  in.microphoneOn = true;
  return in;
}

// The one action a click produced (a click must never produce two).
ConsoleAction only(const std::vector<ConsoleAction>& actions) {
  INFO("actions: " << actions.size());
  for (const auto& a : actions) UNSCOPED_INFO(describe(a));
  REQUIRE(actions.size() == 1);
  return actions.front();
}

// Clicks `control` and returns the one action that produced.
ConsoleAction clickOnly(Harness& ui, Console& console, const ConsoleInput& in, std::string_view control) {
  INFO("clicked " << control);
  return only(ui.click(console, in, control));
}

}  // namespace

TEST_CASE("every During control emits its action in every director phase and every headset state") {
  setLanguage(Language::da);
  for (const HeadsetState headset :
       {HeadsetState::none, HeadsetState::notWorn, HeadsetState::focused, HeadsetState::lost})
    for (const meeting::Phase phase : kAllPhases) {
      INFO("phase: " << meeting::phaseName(phase) << ", headset state " << int(headset));
      auto m = meetingIn(phase);
      Harness ui;
      Console console;
      ConsoleInput in = duringInput(*m);
      in.headset = headset;
      ui.settle(console, in);

      CHECK(clickOnly(ui, console, in, "pause").kind == Kind::pause);
      CHECK(clickOnly(ui, console, in, "pauseRoom").kind == Kind::pauseRoom);
      if (phase == meeting::Phase::paused) {
        CHECK(clickOnly(ui, console, in, "resume").kind == Kind::resume);
      } else {
        CHECK_FALSE(console.controls().at("resume").enabled);
        CHECK(ui.click(console, in, "resume").empty());
      }
      CHECK(clickOnly(ui, console, in, "skipLine").kind == Kind::skipLine);
      CHECK(clickOnly(ui, console, in, "endMeeting").kind == Kind::endMeeting);
      // "Spørg: Hvor urolig er du?" asks only when the answer is kept; else it is greyed out and does nothing.
      CHECK(clickOnly(ui, console, in, "askHowYouFeel").kind == Kind::askHowYouFeel);
      in.answersKept = false;
      ui.settle(console, in, 1);
      CHECK_FALSE(console.controls().at("askHowYouFeel").enabled);
      CHECK(ui.click(console, in, "askHowYouFeel").empty());
      in.answersKept = true;

      CHECK(ui.click(console, in, "node.Statement").empty());  // selecting is not yet jumping
      const ConsoleAction jump = clickOnly(ui, console, in, "jumpTo");
      CHECK(jump.kind == Kind::jumpTo);
      CHECK(jump.target == "Statement");

      CHECK(ui.click(console, in, "mood.sagsbehandler").empty());  // opens the list
      const ConsoleAction mood = clickOnly(ui, console, in, "mood.sagsbehandler.travl");
      CHECK(mood.kind == Kind::setMood);
      CHECK(mood.target == "sagsbehandler");
      CHECK(mood.text == "travl");

      const ConsoleAction nod = clickOnly(ui, console, in, "gesture.teamleder.nik");
      CHECK(nod.kind == Kind::gesture);
      CHECK(nod.target == "teamleder");
      CHECK(nod.text == "nik");

      const ConsoleAction up = clickOnly(ui, console, in, "difficulty.up");
      CHECK(up.kind == Kind::difficultyUp);
      CHECK(up.text == "presset");
      const ConsoleAction down = clickOnly(ui, console, in, "difficulty.down");
      CHECK(down.kind == Kind::difficultyDown);
      CHECK(down.text == "stoettende");
      const ConsoleAction level = clickOnly(ui, console, in, "difficulty.presset");
      CHECK(level.kind == Kind::setDifficulty);
      CHECK(level.text == "presset");

      CHECK(ui.click(console, in, "say.who").empty());
      CHECK(ui.click(console, in, "say.who.teamleder").empty());
      CHECK(ui.click(console, in, "say.text").empty());
      CHECK(ui.type(console, in, "Tag den tid, du har brug for").empty());
      const ConsoleAction say = clickOnly(ui, console, in, "say.send");
      CHECK(say.kind == Kind::sayLine);
      CHECK(say.target == "teamleder");
      CHECK(say.text == "Tag den tid, du har brug for");

      CHECK(ui.click(console, in, "note.text").empty());
      CHECK(ui.type(console, in, "God øjenkontakt").empty());
      const ConsoleAction note = clickOnly(ui, console, in, "note.add");
      CHECK(note.kind == Kind::addNote);
      CHECK(note.text == "God øjenkontakt");
      CHECK(note.time == in.now);
      CHECK_FALSE(note.on);  // the facilitator's own, unless shared
      // "Del med borgeren" marks the next note for the citizen's report, and only that one.
      CHECK(ui.click(console, in, "note.share").empty());
      CHECK(ui.click(console, in, "note.text").empty());
      CHECK(ui.type(console, in, "Du sagde klart, hvad du har brug for").empty());
      const ConsoleAction shared = clickOnly(ui, console, in, "note.add");
      CHECK(shared.kind == Kind::addNote);
      CHECK(shared.on);
      CHECK(ui.click(console, in, "note.text").empty());
      CHECK(ui.type(console, in, "Til mig selv").empty());
      CHECK_FALSE(clickOnly(ui, console, in, "note.add").on);

      const ConsoleAction mark = clickOnly(ui, console, in, "bookmark");
      CHECK(mark.kind == Kind::addBookmark);
      CHECK(mark.time == in.now);

      CHECK(clickOnly(ui, console, in, "privacy").kind == Kind::togglePrivacy);

      const bool citizensTurn = phase == meeting::Phase::statement || phase == meeting::Phase::listening;
      if (citizensTurn) {
        CHECK(clickOnly(ui, console, in, "finishTurn").kind == Kind::finishTurn);
      } else {
        CHECK_FALSE(console.controls().at("finishTurn").enabled);
        CHECK(ui.click(console, in, "finishTurn").empty());
      }

      if (phase == meeting::Phase::choosing) {
        const ConsoleAction option = clickOnly(ui, console, in, "option.0");
        CHECK(option.kind == Kind::chooseOption);
        CHECK(option.index == 0);
        // "Kan vi tage det hurtigt?" needs $svaerhed == "presset": shown, but not clickable.
        REQUIRE(console.controls().count("option.1"));
        CHECK_FALSE(console.controls().at("option.1").enabled);
        CHECK(ui.click(console, in, "option.1").empty());
      } else {
        CHECK(console.controls().count("option.0") == 0);
      }
    }
}

TEST_CASE("keyboard alone reaches and presses the pause button") {
  auto m = meetingIn(meeting::Phase::speaking);
  Harness ui;
  Console console;
  const ConsoleInput in = duringInput(*m);
  ui.settle(console, in);
  const ImGuiID pause = console.controls().at("pause").imguiId;
  // Arrow keys only, no mouse: the pause button is the panel's default focus, so the first key lands
  // there; walking on and back must find it again too.
  std::vector<ConsoleAction> actions = ui.key(console, in, ImGuiKey_DownArrow);
  bool reached = GImGui->NavId == pause;
  for (int i = 0; i < 30 && !reached; ++i) {
    for (ImGuiKey k : {ImGuiKey_DownArrow, ImGuiKey_RightArrow}) {
      auto more = ui.key(console, in, k);
      actions.insert(actions.end(), more.begin(), more.end());
      if ((reached = GImGui->NavId == pause)) break;
    }
  }
  REQUIRE(reached);
  CHECK(actions.empty());  // moving around never triggers anything
  const ConsoleAction pressed = only(ui.key(console, in, ImGuiKey_Space));
  CHECK(pressed.kind == Kind::pause);
}

TEST_CASE("Enter in \"sig en replik\" says the line through the chosen character") {
  auto m = meetingIn(meeting::Phase::waiting);
  Harness ui;
  Console console;
  const ConsoleInput in = duringInput(*m);
  ui.settle(console, in);
  CHECK(console.controls().at("say.send").enabled == false);  // nothing typed yet
  ui.click(console, in, "say.text");
  ui.type(console, in, "Vil du have et glas vand?");
  const ConsoleAction said = only(ui.key(console, in, ImGuiKey_Enter));
  CHECK(said.kind == Kind::sayLine);
  CHECK(said.target == "sagsbehandler");  // the first character unless another is picked
  CHECK(said.text == "Vil du have et glas vand?");
  ui.frame(console, in);
  CHECK_FALSE(console.controls().at("say.send").enabled);  // the box is empty again
}

TEST_CASE("the current node is marked and the path taken is listed") {
  auto m = meetingIn(meeting::Phase::statement);
  Harness ui;
  Console console;
  const ConsoleInput in = duringInput(*m);
  ui.settle(console, in);
  const std::string drawn = ui.drawnText();
  CHECK(drawn.find(withoutSpaces("\u25B6 Statement (nu)")) != std::string::npos);
  CHECK(drawn.find(withoutSpaces("Start \u2192 Statement")) != std::string::npos);
  CHECK(drawn.find(withoutSpaces("borgeren fremlægger sit statement")) != std::string::npos);
  CHECK(drawn.find(withoutSpaces("fokuseret")) != std::string::npos);
}

TEST_CASE("a gentle reminder after the configured time in the headset, and \"not now\"") {
  auto m = meetingIn(meeting::Phase::waiting);
  Harness ui;
  ConsoleConfig config;
  config.reminderAfterSeconds = 600;
  Console console(config);
  ConsoleInput in = duringInput(*m);
  in.headsetSeconds = 599;
  ui.frame(console, in);
  CHECK(console.controls().count("reminder.snooze") == 0);
  in.headsetSeconds = 601;
  ui.settle(console, in);
  REQUIRE(console.controls().count("reminder.snooze") == 1);
  CHECK(ui.drawnText().find(withoutSpaces("headsettet på i 10 minutter")) != std::string::npos);
  CHECK(ui.click(console, in, "reminder.snooze").empty());  // a UI matter, not a meeting action
  ui.frame(console, in);
  CHECK(console.controls().count("reminder.snooze") == 0);
  in.headsetSeconds = 601 + config.reminderSnoozeSeconds + 1;
  ui.frame(console, in);
  CHECK(console.controls().count("reminder.snooze") == 1);
}

namespace {

// Explores the arrow-key graph exactly: from where navigation starts (the first key press), every
// control reached is put back under the nav cursor and each arrow tried from there. Every enabled
// control must be reached. (Arrows never activate anything, so no actions either.)
void checkEveryControlReachable(const ConsoleInput& in, int minimumControls) {
  Harness ui;
  Console console;
  ui.settle(console, in);
  std::vector<ConsoleAction> actions = ui.key(console, in, ImGuiKey_DownArrow);
  ImGuiWindow* window = ImGui::FindWindowByName("###overum_console");
  REQUIRE(window);
  REQUIRE(GImGui->NavId != 0);
  std::map<ImGuiID, ImRect> where;  // the rect of each id, to put the cursor back on it
  for (const auto& [name, info] : console.controls()) where[info.imguiId] = ImRect(info.x0, info.y0, info.x1, info.y1);
  std::set<ImGuiID> visited{GImGui->NavId};
  std::vector<ImGuiID> queue{GImGui->NavId};
  while (!queue.empty()) {
    const ImGuiID from = queue.back();
    queue.pop_back();
    for (ImGuiKey k : {ImGuiKey_DownArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow, ImGuiKey_LeftArrow}) {
      if (!where.count(from)) break;  // not one of ours (e.g. a table header): reached, not explored
      ImGui::SetNavID(from, ImGuiNavLayer_Main, window->ID, ImGui::WindowRectAbsToRel(window, where[from]));
      GImGui->NavDisableHighlight = false;
      auto more = ui.key(console, in, k);
      actions.insert(actions.end(), more.begin(), more.end());
      if (visited.insert(GImGui->NavId).second) queue.push_back(GImGui->NavId);
    }
  }
  CHECK(actions.empty());
  int checked = 0;
  for (const auto& [name, info] : console.controls()) {
    // Items inside a closed combo's list are reached by opening the combo (Space), not by arrows.
    const bool inPopup = name.rfind("say.who.", 0) == 0 ||
                         (name.rfind("mood.", 0) == 0 && std::count(name.begin(), name.end(), '.') == 2);
    if (!info.enabled || inPopup) continue;
    INFO(name);
    CHECK(visited.count(info.imguiId) == 1);
    ++checked;
  }
  CHECK(checked >= minimumControls);  // the exploration really covered the panel
}

}  // namespace

TEST_CASE("every control is reachable with the arrow keys alone, on every tab") {
  setLanguage(Language::da);
  auto m = meetingIn(meeting::Phase::choosing);
  SECTION("During") { checkEveryControlReachable(duringInput(*m), 30); }  // 32 enabled while choosing
  SECTION("Before") {
    const MeetingChoice meetings[] = {{"myndighedsmoede", "Møde med jobcentret"}, {"opfoelgning", "Opfølgning"}};
    const session::Statement statement;
    ConsoleInput in;
    in.stage = Stage::before;
    in.meetings = meetings;
    in.statement = &statement;
    in.setup.meetingId = "opfoelgning";
    in.setup.citizen = "borger-1";
    checkEveryControlReachable(in, 18);
  }
  SECTION("After") {
    ConsoleInput in = duringInput(*m);
    in.stage = Stage::after;
    checkEveryControlReachable(in, 8);
  }
}

TEST_CASE("at 125 % on 1920x1080 every During control is on screen and still works") {
  setLanguage(Language::en);
  auto m = meetingIn(meeting::Phase::choosing);
  Harness ui(1.25f);
  Console console;
  const ConsoleInput in = duringInput(*m);
  ui.settle(console, in);
  for (const auto& [name, info] : console.controls()) {
    INFO(name << " " << info.x0 << "," << info.y0 << " - " << info.x1 << "," << info.y1);
    CHECK(info.x0 >= 0.0f);
    CHECK(info.y0 >= 0.0f);
    CHECK(info.x1 <= 1920.0f);
    CHECK(info.y1 <= 1080.0f);
    CHECK(info.y1 - info.y0 >= 20.0f);  // big enough to hit and to read
  }
  CHECK(ui.drawnText().find(withoutSpaces("To the pause room")) != std::string::npos);
  CHECK(clickOnly(ui, console, in, "pauseRoom").kind == Kind::pauseRoom);
  setLanguage(Language::da);
}

TEST_CASE("a meeting on hold can be resumed, and headset and microphone states are shown in words") {
  setLanguage(Language::da);
  auto m = meetingIn(meeting::Phase::speaking);
  Harness ui;
  Console console;
  ConsoleInput in = duringInput(*m);
  in.onHold = true;
  in.headset = HeadsetState::lost;
  in.voiceDetected = true;
  ui.settle(console, in);
  CHECK(clickOnly(ui, console, in, "resume").kind == Kind::resume);
  const std::string drawn = ui.drawnText();
  CHECK(drawn.find(withoutSpaces("Headset: mistet")) != std::string::npos);
  CHECK(drawn.find(withoutSpaces("Mikrofon: tændt – borgeren taler")) != std::string::npos);
  in.headset = HeadsetState::notWorn;
  in.microphoneOn = false;
  ui.settle(console, in);
  CHECK(ui.drawnText().find(withoutSpaces("Headset: ikke på")) != std::string::npos);
  CHECK(ui.drawnText().find(withoutSpaces("Mikrofon: slukket")) != std::string::npos);
}

TEST_CASE("without a headset (desktop) the console shows neither a headset state nor time in one, nor its reminder") {
  setLanguage(Language::da);
  auto m = meetingIn(meeting::Phase::speaking);
  Harness ui;
  ConsoleConfig config;
  config.reminderAfterSeconds = 60;
  Console console(config);
  ConsoleInput in = duringInput(*m);
  in.headset = HeadsetState::none;
  in.now = 4.0;
  in.headsetSeconds = 120.0;
  ui.settle(console, in);
  const std::string drawn = ui.drawnText();
  CHECK(drawn.find(withoutSpaces("Headset:")) == std::string::npos);
  CHECK(drawn.find(withoutSpaces("Med headset på")) == std::string::npos);
  CHECK(drawn.find(withoutSpaces("fokuseret")) == std::string::npos);
  CHECK(console.controls().count("reminder.snooze") == 0);
  CHECK(drawn.find(withoutSpaces("I mødet: 00:04")) != std::string::npos);
  CHECK(drawn.find(withoutSpaces("Mikrofon:")) != std::string::npos);
}

TEST_CASE("a mood is chosen with the keyboard alone: Space opens the list, arrows move, Space picks") {
  setLanguage(Language::da);
  auto m = meetingIn(meeting::Phase::speaking);
  Harness ui;
  Console console;
  const ConsoleInput in = duringInput(*m);
  ui.settle(console, in);
  std::vector<ConsoleAction> actions = ui.key(console, in, ImGuiKey_DownArrow);  // lands on Pause
  const ImGuiID combo = console.controls().at("mood.sagsbehandler").imguiId;
  for (int i = 0; i < 40 && GImGui->NavId != combo; ++i) {
    auto more = ui.key(console, in, ImGuiKey_DownArrow);
    actions.insert(actions.end(), more.begin(), more.end());
  }
  REQUIRE(GImGui->NavId == combo);
  CHECK(actions.empty());
  CHECK(ui.key(console, in, ImGuiKey_Space).empty());  // opens the list on the current mood (venlig)
  ui.settle(console, in, 2);
  const ConsoleAction picked = only([&] {
    auto a = ui.key(console, in, ImGuiKey_DownArrow);  // venlig -> neutral
    auto b = ui.key(console, in, ImGuiKey_DownArrow);  // neutral -> travl
    auto c = ui.key(console, in, ImGuiKey_Space);
    a.insert(a.end(), b.begin(), b.end());
    a.insert(a.end(), c.begin(), c.end());
    return a;
  }());
  CHECK(picked.kind == Kind::setMood);
  CHECK(picked.target == "sagsbehandler");
  CHECK(picked.text == "travl");
}

TEST_CASE("when the citizen answers out loud, the console asks the facilitator to pick the option that fits") {
  setLanguage(Language::da);
  auto m = meetingIn(meeting::Phase::choosing);
  Harness ui;
  Console console;
  ConsoleInput in = duringInput(*m);
  ui.settle(console, in);
  const std::string hint = withoutSpaces("Borgeren svarer med egne ord");
  CHECK(ui.drawnText().find(hint) == std::string::npos);
  in.voiceDetected = true;
  ui.frame(console, in);
  CHECK(ui.drawnText().find(hint) != std::string::npos);
  const ConsoleAction picked = clickOnly(ui, console, in, "option.0");
  CHECK(picked.kind == ConsoleAction::Kind::chooseOption);
  CHECK(picked.index == 0);
}
