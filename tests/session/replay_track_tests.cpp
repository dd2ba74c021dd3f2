// SPDX-License-Identifier: GPL-3.0-or-later
// The replay track: what the recorder writes reads back the same (start, inputs, actions, line ends, voice,
// head poses), a damaged or interrupted journal gives the track up to there with a reason, and the
// scenario's fingerprint changes with any byte.
#include <overum/session/replay_track.h>

#include <catch2/catch.hpp>
#include <cmath>

using namespace overum::session;
using overum::Pose;

namespace {

JournalReadResult journalOf(std::vector<JournalRecord> records) {
  JournalReadResult j;
  j.records = std::move(records);
  j.finished = !j.records.empty() && j.records.back().kind == "end";
  return j;
}

Pose headAt(float yaw) {
  Pose p;
  p.position = {0.01f * yaw, 1.2f, 0.8f};
  p.orientation = glm::angleAxis(yaw, glm::vec3(0, 1, 0));
  return p;
}

}  // namespace

TEST_CASE("a replay track reads back what was recorded", "[replay]") {
  std::vector<JournalRecord> records{{0.0, "start", "myndighedsmoede", {}}};
  ReplayStart start{3.25,
                    "",
                    7,
                    "abc123",
                    "/srv/moeder/myndighedsmoede",
                    {{"svaerhed", overum::scenario::Value::fromString("presset")},
                     {"bisidder", overum::scenario::Value::fromBool(true)},
                     {"antal", overum::scenario::Value::fromNumber(2.5)}}};
  records.push_back(replayStartRecord(start));
  records.push_back(replayInputRecord({5.0, std::size_t{1}, false, false, false}));
  records.push_back(replayActionRecord({6.5, "sayLine", "sagsbehandler", "Hej, æøå", -1, false}));
  ReplayRecorder recorder;
  for (int frame = 0; frame < 270; ++frame) {  // three seconds at 90 Hz
    const double t = 3.25 + frame / 90.0;
    recorder.head(headAt(float(frame) * 0.002f), t);
    if (frame == 40) recorder.lineDone(0, t);
    recorder.voice(frame >= 100 && frame < 200, t);
    if (auto r = recorder.take(t)) records.push_back(*r);
  }
  if (auto r = recorder.take(6.25, true)) records.push_back(*r);
  records.push_back({9.0, "end", "the meeting ended", {}});

  const ReplayTrack t = replayTrackOf(journalOf(records));
  CHECK(t.problem.empty());
  CHECK(t.meeting == "/srv/moeder/myndighedsmoede");  // where the files are, not only the folder's name
  REQUIRE(t.start);
  CHECK(t.start->time == 3.25);
  CHECK(t.start->seed == 7);
  CHECK(t.start->scenarioHash == "abc123");
  REQUIRE(t.start->variables.size() == 3);
  CHECK(t.start->variables[0].second == overum::scenario::Value::fromString("presset"));
  CHECK(t.start->variables[1].second.asBool());
  CHECK(t.start->variables[2].second.number == 2.5);
  REQUIRE(t.inputs.size() == 1);
  CHECK(t.inputs[0].choice == std::size_t{1});
  REQUIRE(t.actions.size() == 1);
  CHECK(t.actions[0].kind == "sayLine");
  CHECK(t.actions[0].text == "Hej, æøå");
  REQUIRE(t.lineDone.size() == 1);
  CHECK(t.lineDone[0] == Approx(3.25 + 40 / 90.0).margin(0.001));
  REQUIRE(t.voiceToggles.size() == 2);
  CHECK(t.voiceToggles[0] == Approx(3.25 + 100 / 90.0).margin(0.001));
  CHECK(t.voiceToggles[1] == Approx(3.25 + 200 / 90.0).margin(0.001));
  // 30 samples a second, each within a millimetre and a tenth of a degree of what was recorded.
  CHECK(t.head.size() == Approx(90).margin(1));
  for (const HeadSample& s : t.head) {
    const int frame = int(std::lround((s.time - 3.25) * 90.0));
    const Pose expected = headAt(float(frame) * 0.002f);
    CHECK(glm::distance(s.head.position, expected.position) < 0.001f);
    CHECK(std::abs(glm::dot(s.head.orientation, expected.orientation)) > std::cos(glm::radians(0.1f)));
  }
  CHECK(t.endTime == 9.0);
}

TEST_CASE("a still head is kept once, and held still until it moves", "[replay]") {
  ReplayRecorder recorder;
  std::vector<JournalRecord> records{replayStartRecord({0.0, "", 1, "h", "m", {}})};
  for (int frame = 0; frame < 270; ++frame) {  // still for two seconds, then turning
    const double t = frame / 90.0;
    recorder.head(headAt(frame < 180 ? 0.3f : 0.3f + 0.01f * float(frame - 180)), t);
    if (auto r = recorder.take(t)) records.push_back(*r);
  }
  if (auto r = recorder.take(3.0, true)) records.push_back(*r);
  std::size_t bytes = 0;
  for (const JournalRecord& r : records)
    if (const std::string* head = r.field("head")) bytes += head->size();
  CHECK(bytes < 40 * 30);  // the turning second, and two samples of the still ones
  const ReplayTrack t = replayTrackOf(journalOf(records));
  REQUIRE(t.head.size() >= 31);
  REQUIRE(t.head.size() <= 33);
  CHECK(t.head.front().time == 0.0);
  // Still until the turn begins (the last still sample is kept), then turning.
  const auto lastStill = std::find_if(t.head.begin(), t.head.end(), [](const HeadSample& s) { return s.time > 1.9; });
  REQUIRE(lastStill != t.head.end());
  CHECK(lastStill->time <= 2.0 + 1e-9);  // frame 180: the last still one (the turn shows at frame 183)
  CHECK(std::abs(glm::dot(lastStill->head.orientation, headAt(0.3f).orientation)) > 0.99999f);
}

TEST_CASE("a replay track ends at the damage, an interruption, or says why there is none", "[replay]") {
  std::vector<JournalRecord> records{{0.0, "start", "opfoelgning", {}},
                                     replayStartRecord({1.0, "", 1, "h", "m", {}}),
                                     {4.0, "line", "Mette: Hej", {}},
                                     {5.0, "interrupted", "the headset was lost", {}},
                                     {0.5, "line", "Mette: Velkommen tilbage", {}}};
  const ReplayTrack interrupted = replayTrackOf(journalOf(records));
  CHECK(interrupted.lines.size() == 1);
  CHECK(interrupted.problem.find("interrupted") != std::string::npos);

  JournalReadResult damaged = journalOf({records[0], records[1], records[2]});
  damaged.problem = "record 3 was damaged; 1 record after it was recovered";
  damaged.firstGap = 2;  // the record after it is not played: the meeting may have gone another way
  const ReplayTrack partial = replayTrackOf(damaged);
  CHECK(partial.start);
  CHECK(partial.lines.empty());
  CHECK(partial.problem.find("damaged after 1 s") != std::string::npos);

  JournalRecord bad{2.0, "track", "", {{"head", "1,2,3"}}};
  const ReplayTrack unreadable = replayTrackOf(journalOf({records[0], records[1], bad, records[2]}));
  CHECK(unreadable.lines.empty());
  CHECK(unreadable.problem.find("could not be read") != std::string::npos);

  const ReplayTrack old = replayTrackOf(journalOf({records[0], records[2]}));
  CHECK_FALSE(old.start);
  CHECK(old.problem.find("cannot be replayed") != std::string::npos);
}

TEST_CASE("turns, bookmarks and recordings become places to jump to", "[replay]") {
  const ReplayTrack t = replayTrackOf(journalOf({{0.0, "start", "m", {}},
                                                 replayStartRecord({0.0, "", 1, "h", "m", {}}),
                                                 {30.0, "statement", "12.5 s, 9 s spoken", {}},
                                                 {20.0, "bookmark", "her", {}},
                                                 {31.0, "recording", "recording-x-1 (12.5 s)", {}}}));
  REQUIRE(t.marks.size() == 2);
  CHECK(t.marks[0].kind == ReplayMark::Kind::turn);  // in time order: the turn began at 30 − 12.5 s
  CHECK(t.marks[0].time == Approx(17.5));
  CHECK(t.marks[1].kind == ReplayMark::Kind::bookmark);
  REQUIRE(t.recordings.size() == 1);
  CHECK(t.recordings[0].name == "recording-x-1");
  CHECK(t.recordings[0].start == Approx(18.5));
}

TEST_CASE("the scenario's fingerprint changes with any byte", "[replay]") {
  const std::string a = scenarioHash({{"a.yarn", "title: Start\n---\nHej\n==="}});
  CHECK(a.size() == 32);
  CHECK(a == scenarioHash({{"a.yarn", "title: Start\n---\nHej\n==="}}));
  CHECK(a != scenarioHash({{"a.yarn", "title: Start\n---\nHej!\n==="}}));
  CHECK(a != scenarioHash({{"b.yarn", "title: Start\n---\nHej\n==="}}));
}
