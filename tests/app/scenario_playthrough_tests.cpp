// SPDX-License-Identifier: GPL-3.0-or-later
// Every shipped meeting, at every difficulty, with and without a bisidder, played to its end by many
// scripted citizens: each reaches the end, every line's speaker is seated, and together the runs
// visit every node the meeting has.
#include "meeting_fakes.h"
#include "meeting_setup.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

using namespace overum;
namespace fs = std::filesystem;

namespace {

using Clock = testing::FakeClock;

// Lines last half a second plus 10 ms per character: long enough to pass through every phase.
struct TimedSpeech : testing::FakeSpeech {
  explicit TimedSpeech(const Clock& clock) : FakeSpeech(clock, 0.01, 0.5) {}
};

}  // namespace

TEST_CASE("every meeting plays to its end at every difficulty, with and without a bisidder") {
  const auto folders = testing::shippedMeetings();
  REQUIRE(folders.size() >= 3);
  for (const fs::path& folder : folders) {
    std::set<std::string> visited;
    std::size_t nodeCount = 0;
    for (const char* difficulty : {"stoettende", "neutral", "presset"}) {
      for (bool bisidder : {false, true}) {
        app::Options options;
        options.scenario = {folder};
        options.difficulty = difficulty;
        options.bisidder = bisidder;
        const app::MeetingSetup setup = app::prepareMeeting(options, "scenarios");
        INFO(folder.string() << " " << difficulty << (bisidder ? " with bisidder" : "") << ": " << setup.error);
        REQUIRE(setup.plan);
        for (const auto& warning : setup.warnings) WARN(warning);
        nodeCount = setup.plan->program->nodes.size();
        std::set<std::string> seated;
        for (const auto& s : setup.plan->speakers) seated.insert(s.name);

        for (std::uint64_t walk = 0; walk < 12; ++walk) {
          Clock clock;
          TimedSpeech speech(clock);
          meeting::Director director(setup.plan->program, setup.plan->speakers, speech);
          const auto problems = director.start(setup.plan->cast.start, walk + 1, setup.plan->variables, 0.0);
          REQUIRE(problems.empty());
          std::mt19937_64 random(walk);
          for (int step = 0; step < 90 * 60 * 30 && director.phase() != meeting::Phase::ended; ++step) {
            clock.now += 1.0 / 30.0;
            meeting::DirectorInput input;
            if (director.phase() == meeting::Phase::choosing) {
              std::vector<std::size_t> available;
              for (std::size_t i = 0; i < director.options().size(); ++i)
                if (director.options()[i].available) available.push_back(i);
              REQUIRE_FALSE(available.empty());
              input.choice = walk == 0 ? available.front() : available[random() % available.size()];
            }
            input.finished =
                director.phase() == meeting::Phase::statement || director.phase() == meeting::Phase::listening;
            input.resume = director.phase() == meeting::Phase::paused;
            director.update(clock.now, input);
            for (const auto& entry : director.takeLog()) {
              if (entry.kind == meeting::LogEntry::Kind::node) visited.insert(entry.text);
              if (entry.kind == meeting::LogEntry::Kind::line && !entry.who.empty() && entry.who != "Borger") {
                INFO(entry.text);
                CHECK(seated.count(entry.who) == 1);  // nobody speaks who is not at the table
              }
            }
          }
          CHECK(director.phase() == meeting::Phase::ended);
        }
      }
    }
    INFO(folder.string());
    CHECK(visited.size() == nodeCount);  // the walks between them reach every node
  }
}

// Issue #10: what a meeting's preparation used to lose or get wrong.
TEST_CASE("an empty statement part is warned about when the meeting is prepared", "[faults]") {
  const fs::path file = fs::temp_directory_path() / "overum-empty-part.txt";
  {
    std::ofstream out(file);
    out << "navn: Sara\n## Sådan vil jeg introducere mig selv\nJeg hedder Sara.\n## Det er vigtigt for mig at…\n\n"
           "## Jeg vil gerne have hjælp til\nat finde et job\n## Så jeg kan\nklare mig selv\n";
  }
  app::Options options;
  options.statement = file;
  const app::MeetingSetup setup = app::prepareMeeting(options, "scenarios");
  fs::remove(file);
  REQUIRE(setup.plan);
  REQUIRE(setup.warnings.size() == 1);
  CHECK(setup.warnings[0] == file.string() +
                                 ":4: warning: Det er vigtigt for mig at…: this part is empty; the characters "
                                 "cannot refer to it until it has some text");
}

TEST_CASE("a meeting kept outside scenarios/ is named by its path, so it can be resumed", "[faults]") {
  const fs::path elsewhere = fs::temp_directory_path() / "overum-elsewhere" / "eget_moede";
  fs::create_directories(elsewhere);
  CHECK(app::meetingId({}, "scenarios") == "myndighedsmoede");
  CHECK(app::meetingId({"scenarios/opfoelgning"}, "scenarios") == "opfoelgning");
  CHECK(app::meetingId({"scenarios/opfoelgning/opfoelgning.yarn"}, "scenarios") == "opfoelgning");
  const std::string id = app::meetingId({elsewhere}, "scenarios");
  CHECK(id == fs::weakly_canonical(elsewhere).string());
  CHECK(app::meetingFolder(id, "scenarios") == fs::weakly_canonical(elsewhere));
  CHECK(app::meetingFolder("opfoelgning", "scenarios") == fs::path("scenarios/opfoelgning"));
  fs::remove_all(elsewhere.parent_path());
}

namespace {

// How one of the citizen's turns ended when they said "færdig" once a second from 1 s into it.
struct TurnEnd {
  int presses = 0;                 // "færdig" presses until the floor was handed back
  double secondsAfterFirst = 0.0;  // from the first press to the turn's end
};

// Plays one meeting (always the first available option) and measures every turn; also counts the
// statement/answer records, which must be one per turn.
struct TurnPlay {
  std::vector<TurnEnd> turns;
  int turnRecords = 0;
};

TurnPlay playPressingFaerdig(const app::MeetingPlan& plan) {
  Clock clock;
  TimedSpeech speech(clock);
  meeting::Director director(plan.program, plan.speakers, speech);
  REQUIRE(director.start(plan.cast.start, 1, plan.variables, 0.0).empty());
  TurnPlay play;
  const auto citizensTurn = [&] {
    return director.phase() == meeting::Phase::statement || director.phase() == meeting::Phase::listening;
  };
  double turnStart = -1.0, firstPress = -1.0;
  for (int step = 0; step < 30 * 60 * 30 && director.phase() != meeting::Phase::ended; ++step) {
    clock.now += 1.0 / 30.0;
    const bool turnBefore = citizensTurn();
    if (turnBefore && turnStart < 0.0) turnStart = clock.now;
    meeting::DirectorInput input;
    if (director.phase() == meeting::Phase::choosing)
      for (std::size_t i = director.options().size(); i-- > 0;)
        if (director.options()[i].available) input.choice = i;
    const double intoTurn = clock.now - turnStart;
    // A press every whole second from 1 s into the turn.
    input.finished = turnBefore && intoTurn >= 1.0 && std::fmod(intoTurn, 1.0) < 1.0 / 30.0;
    director.update(clock.now, input);
    bool newTurnBegan = false;
    for (const auto& entry : director.takeLog()) {
      if (entry.kind == meeting::LogEntry::Kind::statement || entry.kind == meeting::LogEntry::Kind::answer)
        ++play.turnRecords;
      if (entry.kind == meeting::LogEntry::Kind::command &&
          (entry.text == "statement" || entry.text.rfind("listen", 0) == 0))
        newTurnBegan = true;
    }
    if (!turnBefore) continue;
    if (input.finished) {
      if (play.turns.empty() || firstPress < 0.0) {
        play.turns.push_back({});
        firstPress = clock.now;
      }
      ++play.turns.back().presses;
    }
    if (!citizensTurn() || newTurnBegan) {
      if (firstPress >= 0.0) play.turns.back().secondsAfterFirst = clock.now - firstPress;
      turnStart = firstPress = -1.0;
      if (citizensTurn()) turnStart = clock.now;
    }
  }
  CHECK(director.phase() == meeting::Phase::ended);
  return play;
}

}  // namespace

TEST_CASE(
    "one 'færdig' ends each of the citizen's turns at once and records it once, in every meeting and difficulty") {
  for (const fs::path& folder : testing::shippedMeetings()) {
    for (const char* difficulty : {"stoettende", "neutral", "presset"}) {
      app::Options options;
      options.scenario = {folder};
      options.difficulty = difficulty;
      const app::MeetingSetup setup = app::prepareMeeting(options, "scenarios");
      REQUIRE(setup.plan);
      const TurnPlay play = playPressingFaerdig(*setup.plan);
      int mostPresses = 0;
      double longest = 0.0;
      for (const TurnEnd& turn : play.turns) {
        mostPresses = std::max(mostPresses, turn.presses);
        longest = std::max(longest, turn.secondsAfterFirst);
      }
      INFO(folder.filename().string() << " " << difficulty << ": " << play.turns.size() << " turns, at most "
                                      << mostPresses << " presses, at most " << longest
                                      << " s from the first press to the end, " << play.turnRecords << " turn records");
      REQUIRE_FALSE(play.turns.empty());
      CHECK(mostPresses == 1);
      CHECK(longest == 0.0);  // within the frame of the press
      CHECK(play.turnRecords == int(play.turns.size()));
    }
  }
}

TEST_CASE("the characters speak the citizen's words as whole sentences, and without a name they use none") {
  session::Statement statement;  // no "navn:", as the statement format allows
  statement.parts = {"Jeg hedder Sara.\nJeg bor i Odense", "blive mødt som et menneske.\nhave tid til at tænke",
                     "- at finde et praktikforløb\n- at få ro", "komme tilbage i mit eget tempo.\nfå en hverdag"};
  for (const fs::path& folder : testing::shippedMeetings()) {
    for (const char* difficulty : {"stoettende", "neutral", "presset"}) {
      for (bool bisidder : {false, true}) {
        app::Options options;
        options.scenario = {folder};
        options.difficulty = difficulty;
        options.bisidder = bisidder;
        const app::MeetingSetup setup = app::prepareMeeting(options, "scenarios", &statement);
        REQUIRE(setup.plan);
        for (std::uint64_t walk = 0; walk < 8; ++walk) {
          Clock clock;
          TimedSpeech speech(clock);
          meeting::Director director(setup.plan->program, setup.plan->speakers, speech);
          REQUIRE(director.start(setup.plan->cast.start, walk + 1, setup.plan->variables, 0.0).empty());
          std::mt19937_64 random(walk);
          for (int step = 0; step < 30 * 60 * 30 && director.phase() != meeting::Phase::ended; ++step) {
            clock.now += 1.0 / 30.0;
            meeting::DirectorInput input;
            if (director.phase() == meeting::Phase::choosing) {
              std::vector<std::size_t> available;
              for (std::size_t i = 0; i < director.options().size(); ++i)
                if (director.options()[i].available) available.push_back(i);
              input.choice = available[random() % available.size()];
            }
            input.finished =
                director.phase() == meeting::Phase::statement || director.phase() == meeting::Phase::listening;
            input.resume = director.phase() == meeting::Phase::paused;
            director.update(clock.now, input);
            for (const auto& entry : director.takeLog()) {
              if (entry.kind != meeting::LogEntry::Kind::line) continue;
              INFO(folder.filename().string() << " " << difficulty << ": " << entry.text);
              CHECK(entry.text.find('\n') == std::string::npos);
              for (const char* broken : {" ,", " .", "  ", "Hej ,"})
                CHECK(entry.text.find(broken) == std::string::npos);
              CHECK(!entry.text.ends_with(' '));
            }
          }
        }
      }
    }
  }
}
