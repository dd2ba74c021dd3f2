// SPDX-License-Identifier: GPL-3.0-or-later
// The voice recorder's pure parts: a take trimmed to its sound and normalised to -20 LUFS (espeak-ng
// speech with known silences), the loudness measure against a sine's known value, and which of a
// meeting's lines an actor records and with what context.
#include "voice_lines.h"
#include "voice_recorder.h"

#include <overum/app/meeting_folder.h>
#include <overum/core/strings.h>
#include <overum/scenario/compiler.h>
#include <overum/speech/loudness.h>

#include "../speech/speech_fixtures.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

using namespace overum;

namespace {

constexpr int kRate = 48000;

// A take as an actor gives it: a second of room before, the sentence at `gainDb`, 1.5 s after, a room's noise.
const std::string kSentence = "Der står vand på bordet, hvis du har lyst.";

audio::Pcm take(double gainDb, double noiseDbfs = -65.0) {
  audio::Pcm pcm{kRate, {}};
  test::appendSilence(pcm.samples, 1.0, kRate);
  test::append(pcm.samples, test::speak(kSentence, kRate, 160, 50, gainDb));
  test::appendSilence(pcm.samples, 1.5, kRate);
  test::addNoise(pcm.samples, noiseDbfs);
  return pcm;
}

// Seconds from the sentence's first sound to its last, as espeak-ng says it.
double spokenSeconds() {
  const auto clip = test::speak(kSentence, kRate);
  return test::lastSoundSeconds(clip, kRate) - test::firstSoundSeconds(clip, kRate);
}

}  // namespace

TEST_CASE("integrated loudness of a 1 kHz sine at -20 dBFS is -23 LUFS, as BS.1770 calibrates it") {
  audio::Pcm sine{kRate, std::vector<std::int16_t>(3 * kRate)};
  const double amplitude = 0.1;  // -20 dBFS peak, -23.0 dBFS RMS
  for (std::size_t i = 0; i < sine.samples.size(); ++i)
    sine.samples[i] =
        std::int16_t(std::lround(32767.0 * amplitude * std::sin(2.0 * std::numbers::pi * 1000.0 * double(i) / kRate)));
  const auto lufs = speech::integratedLoudness(sine.samples, kRate);
  REQUIRE(lufs);
  // BS.1770: a full-scale 1 kHz sine in one channel reads -3.01 LUFS; this one is 20 dB below.
  CHECK(*lufs == Approx(-23.01).margin(0.1));
  CHECK_FALSE(speech::integratedLoudness(std::vector<std::int16_t>(kRate, 0), kRate));  // silence has none
}

TEST_CASE("a take is trimmed to its sound, a few tens of ms kept at each end") {
  const audio::Pcm raw = take(0.0);
  const auto trimmed = app::trimSilence(raw);
  REQUIRE(trimmed);
  const double before = test::silenceSeconds(trimmed->samples, kRate, false);
  const double after = test::silenceSeconds(trimmed->samples, kRate, true);
  INFO("silence kept: " << before * 1000 << " ms before, " << after * 1000 << " ms after; was "
                        << test::silenceSeconds(raw.samples, kRate, false) * 1000 << " and "
                        << test::silenceSeconds(raw.samples, kRate, true) * 1000);
  CHECK(before < 0.1);
  CHECK(after < 0.1);
  // Nothing of the sentence is lost: the trimmed take is the speech, not less.
  const double spoken = spokenSeconds();
  CHECK(trimmed->seconds() >= spoken - 0.05);
  CHECK(trimmed->seconds() < spoken + 0.2);
  // The cut ends fade: the first and last samples are silent, so nothing clicks.
  CHECK(trimmed->samples.front() == 0);
  CHECK(trimmed->samples.back() == 0);
}

TEST_CASE("a take in a noisy room (-45 dBFS of hiss) is trimmed to its sound all the same") {
  const auto trimmed = app::trimSilence(take(0.0, -45.0));
  REQUIRE(trimmed);
  const double spoken = spokenSeconds();
  INFO("spoken " << spoken << " s, trimmed " << trimmed->seconds() << " s");
  CHECK(trimmed->seconds() >= spoken - 0.15);
  CHECK(trimmed->seconds() < spoken + 0.2);
}

TEST_CASE("silence, or only a room's hum, is no take") {
  audio::Pcm hum{kRate, std::vector<std::int16_t>(2 * kRate, 0)};
  test::addNoise(hum.samples, -65.0);
  CHECK_FALSE(app::trimSilence(hum));
  CHECK_FALSE(app::trimSilence(audio::Pcm{kRate, {}}));
}

TEST_CASE("quiet and loud takes are normalised to the target, -20 LUFS, within 1 LU") {
  for (const double gainDb : {-18.0, -6.0, 0.0}) {
    const auto trimmed = app::trimSilence(take(gainDb));
    REQUIRE(trimmed);
    const auto normalised = app::normaliseLoudness(*trimmed);
    REQUIRE(normalised);
    const auto measured = speech::integratedLoudness(normalised->pcm.samples, kRate);
    REQUIRE(measured);
    INFO("gain " << gainDb << " dB: recorded at " << normalised->measuredLufs << " LUFS, now " << *measured);
    CHECK(*measured == Approx(app::kVoiceTargetLufs).margin(1.0));
    CHECK(normalised->resultLufs == Approx(*measured).margin(0.01));
    CHECK(normalised->limitedDb < app::kAudibleLimiting_db);  // espeak-ng's peaks: held, not squashed
  }
}

TEST_CASE("peaks the target would push past -1 dBFS are limited, the loudness still on target, the actor told") {
  // A click far louder than the speech around it: raising the speech to the target would clip the click.
  auto trimmed = app::trimSilence(take(-24.0));
  REQUIRE(trimmed);
  trimmed->samples[trimmed->samples.size() / 2] = 30000;
  const auto normalised = app::normaliseLoudness(*trimmed);
  REQUIRE(normalised);
  CHECK(normalised->limitedDb > app::kAudibleLimiting_db);
  int peak = 0;
  for (const std::int16_t s : normalised->pcm.samples) peak = std::max(peak, std::abs(int(s)));
  CHECK(20.0 * std::log10(peak / 32768.0) <= app::kVoicePeakLimitDbfs + 0.01);
  CHECK(normalised->resultLufs == Approx(app::kVoiceTargetLufs).margin(0.1));
}

TEST_CASE("a take cut too short to measure is not normalised, and clipping is noticed") {
  CHECK_FALSE(app::normaliseLoudness(audio::Pcm{kRate, std::vector<std::int16_t>(kRate / 10, 1000)}));
  audio::Pcm clipped{kRate, std::vector<std::int16_t>(kRate, 0)};
  for (std::size_t i = 0; i < clipped.samples.size(); i += 50) clipped.samples[i] = 32767;
  CHECK(app::clippedShare(clipped) > 0.001);
  CHECK(app::clippedShare(take(0.0)) == 0.0);
}

namespace {

std::shared_ptr<const scenario::Program> shippedMeeting(const std::string& name) {
  const app::MeetingFolder folder = app::loadMeetingFolder({"scenarios/" + name});
  REQUIRE(folder.error.empty());
  REQUIRE(folder.cast);
  scenario::CompileOptions options;
  options.start = folder.cast->start;
  const auto compiled = scenario::compile(folder.files, folder.vocabulary, options);
  REQUIRE(compiled.ok());
  return compiled.program;
}

}  // namespace

TEST_CASE("a character's lines: context, heading, and which stay synthetic") {
  const auto program = shippedMeeting("myndighedsmoede");
  const auto lines = app::linesOf(*program, "sagsbehandler", "Mette");
  REQUIRE(lines.size() > 20);
  const auto byId = [&](const std::string& id) {
    const auto found =
        std::find_if(lines.begin(), lines.end(), [&](const app::CharacterLine& l) { return l.id == id; });
    REQUIRE(found != lines.end());
    return *found;
  };
  // The citizen's name: synthesised. The water line: recorded, its node's heading and neighbours shown.
  CHECK(byId("09bb7547").voice == app::LineVoice::quotesCitizen);
  const app::CharacterLine water = byId("c172f5b4");
  CHECK(water.voice == app::LineVoice::recordable);
  CHECK(water.heading == "Velkomst");
  CHECK(water.text == "Der står vand på bordet, hvis du har lyst.");
  CHECK(water.before.starts_with("Mette: Hej og velkommen."));
  for (const app::CharacterLine& line : lines) {
    INFO(line.id << " " << line.text);
    CHECK((line.text.find("{$") == std::string::npos) == (line.voice == app::LineVoice::recordable));
    if (line.text.find("{$timer_tekst}") != std::string::npos) CHECK(line.voice == app::LineVoice::variesByMeeting);
    if (line.text.find("{$statement_") != std::string::npos) CHECK(line.voice == app::LineVoice::quotesCitizen);
  }
  // Nobody else's lines, and no options (the citizen's).
  CHECK(app::linesOf(*program, "nobody", "Ingen").empty());

  const app::VoiceCoverage coverage =
      app::coverageOf(lines, [](const std::string& id) { return id == "c172f5b4" || id == "09bb7547"; });
  CHECK(coverage.recorded == 1);  // the name line's recording would not count: it stays synthetic
  CHECK(coverage.recordable + coverage.synthetic + coverage.untagged == lines.size());
  CHECK(coverage.missing.size() == coverage.recordable - 1);
  CHECK(coverage.synthetic >= 10);
}

TEST_CASE("the synthetic voices speak near the recorded lines' target, so a meeting does not jump between them") {
  for (const char* variant : {"f2", "m3", "f4"}) {
    const auto clip = test::speak(kSentence, kRate, 160, 50, 0.0, variant);
    const auto lufs = speech::integratedLoudness(clip, kRate);
    REQUIRE(lufs);
    INFO(variant << ": " << *lufs << " LUFS");
    CHECK(std::abs(*lufs - app::kVoiceTargetLufs) < 2.0);
  }
}

TEST_CASE("a line id two characters speak in different meetings is found: one recording would play for both") {
  const auto job = shippedMeeting("myndighedsmoede");
  const auto psychiatry = shippedMeeting("behandlingsmoede");
  const auto shared = app::sharedLineIds({{"myndighedsmoede", job.get()}, {"behandlingsmoede", psychiatry.get()}});
  // "Tak fordi du kom." in both meetings' last node: the same node title and words give the same id.
  REQUIRE(shared.count("4543afa3") == 1);
  CHECK(shared.at("4543afa3") == std::vector<std::string>{"Amir (myndighedsmoede)", "Farah (behandlingsmoede)"});
  CHECK(app::sharedLineIds({{"myndighedsmoede", job.get()}}).empty());  // unique within one meeting
}

TEST_CASE("a line plays the organisation's recording before the shipped one, and the shipped one when it has none") {
  const auto root = test::speechTempDir() / "voice-folders";
  const auto own = root / "own", shipped = root / "shipped";
  std::filesystem::create_directories(own);
  std::filesystem::create_directories(shipped);
  audio::writeWav(shipped / "c172f5b4.wav", audio::Pcm{kRate, std::vector<std::int16_t>(480, 0)});
  CHECK(app::recordingOf("c172f5b4", {own, shipped}) == shipped / "c172f5b4.wav");
  audio::writeWav(own / "c172f5b4.wav", audio::Pcm{kRate, std::vector<std::int16_t>(480, 0)});
  CHECK(app::recordingOf("c172f5b4", {own, shipped}) == own / "c172f5b4.wav");
  CHECK(app::recordingOf("e01e855b", {own, shipped}).empty());
  std::filesystem::remove_all(root);
}
