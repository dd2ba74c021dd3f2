// SPDX-License-Identifier: GPL-3.0-or-later
// `overum voices record|status` as an organisation runs it, with a file-backed microphone (espeak-ng
// speech padded with silence) and the actor's keys through a pipe: the written lines are trimmed and at
// -20 LUFS, a redo replaces its file, status counts recorded, missing and synthetic lines; a missing
// microphone or an unwritable folder is a clear message, never a crash.
#include <overum/audio/pcm.h>
#include <overum/speech/loudness.h>

#include "../speech/speech_fixtures.h"
#include "run_command.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using namespace overum;

namespace {

constexpr int kRate = 48000;

// A small meeting: Mette has two lines to record and one that greets the citizen by name; Amir one.
void writeMeeting(const fs::path& folder) {
  fs::create_directories(folder);
  // The job centre's cast, named for this folder as a meeting's cast must be.
  std::ifstream in("scenarios/myndighedsmoede/cast.json");
  std::string cast{std::istreambuf_iterator<char>(in), {}};
  const std::string named = "\"meeting\": \"myndighedsmoede\"";
  REQUIRE(cast.find(named) != std::string::npos);
  cast.replace(cast.find(named), named.size(), "\"meeting\": \"moede\"");
  std::ofstream(folder / "cast.json") << cast;
  std::ofstream(folder / "moede.yarn") << R"(title: Start
overskrift: Velkomst
---
Mette: Hej {$borger_navn}, velkommen. #line:aaaa0001
Mette: Der står vand på bordet. #line:aaaa0002
Amir: Jeg hedder Amir, og jeg er teamleder. #line:aaaa0003
Mette: Skal vi gå i gang med det samme? #line:aaaa0004
===
)";
}

// A take's sound file: silence, the sentence, silence, a room's noise floor.
audio::Pcm voice(const std::string& sentence) {
  audio::Pcm pcm{kRate, {}};
  test::appendSilence(pcm.samples, 0.8, kRate);
  test::append(pcm.samples, test::speak(sentence, kRate, 160, 50, -8.0));
  test::appendSilence(pcm.samples, 1.2, kRate);
  test::addNoise(pcm.samples, -65.0);
  return pcm;
}

audio::Pcm readBack(const fs::path& file) {
  std::string error;
  const auto pcm = audio::readWav(file, error);
  INFO(error);
  REQUIRE(pcm);
  return *pcm;
}

}  // namespace

TEST_CASE("an actor records two lines from a file-backed microphone, redoes one, and status counts them") {
  const fs::path dir = test::freshDir("voices-record");
  writeMeeting(dir / "moede");
  const audio::Pcm shortVoice = voice("Der står vand på bordet.");
  const audio::Pcm longVoice = voice("Skal vi gå i gang med det samme, eller vil du have en kop kaffe først?");
  audio::writeWav(dir / "kort.wav", shortVoice);
  audio::writeWav(dir / "lang.wav", longVoice);
  const std::string env = test::dataEnv(dir);
  const std::string record = env + OVERUM_EXE + " voices record moede --character sagsbehandler --out stemmer";

  // Enter, Enter: record and stop line 1 (take 1: kort.wav); the same for line 2 (take 2: kort.wav); r: redo
  // line 2, Enter, Enter (take 3: lang.wav); then the input ends, which quits keeping what is recorded.
  const test::Run run = test::runCommand("printf '\\n\\n\\n\\nr\\n\\n' | " + record +
                                             " --microphone-file kort.wav --microphone-file kort.wav"
                                             " --microphone-file lang.wav",
                                         dir);
  INFO(run.output);
  REQUIRE(run.exitCode == 0);
  CHECK_THAT(run.output, Catch::Contains("Mette (sagsbehandler)") && Catch::Contains("Velkomst") &&
                             Catch::Contains("(tages om)") && Catch::Contains("-20,0 LUFS"));
  // The context: the line before (the greeting, which quotes the citizen) and after (Amir's).
  CHECK_THAT(run.output, Catch::Contains("Mette: Hej {$borger_navn}, velkommen.") &&
                             Catch::Contains("Amir: Jeg hedder Amir, og jeg er teamleder."));
  CHECK_FALSE(fs::exists(dir / "stemmer" / "aaaa0001.wav"));  // quotes the citizen: never recorded
  CHECK_FALSE(fs::exists(dir / "stemmer" / "aaaa0003.wav"));  // Amir's

  for (const char* id : {"aaaa0002", "aaaa0004"}) {
    INFO(id);
    const audio::Pcm written = readBack(dir / "stemmer" / (std::string(id) + ".wav"));
    const double before = test::silenceSeconds(written.samples, written.sampleRate, false);
    const double after = test::silenceSeconds(written.samples, written.sampleRate, true);
    const auto lufs = speech::integratedLoudness(written.samples, written.sampleRate);
    REQUIRE(lufs);
    INFO("silence " << before * 1000 << " ms before, " << after * 1000 << " ms after; " << *lufs << " LUFS");
    CHECK(before < 0.1);
    CHECK(after < 0.1);
    CHECK(*lufs == Approx(-20.0).margin(1.0));  // the target
  }
  // The redo replaced line 2 with the long take: it lasts as long as that sentence, not the short one.
  const double shortSound = readBack(dir / "stemmer" / "aaaa0002.wav").seconds();
  const double redone = readBack(dir / "stemmer" / "aaaa0004.wav").seconds();
  INFO("short take " << shortSound << " s, the redo " << redone << " s");
  CHECK(redone > shortSound + 1.0);
  CHECK_FALSE(fs::exists(dir / "stemmer" / "aaaa0004.wav.partial"));

  // Status: Mette 2 of 2 recorded and one synthetic; Amir's one missing, named; in English too.
  const test::Run status = test::runCommand(env + OVERUM_EXE + " voices status moede --out stemmer", dir);
  INFO(status.output);
  REQUIRE(status.exitCode == 0);
  CHECK_THAT(status.output, Catch::Contains("Mette (sagsbehandler): 2/2 indtalt, 1 syntetisk") &&
                                Catch::Contains("Amir (teamleder): 0/1 indtalt, 0 syntetisk") &&
                                Catch::Contains("mangler:") && Catch::Contains("aaaa0003"));
  const test::Run english =
      test::runCommand(env + OVERUM_EXE + " voices status moede --out stemmer --language en", dir);
  CHECK_THAT(english.output, Catch::Contains("Mette (sagsbehandler): 2/2 recorded, 1 synthetic"));

  // Recording again goes on with what is missing only: nothing for Mette; q at once keeps it all.
  const test::Run again = test::runCommand("printf 'q' | " + record + " --microphone-file kort.wav", dir);
  INFO(again.output);
  CHECK(again.exitCode == 0);
  CHECK_THAT(again.output, Catch::Contains("Alle replikkerne er indtalt"));
  // s skips a line, q quits before its take: Amir's line stays missing.
  const test::Run skipped = test::runCommand("printf 'sq' | " + env + OVERUM_EXE +
                                                 " voices record moede --character teamleder --out stemmer"
                                                 " --microphone-file kort.wav",
                                             dir);
  CHECK(skipped.exitCode == 0);
  CHECK_FALSE(fs::exists(dir / "stemmer" / "aaaa0003.wav"));
  fs::remove_all(dir);
}

TEST_CASE("at a terminal the keys work one by one, without Enter after r, s or q, and the take's length runs") {
  // `script` gives the recorder a real terminal (a pty), as an actor has; the keys come with pauses, as typed.
  const fs::path dir = test::freshDir("voices-terminal");
  writeMeeting(dir / "moede");
  audio::writeWav(dir / "kort.wav", voice("Der står vand på bordet."));
  const std::string env = test::dataEnv(dir);
  const test::Run run = test::runCommand(
      "(sleep 0.5; printf '\\r'; sleep 0.4; printf '\\r'; sleep 0.3; printf 'q') | script -qec \"" + env + OVERUM_EXE +
          " voices record moede --character sagsbehandler --out stemmer --microphone-file kort.wav\" /dev/null",
      dir);
  INFO(run.output);
  CHECK(run.exitCode == 0);
  CHECK_THAT(run.output, Catch::Contains("\r  0,") && Catch::Contains("Gemt:") && Catch::Contains("Indtalt nu: 1."));
  CHECK(fs::exists(dir / "stemmer" / "aaaa0002.wav"));
  fs::remove_all(dir);
}

TEST_CASE("no microphone, an unwritable folder or an unknown character: a message naming it and what to do") {
  const fs::path dir = test::freshDir("voices-errors");
  writeMeeting(dir / "moede");
  const std::string env = test::dataEnv(dir);
  const std::string record = env + OVERUM_EXE + " voices record moede --character sagsbehandler";

  // OpenAL's null backend has no capture device: the recorder says so before asking for anything.
  const test::Run noMicrophone = test::runCommand("ALSOFT_DRIVERS=null " + record + " --out stemmer < /dev/null", dir);
  INFO(noMicrophone.output);
  CHECK(noMicrophone.exitCode == 1);
  CHECK_THAT(noMicrophone.output, Catch::Contains("ingen mikrofon fundet") && Catch::Contains("Sæt en mikrofon i"));

  // A folder that cannot be made (under a file): named, with --out as the way out; nothing is recorded.
  std::ofstream(dir / "fil.txt") << "not a folder\n";
  const test::Run unwritable = test::runCommand(record + " --out fil.txt/stemmer < /dev/null", dir);
  INFO(unwritable.output);
  CHECK(unwritable.exitCode == 1);
  CHECK_THAT(unwritable.output, Catch::Contains("fil.txt/stemmer") && Catch::Contains("--out"));

  const test::Run stranger =
      test::runCommand(env + OVERUM_EXE + " voices record moede --character kok < /dev/null", dir);
  INFO(stranger.output);
  CHECK(stranger.exitCode == 1);
  CHECK_THAT(stranger.output, Catch::Contains("'kok'") && Catch::Contains("sagsbehandler, teamleder, bisidder"));

  const test::Run noFile = test::runCommand(record + " --microphone-file findes-ikke.wav < /dev/null", dir);
  CHECK(noFile.exitCode == 2);
  CHECK_THAT(noFile.output, Catch::Contains("findes-ikke.wav"));

  const test::Run noMeeting = test::runCommand(env + OVERUM_EXE + " voices status intet-moede", dir);
  CHECK(noMeeting.exitCode == 1);
  CHECK_THAT(noMeeting.output, Catch::Contains("intet møde 'intet-moede'"));
  fs::remove_all(dir);
}
