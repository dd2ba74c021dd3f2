// SPDX-License-Identifier: GPL-3.0-or-later
// Whole meetings through the director with a fake clock and fake voices: lines, captions, gaze,
// moods, choices, the statement, open answers, pausing and resuming, and bad starts.
#include "meeting_fakes.h"

#include <overum/core/strings.h>
#include <overum/meeting/director.h>
#include <overum/scenario/compiler.h>
#include <overum/scenario/meeting_vocabulary.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

using namespace overum;
using namespace overum::meeting;

namespace {

const char* kMeeting = R"(title: Start
---
<<declare $svaerhed = "neutral">>
<<mood sagsbehandler venlig>>
Mette: Velkommen, {$borger_navn}.
<<if $svaerhed == "presset">>
    <<mood sagsbehandler travl>>
    Mette: Vi har kun ti minutter.
<<endif>>
-> Jeg vil gerne starte med mit statement.
    <<jump Statement>>
-> Kan vi tage det hurtigt? <<if $svaerhed == "presset">>
    Mette: Ja, lad os det.
    <<jump Statement>>
===
title: Statement
---
Yusuf: Fortæl os om dig selv.
<<statement>>
Mette: Du vil gerne have hjælp til {$statement_help}.
<<gesture teamleder nik>>
<<look teamleder borger>>
<<listen 5>>
<<facilitator "Ros borgeren for at tage ordet">>
<<wait 1>>
Mette: Tak for i dag.
===
)";

using Clock = overum::testing::FakeClock;
using overum::testing::FakeSpeech;

std::shared_ptr<const scenario::Program> compileMeeting() {
  return overum::testing::compileMeetingText("test.yarn", kMeeting);
}

struct Meeting {
  Clock clock;
  FakeSpeech speech{clock};
  Director director{compileMeeting(), {{"sagsbehandler", "Mette"}, {"teamleder", "Yusuf"}}, speech};

  explicit Meeting(const std::string& difficulty = "neutral") {
    const auto problems = director.start("", 7,
                                         {{"svaerhed", scenario::Value::fromString(difficulty)},
                                          {"borger_navn", scenario::Value::fromString("Sara")},
                                          {"statement_help", scenario::Value::fromString("at finde et job")}},
                                         clock.now);
    REQUIRE(problems.empty());
  }
  // Steps the clock at 90 Hz until the phase is `until` (or 120 s pass); `input` applies every step.
  void runUntil(Phase until, const DirectorInput& input = {}) {
    for (int i = 0; i < 90 * 120 && director.phase() != until; ++i) {
      clock.now += 1.0 / 90.0;
      director.update(clock.now, input);
    }
    REQUIRE(phaseName(director.phase()) == phaseName(until));
  }
  const CharacterState& who(const char* id) const {
    for (const auto& c : director.characters())
      if (c.id == id) return c;
    FAIL("no character " << id);
    throw;
  }
};

DirectorInput choose(std::size_t i) {
  DirectorInput input;
  input.choice = i;
  return input;
}

}  // namespace

TEST_CASE("a meeting runs: lines are spoken and captioned, gaze follows the speaker, moods change") {
  Meeting m;
  REQUIRE(m.director.phase() == Phase::speaking);
  CHECK(m.speech.spoken.at(0) == "Mette: Velkommen, Sara.");
  REQUIRE(m.director.caption());
  CHECK(m.director.caption()->speaker == "Mette");
  CHECK(m.who("sagsbehandler").mood == Mood::friendly);
  CHECK(m.who("sagsbehandler").speaking);
  CHECK(m.who("sagsbehandler").lookAt == GazeTarget::citizen());
  CHECK(m.who("teamleder").lookAt == GazeTarget::atCharacter("sagsbehandler"));

  m.runUntil(Phase::choosing);
  REQUIRE(m.director.options().size() == 2);
  CHECK(m.director.options()[0].available);
  CHECK_FALSE(m.director.options()[1].available);  // only when pressed for time
  m.director.update(m.clock.now, choose(1));       // unavailable: nothing happens
  CHECK(m.director.phase() == Phase::choosing);
  m.director.update(m.clock.now, choose(0));
  CHECK(m.director.phase() == Phase::speaking);
  CHECK(m.speech.spoken.back() == "Yusuf: Fortæl os om dig selv.");
  CHECK(m.director.currentNode() == "Statement");
}

TEST_CASE("difficulty changes behaviour, not only words") {
  Meeting m("presset");
  m.runUntil(Phase::choosing);
  CHECK(m.who("sagsbehandler").mood == Mood::busy);
  CHECK(m.speech.spoken.size() == 2);
  CHECK(m.director.options()[1].available);
}

TEST_CASE("the statement: everyone listens, it ends after the citizen has spoken and then paused") {
  Meeting m;
  m.runUntil(Phase::choosing);
  m.director.update(m.clock.now, choose(0));
  m.runUntil(Phase::statement);
  for (const auto& c : m.director.characters()) {
    CHECK(c.listening);
    CHECK(c.lookAt == GazeTarget::citizen());
  }
  // Silence before speaking does not end it: people gather their thoughts.
  for (int i = 0; i < 90 * 5; ++i) m.director.update(m.clock.now += 1.0 / 90.0, {});
  CHECK(m.director.phase() == Phase::statement);
  DirectorInput speaking;
  speaking.citizenSpeaking = true;
  for (int i = 0; i < 90 * 3; ++i) m.director.update(m.clock.now += 1.0 / 90.0, speaking);
  CHECK(m.director.phase() == Phase::statement);
  m.runUntil(Phase::speaking);  // 2.5 s of quiet hands the floor back
  CHECK(m.speech.spoken.back() == "Mette: Du vil gerne have hjælp til at finde et job.");
  const auto log = m.director.takeLog();
  const auto statement =
      std::find_if(log.begin(), log.end(), [](const LogEntry& e) { return e.kind == LogEntry::Kind::statement; });
  REQUIRE(statement != log.end());
  CHECK(statement->spokenSeconds == Approx(3.0).margin(0.05));
  CHECK(statement->duration == Approx(10.5).margin(0.1));
}

TEST_CASE("'færdig' ends the statement at once, an open answer ends by itself after its time") {
  Meeting m;
  m.runUntil(Phase::choosing);
  m.director.update(m.clock.now, choose(0));
  m.runUntil(Phase::statement);
  DirectorInput finished;
  finished.finished = true;
  m.director.update(m.clock.now += 0.1, finished);
  CHECK(m.director.phase() == Phase::speaking);
  m.runUntil(Phase::listening);
  CHECK(m.who("teamleder").gesture == Gesture::nod);
  CHECK(m.who("teamleder").lookAt == GazeTarget::citizen());
  const double listenStart = m.clock.now;
  m.runUntil(Phase::waiting);  // <<wait 1>> after the 5 s answer
  CHECK(m.clock.now - listenStart == Approx(5.0).margin(0.05));
  m.runUntil(Phase::ended);
  const auto log = m.director.takeLog();
  CHECK(std::any_of(log.begin(), log.end(), [](const LogEntry& e) {
    return e.kind == LogEntry::Kind::hint && e.text == "Ros borgeren for at tage ordet";
  }));
  CHECK(m.speech.spoken.back() == "Mette: Tak for i dag.");
  CHECK_FALSE(m.director.caption());
}

// The citizen's turns followed by commands that do not wait (gaze, gestures, moods, hints): the
// floor must still be handed back by one "færdig".
const char* kTurnsThenCommands = R"(title: Start
---
<<statement>>
<<look sagsbehandler bord>>
<<gesture sagsbehandler nik>>
<<mood sagsbehandler venlig>>
Mette: Tak.
<<listen 40>>
<<facilitator "Ros borgeren">>
<<gesture sagsbehandler nik>>
Mette: Godt.
<<listen 10>>
Mette: Farvel.
===
)";

std::size_t turnRecords(const std::vector<LogEntry>& log) {
  return std::size_t(std::count_if(log.begin(), log.end(), [](const LogEntry& e) {
    return e.kind == LogEntry::Kind::statement || e.kind == LogEntry::Kind::answer;
  }));
}

TEST_CASE(
    "one 'færdig' ends the turn in the same update even when gaze or gesture commands follow, and records it once") {
  Clock clock;
  FakeSpeech speech{clock};
  Director director{
      overum::testing::compileMeetingText("turns.yarn", kTurnsThenCommands), {{"sagsbehandler", "Mette"}}, speech};
  REQUIRE(director.start("", 1, {}, clock.now).empty());
  REQUIRE(phaseName(director.phase()) == phaseName(Phase::statement));
  DirectorInput finished;
  finished.finished = true;
  director.update(clock.now += 1.0, finished);
  REQUIRE(phaseName(director.phase()) == phaseName(Phase::speaking));
  CHECK(speech.spoken.back() == "Mette: Tak.");
  const CharacterState& mette = director.characters().front();  // the commands' words, as types
  CHECK(mette.gesture == Gesture::nod);
  CHECK(mette.mood == Mood::friendly);
  for (int i = 0; i < 90 * 5 && director.phase() != Phase::listening; ++i) director.update(clock.now += 1.0 / 90.0, {});
  REQUIRE(phaseName(director.phase()) == phaseName(Phase::listening));
  director.update(clock.now += 1.0, finished);
  REQUIRE(phaseName(director.phase()) == phaseName(Phase::speaking));
  CHECK(speech.spoken.back() == "Mette: Godt.");
  director.update(clock.now += 1.0 / 90.0, finished);  // a second press after the turn changes nothing
  CHECK(speech.spoken.back() == "Mette: Godt.");
  const auto log = director.takeLog();
  CHECK(turnRecords(log) == 2);
}

TEST_CASE("a pause stops the turn's clocks: resuming gives the turn back as it was") {
  Clock clock;
  FakeSpeech speech{clock};
  Director director{
      overum::testing::compileMeetingText("turns.yarn", kTurnsThenCommands), {{"sagsbehandler", "Mette"}}, speech};
  REQUIRE(director.start("Start", 1, {}, clock.now).empty());
  DirectorInput finished, speaking, pause, resume;
  finished.finished = true;
  speaking.citizenSpeaking = true;
  pause.pause = true;
  resume.resume = true;
  director.update(clock.now += 1.0, finished);
  for (int i = 0; i < 90 * 5 && director.phase() != Phase::listening; ++i) director.update(clock.now += 1.0 / 90.0, {});
  for (int i = 0; i < 90 * 5 && director.phase() == Phase::listening; ++i)
    director.update(clock.now += 1.0 / 90.0, finished);
  REQUIRE(speech.spoken.back() == "Mette: Godt.");
  for (int i = 0; i < 90 * 5 && director.phase() != Phase::listening; ++i) director.update(clock.now += 1.0 / 90.0, {});
  REQUIRE(phaseName(director.phase()) == phaseName(Phase::listening));  // <<listen 10>>
  director.takeLog();
  const double turnStart = clock.now;

  // 1 s of speaking, 1 s of quiet, then a pause far longer than the turn's 10 s and its 2.5 s of silence.
  for (int i = 0; i < 90; ++i) director.update(clock.now += 1.0 / 90.0, speaking);
  for (int i = 0; i < 90; ++i) director.update(clock.now += 1.0 / 90.0, {});
  director.update(clock.now, pause);
  REQUIRE(phaseName(director.phase()) == phaseName(Phase::paused));
  for (int i = 0; i < 90 * 30; ++i) director.update(clock.now += 1.0 / 90.0, {});
  director.update(clock.now, resume);
  const double pausedFor = 30.0;
  CHECK(phaseName(director.phase()) == phaseName(Phase::listening));
  for (int i = 0; i < 90; ++i) director.update(clock.now += 1.0 / 90.0, {});
  CHECK(phaseName(director.phase()) == phaseName(Phase::listening));  // 2 s of the 2.5 s of quiet so far
  for (int i = 0; i < 90 && director.phase() == Phase::listening; ++i) director.update(clock.now += 1.0 / 90.0, {});
  CHECK(phaseName(director.phase()) == phaseName(Phase::speaking));
  CHECK(clock.now - turnStart - pausedFor == Approx(3.5).margin(0.03));  // the quiet ended it, after 1 s + 2.5 s
  const auto log = director.takeLog();
  const auto answer =
      std::find_if(log.begin(), log.end(), [](const LogEntry& e) { return e.kind == LogEntry::Kind::answer; });
  REQUIRE(answer != log.end());
  CHECK(answer->duration == Approx(3.5).margin(0.03));  // time on the floor, without the pause
  CHECK(answer->spokenSeconds == Approx(1.0).margin(0.03));
}

TEST_CASE("pausing silences at once and resuming repeats the interrupted line") {
  Meeting m;
  REQUIRE(m.director.phase() == Phase::speaking);
  DirectorInput pause;
  pause.pause = true;
  m.director.update(m.clock.now += 0.1, pause);
  CHECK(m.director.phase() == Phase::paused);
  CHECK(m.speech.stops == 1);
  CHECK_FALSE(m.speech.busy());
  for (int i = 0; i < 90 * 3; ++i) m.director.update(m.clock.now += 1.0 / 90.0, {});
  CHECK(m.director.phase() == Phase::paused);  // stays until resumed
  DirectorInput resume;
  resume.resume = true;
  m.director.update(m.clock.now += 0.1, resume);
  CHECK(m.director.phase() == Phase::speaking);
  CHECK(m.speech.spoken.size() == 2);
  CHECK(m.speech.spoken[1] == m.speech.spoken[0]);
}

TEST_CASE("a bad start is reported, not crashed on") {
  Clock clock;
  FakeSpeech speech(clock);
  Director director(compileMeeting(), {{"sagsbehandler", "Mette"}}, speech);
  SECTION("unknown node") {
    const auto problems = director.start("Afslutning", 1, {}, 0.0);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("Afslutning"));
    CHECK(director.phase() == Phase::ended);
  }
  SECTION("a variable the scenario does not have") {
    const auto problems = director.start("", 1, {{"humør", scenario::Value::fromString("glad")}}, 0.0);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("$humør"));
    CHECK(director.phase() == Phase::speaking);
  }
}

TEST_CASE("the facilitator can say a line through a character, and the meeting carries on where it was") {
  Meeting m;
  m.runUntil(Phase::choosing);
  REQUIRE(m.director.say("teamleder", "Tag dig god tid.", m.clock.now));
  CHECK(m.director.interjecting());
  CHECK(m.speech.spoken.back() == "Yusuf: Tag dig god tid.");
  CHECK(m.director.caption()->text == "Tag dig god tid.");
  CHECK(m.who("teamleder").speaking);
  m.director.update(m.clock.now += 0.1, choose(0));  // choices wait until the line is over
  CHECK(m.director.phase() == Phase::choosing);
  for (int i = 0; i < 90 && m.director.interjecting(); ++i) m.director.update(m.clock.now += 1.0 / 90.0, {});
  CHECK_FALSE(m.director.interjecting());
  CHECK(m.director.phase() == Phase::choosing);
  CHECK(m.director.options().size() == 2);
  CHECK_FALSE(m.director.say("ukendt", "Hej", m.clock.now));
}

TEST_CASE("the facilitator can skip a line, jump to a node keeping variables, change difficulty and end") {
  Meeting m;
  REQUIRE(m.director.phase() == Phase::speaking);
  m.director.skipLine(m.clock.now);
  CHECK_FALSE(m.speech.busy());
  m.director.update(m.clock.now += 0.01, {});
  CHECK(m.director.phase() == Phase::choosing);  // went straight on

  REQUIRE(m.director.setVariable("svaerhed", scenario::Value::fromString("presset"), m.clock.now));
  CHECK_FALSE(m.director.setVariable("svaerhed", scenario::Value::fromNumber(2), m.clock.now));  // wrong type
  CHECK_FALSE(m.director.jumpTo("Findesikke", m.clock.now));
  REQUIRE(m.director.jumpTo("Statement", m.clock.now));
  m.runUntil(Phase::speaking);
  CHECK(m.director.currentNode() == "Statement");
  CHECK(m.director.runner().variable("svaerhed")->string == "presset");
  CHECK(m.director.runner().variable("statement_help")->string == "at finde et job");

  m.director.end(m.clock.now);
  CHECK(m.director.phase() == Phase::ended);
  CHECK(m.speech.spoken.back() == "Mette: Så stopper vi her for i dag. Tak, fordi du kom.");  // not cut off in silence
}

TEST_CASE("a meeting ends as real ones do: a goodbye when the facilitator ends it, a nod when the scenario does") {
  setLanguage(Language::da);
  SECTION("'Afslut mødet' in the middle of the citizen's turn") {
    Meeting m;
    m.runUntil(Phase::choosing);
    m.director.update(m.clock.now, choose(0));
    m.runUntil(Phase::statement);
    m.director.end(m.clock.now);
    CHECK(phaseName(m.director.phase()) == phaseName(Phase::ended));
    REQUIRE(m.director.caption());
    CHECK(m.director.caption()->speaker == "Mette");
    CHECK(m.director.caption()->text == "Så stopper vi her for i dag. Tak, fordi du kom.");
    CHECK(m.speech.busy());
    CHECK(m.who("sagsbehandler").speaking);
    CHECK(m.who("teamleder").lookAt == GazeTarget::atCharacter("sagsbehandler"));
    CHECK_FALSE(m.who("teamleder").listening);
    const auto log = m.director.takeLog();
    CHECK(log.back().kind == LogEntry::Kind::line);  // the goodbye is in the journal too
  }
  SECTION("the scenario's last line") {
    Meeting m;
    DirectorInput input;
    input.finished = true;
    for (int i = 0; i < 90 * 120 && m.director.phase() != Phase::ended; ++i) {
      input.choice = m.director.phase() == Phase::choosing ? std::optional<std::size_t>(0) : std::nullopt;
      m.director.update(m.clock.now += 1.0 / 90.0, input);
    }
    REQUIRE(phaseName(m.director.phase()) == phaseName(Phase::ended));
    for (const CharacterState& c : m.director.characters()) {
      CHECK(c.gesture == Gesture::nod);
      CHECK(c.gestureStart == m.clock.now);
      CHECK_FALSE(c.speaking);
    }
  }
}

TEST_CASE("pause works at once from every phase the meeting passes through, and resuming continues it") {
  Meeting m;
  std::set<std::string> pausedFrom;
  DirectorInput pause, resume;
  pause.pause = true;
  resume.resume = true;
  for (int step = 0; step < 90 * 120 && m.director.phase() != Phase::ended; ++step) {
    const Phase before = m.director.phase();
    if (!pausedFrom.count(std::string(phaseName(before))) && before != Phase::paused) {
      m.director.update(m.clock.now += 1.0 / 90.0, pause);
      REQUIRE(m.director.phase() == Phase::paused);  // in the same frame: well within the 0.5 s / 1 s limits
      CHECK_FALSE(m.speech.busy());
      pausedFrom.insert(std::string(phaseName(before)));
      m.director.update(m.clock.now += 1.0 / 90.0, resume);
      CHECK(m.director.phase() != Phase::paused);
    }
    DirectorInput input;
    if (m.director.phase() == Phase::choosing) input.choice = 0;
    input.finished = m.director.phase() == Phase::statement;
    m.director.update(m.clock.now += 1.0 / 90.0, input);
  }
  CHECK(m.director.phase() == Phase::ended);
  for (const char* phase : {"speaking", "waiting", "choosing", "statement", "listening"})
    CHECK(pausedFrom.count(phase) == 1);
}

TEST_CASE("a meeting saved at a node resumes there in a new director, with its variables") {
  Meeting first("presset");
  first.runUntil(Phase::choosing);
  first.director.update(first.clock.now, choose(1));  // "Kan vi tage det hurtigt?" → Statement
  first.runUntil(Phase::statement);
  REQUIRE(first.director.currentNode() == "Statement");
  const std::string checkpoint = first.director.checkpoint();
  REQUIRE_FALSE(checkpoint.empty());

  // As after a crash: a fresh director on the same program, started without any variables.
  Clock clock;
  FakeSpeech speech{clock};
  Director resumed{compileMeeting(), {{"sagsbehandler", "Mette"}, {"teamleder", "Yusuf"}}, speech};
  REQUIRE(resumed.resumeFrom(checkpoint, clock.now));
  CHECK(resumed.currentNode() == "Statement");
  REQUIRE(resumed.runner().variable("svaerhed"));
  CHECK(resumed.runner().variable("svaerhed")->asString() == "presset");
  for (int i = 0; i < 90 * 10 && resumed.phase() != Phase::statement; ++i) {
    clock.now += 1.0 / 90.0;
    resumed.update(clock.now, {});
  }
  CHECK(phaseName(resumed.phase()) == phaseName(Phase::statement));  // "Fortæl os om dig selv" again, then the floor
  const auto log = resumed.takeLog();
  REQUIRE_FALSE(log.empty());
  CHECK(log.front().kind == LogEntry::Kind::node);
  CHECK(log.front().text == "Statement");

  SECTION("damaged bytes are refused and change nothing") {
    std::string broken = checkpoint;
    broken[broken.size() / 2] ^= 0x5a;
    CHECK_FALSE(resumed.resumeFrom(broken, clock.now));
    CHECK(phaseName(resumed.phase()) == phaseName(Phase::statement));
  }
}

TEST_CASE("a scenario error at run time ends the meeting and says why in the log") {
  Clock clock;
  FakeSpeech speech{clock};
  Director director{overum::testing::compileMeetingText("fejl.yarn",
                                                        "title: Start\n---\n<<declare $hvor = \"Start\">>\n"
                                                        "<<set $hvor to \"Slutt\">>\n<<jump {$hvor}>>\n===\n"),
                    {{"sagsbehandler", "Mette"}},
                    speech};
  REQUIRE(director.start("", 1, {}, 0.0).empty());
  CHECK(phaseName(director.phase()) == phaseName(Phase::ended));
  const auto log = director.takeLog();
  REQUIRE_FALSE(log.empty());
  CHECK(log.back().kind == LogEntry::Kind::ended);
  CHECK(log.back().text.find("Slutt") != std::string::npos);
}

TEST_CASE("moods, gestures and gaze targets: every vocabulary word becomes its type and names it back") {
  for (const char* word : scenario::kMoods) {
    const auto mood = parseMood(word);
    REQUIRE(mood);
    CHECK(wordOf(*mood) == word);
  }
  for (const char* word : scenario::kGestures) {
    const auto gesture = parseGesture(word);
    REQUIRE(gesture);
    CHECK(wordOf(*gesture) == word);
  }
  for (const char* word : scenario::kLookTargets) {
    const auto target = parseGazeTarget(word);
    REQUIRE(target);
    CHECK(wordOf(*target) == word);
  }
  CHECK(parseMood("travl") == Mood::busy);
  CHECK(parseGesture("haand_op") == Gesture::handUp);
  CHECK(parseGazeTarget("bord") == GazeTarget{GazeTarget::Kind::table, {}});
  CHECK(parseGazeTarget("ingen") == GazeTarget{GazeTarget::Kind::away, {}});
  CHECK(wordOf(GazeTarget::atCharacter("teamleder")) == "teamleder");
  // Not vocabulary: refused, never a silent default.
  CHECK_FALSE(parseMood("vred"));
  CHECK_FALSE(parseMood("Travl"));
  CHECK_FALSE(parseGesture("vink"));
  CHECK_FALSE(parseGazeTarget("sagsbehandler"));  // a character: the director resolves it
}
