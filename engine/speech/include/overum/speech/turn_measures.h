// SPDX-License-Identifier: GPL-3.0-or-later
// What one turn of the citizen's speech measured (timing, pauses, rate, loudness, pitch), and the
// share-of-talk helper; filled by TurnAnalyser (turn_analyser.h). No audio is kept in these numbers.
#pragma once
#include <optional>
#include <span>

namespace overum::speech {

struct TurnMeasures {
  // Timing, in seconds. The turn starts when the question ended; audio fed before that is ignored.
  double turnSeconds = 0.0;      // audio analysed, question end → finish()
  double floorSeconds = 0.0;     // time on the floor: first speech onset → last speech offset (0 without speech)
  double speakingSeconds = 0.0;  // sum of the speech segments (word gaps under bridgeSeconds count as speech)
  std::optional<double> latencySeconds;  // question end → first speech; empty when nothing was said
  double longestSpeechRunSeconds = 0.0;  // longest stretch of speech without a pause
  int segmentCount = 0;                  // speech stretches separated by pauses

  // Pauses: silences of at least AnalyserConfig::minPauseSeconds between two speech segments.
  int pauseCount = 0;
  double longestPauseSeconds = 0.0;

  // Speech rate from syllable nuclei (de Jong & Wempe 2009): voiced intensity peaks.
  int syllableCount = 0;
  double speechRate = 0.0;        // syllables per second of floor time (pauses included)
  double articulationRate = 0.0;  // syllables per second of speaking time (pauses left out)

  // Loudness (EBU R128 / ITU-R BS.1770, gated), in LUFS; empty when too little was said to measure.
  std::optional<double> loudnessLufs;                // integrated over the turn
  std::optional<double> firstThirdLufs;              // first third of the floor time
  std::optional<double> lastThirdLufs;               // last third of the floor time
  std::optional<double> loudnessFallOffLu() const {  // > 0: the voice got quieter towards the end
    if (!firstThirdLufs || !lastThirdLufs) return std::nullopt;
    return *firstThirdLufs - *lastThirdLufs;
  }

  // Pitch (aubio YIN) over confidently voiced speech frames, in semitones around the turn's median.
  int voicedFrames = 0;
  std::optional<double> medianPitchHz;
  std::optional<double> pitchSdSemitones;     // standard deviation
  std::optional<double> pitchRangeSemitones;  // 10th → 90th percentile, robust to octave slips
};

// The citizen's share of the meeting's talk time (0..1): their speaking time over everyone's,
// e.g. citizenSpeaking = the sum of speakingSeconds over their turns, othersSpeaking = the
// characters' line durations. 0 when nobody spoke.
double shareOfTalkTime(double citizenSpeakingSeconds, double othersSpeakingSeconds);
double totalSpeakingSeconds(std::span<const TurnMeasures> turns);

}  // namespace overum::speech
