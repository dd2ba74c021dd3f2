// SPDX-License-Identifier: GPL-3.0-or-later
// The speech measures on espeak-ng recordings with known latency, pauses, rate, loudness and pitch range,
// at 16 and 48 kHz, offline and streamed; tolerances are stated in each CHECK.
#include "speech_fixtures.h"

#include <overum/core/check.h>
#include <overum/speech/turn_analyser.h>

#include <catch2/catch.hpp>
#include <random>

using namespace overum;

namespace {

speech::TurnMeasures measure(const std::vector<std::int16_t>& pcm, int sampleRate, double questionEnd = 0.0) {
  speech::AnalyserConfig c;
  c.sampleRate = sampleRate;
  c.questionEndSeconds = questionEnd;
  return speech::analyseTurn(pcm, c);
}

}  // namespace

TEST_CASE("response latency runs from the question's end to the first speech, within 0.15 s") {
  for (int sr : {16000, 48000}) {
    for (double lead : {0.4, 1.2, 2.5}) {
      const auto turn = test::statementTurn(sr, lead, {0.3, 0.3});
      const double questionEnd = 0.25;
      const auto m = measure(turn.pcm, sr, questionEnd);
      INFO(sr << " Hz, lead " << lead << " s");
      REQUIRE(m.latencySeconds);
      CHECK(*m.latencySeconds == Approx(turn.firstSound - questionEnd).margin(0.15));
    }
  }
}

TEST_CASE("pauses of 1 s are counted exactly, gaps under the 0.5 s threshold are not pauses") {
  for (int sr : {16000, 48000}) {
    INFO(sr << " Hz");
    const auto paused = test::statementTurn(sr, 0.5, {1.0, 2.0});
    auto m = measure(paused.pcm, sr);
    CHECK(m.pauseCount == 2);
    CHECK(m.segmentCount == 3);
    CHECK(m.longestPauseSeconds == Approx(paused.gaps[1]).margin(0.15));

    const auto ones = test::statementTurn(sr, 0.5, {1.0, 1.0});
    CHECK(measure(ones.pcm, sr).pauseCount == 2);

    const auto flowing = test::statementTurn(sr, 0.5, {0.25, 0.25});
    m = measure(flowing.pcm, sr);
    CHECK(m.pauseCount == 0);
    CHECK(m.longestPauseSeconds == 0.0);
  }
}

TEST_CASE("time on the floor and time speaking follow the recording, within 0.3 s") {
  for (int sr : {16000, 48000}) {
    INFO(sr << " Hz");
    const auto turn = test::statementTurn(sr, 1.0, {1.0, 1.5}, 160, 50, {}, 2.0);
    const auto m = measure(turn.pcm, sr);
    const double floor = turn.lastSound - turn.firstSound;
    CHECK(m.floorSeconds == Approx(floor).margin(0.3));
    CHECK(m.speakingSeconds <= m.floorSeconds);
    CHECK(m.speakingSeconds == Approx(floor - turn.gaps[0] - turn.gaps[1]).margin(0.3));
    CHECK(m.turnSeconds == Approx(double(turn.pcm.size()) / sr).margin(0.011));
    CHECK(m.longestSpeechRunSeconds < m.speakingSeconds);
  }
}

TEST_CASE("syllable rate orders slow < normal < fast and counts within 25 % of the spelled syllables") {
  for (int sr : {16000, 48000}) {
    INFO(sr << " Hz");
    const auto slow = measure(test::statementTurn(sr, 0.5, {0.6, 0.6}, 110).pcm, sr);
    const auto normal = measure(test::statementTurn(sr, 0.5, {0.6, 0.6}, 160).pcm, sr);
    const auto fast = measure(test::statementTurn(sr, 0.5, {0.6, 0.6}, 230).pcm, sr);
    CHECK(slow.articulationRate < normal.articulationRate);
    CHECK(normal.articulationRate < fast.articulationRate);
    CHECK(slow.speechRate < normal.speechRate);
    CHECK(normal.speechRate < fast.speechRate);
    for (const auto* m : {&slow, &normal, &fast}) {
      CHECK(m->syllableCount >= int(0.75 * test::kStatementSyllables));
      CHECK(m->syllableCount <= int(1.25 * test::kStatementSyllables));
    }
  }
}

TEST_CASE("syllable nuclei in a tone-burst train: 4 bursts per second give 4.0 ± 0.2 syll/s") {
  for (int sr : {16000, 48000}) {
    INFO(sr << " Hz");
    std::vector<std::int16_t> pcm;
    test::appendSilence(pcm, 0.5, sr);
    // 3 s of 120 Hz buzz (a voiced source with harmonics), 150 ms on and 100 ms off.
    for (int i = 0; i < 3 * sr; ++i) {
      const double t = double(i) / sr, phase = std::fmod(t, 0.25);
      const double env = phase < 0.15 ? std::sin(M_PI * phase / 0.15) : 0.0;
      double v = 0.0;
      for (int h = 1; h <= 10; ++h) v += std::sin(2 * M_PI * 120.0 * h * t) / h;
      pcm.push_back(std::int16_t(8000.0 * env * v));
    }
    test::appendSilence(pcm, 0.5, sr);
    test::addNoise(pcm);
    const auto m = measure(pcm, sr);
    CHECK(m.syllableCount == 12);
    CHECK(m.speechRate == Approx(4.0).margin(0.2));
  }
}

TEST_CASE("loudness: -20 dB scaling moves integrated LUFS by 20 ± 1, and a fading voice shows a fall-off") {
  for (int sr : {16000, 48000}) {
    INFO(sr << " Hz");
    const auto loud = measure(test::statementTurn(sr, 0.5, {0.6, 0.6}).pcm, sr);
    const auto quiet = measure(test::statementTurn(sr, 0.5, {0.6, 0.6}, 160, 50, {-20, -20, -20}).pcm, sr);
    REQUIRE(loud.loudnessLufs);
    REQUIRE(quiet.loudnessLufs);
    CHECK(*loud.loudnessLufs - *quiet.loudnessLufs == Approx(20.0).margin(1.0));
    REQUIRE(loud.loudnessFallOffLu());
    CHECK(std::abs(*loud.loudnessFallOffLu()) < 1.5);

    const auto fading = measure(test::statementTurn(sr, 0.5, {0.6, 0.6}, 160, 50, {0, -4, -8}).pcm, sr);
    REQUIRE(fading.loudnessFallOffLu());
    CHECK(*fading.loudnessFallOffLu() == Approx(8.0).margin(2.0));
  }
}

TEST_CASE("pitch variation: a monotone voice spreads under 0.5 semitone, a lively one over 1.5") {
  for (int sr : {16000, 48000}) {
    INFO(sr << " Hz");
    const auto monotone = measure(test::statementTurn(sr, 0.5, {0.6, 0.6}, 160, 0).pcm, sr);
    const auto lively = measure(test::statementTurn(sr, 0.5, {0.6, 0.6}, 160, 100).pcm, sr);
    REQUIRE(monotone.pitchSdSemitones);
    REQUIRE(lively.pitchSdSemitones);
    CHECK(*monotone.pitchSdSemitones < 0.5);
    CHECK(*lively.pitchSdSemitones > 1.5);
    CHECK(*monotone.pitchRangeSemitones < *lively.pitchRangeSemitones);
    CHECK(*monotone.medianPitchHz == Approx(95.0).margin(25.0));  // espeak-ng's m3 speaks around 90-110 Hz
  }
}

TEST_CASE("streamed in uneven chunks, as int16 or float, the measures equal the offline ones") {
  const int sr = 16000;
  const auto turn = test::statementTurn(sr, 0.8, {1.0, 0.4});
  speech::AnalyserConfig c;
  c.sampleRate = sr;
  c.questionEndSeconds = 0.3;
  const auto offline = speech::analyseTurn(turn.pcm, c);

  speech::TurnAnalyser live(c);
  std::mt19937 rng(3);
  std::uniform_int_distribution<std::size_t> chunk(1, 1200);
  bool sawSpeech = false;
  for (std::size_t at = 0; at < turn.pcm.size();) {
    const std::size_t n = std::min(chunk(rng), turn.pcm.size() - at);
    live.feed(std::span(turn.pcm).subspan(at, n));
    sawSpeech = sawSpeech || live.speaking();
    at += n;
  }
  CHECK(sawSpeech);
  CHECK(live.fedSeconds() == Approx(double(turn.pcm.size()) / sr));
  const auto streamed = live.finish();
  CHECK(streamed.latencySeconds == offline.latencySeconds);
  CHECK(streamed.pauseCount == offline.pauseCount);
  CHECK(streamed.syllableCount == offline.syllableCount);
  CHECK(streamed.speakingSeconds == offline.speakingSeconds);
  CHECK(*streamed.loudnessLufs == Approx(*offline.loudnessLufs));

  std::vector<float> floats;
  for (auto s : turn.pcm) floats.push_back(float(s) / 32768.0f);
  const auto fromFloat = speech::analyseTurn(floats, c);
  CHECK(*fromFloat.latencySeconds == Approx(*offline.latencySeconds).margin(0.02));
  CHECK(fromFloat.pauseCount == offline.pauseCount);
  CHECK(std::abs(fromFloat.syllableCount - offline.syllableCount) <= 1);
  CHECK(*fromFloat.loudnessLufs == Approx(*offline.loudnessLufs).margin(0.1));
}

TEST_CASE("a silent turn has no speech measures and the noise floor is not speech") {
  for (int sr : {16000, 48000}) {
    std::vector<std::int16_t> pcm;
    test::appendSilence(pcm, 4.0, sr);
    test::addNoise(pcm, -50.0);
    const auto m = measure(pcm, sr);
    CHECK_FALSE(m.latencySeconds);
    CHECK(m.speakingSeconds == 0.0);
    CHECK(m.syllableCount == 0);
    CHECK_FALSE(m.pitchSdSemitones);
    CHECK(m.turnSeconds == Approx(4.0));
  }
  speech::TurnAnalyser empty;
  CHECK(empty.finish().turnSeconds == 0.0);
}

TEST_CASE("audio before the question's end is not part of the turn") {
  const int sr = 16000;
  const auto turn = test::statementTurn(sr, 0.5, {1.0, 1.0});
  const double questionEnd = turn.firstSound + 2.0;  // the citizen spoke over the question's end
  const auto m = measure(turn.pcm, sr, questionEnd);
  REQUIRE(m.latencySeconds);
  CHECK(*m.latencySeconds < 0.15);
  CHECK(m.turnSeconds == Approx(double(turn.pcm.size()) / sr - questionEnd).margin(0.011));
}

TEST_CASE("unsupported sample rates are refused, and the share of talk time") {
  speech::AnalyserConfig c;
  c.sampleRate = 22050;
  CHECK_THROWS_AS(speech::TurnAnalyser(c), Error);
  CHECK(speech::shareOfTalkTime(30.0, 90.0) == Approx(0.25));
  CHECK(speech::shareOfTalkTime(0.0, 0.0) == 0.0);
  std::vector<speech::TurnMeasures> turns(2);
  turns[0].speakingSeconds = 12.0;
  turns[1].speakingSeconds = 3.5;
  CHECK(speech::totalSpeakingSeconds(turns) == Approx(15.5));
}
