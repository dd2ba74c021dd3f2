// SPDX-License-Identifier: GPL-3.0-or-later
// Before and After, and privacy: the statement's text never reaches a draw list while privacy mode
// is on (on any tab); the Before choices and consent emit their actions; the timeline lists the
// nodes, choices, the citizen's turns with how long they spoke, pauses, notes and bookmarks.
#include "imgui_harness.h"
#include "meeting_fixture.h"

#include <overum/console/timeline.h>
#include <overum/core/strings.h>

using namespace overum;
using namespace overum::console;
using namespace overum::console::testing;
using Kind = ConsoleAction::Kind;
using LK = meeting::LogEntry::Kind;

namespace {

ConsoleAction only(const std::vector<ConsoleAction>& actions) {
  for (const auto& a : actions) UNSCOPED_INFO(describe(a));
  REQUIRE(actions.size() == 1);
  return actions.front();
}

session::Statement canaryStatement() {
  session::Statement s;
  s.name = "Kanariefugl Sara";
  s.parts = {"Jeg hedder Sara og er KANARIE-1", "at blive hørt KANARIE-2", "at finde arbejde KANARIE-3",
             "klare mig selv KANARIE-4"};
  return s;
}

// After, once the meeting has ended.
ConsoleInput afterMeeting(const TinyMeeting& m) {
  ConsoleInput in;
  in.stage = Stage::after;
  in.director = &m.director;
  in.log = m.log;
  return in;
}

// Clicks `control` and returns the one action that produced.
ConsoleAction clickOnly(Harness& ui, Console& console, const ConsoleInput& in, std::string_view control) {
  INFO("clicked " << control);
  return only(ui.click(console, in, control));
}

}  // namespace

TEST_CASE("privacy: the statement text is in no draw command while privacy is on, on any tab") {
  setLanguage(Language::da);
  const session::Statement statement = canaryStatement();
  // A meeting that has just woven the citizen's name and "hjælp til" part into its lines.
  TinyMeeting m;
  m.start(statement.name, statement.parts[2]);
  meeting::DirectorInput choose;
  choose.choice = 0;
  meeting::DirectorInput finished;
  finished.finished = true;
  m.runUntil(meeting::Phase::choosing);
  m.runUntil(meeting::Phase::statement, choose);
  m.runUntil(meeting::Phase::speaking, finished);
  REQUIRE(m.director.caption());
  REQUIRE(m.director.caption()->text.find("KANARIE-3") != std::string::npos);
  const session::Note notes[] = {{1.0, "Kanariefugl Sara smilede", false}};

  for (const Stage stage : {Stage::before, Stage::during, Stage::after}) {
    for (const bool privacy : {false, true}) {
      INFO("stage " << int(stage) << (privacy ? " privacy on" : " privacy off"));
      Harness ui;
      Console console;
      ConsoleInput in;
      in.stage = stage;
      in.director = &m.director;
      in.log = m.log;
      in.notes = notes;
      in.statement = &statement;
      in.privacy = privacy;
      ui.settle(console, in);
      if (stage == Stage::after) {
        ui.click(console, in, "timeline.lines");  // every line spoken, captions with the statement in them
        ui.settle(console, in);
      }
      const std::string drawn = ui.drawnText();
      INFO(drawn);
      const bool shown = drawn.find("KANARIE") != std::string::npos || drawn.find("Kanariefugl") != std::string::npos;
      if (privacy) {
        CHECK_FALSE(shown);
        if (stage != Stage::after) CHECK(drawn.find(withoutSpaces("Statementet er skjult")) != std::string::npos);
        if (stage != Stage::before) CHECK(drawn.find("[skjult]") != std::string::npos);
      } else {
        // The positive control: without privacy the same decoding does find it.
        CHECK(shown);
        if (stage != Stage::after) CHECK(drawn.find("KANARIE-1") != std::string::npos);
        if (stage != Stage::after) CHECK(drawn.find("KANARIE-4") != std::string::npos);
      }
    }
  }
}

TEST_CASE("Before: meeting, difficulty, bisidder, statement parts, consent and start emit actions") {
  setLanguage(Language::da);
  Harness ui;
  Console console;
  const MeetingChoice meetings[] = {{"myndighedsmoede", "Møde med jobcentret"}, {"opfoelgning", "Opfølgning"}};
  const session::Statement statement;
  ConsoleInput in;
  in.stage = Stage::before;
  in.meetings = meetings;
  in.statement = &statement;
  ui.settle(console, in);
  // With no citizen chosen nothing can be kept: the consent choices are there but cannot be ticked.
  CHECK(ui.drawnText().find(withoutSpaces("Der gemmes intet")) != std::string::npos);
  CHECK(ui.click(console, in, "consent.statement").empty());
  in.setup.citizen = "borger-1";
  ui.frame(console, in);

  CHECK_FALSE(console.controls().at("startMeeting").enabled);  // no meeting chosen yet
  const ConsoleAction chosen = clickOnly(ui, console, in, "meeting.opfoelgning");
  CHECK(chosen.kind == Kind::chooseMeeting);
  CHECK(chosen.target == "opfoelgning");
  in.setup.meetingId = chosen.target;  // as the host would
  ui.frame(console, in);
  CHECK(clickOnly(ui, console, in, "startMeeting").kind == Kind::startMeeting);

  const ConsoleAction level = clickOnly(ui, console, in, "setup.difficulty.stoettende");
  CHECK(level.kind == Kind::setDifficulty);
  CHECK(level.text == "stoettende");
  const ConsoleAction bisidder = clickOnly(ui, console, in, "bisidder");
  CHECK(bisidder.kind == Kind::setBisidder);
  CHECK(bisidder.on);

  // Consent: every choice starts off (audio too), each is its own action, withdrawing is one click.
  CHECK_FALSE(in.setup.consent.saveStatement);
  CHECK_FALSE(in.setup.consent.keepNotes);
  CHECK_FALSE(in.setup.consent.recordAudio);
  const ConsoleAction audio = clickOnly(ui, console, in, "consent.audio");
  CHECK(audio.kind == Kind::setConsent);
  CHECK(audio.index == int(ConsentItem::recordAudio));
  CHECK(audio.on);
  const ConsoleAction keep = clickOnly(ui, console, in, "consent.statement");
  CHECK(keep.index == int(ConsentItem::saveStatement));
  CHECK(clickOnly(ui, console, in, "consent.withdraw").kind == Kind::withdrawConsent);
  CHECK(ui.drawnText().find(withoutSpaces("Lyd bliver ikke optaget, medmindre du vælger det.")) != std::string::npos);

  // The statement form: typing into a part emits it when the field is left (here for another field).
  CHECK(ui.click(console, in, "statement.part2").empty());
  CHECK(ui.type(console, in, "at få et job").empty());
  const ConsoleAction part = clickOnly(ui, console, in, "statement.part0");
  CHECK(part.kind == Kind::setStatementPart);
  CHECK(part.index == int(session::StatementPart::helpWith));
  CHECK(part.text == "at få et job");
  CHECK(ui.click(console, in, "statement.name").empty());  // leaving part 0 unchanged emits nothing
  CHECK(ui.type(console, in, "Sara").empty());
  const ConsoleAction name = clickOnly(ui, console, in, "statement.part1");
  CHECK(name.kind == Kind::setStatementName);
  CHECK(name.text == "Sara");
}

TEST_CASE("timeline: nodes, choices, turns with speaking time, pauses, notes and bookmarks in order") {
  const std::vector<meeting::LogEntry> log = {
      {0.0, LK::node, "", "Start"},         {0.1, LK::line, "Mette", "Velkommen."},
      {3.0, LK::options, "", "A | B"},      {5.0, LK::choice, "borger", "Jeg vil gerne starte med mit statement."},
      {5.0, LK::node, "", "Statement"},     {20.0, LK::paused, "", ""},
      {50.0, LK::resumed, "", ""},          {140.0, LK::statement, "borger", "", 90.0, 70.0},
      {141.0, LK::facilitator, "", "skip"}, {150.0, LK::ended, "", "ended by the facilitator"},
  };
  const std::vector<session::Note> notes = {{30.0, "Tog en pause selv", false}, {100.0, "", true}};
  const auto rows = buildTimeline(log, notes, 150.0);
  using RK = TimelineRow::Kind;
  std::vector<RK> kinds;
  for (const auto& r : rows) kinds.push_back(r.kind);
  CHECK(kinds == std::vector<RK>{RK::node, RK::choice, RK::node, RK::pause, RK::note, RK::statement, RK::bookmark,
                                 RK::facilitator, RK::ended});
  const TimelineRow& statement = rows[5];
  CHECK(statement.time == 50.0);  // the floor was the citizen's from 140 - 90
  CHECK(statement.duration == 90.0);
  CHECK(statement.spoken == 70.0);
  CHECK(rows[3].duration == 30.0);                                          // the pause
  CHECK(buildTimeline(log, notes, 150.0, true).size() == rows.size() + 1);  // with the line
  CHECK(pathTaken(log) == std::vector<std::string>{"Start", "Statement"});
  CHECK(clockText(70.0) == "01:10");
  CHECK(clockText(3725.0) == "1:02:05");

  // Drawn in the After tab, in Danish and in English.
  auto m = meetingIn(meeting::Phase::ended);
  ConsoleInput in;
  in.stage = Stage::after;
  in.director = &m->director;
  in.log = log;
  in.notes = notes;
  in.now = 150.0;
  {
    setLanguage(Language::da);
    Harness ui;
    Console console;
    ui.settle(console, in);
    const std::string drawn = ui.drawnText();
    INFO(drawn);
    CHECK(drawn.find(withoutSpaces("talte i 01:10 af 01:30")) != std::string::npos);
    CHECK(drawn.find(withoutSpaces("Jeg vil gerne starte med mit statement.")) != std::string::npos);
    CHECK(drawn.find(withoutSpaces("varede 00:30")) != std::string::npos);
    const std::string summary = withoutSpaces("Borgeren talte i alt i 01:10. Gange med ordet: 1. Pauser: 1.");
    CHECK(drawn.find(summary) != std::string::npos);
    CHECK(drawn.find(withoutSpaces("Tog en pause selv")) != std::string::npos);
    CHECK(drawn.find(withoutSpaces("Bogmærke")) != std::string::npos);
    CHECK(drawn.find("Velkommen") == std::string::npos);                      // lines only on request
    CHECK(drawn.find(withoutSpaces("Start igen her")) != std::string::npos);  // not clipped (descenders)
    // "Start igen her" on the Statement node row: a fresh run from there.
    std::string restart;
    for (const auto& [name, info] : console.controls())
      if (name.rfind("timeline.restart.", 0) == 0) restart = name;
    REQUIRE_FALSE(restart.empty());
    const ConsoleAction again = clickOnly(ui, console, in, restart);
    CHECK(again.kind == Kind::restartFrom);
    CHECK(again.target == "Statement");
    CHECK(ui.click(console, in, "node.Start").empty());
    const ConsoleAction fromList = clickOnly(ui, console, in, "restartFrom");
    CHECK(fromList.target == "Start");
  }
  {
    setLanguage(Language::en);
    Harness ui;
    Console console;
    ui.settle(console, in);
    CHECK(ui.drawnText().find(withoutSpaces("spoke for 01:10 of 01:30")) != std::string::npos);
    setLanguage(Language::da);
  }
}

TEST_CASE("tabs follow the host's stage, and the facilitator can still look at another tab") {
  setLanguage(Language::da);
  auto m = meetingIn(meeting::Phase::speaking);
  Harness ui;
  Console console;
  ConsoleInput in;
  in.director = &m->director;
  in.stage = Stage::before;
  ui.settle(console, in);
  CHECK(console.controls().count("startMeeting") == 1);
  in.stage = Stage::during;
  ui.settle(console, in);
  CHECK(console.controls().count("pause") == 1);
  CHECK(console.controls().count("startMeeting") == 0);
  CHECK(ui.click(console, in, "tab.after").empty());  // looking back is not an action
  ui.settle(console, in);
  CHECK(console.controls().count("restartFrom") == 1);
  in.stage = Stage::after;
  ui.settle(console, in);
  in.stage = Stage::during;  // the host moves on: the tab follows again
  ui.settle(console, in);
  CHECK(console.controls().count("pause") == 1);
}

TEST_CASE("Before offers an interrupted meeting to continue or close") {
  setLanguage(Language::da);
  Harness ui;
  Console console;
  const session::Statement statement;
  const InterruptedMeeting interrupted[] = {{"20261129-101500", "myndighedsmoede", "Statement"}};
  ConsoleInput in;
  in.stage = Stage::before;
  in.statement = &statement;
  in.interrupted = interrupted;
  ui.settle(console, in);
  CHECK(ui.drawnText().find(withoutSpaces("Et møde blev afbrudt")) != std::string::npos);
  const ConsoleAction resume = clickOnly(ui, console, in, "resume.20261129-101500");
  CHECK(resume.kind == Kind::resumeSession);
  CHECK(resume.target == "20261129-101500");
  CHECK(clickOnly(ui, console, in, "close.20261129-101500").kind == Kind::closeSession);
}

TEST_CASE("After: the citizen's own copy needs the same password twice, 8 characters or more") {
  setLanguage(Language::da);
  auto m = meetingIn(meeting::Phase::ended);
  Harness ui;
  Console console;
  ConsoleInput in = afterMeeting(*m);
  ui.settle(console, in);
  CHECK(console.controls().count("exportData") == 0);  // no citizen chosen: nothing is kept to hand over
  in.setup.citizen = "borger-1";
  ui.frame(console, in);
  REQUIRE(console.controls().count("exportData") == 1);
  CHECK_FALSE(console.controls().at("exportData").enabled);

  CHECK(ui.click(console, in, "export.password0").empty());
  CHECK(ui.type(console, in, "hemmelig-kode").empty());
  CHECK(ui.click(console, in, "export.password1").empty());
  CHECK(ui.type(console, in, "hemmelig-kod").empty());
  ui.frame(console, in);
  CHECK_FALSE(console.controls().at("exportData").enabled);
  CHECK(ui.drawnText().find(withoutSpaces("De to kodeord er ikke ens.")) != std::string::npos);
  CHECK(ui.drawnText().find("hemmelig") == std::string::npos);  // typed passwords are never shown
  CHECK(ui.type(console, in, "e").empty());
  ui.frame(console, in);
  const ConsoleAction exported = clickOnly(ui, console, in, "exportData");
  CHECK(exported.kind == Kind::exportData);
  CHECK(exported.text == "hemmelig-kode");
}

TEST_CASE("After: the citizen's progress over sessions as small charts with the sessions' dates") {
  setLanguage(Language::da);
  auto m = meetingIn(meeting::Phase::ended);
  Harness ui;
  Console console;
  ConsoleInput in = afterMeeting(*m);
  in.setup.citizen = "borger-1";
  ui.settle(console, in);
  CHECK(ui.drawnText().find(withoutSpaces("Der er endnu ingen tal fra borgerens sessioner.")) != std::string::npos);

  const std::vector<session::SessionProgress> progress = threeSessionsProgress();
  in.progress = progress;
  ui.settle(console, in);
  const std::string drawn = ui.drawnText();
  for (std::string_view shown :
       {"Udvikling over sessionerne", "Uro", "Sikker på at sige det, der er vigtigt", "Tid med dit statement",
        "Dele af dit statement, du fremlagde", "Tid, før du begyndte at svare", "Taletempo", "stavelser pr. sekund",
        "før", "efter", "3.11.", "10.11.", "17.11."}) {
    INFO(shown);
    CHECK(drawn.find(withoutSpaces(shown)) != std::string::npos);
  }
  for (std::string_view hidden : {"suds", "progress.", "nan", "Unease"}) {
    INFO(hidden);
    CHECK(drawn.find(hidden) == std::string::npos);
  }
  // Before the timeline, so the trend is seen first.
  CHECK(drawn.find(withoutSpaces("Udvikling over sessionerne")) < drawn.find("Tidslinje"));

  // Without a citizen nothing is kept, so there is no progress to show.
  in.setup.citizen.clear();
  ui.settle(console, in);
  CHECK(ui.drawnText().find(withoutSpaces("Udvikling over sessionerne")) == std::string::npos);
}

TEST_CASE("After: a kept session can be watched again, and played, paused, moved and seen from another chair") {
  setLanguage(Language::da);
  auto m = meetingIn(meeting::Phase::ended);
  Harness ui;
  Console console;
  ConsoleInput in = afterMeeting(*m);
  in.setup.citizen = "borger-1";
  std::vector<session::SessionProgress> progress = threeSessionsProgress();
  progress[1].replayable = progress[2].replayable = true;  // the first was kept before replays were
  in.progress = progress;
  ui.settle(console, in);
  CHECK(ui.drawnText().find(withoutSpaces("Se mødet igen")) != std::string::npos);
  CHECK(console.controls().count("replay." + progress[2].sessionId) == 1);
  CHECK(console.controls().count("replay." + progress[0].sessionId) == 0);
  const ConsoleAction start = clickOnly(ui, console, in, "replay." + progress[1].sessionId);
  CHECK(start.kind == Kind::startReplay);
  CHECK(start.target == progress[1].sessionId);

  // While it plays on the citizen's screen: where it is, and its controls.
  ReplayState playing;
  playing.now = 75.0;
  playing.duration = 600.0;
  playing.seats = {"Fra borgerens stol", "Fra borgerens stol, stille", "Fra Mettes stol"};
  in.replay = &playing;
  ui.settle(console, in);
  CHECK(ui.drawnText().find(withoutSpaces("01:15 af 10:00")) != std::string::npos);
  CHECK(ui.drawnText().find(withoutSpaces("Fra Mettes stol")) != std::string::npos);
  for (const auto& [control, command] : std::vector<std::pair<std::string, std::string>>{
           {"replay.play", "play"}, {"replay.back", "back"}, {"replay.next", "next"}, {"replay.stop", "stop"}}) {
    INFO(control);
    const ConsoleAction a = clickOnly(ui, console, in, control);
    CHECK(a.kind == Kind::replayControl);
    CHECK(a.text == command);
  }
  // A click on the timeline moves there (emitted once let go).
  const ConsoleAction moved = clickOnly(ui, console, in, "replay.timeline");
  CHECK(moved.text == "at");
  CHECK(moved.index >= 0);
  CHECK(moved.index <= 600);
  const ConsoleAction seat = clickOnly(ui, console, in, "replay.seat.2");
  CHECK(seat.text == "seat");
  CHECK(seat.index == 2);
  const ConsoleAction speed = clickOnly(ui, console, in, "replay.speed.4");
  CHECK(speed.text == "speed");
  CHECK(speed.index == 4);
}
