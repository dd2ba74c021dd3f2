// SPDX-License-Identifier: GPL-3.0-or-later
// The speech worker: a turn fed in frame-sized blocks from the "frame thread" is measured on the worker
// exactly as analyseTurn measures the same samples; turns come back in order; the measures survive
// the journal's fields; the feedback sentences are Danish, strengths first and one thing to try.
#include "speech_worker.h"

#include "../speech/speech_fixtures.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

using namespace overum;

namespace {

void checkSame(const speech::TurnMeasures& a, const speech::TurnMeasures& b) {
  CHECK(a.turnSeconds == b.turnSeconds);
  CHECK(a.floorSeconds == b.floorSeconds);
  CHECK(a.speakingSeconds == b.speakingSeconds);
  CHECK(a.latencySeconds == b.latencySeconds);
  CHECK(a.pauseCount == b.pauseCount);
  CHECK(a.longestPauseSeconds == b.longestPauseSeconds);
  CHECK(a.syllableCount == b.syllableCount);
  CHECK(a.speechRate == b.speechRate);
  CHECK(a.articulationRate == b.articulationRate);
  CHECK(a.loudnessLufs == b.loudnessLufs);
  CHECK(a.firstThirdLufs == b.firstThirdLufs);
  CHECK(a.lastThirdLufs == b.lastThirdLufs);
  CHECK(a.medianPitchHz == b.medianPitchHz);
  CHECK(a.pitchSdSemitones == b.pitchSdSemitones);
}

}  // namespace

TEST_CASE("the worker measures each turn as analyseTurn does, off the caller's thread, in turn order") {
  const int sr = 16000;
  const test::SyntheticTurn first = test::statementTurn(sr, 0.8, {0.7, 0.3});
  const test::SyntheticTurn second = test::statementTurn(sr, 1.6, {0.2, 1.0}, 200);
  const speech::TurnMeasures offlineFirst = speech::analyseTurn(std::span<const std::int16_t>(first.pcm), {});
  const speech::TurnMeasures offlineSecond = speech::analyseTurn(std::span<const std::int16_t>(second.pcm), {});

  app::SpeechWorker worker;
  // As the frame loop feeds it: one block per 1/90 s frame (177 or 178 samples), never waiting.
  auto feedLikeFrames = [&](const std::vector<std::int16_t>& pcm) {
    double t = 0.0;
    std::size_t at = 0;
    while (at < pcm.size()) {
      t += 1.0 / 90.0;
      const std::size_t due = std::min(pcm.size(), std::size_t(std::llround(t * sr)));
      const auto started = std::chrono::steady_clock::now();
      worker.feed({pcm.begin() + std::ptrdiff_t(at), pcm.begin() + std::ptrdiff_t(due)});
      // The frame thread only moves a block in, never waits for the analysis (a turn's analysis takes
      // hundreds of milliseconds): the bound is loose so that a busy, shared machine's hiccups pass.
      // The block's real cost is speech_bench's figure, not this test's.
      CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(100));
      at = due;
    }
  };
  worker.beginTurn(7);
  feedLikeFrames(first.pcm);
  worker.endTurn();
  worker.beginTurn(8);
  feedLikeFrames(second.pcm);
  worker.endTurn();
  worker.drain();

  auto a = worker.take();
  auto b = worker.take();
  REQUIRE(a);
  REQUIRE(b);
  CHECK_FALSE(worker.take());
  CHECK(a->turn == 7);
  CHECK(b->turn == 8);
  CHECK(a->measured);
  CHECK(b->measured);
  checkSame(a->measures, offlineFirst);
  checkSame(b->measures, offlineSecond);
  CHECK(a->audioSeconds == Approx(double(first.pcm.size()) / sr));
  CHECK(a->analysisSeconds > 0.0);
  CHECK(a->analysisSeconds < a->audioSeconds);  // faster than real time, with room to spare
}

TEST_CASE("a turn the analyser cannot measure still ends, unmeasured, so nothing waits for it") {
  app::SpeechWorker worker({.sampleRate = 11025});  // not a rate the voice-activity detector takes
  worker.beginTurn(3);
  worker.feed(std::vector<std::int16_t>(11025, 0));
  worker.endTurn();
  worker.drain();
  const auto finished = worker.take();
  REQUIRE(finished);
  CHECK(finished->turn == 3);
  CHECK_FALSE(finished->measured);
}

TEST_CASE("a turn's measures round-trip through the journal's fields, and a turn without them has none") {
  const test::SyntheticTurn turn = test::statementTurn(16000, 1.0, {0.8, 0.3});
  const speech::TurnMeasures m = speech::analyseTurn(std::span<const std::int16_t>(turn.pcm), {});
  session::JournalRecord r{12.0, "statement", "14 s, 9 s spoken", app::measureFields(m)};
  const auto back = app::measuresFromFields(r);
  REQUIRE(back);
  CHECK(back->speakingSeconds == Approx(m.speakingSeconds).margin(0.001));
  REQUIRE(back->latencySeconds);
  CHECK(*back->latencySeconds == Approx(*m.latencySeconds).margin(0.001));
  CHECK(back->pauseCount == m.pauseCount);
  CHECK(back->syllableCount == m.syllableCount);
  CHECK(back->articulationRate == Approx(m.articulationRate).margin(0.001));
  REQUIRE(back->loudnessLufs);
  CHECK(*back->loudnessLufs == Approx(*m.loudnessLufs).margin(0.001));
  CHECK_FALSE(app::measuresFromFields({12.0, "statement", "14 s, 0 s spoken", {}}));

  speech::TurnMeasures silent;  // nothing said: no latency, no loudness, no pitch fields
  const auto fields = app::measureFields(silent);
  for (const auto& [name, value] : fields)
    CHECK((name != "latency_s" && name != "loudness_lufs" && name != "pitch_sd_st"));
}

TEST_CASE("the feedback sentences are Danish, strengths first and exactly one thing to try, never a number") {
  speech::FeedbackInput in;
  in.partsKnown = false;
  speech::TurnMeasures m;
  m.speakingSeconds = 25.0;
  m.floorSeconds = 27.0;
  m.longestSpeechRunSeconds = 12.0;
  m.pauseCount = 2;
  m.articulationRate = 4.9;
  m.latencySeconds = 1.2;
  in.turns.push_back({m, true, false, {}});
  const auto sentences = app::feedbackSentences(in);
  REQUIRE(sentences.size() >= 2);
  REQUIRE(sentences.size() <= 3);
  CHECK(sentences.back().tryNext);
  CHECK(sentences.back().text.starts_with("Næste gang kan du prøve at"));
  for (std::size_t i = 0; i + 1 < sentences.size(); ++i) {
    CHECK_FALSE(sentences[i].tryNext);
    CHECK(sentences[i].text.starts_with("Du "));
  }
  for (const auto& s : sentences) CHECK(s.text.find_first_of("0123456789") == std::string::npos);
}
