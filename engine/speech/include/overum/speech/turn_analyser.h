// SPDX-License-Identifier: GPL-3.0-or-later
// Per-turn speech analysis, live or offline: WebRTC voice activity, aubio YIN pitch, libebur128 loudness
// and de Jong & Wempe syllable nuclei over mono PCM; feed() is cheap and never blocks, finish() sums up.
#pragma once
#include <overum/speech/turn_measures.h>

#include <cstdint>
#include <memory>
#include <span>

namespace overum::speech {

struct AnalyserConfig {
  int sampleRate = 16000;           // 8000, 16000, 32000 or 48000 Hz (the rates WebRTC's VAD takes)
  double questionEndSeconds = 0.0;  // when the question ended, in seconds from the first sample fed
  double minPauseSeconds = 0.5;     // a silence this long inside speech is a pause; default 0.5 s
  double bridgeSeconds = 0.2;       // silences shorter than this are gaps between words, counted as speech
  double minSpeechSeconds = 0.08;   // speech stretches shorter than this (a click, a breath) are dropped
  double trimDb = 35.0;   // a speech stretch's first and last frames are at most this far below its loud frames
  int vadLikelihood = 1;  // WebRTC: 0 very low … 3 high likelihood of speech needed; default 1 (low)
  // Syllable nuclei (de Jong & Wempe 2009, v2 parameters): a peak counts when it stands this many dB
  // above the dips on both sides, lies no more than silenceDb below the 0.99 quantile of intensity,
  // and is voiced (YIN confidence ≥ voicedConfidence).
  double nucleusDipDb = 2.0;
  double silenceDb = 25.0;
  double voicedConfidence = 0.7;
  double minPitchHz = 60.0, maxPitchHz = 500.0;  // plausible speaking F0
  double reserveSeconds =
      600.0;  // per-frame history reserved up front, so feed() does not allocate in a turn this long
};

class TurnAnalyser {
 public:
  explicit TurnAnalyser(const AnalyserConfig& config = {});  // throws overum::Error for an unsupported rate
  ~TurnAnalyser();
  TurnAnalyser(TurnAnalyser&&) noexcept;
  TurnAnalyser& operator=(TurnAnalyser&&) noexcept;

  // Any chunk size, from the capture thread: analysis runs per 10 ms frame, with no locks, no I/O and
  // (within reserveSeconds) no allocation. Float samples are in [-1, 1].
  void feed(std::span<const std::int16_t> samples);
  void feed(std::span<const float> samples);

  bool speaking() const;  // the VAD's decision for the last frame (for a live indicator)
  double fedSeconds() const;
  TurnMeasures finish();  // the turn's measures; the analyser may be fed again afterwards for nothing

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// Offline: one call over a whole recording (mono).
TurnMeasures analyseTurn(std::span<const std::int16_t> samples, const AnalyserConfig& config);
TurnMeasures analyseTurn(std::span<const float> samples, const AnalyserConfig& config);

}  // namespace overum::speech
