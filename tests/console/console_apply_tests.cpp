// SPDX-License-Identifier: GPL-3.0-or-later
// Clicks that reach the meeting: a During control clicked in each director phase, applied with
// applyToDirector, changes the Director as it should (or is refused where the Director says no).
#include "imgui_harness.h"
#include "meeting_fixture.h"

#include <overum/console/apply.h>
#include <overum/core/strings.h>

using namespace overum;
using namespace overum::console;
using namespace overum::console::testing;
using meeting::Phase;

namespace {

// Clicks `control` (after `prepare` clicks) in a fresh meeting in `phase`, applies what came out and
// steps the meeting once with the resulting input; returns the meeting and how it was applied.
struct Outcome {
  std::unique_ptr<TinyMeeting> meeting;
  Applied applied = Applied::host;
};

Outcome clickAndApply(Harness& ui, Console& console, Phase phase, std::vector<std::string> clicks) {
  Outcome o{meetingIn(phase)};
  TinyMeeting& m = *o.meeting;
  ConsoleInput in;
  in.stage = Stage::during;
  in.director = &m.director;
  in.log = m.log;
  ui.settle(console, in);
  std::vector<ConsoleAction> actions;
  for (const std::string& c : clicks) {
    auto more = ui.click(console, in, c);
    actions.insert(actions.end(), more.begin(), more.end());
  }
  REQUIRE(actions.size() == 1);
  meeting::DirectorInput next;
  o.applied = applyToDirector(actions.front(), m.director, m.clock.now, next);
  m.step(next);
  return o;
}

bool started(Phase p) { return p != Phase::notStarted && p != Phase::ended; }

}  // namespace

TEST_CASE("During controls act on the Director in every phase") {
  setLanguage(Language::da);
  for (const Phase phase : kAllPhases) {
    INFO("phase: " << meeting::phaseName(phase));
    Harness ui;
    Console console;

    {
      auto o = clickAndApply(ui, console, phase, {"pauseRoom"});
      CHECK(o.applied == Applied::nextInput);
      if (started(phase)) CHECK(o.meeting->director.phase() == Phase::paused);
    }
    {
      auto o = clickAndApply(ui, console, phase, {"endMeeting"});
      CHECK(o.applied == Applied::director);
      CHECK(o.meeting->director.phase() == Phase::ended);
    }
    {
      auto o = clickAndApply(ui, console, phase, {"node.Statement", "jumpTo"});
      CHECK(o.applied == Applied::director);
      CHECK(o.meeting->director.currentNode() == "Statement");
      CHECK(o.meeting->log.back().kind != meeting::LogEntry::Kind::ended);
    }
    {
      auto o = clickAndApply(ui, console, phase, {"difficulty.presset"});
      if (phase == Phase::notStarted) {
        CHECK(o.applied == Applied::refused);  // no variables yet: the host passes it to start()
      } else {
        CHECK(o.applied == Applied::director);
        const scenario::Value* v = o.meeting->director.runner().variable("svaerhed");
        REQUIRE(v);
        CHECK(v->asString() == "presset");
      }
    }
    {
      auto o = clickAndApply(ui, console, phase, {"skipLine"});
      CHECK(o.applied == Applied::director);
      if (phase == Phase::speaking) CHECK(o.meeting->director.phase() != Phase::speaking);
    }
    {
      const std::unique_ptr<TinyMeeting> owner = meetingIn(phase);
      TinyMeeting& fresh = *owner;
      ConsoleInput in;
      in.stage = Stage::during;
      in.director = &fresh.director;
      ui.settle(console, in);
      ui.click(console, in, "say.text");
      ui.type(console, in, "Tag dig god tid.");
      auto actions = ui.click(console, in, "say.send");
      REQUIRE(actions.size() == 1);
      meeting::DirectorInput next;
      const Applied applied = applyToDirector(actions.front(), fresh.director, fresh.clock.now, next);
      if (started(phase)) {
        CHECK(applied == Applied::director);
        CHECK(fresh.director.interjecting());
        CHECK(fresh.director.caption()->text == "Tag dig god tid.");
      } else {
        CHECK(applied == Applied::refused);  // nobody is there to say it
      }
    }
  }
}

TEST_CASE("moods and gestures reach the characters, an unknown character or word is refused") {
  auto m = meetingIn(Phase::speaking);
  meeting::DirectorInput next;
  const std::string who = m->director.characters().front().id;
  ConsoleAction mood;
  mood.kind = ConsoleAction::Kind::setMood;
  mood.target = who;
  mood.text = "bekymret";
  CHECK(applyToDirector(mood, m->director, m->clock.now, next) == Applied::director);
  CHECK(m->director.characters().front().mood == Mood::worried);
  ConsoleAction gesture;
  gesture.kind = ConsoleAction::Kind::gesture;
  gesture.target = who;
  gesture.text = "nik";
  CHECK(applyToDirector(gesture, m->director, m->clock.now, next) == Applied::director);
  CHECK(m->director.characters().front().gesture == Gesture::nod);
  gesture.target = "ingen_her";
  CHECK(applyToDirector(gesture, m->director, m->clock.now, next) == Applied::refused);
  // A word outside the vocabulary is refused too, and changes nothing.
  mood.text = "vred";
  CHECK(applyToDirector(mood, m->director, m->clock.now, next) == Applied::refused);
  CHECK(m->director.characters().front().mood == Mood::worried);
  gesture.target = who;
  gesture.text = "vink";
  CHECK(applyToDirector(gesture, m->director, m->clock.now, next) == Applied::refused);
}

TEST_CASE("notes and privacy are the host's, not the Director's") {
  auto m = meetingIn(Phase::speaking);
  meeting::DirectorInput next;
  for (const auto kind :
       {ConsoleAction::Kind::addNote, ConsoleAction::Kind::togglePrivacy, ConsoleAction::Kind::startMeeting}) {
    ConsoleAction a;
    a.kind = kind;
    CHECK(applyToDirector(a, m->director, m->clock.now, next) == Applied::host);
  }
  ConsoleAction choose;
  choose.kind = ConsoleAction::Kind::chooseOption;
  choose.index = 1;
  CHECK(applyToDirector(choose, m->director, 0.0, next) == Applied::nextInput);
  CHECK(next.choice == std::size_t{1});
}
