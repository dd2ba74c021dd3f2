// The app carries the facilitator's console actions out on a real meeting: notes and bookmarks are
// kept, privacy toggles, director actions reach the director, pausing goes through the next update.
#include "console_host.h"
#include "meeting_fakes.h"
#include "meeting_setup.h"

#include <catch2/catch.hpp>

using namespace overum;

namespace {

console::ConsoleAction action(console::ConsoleAction::Kind kind, std::string text = {}, std::string target = {}) {
  console::ConsoleAction a;
  a.kind = kind;
  a.text = std::move(text);
  a.target = std::move(target);
  a.time = 12.5;
  return a;
}

}  // namespace

TEST_CASE("console actions on a running meeting") {
  const app::MeetingSetup setup = app::prepareMeeting({}, "scenarios");
  REQUIRE(setup.plan);
  testing::FakeClock clock;
  testing::FakeSpeech speech(clock, 0.0);  // lines end at once
  meeting::Director director(setup.plan->program, setup.plan->speakers, speech);
  REQUIRE(director.start(setup.plan->cast.start, 1, setup.plan->variables, 0.0).empty());
  app::ConsoleHost host;

  meeting::DirectorInput next;
  using Kind = console::ConsoleAction::Kind;
  host.apply({action(Kind::addNote, "Borgeren virkede rolig"), action(Kind::addBookmark)}, director, 12.5, next);
  REQUIRE(host.notes().size() == 2);
  CHECK(host.notes()[0].text == "Borgeren virkede rolig");
  CHECK(host.notes()[1].bookmark);

  host.apply({action(Kind::setMood, "bekymret", setup.plan->speakers[0].id)}, director, 13.0, next);
  CHECK(director.characters()[0].mood == "bekymret");

  host.apply({action(Kind::pauseRoom)}, director, 13.0, next);
  CHECK(next.pause);
  director.update(13.1, next);
  CHECK(director.phase() == meeting::Phase::paused);
}
