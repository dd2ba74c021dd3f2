// SPDX-License-Identifier: GPL-3.0-or-later
// A facilitator's script (--facilitator FILE) is read as the console's actions at their times, and a
// wrong line is refused with its file, its line and what to write instead.
#include "facilitator_script.h"

#include <catch2/catch.hpp>

using namespace overum;
using Kind = console::ConsoleAction::Kind;

TEST_CASE("a facilitator's script reads as the console's actions, in time order") {
  const app::FacilitatorScript script = app::parseFacilitatorScript(
      "# the demonstration\n"
      "40 sayLine sagsbehandler Tag den tid, du har brug for.\n"
      "20 setMood sagsbehandler travl\n"
      "\n"
      "50 chooseOption 2\n"
      "300 startReplay last\n"
      "305 replayControl seat 2\n",
      "demo.txt");
  INFO(script.error);
  REQUIRE(script.error.empty());
  REQUIRE(script.actions.size() == 5);
  CHECK(script.actions[0].at == 20.0);
  CHECK(script.actions[0].action.kind == Kind::setMood);
  CHECK(script.actions[0].action.text == "travl");
  CHECK(script.actions[1].action.kind == Kind::sayLine);
  CHECK(script.actions[1].action.text == "Tag den tid, du har brug for.");
  CHECK(script.actions[2].action.index == 1);  // the second option
  CHECK(script.actions[3].action.target == "last");
  CHECK(script.actions[4].action.text == "seat");
  CHECK(script.actions[4].action.index == 2);
}

TEST_CASE("a wrong line in a facilitator's script names the file, the line and what to write") {
  const app::FacilitatorScript unknown =
      app::parseFacilitatorScript("20 setMood sagsbehandler travl\n25 dans\n", "demo.txt");
  CHECK(unknown.actions.empty());
  CHECK_THAT(unknown.error, Catch::StartsWith("demo.txt:2: \"dans\" is not an action a script can take"));
  // Every action a script can take is named, the replay's too.
  for (const char* name : {"setMood", "sayLine", "chooseOption", "askHowYouFeel", "startReplay", "replayControl"})
    CHECK_THAT(unknown.error, Catch::Contains(name));
  CHECK_THAT(app::parseFacilitatorScript("om lidt setMood sagsbehandler travl\n", "demo.txt").error,
             Catch::StartsWith("demo.txt:1: \"om\" is not a time"));
  CHECK_THAT(app::parseFacilitatorScript("5 chooseOption 0\n", "demo.txt").error,
             Catch::Contains("the option's number, 1 for the first"));
  CHECK_THAT(app::readFacilitatorScript("findes/ikke.txt").error, Catch::Contains("--facilitator"));
}
