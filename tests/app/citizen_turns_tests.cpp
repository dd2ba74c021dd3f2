// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's turns keep where the citizen looked: the share of the turn their head (headset) or view
// (window) was turned to the one who asked, labelled by its source, and only a headset's counts as gaze
// for the feedback.
#include "citizen_turns.h"
#include "meeting_fakes.h"
#include "meeting_setup.h"

#include "../speech/speech_fixtures.h"

#include <catch2/catch.hpp>

using namespace overum;

namespace {

struct Looked {
  std::optional<double> headsetShare;  // what the feedback sees
};

// One answer of synthetic speech, looked at the asker for `towards` of its frames.
Looked answerLookingAt(double towards, bool headset) {
  const app::MeetingSetup setup = app::prepareMeeting({}, "scenarios");
  REQUIRE(setup.plan);
  testing::FakeClock clock;
  testing::FakeSpeech speech(clock, 0.0);
  meeting::Director director(setup.plan->program, setup.plan->speakers, speech);
  const int sr = 16000;
  const test::SyntheticTurn voice = test::statementTurn(sr, 0.5, {0.4});
  app::CitizenTurns turns(true);
  REQUIRE(turns.afterUpdate({}, meeting::Phase::listening, 0.0, false));
  const double step = 1.0 / 90.0;
  const std::size_t frames = voice.pcm.size() * 90 / sr;
  for (std::size_t f = 0, at = 0; f < frames; ++f) {
    const std::size_t due = std::min(voice.pcm.size(), (f + 1) * sr / 90);
    turns.feed({voice.pcm.begin() + std::ptrdiff_t(at), voice.pcm.begin() + std::ptrdiff_t(due)});
    at = due;
    turns.look(double(f) < towards * double(frames), step, headset);
  }
  meeting::LogEntry answer;
  answer.kind = meeting::LogEntry::Kind::answer;
  turns.afterUpdate({answer}, meeting::Phase::speaking, double(frames) * step, false);
  turns.settle(true, nullptr, director);
  REQUIRE(turns.measuredTurns().turns.size() == 1);
  return {turns.measuredTurns().turns[0].headsetGazeShare};
}

}  // namespace

TEST_CASE("a turn keeps the share of its time the citizen looked at the one who asked") {
  const Looked mostly = answerLookingAt(0.75, true);
  REQUIRE(mostly.headsetShare);
  CHECK(*mostly.headsetShare == Approx(0.75).margin(0.02));
  CHECK(*answerLookingAt(0.0, true).headsetShare == Approx(0.0).margin(0.02));
  // A window's view direction is kept in the journal, labelled, but it is not gaze.
  CHECK_FALSE(answerLookingAt(1.0, false).headsetShare);
}
