// SPDX-License-Identifier: GPL-3.0-or-later
// Synthetic turns for the speech tests and benchmark: espeak-ng Danish (through overum_audio's TTS) at a
// known rate and pitch range, resampled and scaled by sox, with exact silences and a -60 dBFS noise floor.
#pragma once
#include <overum/audio/pcm.h>
#include <overum/audio/text_to_speech.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

namespace overum::test {

inline std::filesystem::path speechTempDir() {
  static const auto dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("overum-speech-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

// One sentence spoken by espeak-ng ("da"), at `rateWpm` words per minute and pitch range 0..100, then
// through sox: resampled to `sampleRate` and scaled by `gainDb`.
inline std::vector<std::int16_t> speak(const std::string& text, int sampleRate, int rateWpm = 160, int range = 50,
                                       double gainDb = 0.0, const std::string& variant = "m3") {
  static std::unique_ptr<audio::TextToSpeech> tts = [] {
    std::string why;
    auto t = audio::TextToSpeech::create(why);
    if (!t) throw std::runtime_error("espeak-ng: " + why);
    return t;
  }();
  audio::SpeakerVoice voice;
  voice.variant = variant;
  voice.rate = rateWpm;
  voice.range = range;
  const audio::Pcm pcm = tts->synthesize(text, voice);
  static int counter = 0;
  const auto in = speechTempDir() / ("in-" + std::to_string(counter) + ".wav");
  const auto out = speechTempDir() / ("out-" + std::to_string(counter++) + ".wav");
  audio::writeWav(in, pcm);
  const std::string command = "sox -q '" + in.string() + "' -r " + std::to_string(sampleRate) + " '" + out.string() +
                              "' vol " + std::to_string(gainDb) + "dB";
  if (std::system(command.c_str()) != 0) throw std::runtime_error("sox failed: " + command);
  std::string error;
  auto read = audio::readWav(out, error);
  if (!read) throw std::runtime_error(error);
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  return std::move(read->samples);
}

inline void appendSilence(std::vector<std::int16_t>& to, double seconds, int sampleRate) {
  to.insert(to.end(), std::size_t(std::lround(seconds * sampleRate)), std::int16_t(0));
}

inline void append(std::vector<std::int16_t>& to, const std::vector<std::int16_t>& clip) {
  to.insert(to.end(), clip.begin(), clip.end());
}

// A room's noise floor (-60 dBFS white noise), so the VAD never sees digital silence.
inline void addNoise(std::vector<std::int16_t>& pcm, double dbfs = -60.0, unsigned seed = 7) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0.0, 32768.0 * std::pow(10.0, dbfs / 20.0));
  for (auto& s : pcm) s = std::int16_t(std::clamp(double(s) + noise(rng), -32768.0, 32767.0));
}

// Seconds of the clip whose samples are not silent (the first and last sample above -50 dBFS).
inline double firstSoundSeconds(const std::vector<std::int16_t>& clip, int sampleRate) {
  for (std::size_t i = 0; i < clip.size(); ++i)
    if (std::abs(int(clip[i])) > 100) return double(i) / sampleRate;
  return 0.0;
}

}  // namespace overum::test

namespace overum::test {

inline double lastSoundSeconds(const std::vector<std::int16_t>& clip, int sampleRate) {
  for (std::size_t i = clip.size(); i-- > 0;)
    if (std::abs(int(clip[i])) > 100) return double(i + 1) / sampleRate;
  return 0.0;
}

// Seconds of silence (10 ms windows at or below thresholdDbfs) before the clip's first sound, or after its
// last: what trimming left at an end.
inline double silenceSeconds(const std::vector<std::int16_t>& clip, int sampleRate, bool fromEnd,
                             double thresholdDbfs = -45.0) {
  const std::size_t window = std::size_t(sampleRate / 100), windows = clip.size() / window;
  for (std::size_t w = 0; w < windows; ++w) {
    const std::size_t at = (fromEnd ? windows - 1 - w : w) * window;
    double sum = 0.0;
    for (std::size_t i = at; i < at + window; ++i) sum += double(clip[i]) * clip[i];
    if (20.0 * std::log10(std::sqrt(sum / double(window)) / 32768.0 + 1e-12) > thresholdDbfs)
      return double(w * window) / sampleRate;
  }
  return double(clip.size()) / sampleRate;
}

// Three sentences of a personligt statement, 53 syllables as spelled (17 + 17 + 19).
inline const std::vector<std::string>& statementSentences() {
  static const std::vector<std::string> s = {
      "Jeg hedder Anna, og jeg vil gerne fortælle lidt om mig selv.",
      "Det er vigtigt for mig, at jeg kan komme ud af huset hver dag.",
      "Jeg vil gerne have hjælp til at finde et arbejde med få timer.",
  };
  return s;
}
constexpr int kStatementSyllables = 53;

struct SyntheticTurn {
  std::vector<std::int16_t> pcm;
  double firstSound = 0.0;   // seconds, where the first sentence's sound starts
  double lastSound = 0.0;    // where the last one's ends
  std::vector<double> gaps;  // silences between the sentences' sounds
};

// Leading silence, then the sentences with the given silences between them, then trailing silence;
// gainsDb per sentence (missing = 0 dB); noise floor added last.
inline SyntheticTurn statementTurn(int sampleRate, double leadSeconds, const std::vector<double>& pauses,
                                   int rateWpm = 160, int range = 50, std::vector<double> gainsDb = {},
                                   double tailSeconds = 1.0) {
  SyntheticTurn t;
  appendSilence(t.pcm, leadSeconds, sampleRate);
  const auto& sentences = statementSentences();
  double prevEnd = 0.0;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const auto clip = speak(sentences[i], sampleRate, rateWpm, range, i < gainsDb.size() ? gainsDb[i] : 0.0);
    const double at = double(t.pcm.size()) / sampleRate;
    if (i == 0) t.firstSound = at + firstSoundSeconds(clip, sampleRate);
    else t.gaps.push_back(at + firstSoundSeconds(clip, sampleRate) - prevEnd);
    prevEnd = at + lastSoundSeconds(clip, sampleRate);
    append(t.pcm, clip);
    if (i + 1 < sentences.size()) appendSilence(t.pcm, i < pauses.size() ? pauses[i] : 0.0, sampleRate);
  }
  t.lastSound = prevEnd;
  appendSilence(t.pcm, tailSeconds, sampleRate);
  addNoise(t.pcm);
  return t;
}

}  // namespace overum::test
