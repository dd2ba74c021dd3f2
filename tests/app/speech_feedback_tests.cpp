// SPDX-License-Identifier: GPL-3.0-or-later
// A citizen's voice through a whole meeting, as a user runs it: espeak-ng speaks a synthetic citizen
// (two sentences with a pause, after a known silence) into a WAV; `overum --mode headless --choose …
// --microphone-file voice.wav --citizen … --consent notes` hears it each time the citizen has the floor;
// then the sealed journal is opened and each turn's measures are checked against the recording's truth,
// and the feedback sentences shown at the end are there, in Danish.
#include <overum/audio/pcm.h>
#include <overum/session/journal.h>
#include <overum/session/vault.h>

#include "../speech/speech_fixtures.h"
#include "citizen_journal.h"
#include "run_command.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
namespace session = overum::session;
using namespace overum;

TEST_CASE(
    "a headless meeting with a synthetic voice keeps each turn's speech measures and the feedback in the journal") {
  const int sr = 16000;
  const double lead = 1.5;  // the silence before the voice: the latency from the turn's start
  const double pause = 0.8;
  const auto& sentences = test::statementSentences();
  const std::vector<std::int16_t> one = test::speak(sentences[0], sr, 160);
  const std::vector<std::int16_t> two = test::speak(sentences[1], sr, 160);
  audio::Pcm voice{sr, {}};
  test::appendSilence(voice.samples, lead, sr);
  const double firstSound = lead + test::firstSoundSeconds(one, sr);
  test::append(voice.samples, one);
  const double firstEnd = lead + test::lastSoundSeconds(one, sr);
  test::appendSilence(voice.samples, pause, sr);
  const double secondAt = double(voice.samples.size()) / sr;
  test::append(voice.samples, two);
  const double lastSound = secondAt + test::lastSoundSeconds(two, sr);
  const double gap = secondAt + test::firstSoundSeconds(two, sr) - firstEnd;
  test::appendSilence(voice.samples, 1.0, sr);
  test::addNoise(voice.samples);
  const double speakingTruth = lastSound - firstSound - gap;
  const double articulationTruth = 34.0 / speakingTruth;  // 17 + 17 syllables as spelled

  const fs::path dir = test::freshDir("voice");
  audio::writeWav(dir / "voice.wav", voice);
  const std::string env = test::dataEnv(dir);
  const test::Run run = test::runCommand(env + OVERUM_EXE +
                                             " --mode headless --size 160x90 --choose 1,1,1,1,1,1,1,1,1"
                                             " --microphone-file voice.wav --citizen stemme-1 --consent notes"
                                             " --passphrase-file kode.txt --difficulty neutral --rate 7,4,8,3,-",
                                         dir);
  INFO(run.output);
  REQUIRE(run.exitCode == 0);

  const session::JournalReadResult journal =
      testing::onlyJournal(dir / "data" / "overum" / "vault", "facilitator-kode", "stemme-1");
  CHECK(journal.finished);
  std::string listing;
  for (const auto& r : journal.records) {
    listing += std::to_string(r.time) + " " + r.kind + " " + r.text;
    for (const auto& [name, value] : r.fields) listing += " " + name + "=" + value;
    listing += "\n";
  }
  INFO(listing);
  INFO("truth: first sound " << firstSound << " s, speaking " << speakingTruth << " s, articulation "
                             << articulationTruth << " syll/s, pause " << gap << " s");

  int turns = 0, statements = 0;
  for (const session::JournalRecord& r : journal.records) {
    if (r.kind != "statement" && r.kind != "answer") continue;
    ++turns;
    statements += r.kind == "statement";
    INFO(r.kind << " at " << r.time);
    REQUIRE(r.field("measured"));
    // Time speaking: the voice's two sentences less the pause between them, within 0.5 s.
    CHECK(r.number("speaking_s").value_or(0) == Approx(speakingTruth).margin(0.5));
    // Latency: from the question's end; less the time before the turn began, it is the silence before the voice.
    REQUIRE(r.number("latency_s"));
    REQUIRE(r.number("question_gap_s"));
    CHECK(*r.number("latency_s") - *r.number("question_gap_s") == Approx(firstSound).margin(0.2));
    // One pause (0.8 s ≥ the 0.5 s threshold), near its length.
    CHECK(r.number("pauses") == 1);
    CHECK(r.number("longest_pause_s").value_or(0) == Approx(gap).margin(0.2));
    // Speech rate: espeak-ng's syllables per second of speech, within 25 %.
    CHECK(r.number("articulation_rate").value_or(0) == Approx(articulationTruth).epsilon(0.25));
    CHECK(r.number("loudness_lufs").value_or(0) < -10.0);
    CHECK(r.number("loudness_lufs").value_or(-99) > -40.0);
  }
  CHECK(statements == 1);
  CHECK(turns >= 2);

  // The feedback the citizen saw: what went well, then exactly one thing to try, in Danish, before the end.
  std::vector<const session::JournalRecord*> feedback;
  for (const auto& r : journal.records)
    if (r.kind == "feedback") feedback.push_back(&r);
  REQUIRE(feedback.size() >= 2);
  REQUIRE(feedback.size() <= 3);
  for (std::size_t i = 0; i + 1 < feedback.size(); ++i) {
    CHECK(*feedback[i]->field("role") == "strength");
    CHECK(feedback[i]->text.starts_with("Du "));
  }
  CHECK(*feedback.back()->field("role") == "try");
  CHECK(feedback.back()->text.starts_with("Næste gang kan du prøve at"));
  CHECK(journal.records.back().kind == "end");
  CHECK(journal.records.back().time >= feedback.back()->time);

  // How the citizen felt: SUDS and confidence before the meeting's first node, SUDS at its hardest moment
  // (the meeting holds while they answer), both again after its end and before the feedback (a skipped one
  // kept as skipped); the difficulty with the start, for progress over sessions.
  CHECK(*journal.records.front().field("difficulty") == "neutral");
  // The meeting's own records, without what is kept for its replay (inputs, actions, the per-second track).
  std::vector<session::JournalRecord> events;
  for (const session::JournalRecord& r : journal.records)
    if (r.kind != "input" && r.kind != "act" && r.kind != "track" && r.kind != "replay-start") events.push_back(r);
  std::vector<std::string> ratings;
  std::size_t firstNode = 0, meetingEnd = 0, firstFeedback = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const session::JournalRecord& r = events[i];
    if (r.kind == "node" && !firstNode) firstNode = i;
    if (r.kind == "meeting-end") meetingEnd = i;
    if (r.kind == "feedback" && !firstFeedback) firstFeedback = i;
    if (r.kind != "rating") continue;
    const std::string* value = r.field("value");
    ratings.push_back(*r.field("moment") + " " + *r.field("scale") + " " + (value ? *value : "skipped"));
    if (*r.field("moment") == "hardest") {  // <<uro>> at the scenario's hardest moment: the meeting held for it
      CHECK(firstNode > 0);
      CHECK(i > firstNode);
      CHECK(events[i - 1].kind == "pause");
      CHECK(events[i + 1].kind == "resume");
    } else {
      CHECK((i < firstNode || !firstNode || (i > meetingEnd && meetingEnd)));
    }
  }
  CHECK(ratings == std::vector<std::string>{"before suds 7", "before confidence 4", "hardest suds 8", "after suds 3",
                                            "after confidence skipped"});
  CHECK(firstNode > 2);
  CHECK(firstFeedback > meetingEnd);
  // The log holds the measures' cost, never the sentences (they are about the citizen).
  CHECK(run.output.find(feedback.front()->text) == std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("the how-do-you-feel questions are read aloud before the meeting's first line") {
  const fs::path dir = test::freshDir("read-aloud");
  const std::string env = test::dataEnv(dir);
  // Answered after half a second each: the first character's line cannot start before a second.
  const test::Run run = test::runCommand(env + OVERUM_EXE +
                                             " --mode headless --size 160x90 --frames 120 --citizen "
                                             "hoer-1 --consent notes --passphrase-file kode.txt "
                                             "--rate 5,5 --audio-out moede.wav",
                                         dir);
  INFO(run.output);
  REQUIRE(run.exitCode == 0);
  const session::JournalReadResult journal =
      testing::onlyJournal(dir / "data" / "overum" / "vault", "facilitator-kode", "hoer-1");
  double firstLine = -1.0;
  for (const auto& r : journal.records)
    if (r.kind == "line" && firstLine < 0.0) firstLine = r.time;
  REQUIRE(firstLine >= 0.9);
  std::string error;
  const auto mix = audio::readWav(dir / "moede.wav", error);
  INFO(error);
  REQUIRE(mix);
  // Before any character speaks, the mix carries a voice: the first question, read aloud.
  double energy = 0.0;
  const std::size_t from = std::size_t(0.05 * mix->sampleRate), to = std::size_t(0.45 * mix->sampleRate);
  REQUIRE(mix->samples.size() >= to);
  for (std::size_t i = from; i < to; ++i) energy += double(mix->samples[i]) * mix->samples[i];
  const double rms = std::sqrt(energy / double(to - from));
  CHECK(rms > 300.0);  // of 32767: a voice, not the loopback's silence
  fs::remove_all(dir);
}
