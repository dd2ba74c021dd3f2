// SPDX-License-Identifier: GPL-3.0-or-later
// One timed sound of a spoken line: audio's text-to-speech reports them, the scene's lip-sync reads them.
#pragma once
#include <string>

namespace overum {

// When the sound starts in the line's audio, and its name in espeak-ng's own phoneme alphabet ("m",
// "?A" for a vowel with stød, "_!" for a pause).
struct PhonemeEvent {
  double time_s = 0.0;
  std::string phoneme;
  bool operator==(const PhonemeEvent&) const = default;
};

}  // namespace overum
