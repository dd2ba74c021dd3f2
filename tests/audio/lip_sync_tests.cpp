// SPDX-License-Identifier: GPL-3.0-or-later
// Lip-sync from espeak-ng: a Danish line's phoneme events are in time order inside its audio, the
// speech cache keeps them, and the lips close where the sound says they must (p, b: a silent closure).
#include <overum/audio/text_to_speech.h>
#include <overum/scene/visemes.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unistd.h>

using namespace overum;
using namespace overum::audio;
namespace fs = std::filesystem;

namespace {

TextToSpeech& tts() {
  static std::string why;
  static auto instance = TextToSpeech::create(why);
  INFO(why);
  REQUIRE(instance);
  return *instance;
}

double rms(const Pcm& pcm, double from_s, double to_s) {
  const auto first = std::size_t(std::max(0.0, from_s) * pcm.sampleRate);
  const auto last = std::min(pcm.samples.size(), std::size_t(to_s * pcm.sampleRate));
  double sum = 0.0;
  for (std::size_t i = first; i < last; ++i) sum += double(pcm.samples[i]) * pcm.samples[i];
  return last > first ? std::sqrt(sum / double(last - first)) : 0.0;
}

const char* kLine = "Mamma og Peter Bo spiser æbler på gården.";

}  // namespace

TEST_CASE("a Danish line's phoneme events come in time order, inside its audio") {
  std::vector<PhonemeEvent> phonemes;
  const Pcm pcm = tts().synthesize(kLine, {}, &phonemes);
  REQUIRE(phonemes.size() > 20);
  CHECK(std::is_sorted(phonemes.begin(), phonemes.end(),
                       [](const PhonemeEvent& a, const PhonemeEvent& b) { return a.time_s < b.time_s; }));
  CHECK(phonemes.front().time_s >= 0.0);
  CHECK(phonemes.back().time_s <= pcm.seconds() + 0.001);  // times are whole milliseconds
  CHECK(phonemes.front().phoneme == "m");
  const auto count = [&](const char* name) {
    return std::count_if(phonemes.begin(), phonemes.end(), [&](const PhonemeEvent& e) { return e.phoneme == name; });
  };
  CHECK(count("m") == 2);  // Mamma
  CHECK(count("p") == 3);  // Peter, spiser, på
  CHECK(count("b") == 2);  // Bo, æbler
}

TEST_CASE("the lips are shut over the near-silent closure of every p and b, and open after its release") {
  std::vector<PhonemeEvent> phonemes;
  const Pcm pcm = tts().synthesize(kLine, {}, &phonemes);
  const scene::VisemeTrack track(phonemes);
  const double quiet = 0.35 * rms(pcm, 0.0, pcm.seconds());
  constexpr double kBlock_s = 0.005;
  int plosives = 0;
  for (std::size_t i = 0; i + 1 < phonemes.size(); ++i) {
    const std::string& name = phonemes[i].phoneme;
    if (name != "p" && name != "b") continue;
    ++plosives;
    const double at = phonemes[i].time_s, next = phonemes[i + 1].time_s;
    INFO(name << " at " << at << " s, next sound at " << next << " s");
    // The closure: the quiet run of 5 ms blocks around the quietest one, from 60 ms before the event
    // (espeak-ng times a voiceless stop at its release) to the next sound.
    double quietest = at;
    for (double t = at - 0.06; t + kBlock_s <= next; t += kBlock_s)
      if (rms(pcm, t, t + kBlock_s) < rms(pcm, quietest, quietest + kBlock_s)) quietest = t;
    REQUIRE(rms(pcm, quietest, quietest + kBlock_s) < quiet);
    double from = quietest, to = quietest + kBlock_s;
    while (from - kBlock_s >= at - 0.06 && rms(pcm, from - kBlock_s, from) < quiet) from -= kBlock_s;
    while (to + kBlock_s <= next && rms(pcm, to, to + kBlock_s) < quiet) to += kBlock_s;
    const scene::MouthShape closure = track.mouthAt(0.5 * (from + to));
    INFO("closure " << from << " s to " << to << " s");
    CHECK(closure.closure > 0.9f);  // shut in the middle of the closure (tolerance: the 5 ms blocks)
    CHECK(closure.open < 0.1f);
    CHECK(track.mouthAt(next + 0.02).closure < 0.5f);  // and opening for the sound after the release
  }
  CHECK(plosives == 5);  // Peter, Bo, spiser, æbler, på
}

TEST_CASE("the speech cache keeps a line's phonemes, and a cache from before phonemes is filled in") {
  const fs::path dir = fs::temp_directory_path() / ("overum-phoneme-cache-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  // espeak-ng's timing varies by a millisecond from run to run; the sounds do not.
  const auto sameSounds = [](const std::vector<PhonemeEvent>& a, const std::vector<PhonemeEvent>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const PhonemeEvent& x, const PhonemeEvent& y) {
      return x.phoneme == y.phoneme && std::abs(x.time_s - y.time_s) < 0.005;
    });
  };
  std::vector<PhonemeEvent> fresh, cached, direct;
  tts().synthesize(kLine, {}, &direct);
  {
    SpeechCache cache(tts(), dir);
    cache.get(kLine, {}, &fresh);
    cache.get(kLine, {}, &cached);
    CHECK(cache.synthesisedCount() == 1);
  }
  CHECK(sameSounds(fresh, direct));
  CHECK(cached == fresh);
  for (const auto& file : fs::directory_iterator(dir))
    if (file.path().extension() == ".phonemes") fs::remove(file.path());
  SpeechCache older(tts(), dir);
  std::vector<PhonemeEvent> refilled;
  older.get(kLine, {}, &refilled);
  CHECK(older.synthesisedCount() == 1);
  CHECK(sameSounds(refilled, direct));
  fs::remove_all(dir);
}

TEST_CASE("phoneme reports can be switched off, for measuring what they cost") {
  std::string why;
  auto quiet = TextToSpeech::create(why, PhonemeReports::off);
  REQUIRE(quiet);
  std::vector<PhonemeEvent> phonemes{{1.0, "x"}};
  const Pcm pcm = quiet->synthesize(kLine, {}, &phonemes);
  CHECK(phonemes.empty());
  CHECK(pcm.seconds() > 1.0);
  std::vector<PhonemeEvent> again;
  tts().synthesize(kLine, {}, &again);  // the other instance switches espeak-ng back
  CHECK(again.size() > 20);
}
