// SPDX-License-Identifier: GPL-3.0-or-later
// What the voice recorder does to a take before it becomes assets/voices/<line id>.wav: silence trimmed
// at both ends, loudness normalised to one target. Pure functions of the samples, tested without a device.
#pragma once
#include <overum/audio/pcm.h>

#include <optional>
#include <string>

namespace overum::app {

// -20 LUFS integrated (measured as EBU R128 does): the loudness the synthetic voices speak at (espeak-ng's
// Danish f2, m3 and f4 measure -19.0, -20.7 and -18.8 LUFS), because a recorded character's lines that
// quote the citizen stay synthetic and must not jump in loudness next to the recorded ones. Broadcast's
// -23 would leave every recorded line 3 LU quieter than the synthetic ones. At -20 a voice's loudest
// peaks reach the ceiling below, where a short limiter holds them.
inline constexpr double kVoiceTargetLufs = -20.0;
inline constexpr double kVoicePeakLimitDbfs = -1.0;  // EBU R128's true-peak ceiling, kept as a sample peak

struct TrimSettings {
  double window_s = 0.01;              // loudness is judged per 10 ms window
  double belowLoudest_db = 35.0;       // a window is silence when this far below the take's loudest window,
  double floor_dbfs = -55.0;           // or below this, whatever the take's level,
  double aboveNoise_db = 12.0;         // or less than this above the room's noise (its quietest tenth of windows),
  double soundBelowLoudest_db = 20.0;  // though never asking more of a sound than to be this near the loudest
  double keepBefore_s = 0.03;          // kept before the first sound: a soft consonant's onset
  double keepAfter_s = 0.06;           // kept after the last: a word's fading end
  double fade_s = 0.005;               // a short fade at each cut, so neither end clicks
};

// The take from its first sound to its last, with the margins above; none when nothing in it is sound.
std::optional<audio::Pcm> trimSilence(const audio::Pcm& take, const TrimSettings& settings = {});

struct Normalised {
  audio::Pcm pcm;
  double measuredLufs = 0.0;  // the take's loudness before
  double gainDb = 0.0;        // applied
  double resultLufs = 0.0;    // after: the target, within 0.1 LU
  double limitedDb = 0.0;     // the most the peak limiter took off one peak (0: it did nothing)
};

// A limiter taking more than this off a peak is heard (a dull, squashed word): the actor is told.
inline constexpr double kAudibleLimiting_db = 6.0;

// The take at `targetLufs`, its peaks kept under kVoicePeakLimitDbfs by a short look-ahead limiter; none
// when the take is too short or quiet to measure (under 0.4 s of sound).
std::optional<Normalised> normaliseLoudness(const audio::Pcm& take, double targetLufs = kVoiceTargetLufs);

// The share of samples at full scale: a take that clipped on the way in (a microphone set too loud)
// cannot be repaired, only redone.
double clippedShare(const audio::Pcm& take);

}  // namespace overum::app
