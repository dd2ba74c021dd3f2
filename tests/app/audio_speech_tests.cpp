// SPDX-License-Identifier: GPL-3.0-or-later
// A character's line as sound, checked from the OpenAL Soft loopback mix: audible while the line
// plays, silent after it, louder in the ear nearer the speaker, the mouth moving with it (loudness and
// visemes); lines that quote the citizen's statement never reach the (unencrypted) speech cache; a
// recorded voice's visemes, guessed from its sound.
#include "audio_speech.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <unistd.h>

using namespace overum;
namespace fs = std::filesystem;

namespace {

double rms(const audio::Frames& f, int channel) {
  double sum = 0.0;
  std::size_t n = 0;
  for (std::size_t i = std::size_t(channel); i < f.samples.size(); i += 2, ++n)
    sum += double(f.samples[i]) * f.samples[i];
  return n ? std::sqrt(sum / double(n)) : 0.0;
}

struct Rig {
  fs::path cache = fs::temp_directory_path() / ("overum-speech-" + std::to_string(::getpid()));
  std::unique_ptr<audio::AudioDevice> device;
  std::unique_ptr<audio::TextToSpeech> tts;
  double clock = 0.0;
  std::unique_ptr<app::AudioSpeech> speech;

  Rig() {
    fs::remove_all(cache);
    std::string why;
    device = audio::AudioDevice::open({true, 48000, false}, why);
    REQUIRE(device);
    tts = audio::TextToSpeech::create(why);
    REQUIRE(tts);
    device->setListener(Pose{{1, 0, 0, 0}, {0.0f, 1.2f, 0.0f}});
    std::map<std::string, app::SpokenCharacter> characters;
    characters["sagsbehandler"] = {audio::SpeakerVoice{"da", "f2", 55, 50, 165}, {-1.2f, 1.2f, -1.0f}};  // to the left
    speech = std::make_unique<app::AudioSpeech>(device.get(), tts.get(), cache, std::vector<fs::path>{"assets/voices"},
                                                characters, std::vector<std::string>{"at finde et job"}, clock);
  }
  ~Rig() { fs::remove_all(cache); }

  // Asks for a line and waits until it has started, as a fixed-step headless run does.
  void say(const std::string& text) {
    speech->speak({"sagsbehandler", "Mette"}, "", text);
    speech->update(true);
  }

  // One frame: starts a line whose audio is ready, renders 1/90 s and advances the clock.
  audio::Frames frame() {
    speech->update();
    clock += 1.0 / 90.0;
    return device->render(48000 / 90);
  }
};

}  // namespace

TEST_CASE("a spoken line is audible while it plays, from the speaker's side, then silent") {
  Rig rig;
  rig.say("Velkommen til mødet. Hvordan har du det i dag?");
  REQUIRE(rig.speech->busy());
  audio::Frames during;
  float mouthMax = 0.0f;
  scene::MouthShape widest, shut;  // the lip-sync: the most open and the most closed frame's mouth
  for (int i = 0; i < 90 * 6 && rig.speech->busy(); ++i) {
    const audio::Frames f = rig.frame();
    if (i < 90) during.samples.insert(during.samples.end(), f.samples.begin(), f.samples.end());
    mouthMax = std::max(mouthMax, rig.speech->mouthOpen());
    if (const std::optional<scene::MouthShape> mouth = rig.speech->visemeMouth()) {
      if (mouth->open > widest.open) widest = *mouth;
      if (mouth->closure > shut.closure) shut = *mouth;
    }
  }
  CHECK(rms(during, 0) > 0.01);
  CHECK(rms(during, 0) > 1.5 * rms(during, 1));  // the left ear is nearer
  CHECK(mouthMax > 0.5f);
  CHECK(widest.open > 0.9f);   // the a of "Hvordan", "har", "dag"
  CHECK(shut.closure > 0.9f);  // the m of "Velkommen", "mødet"
  CHECK_FALSE(rig.speech->busy());
  CHECK(rms(rig.frame(), 0) < 1e-4);
  CHECK(rig.speech->mouthOpen() == 0.0f);
  CHECK_FALSE(rig.speech->visemeMouth());
}

TEST_CASE("stop silences a line at once") {
  Rig rig;
  rig.say("Det her er en lang sætning, som bliver afbrudt undervejs.");
  for (int i = 0; i < 20; ++i) rig.frame();
  rig.speech->stop();
  CHECK_FALSE(rig.speech->busy());
  rig.frame();  // the mixer's tail
  CHECK(rms(rig.frame(), 0) < 1e-4);
}

TEST_CASE("lines quoting the citizen's own words are not cached, scripted lines are") {
  Rig rig;
  rig.say("Du vil gerne have hjælp til at finde et job.");
  std::size_t files = 0;
  if (fs::exists(rig.cache))
    for ([[maybe_unused]] const auto& e : fs::recursive_directory_iterator(rig.cache)) ++files;
  CHECK(files == 0);
  rig.say("Tak for i dag.");
  files = 0;
  for ([[maybe_unused]] const auto& e : fs::recursive_directory_iterator(rig.cache)) ++files;
  CHECK(files >= 1);
}

TEST_CASE("the scenario's fixed lines are synthesised ahead, so speaking them synthesises nothing") {
  Rig rig;
  rig.speech->prepare(
      {{"sagsbehandler", "Velkommen til mødet."},
       {"sagsbehandler", "Du vil gerne have hjælp til at finde et job."},  // quotes the citizen: left out
       {"ukendt", "Hej."}});                                               // nobody says it: left out
  for (int i = 0; i < 500 && !rig.speech->prepared(); ++i) usleep(10'000);
  REQUIRE(rig.speech->prepared());
  CHECK(rig.speech->synthesisedCount() == 1);
  rig.say("Velkommen til mødet.");
  CHECK(rig.speech->synthesisedCount() == 1);  // from the cache
  CHECK(rig.speech->busy());
}

// Issue #10: a line quoting a long statement part took the frame thread for seconds.
TEST_CASE("a long line quoting the citizen is synthesised while the frames go on", "[faults]") {
  Rig rig;
  std::string quote;
  while (quote.size() < 1100) quote += "at finde et job med faste rammer og kolleger, der forstår mig. ";
  const std::string line = "Du skriver, at du gerne vil have hjælp til " + quote;
  const auto before = std::chrono::steady_clock::now();
  rig.speech->speak({"sagsbehandler", "Mette"}, "", line);
  const double speakMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - before).count();
  CHECK(speakMs < 20.0);  // synthesising it takes 250-800 ms
  CHECK(rig.speech->busy());
  CHECK(rig.speech->secondsIntoLine() < 0.0);  // not started: the mouth stays shut
  int frames = 0;
  while (rig.speech->secondsIntoLine() < 0.0 && frames < 90 * 20) {
    rig.frame();
    ++frames;
    usleep(2000);
  }
  CHECK(frames > 1);  // frames went on while it was synthesised
  CHECK(rig.speech->secondsIntoLine() >= 0.0);
  double loud = 0.0;
  for (int i = 0; i < 45; ++i) loud = std::max(loud, rms(rig.frame(), 0));
  CHECK(loud > 0.01);
}

TEST_CASE("a line stopped while it is synthesised never starts", "[faults]") {
  Rig rig;
  rig.speech->speak({"sagsbehandler", "Mette"}, "",
                    "Nu skal vi se på din plan for de næste tre måneder, punkt for punkt.");
  rig.speech->stop();
  CHECK_FALSE(rig.speech->busy());
  for (int i = 0; i < 60; ++i) {
    rig.frame();
    usleep(2000);
  }
  CHECK_FALSE(rig.speech->busy());
  CHECK(rms(rig.frame(), 0) < 1e-4);
}

TEST_CASE("a line far too long (a facilitator's paste, several statement parts) is cut for the voice", "[faults]") {
  Rig rig;
  std::string line;
  while (line.size() < 1'000'000) line += "og så videre ";  // a million characters
  const auto before = std::chrono::steady_clock::now();
  rig.speech->speak({"sagsbehandler", "Mette"}, "", line);
  rig.speech->update(true);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - before).count();
  CHECK(seconds < 3.0);  // 1 200 characters synthesised, not a million
  CHECK(rig.speech->busy());
  rig.speech->stop();
}

TEST_CASE("a recorded voice's visemes, guessed from its sound, follow those of its phonemes") {
  std::string why;
  auto tts = audio::TextToSpeech::create(why);
  REQUIRE(tts);
  std::vector<double> guessedOpen, phonemeOpen;
  double roundWidth = 0.0, spreadWidth = 0.0;
  int rounds = 0, spreads = 0, pauses = 0;
  for (const char* line : {"Hvordan går det med økonomien, når du får støtte? Hun kører hjem nu.",
                           "Jeg hedder Anna, og jeg vil gerne arbejde på kontoret. Vi ses i morgen, Lise."}) {
    std::vector<PhonemeEvent> phonemes;
    const audio::Pcm pcm = tts->synthesize(line, {"da", "f2", 60, 50, 160}, &phonemes);
    const scene::VisemeTrack guessed = app::visemesFromSound(pcm), known(phonemes);
    for (double t = 0.0; t < pcm.seconds(); t += 0.01) {
      guessedOpen.push_back(guessed.mouthAt(t).open);
      phonemeOpen.push_back(known.mouthAt(t).open);
    }
    for (std::size_t i = 0; i + 1 < phonemes.size(); ++i) {
      const std::string& name = phonemes[i].phoneme;
      const double middle = 0.5 * (phonemes[i].time_s + phonemes[i + 1].time_s);
      const scene::MouthShape mouth = guessed.mouthAt(middle);
      if (name.starts_with('_') && phonemes[i + 1].time_s - phonemes[i].time_s > 0.08) {
        INFO("pause at " << phonemes[i].time_s << " s");
        CHECK(mouth.open < 0.15f);  // at rest in the pauses
        ++pauses;
      }
      const char vowel = name.back();
      if (vowel == 'u' || vowel == 'o' || vowel == 'O') roundWidth += mouth.width, ++rounds;
      if (vowel == 'i' || vowel == 'e' || vowel == 'E') spreadWidth += mouth.width, ++spreads;
    }
  }
  REQUIRE((rounds > 3 && spreads > 3 && pauses > 1));
  // Pearson correlation of how open the mouth is, every 10 ms.
  const auto mean = [](const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
  };
  const double mg = mean(guessedOpen), mp = mean(phonemeOpen);
  double cov = 0.0, vg = 0.0, vp = 0.0;
  for (std::size_t i = 0; i < guessedOpen.size(); ++i) {
    cov += (guessedOpen[i] - mg) * (phonemeOpen[i] - mp);
    vg += (guessedOpen[i] - mg) * (guessedOpen[i] - mg);
    vp += (phonemeOpen[i] - mp) * (phonemeOpen[i] - mp);
  }
  const double correlation = cov / std::sqrt(vg * vp);
  INFO("correlation " << correlation << ", widths round " << roundWidth / rounds << ", spread "
                      << spreadWidth / spreads);
  CHECK(correlation > 0.5);
  CHECK(roundWidth / rounds < spreadWidth / spreads - 0.1);  // o, u rounder than e, i on average
}
