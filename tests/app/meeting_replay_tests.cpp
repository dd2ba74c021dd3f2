// SPDX-License-Identifier: GPL-3.0-or-later
// A meeting recorded as the app records it (inputs, facilitator actions, line ends, the citizen's voice) and
// played again: the same lines at the same moments, after seeks back and forth too, and the replay's keys.
#include "meeting_fakes.h"
#include "meeting_replay.h"
#include "voice_timeline.h"

#include <overum/console/actions.h>
#include <overum/console/apply.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <optional>

using namespace overum;
using namespace overum::app;

namespace {

const char* kMeeting = R"(title: Start
---
Mette: Velkommen. Vi skal tale om, hvad der er vigtigt for dig.
-> Jeg vil gerne starte med mit statement.
    <<jump Statement>>
-> Kan vi vente lidt?
    Mette: Ja, selvfølgelig.
    <<jump Statement>>
===
title: Statement
---
Yusuf: Fortæl os om dig selv.
<<statement>>
Mette: Tak. Hvad kunne hjælpe dig?
<<listen 20>>
Mette: Tak for i dag.
===
)";

const std::vector<meeting::Speaker> kCast{{"sagsbehandler", "Mette"}, {"teamleder", "Yusuf"}};

struct Line {
  double time;
  std::string text;
};

std::vector<Line> linesOf(const std::vector<meeting::LogEntry>& log) {
  std::vector<Line> out;
  for (const auto& e : log)
    if (e.kind == meeting::LogEntry::Kind::line || e.kind == meeting::LogEntry::Kind::facilitator)
      out.push_back({e.time, e.who + ": " + e.text});
  return out;
}

// A live meeting at 90 Hz as the app runs it: the citizen chooses after a second, speaks for three seconds
// in each turn, the facilitator changes a mood and types a line; everything kept as the app keeps it.
struct Recorded {
  std::vector<session::JournalRecord> journal{{0.0, "start", "test", {}}};
  std::vector<meeting::LogEntry> log;
};

Recorded recordMeeting() {
  Recorded out;
  testing::FakeClock clock;
  testing::FakeSpeech speech(clock, 0.05, 0.3);
  VoiceTimeline voices(speech);
  meeting::Director director(testing::compileMeetingText("replay.yarn", kMeeting), kCast, voices);
  session::ReplayRecorder recorder;
  clock.now = 2.0;  // the questions before the meeting took two seconds
  const session::ReplayStart start{clock.now, "", 3, "hash", "test", {}};
  out.journal.push_back(session::replayStartRecord(start));
  REQUIRE(director.start("", start.seed, start.variables, clock.now).empty());
  double phaseSince = clock.now;
  meeting::Phase phase = director.phase();
  bool moodChanged = false, said = false;
  for (int frame = 0; frame < 90 * 120 && director.phase() != meeting::Phase::ended; ++frame) {
    clock.now = 2.0 + frame / 90.0;
    if (director.phase() != phase) phase = director.phase(), phaseSince = clock.now;
    std::vector<console::ConsoleAction> actions;
    if (!moodChanged && clock.now >= 4.0) {
      moodChanged = true;
      actions.push_back({console::ConsoleAction::Kind::setMood, "sagsbehandler", "travl", -1, false, clock.now});
    }
    if (!said && phase == meeting::Phase::statement && clock.now - phaseSince > 1.0) {
      said = true;
      actions.push_back(
          {console::ConsoleAction::Kind::sayLine, "teamleder", "Tag den tid, du har brug for.", -1, false, clock.now});
    }
    for (const auto& a : actions) {
      out.journal.push_back(session::replayActionRecord(
          {clock.now, std::string(console::kindName(a.kind)), a.target, a.text, a.index, a.on}));
      meeting::DirectorInput ignored;
      console::applyToDirector(a, director, clock.now, ignored);
    }
    meeting::DirectorInput in;
    if (phase == meeting::Phase::choosing && clock.now - phaseSince >= 1.0) in.choice = 1;
    const bool turn = phase == meeting::Phase::statement || phase == meeting::Phase::listening;
    in.citizenSpeaking = turn && clock.now - phaseSince > 0.5 && clock.now - phaseSince < 3.5;
    recorder.voice(in.citizenSpeaking, clock.now);
    if (const auto done = voices.sample(clock.now)) recorder.lineDone(*done, clock.now);
    if (in.choice) out.journal.push_back(session::replayInputRecord({clock.now, in.choice, false, false, false}));
    director.update(clock.now, in);
    for (auto& e : director.takeLog()) out.log.push_back(e);
    if (auto r = recorder.take(clock.now)) out.journal.push_back(*r);
  }
  REQUIRE(director.phase() == meeting::Phase::ended);
  if (auto r = recorder.take(clock.now, true)) out.journal.push_back(*r);
  return out;
}

// A replay of the track, stepped at `hz` from 0 to its end (or as `to` says).
struct Replay {
  testing::FakeClock clock;
  testing::FakeSpeech speech{clock, 0.5, 1.0};  // slower voices than live: the track's line ends must win
  VoiceTimeline voices{speech};
  std::optional<meeting::Director> director;
  MeetingReplay replay;
  explicit Replay(session::ReplayTrack track)
      : replay(std::move(track), voices, [this]() -> meeting::Director& {
          director.reset();
          return director.emplace(testing::compileMeetingText("replay.yarn", kMeeting), kCast, voices);
        }) {}
  std::vector<meeting::LogEntry> run(double from, double to, double hz) {
    std::vector<meeting::LogEntry> log;
    for (double t = from; t <= to + 1e-9; t += 1.0 / hz) {
      clock.now = t;
      for (auto& e : replay.advanceTo(t)) log.push_back(e);
    }
    return log;
  }
};

// The same lines in the same order, each within `tolerance` seconds of when it was said live.
void checkSame(const std::vector<Line>& got, const std::vector<Line>& expected, double tolerance) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i].text == expected[i].text);
    CHECK(std::abs(got[i].time - expected[i].time) <= tolerance + 1e-9);
  }
}

session::ReplayTrack trackOf(const Recorded& r) {
  session::JournalReadResult journal;
  journal.records = r.journal;
  return session::replayTrackOf(journal);
}

}  // namespace

TEST_CASE("a replay says the same lines at the same moments", "[replay]") {
  const Recorded live = recordMeeting();
  const std::vector<Line> expected = linesOf(live.log);
  REQUIRE(expected.size() >= 6);
  const session::ReplayTrack track = trackOf(live);
  REQUIRE(track.problem.empty());

  SECTION("at the live frame rate: to the frame") {
    Replay r(track);
    const std::vector<Line> got = linesOf(r.run(0.0, live.log.back().time + 1.0, 90.0));
    checkSame(got, expected, 1.0 / 90.0);
    // The facilitator's mood is there as it was.
    CHECK(r.director->characters()[0].mood == Mood::busy);
    // The citizen's choice (the second option, a second into the cards) is known a moment before it is made.
    const auto choice =
        std::find_if(track.inputs.begin(), track.inputs.end(), [](const auto& in) { return in.choice; });
    REQUIRE(choice != track.inputs.end());
    CHECK(r.replay.choiceAhead(choice->time - 0.5) == std::size_t{1});
    CHECK_FALSE(r.replay.choiceAhead(choice->time - 1.5));
    CHECK_FALSE(r.replay.choiceAhead(choice->time + 0.1));
  }
  SECTION("at 60 Hz: within two of its frames") {
    Replay r(track);
    const std::vector<Line> got = linesOf(r.run(0.0, live.log.back().time + 1.0, 60.0));
    checkSame(got, expected, 2.0 / 60.0);
  }
  SECTION("a seek straight to the middle goes on as if played through") {
    Replay r(track);
    const double middle = expected[expected.size() / 2].time - 0.5;
    r.replay.advanceTo(middle);
    const std::vector<Line> got = linesOf(r.run(middle + 1.0 / 90.0, live.log.back().time + 1.0, 90.0));
    std::vector<Line> after;
    for (const Line& l : expected)
      if (l.time > middle) after.push_back(l);
    checkSame(got, after, 1.0 / 90.0);
  }
  SECTION("after going forward and back, it goes on as if played through") {
    Replay r(track);
    r.run(0.0, 12.0, 90.0);
    r.replay.advanceTo(30.0);  // a seek forward (silent)
    CHECK(r.speech.spoken.size() < expected.size());
    r.replay.advanceTo(5.0);  // and back: a fresh director, run up to there
    const std::vector<Line> got = linesOf(r.run(5.0 + 1.0 / 90.0, live.log.back().time + 1.0, 90.0));
    REQUIRE_FALSE(got.empty());
    CHECK(got.back().text == expected.back().text);
    CHECK(std::abs(got.back().time - expected.back().time) <= 1.0 / 90.0 + 1e-9);
  }
}

TEST_CASE("the replay's clock: play, pause, speed, seeks and marks", "[replay]") {
  session::ReplayTrack track;
  track.start = session::ReplayStart{};
  track.endTime = 100.0;
  track.marks = {{20.0, session::ReplayMark::Kind::bookmark, "her"}, {50.0, session::ReplayMark::Kind::turn, ""}};
  testing::FakeClock clock;
  testing::FakeSpeech speech(clock);
  VoiceTimeline voices(speech);
  std::optional<meeting::Director> director;
  MeetingReplay replay(track, voices, [&]() -> meeting::Director& {
    director.reset();
    return director.emplace(testing::compileMeetingText("replay.yarn", kMeeting), kCast, voices);
  });
  CHECK(replay.step(10.0, {}) == 0.0);
  CHECK(replay.step(12.0, {}) == Approx(2.0));
  ReplayControl faster;
  faster.speedStep = 2;
  CHECK(replay.step(13.0, faster) == Approx(3.0));  // the speed counts from the next step
  CHECK(replay.step(14.0, {}) == Approx(5.0));      // ×2
  ReplayControl pause;
  pause.playPause = true;
  CHECK(replay.step(15.0, pause) == Approx(7.0));  // played up to the press
  CHECK(replay.step(20.0, {}) == Approx(7.0));
  ReplayControl next;
  next.nextMark = true;
  CHECK(replay.step(21.0, next) == Approx(19.0));  // a moment before the bookmark
  CHECK(replay.step(22.0, next) == Approx(49.0));
  ReplayControl back;
  back.seekBy = -MeetingReplay::kSeekSeconds;
  CHECK(replay.step(23.0, back) == Approx(39.0));
  CHECK(replay.step(23.5, back) == Approx(29.0));
  xr::HeadsetInput keys;
  keys.keys = {xr::Key::space, xr::Key::right, xr::Key::s};
  const ReplayControl c = replayControl(keys);
  CHECK(c.playPause);
  CHECK(c.seekBy == MeetingReplay::kSeekSeconds);
  CHECK(c.nextSeat);
}
