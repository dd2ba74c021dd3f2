// SPDX-License-Identifier: GPL-3.0-or-later
// Danish text-to-speech with espeak-ng: each character gets a distinct voice (variant, pitch, rate).
// Synthesis is offline but takes about 0.7 ms per character, so callers keep it off the frame thread.
#pragma once
#include <overum/audio/pcm.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace overum::audio {

struct SpeakerVoice {
  std::string language = "da";  // espeak-ng voice name; default Danish
  std::string variant = "m3";   // espeak-ng variant (m1..m7, f1..f5); default a calm male voice
  int pitch = 50;               // 0..100, default 50
  int range = 50;               // pitch variation 0..100, default 50
  int rate = 160;               // words per minute, default 160 (a little slower than espeak's 175)
};

class TextToSpeech {
 public:
  // nullptr + whyNot when espeak-ng or its Danish data is missing.
  static std::unique_ptr<TextToSpeech> create(std::string& whyNot);
  ~TextToSpeech();
  Pcm synthesize(std::string_view utf8Text, const SpeakerVoice& voice);  // throws overum::Error

 private:
  TextToSpeech() = default;
};

// Scripted lines are synthesised once and kept as WAV under the cache directory (XDG cache), keyed by
// text and voice. Never cache a citizen's own words here: the cache is not encrypted.
class SpeechCache {
 public:
  SpeechCache(TextToSpeech& tts, std::filesystem::path directory);
  Pcm get(std::string_view utf8Text, const SpeakerVoice& voice);
  std::size_t synthesisedCount() const { return synthesised_; }

 private:
  TextToSpeech& tts_;
  std::filesystem::path directory_;
  std::atomic<std::size_t> synthesised_ = 0;  // read by other threads than the one synthesising
};

}  // namespace overum::audio
