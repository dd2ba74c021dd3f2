// SPDX-License-Identifier: GPL-3.0-or-later
// The app carries the facilitator's console actions out on a real meeting: notes and bookmarks are
// kept, privacy toggles, director actions reach the director, pausing goes through the next update.
#include "citizen_records.h"
#include "console_host.h"
#include "meeting_fakes.h"
#include "meeting_setup.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <random>

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
  CHECK(director.characters()[0].mood == Mood::worried);

  host.apply({action(Kind::pauseRoom)}, director, 13.0, next);
  CHECK(next.pause);
  director.update(13.1, next);
  CHECK(director.phase() == meeting::Phase::paused);
}

TEST_CASE("the console's Before choices prepare the meeting, keep consent with the citizen, and start it") {
  using Kind = console::ConsoleAction::Kind;
  auto act = [](Kind kind) {
    console::ConsoleAction a;
    a.kind = kind;
    return a;
  };
  const app::MeetingSetup setup = app::prepareMeeting({}, "scenarios");
  REQUIRE(setup.plan);
  testing::FakeClock clock;
  testing::FakeSpeech speech(clock, 0.0);
  meeting::Director notStarted(setup.plan->program, setup.plan->speakers, speech);
  app::ConsoleHost host;
  meeting::DirectorInput next;

  const std::filesystem::path vault =
      std::filesystem::temp_directory_path() / ("overum-console-host-" + std::to_string(std::random_device{}()));
  auto records = app::CitizenRecords::open(vault, "borger-4", "facilitator-kode", {1, 8u << 10}).records;
  REQUIRE(records);
  app::Preparation prep;

  console::ConsoleAction meeting = act(Kind::chooseMeeting);
  meeting.target = "opfoelgning";
  console::ConsoleAction level = act(Kind::setDifficulty);
  level.text = "presset";  // before the meeting a setup choice, not the director's
  console::ConsoleAction bisidder = act(Kind::setBisidder);
  bisidder.on = true;
  console::ConsoleAction part = act(Kind::setStatementPart);
  part.index = 2;
  part.text = "at komme i gang igen";
  console::ConsoleAction consent = act(Kind::setConsent);
  consent.index = int(console::ConsentItem::keepNotes);
  consent.on = true;
  const auto forHost = host.apply({meeting, level, bisidder, part, consent}, notStarted, 0.0, next);
  CHECK(forHost.size() == 5);
  CHECK_FALSE(app::applySetupActions(forHost, prep, records.get()));  // nothing starts yet
  CHECK(prep.setup.meetingId == "opfoelgning");
  CHECK(prep.setup.difficulty == "presset");
  CHECK(prep.setup.bisidder);
  CHECK(prep.statement.parts[2] == "at komme i gang igen");
  CHECK(prep.setup.consent.keepNotes);
  CHECK(records->consent().keepNotes);  // kept with the citizen at once
  CHECK(std::filesystem::exists(vault / "citizens" / "borger-4"));

  console::ConsoleAction keepStatement = consent;
  keepStatement.index = int(console::ConsentItem::saveStatement);
  app::applySetupActions({keepStatement}, prep, records.get());
  std::string problem;
  REQUIRE(records->storedStatement(problem));  // kept as soon as the citizen says yes
  CHECK(records->storedStatement(problem)->parts[2] == "at komme i gang igen");

  const auto start = app::applySetupActions({act(Kind::startMeeting)}, prep, records.get());
  REQUIRE(start);
  CHECK(start->node.empty());
  CHECK_FALSE(start->resume);
  console::ConsoleAction again = act(Kind::restartFrom);
  again.target = "Afslutning";
  CHECK(app::applySetupActions({again}, prep, records.get())->node == "Afslutning");

  // An interrupted meeting: offered by its session id, continued or closed from the console.
  records->beginSession("opfoelgning", 0.0);
  meeting::Director running(setup.plan->program, setup.plan->speakers, speech);
  REQUIRE(running.start(setup.plan->cast.start, 1, setup.plan->variables, 0.0).empty());
  records->record(running.takeLog(), running);
  console::ConsoleAction note = act(Kind::addNote);
  note.text = "Borgeren tog ordet selv";
  note.time = 3.0;
  app::applySetupActions(host.apply({note}, running, 3.0, next), prep, records.get());
  CHECK(host.notes().back().text == "Borgeren tog ordet selv");  // on the console
  const std::string session = [&] {
    const auto stored = session::Vault::open(vault, "facilitator-kode").vault;
    const auto unfinished = session::unfinishedSessions(*stored, "borger-4");
    REQUIRE(unfinished.size() == 1);  // as the next start of Øverum will see it
    const auto journal = session::readJournal(*stored, "borger-4", unfinished[0]);
    CHECK(journal.records.back().kind == "note");  // and in the citizen's journal
    CHECK(journal.records.back().text == "Borgeren tog ordet selv");
    return unfinished[0];
  }();
  auto other = app::CitizenRecords::open(vault, "borger-4", "facilitator-kode", {1, 8u << 10}).records;
  console::ConsoleAction resume = act(Kind::resumeSession);
  resume.target = session;
  const auto resumed = app::applySetupActions({resume}, prep, other.get());
  REQUIRE(resumed);
  REQUIRE(resumed->resume);
  CHECK(resumed->resume->meeting == "opfoelgning");
  CHECK_FALSE(resumed->resume->checkpoint.empty());
  console::ConsoleAction close = act(Kind::closeSession);
  close.target = session;
  CHECK_FALSE(app::applySetupActions({close}, prep, other.get()));
  CHECK(other->unfinished().empty());

  // The citizen's own copy, from the After tab: a page in their Documents folder.
  const std::filesystem::path home = vault / "home";
  std::filesystem::create_directories(home / "Dokumenter");
  const std::string savedHome = std::getenv("HOME") ? std::getenv("HOME") : "";
  setenv("HOME", home.c_str(), 1);
  console::ConsoleAction exportData = act(Kind::exportData);
  exportData.text = "kort";
  app::applySetupActions({exportData}, prep, records.get());
  CHECK(prep.setup.exported.find("8") != std::string::npos);  // refused in plain words
  exportData.text = "borgerens-kode";
  app::applySetupActions({exportData}, prep, records.get());
  setenv("HOME", savedHome.c_str(), 1);
  INFO(prep.setup.exported);
  CHECK(prep.setup.exported.find((home / "Dokumenter").string()) != std::string::npos);
  std::size_t pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(home / "Dokumenter"))
    pages += entry.path().extension() == ".html";
  CHECK(pages == 1);

  app::applySetupActions({act(Kind::withdrawConsent)}, prep, records.get());
  CHECK_FALSE(prep.setup.consent.keepNotes);
  CHECK_FALSE(std::filesystem::exists(vault / "citizens" / "borger-4"));
  std::filesystem::remove_all(vault);
}
