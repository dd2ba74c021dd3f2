// SPDX-License-Identifier: GPL-3.0-or-later
// Danish text-to-speech with espeak-ng: each character gets a distinct voice (variant, pitch, rate).
// Synthesis is offline but takes about 0.7 ms per character, so callers keep it off the frame thread.
// Each line can come with its phonemes and their times, for the speaker's lips.
#pragma once
#include <overum/audio/pcm.h>
#include <overum/core/phoneme.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace overum::audio {

struct SpeakerVoice {
  std::string language = "da";  // espeak-ng voice name; default Danish
  std::string variant = "m3";   // espeak-ng variant (m1..m7, f1..f5); default a calm male voice
  int pitch = 50;               // 0..100, default 50
  int range = 50;               // pitch variation 0..100, default 50
  int rate = 160;               // words per minute, default 160 (a little slower than espeak's 175)
};

// Whether espeak-ng reports phoneme events; off only to measure what reporting them costs.
enum class PhonemeReports { on, off };

class TextToSpeech {
 public:
  // nullptr + whyNot when espeak-ng or its Danish data is missing.
  static std::unique_ptr<TextToSpeech> create(std::string& whyNot, PhonemeReports reports = PhonemeReports::on);
  ~TextToSpeech();
  // phonemes, when given, receives the line's phonemes in time order (empty with PhonemeReports::off).
  Pcm synthesize(std::string_view utf8Text, const SpeakerVoice& voice,
                 std::vector<PhonemeEvent>* phonemes = nullptr);  // throws overum::Error

 private:
  explicit TextToSpeech(PhonemeReports reports) : reports_(reports) {}
  PhonemeReports reports_;
};

// Scripted lines are synthesised once and kept as WAV under the cache directory (XDG cache), keyed by
// text and voice, with the line's phonemes beside it (one "seconds name" a line, same name + .phonemes).
// Never cache a citizen's own words here: the cache is not encrypted.
class SpeechCache {
 public:
  SpeechCache(TextToSpeech& tts, std::filesystem::path directory);
  Pcm get(std::string_view utf8Text, const SpeakerVoice& voice, std::vector<PhonemeEvent>* phonemes = nullptr);
  std::size_t synthesisedCount() const { return synthesised_; }

 private:
  TextToSpeech& tts_;
  std::filesystem::path directory_;
  std::atomic<std::size_t> synthesised_ = 0;  // read by other threads than the one synthesising
};

}  // namespace overum::audio
