// SPDX-License-Identifier: GPL-3.0-or-later
// Lip-sync: the mouth shapes of speech (visemes), which one each of espeak-ng's Danish phonemes shows,
// and a timed track of them that gives the mouth at any moment, neighbours blended so nothing snaps.
#pragma once
#include <overum/core/phoneme.h>

#include <string_view>
#include <vector>

namespace overum::scene {

// The 15 visemes that most real-time lip-sync uses (Oculus/Meta's set, after the MPEG-4 visemes).
enum class Viseme { silence, PP, FF, TH, DD, kk, CH, SS, nn, RR, aa, E, I, O, U };

// What the face does for a viseme; the rest pose (silence) is {0, 1, 0}.
struct MouthShape {
  float open = 0.0f;     // jaw: 0 closed .. 1 wide open
  float width = 1.0f;    // lip width against the rest: < 1 rounded (o, u), > 1 spread (i, e)
  float closure = 0.0f;  // lips pressed together: 1 for p, b, m
};

MouthShape mouthShapeOf(Viseme viseme);

// espeak-ng's phoneme names, as its Danish voice reports them ("m", "?A" with stød, "_!" a pause);
// a name not in the table falls back on its first letter, then on a neutral, slightly open mouth.
Viseme visemeOfPhoneme(std::string_view espeakPhoneme);

struct VisemeKey {
  double time_s = 0.0;  // when it starts, seconds into the line
  Viseme viseme = Viseme::silence;
};

// A line's visemes in time order; each holds until the next. Before the first and after the line, silence.
class VisemeTrack {
 public:
  VisemeTrack() = default;
  explicit VisemeTrack(const std::vector<PhonemeEvent>& phonemes);  // in time order, as espeak-ng reports them
  explicit VisemeTrack(const std::vector<VisemeKey>& keys);         // in time order; repeats are merged
  bool empty() const { return keys_.empty(); }

  // The mouth at t seconds into the line. Around each change the two shapes cross-fade over up to
  // kCoarticulation_s (less where a sound is shorter, so that a short p still closes the lips).
  MouthShape mouthAt(double t) const;
  static constexpr double kCoarticulation_s = 0.06;
  // espeak-ng times a stop (p, b, t, d, k, g) from its release, or a voiced one from its closure;
  // the lips close over the silent closure before a release, so a stop's viseme starts this early.
  static constexpr double kStopClosure_s = 0.05;

 private:
  void add(VisemeKey key);
  std::vector<VisemeKey> keys_;
};

}  // namespace overum::scene
