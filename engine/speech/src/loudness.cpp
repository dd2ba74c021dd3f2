// SPDX-License-Identifier: GPL-3.0-or-later
// Integrated loudness of a recording; see loudness.h.
#include <overum/speech/loudness.h>

#include <overum/core/check.h>

#include <cmath>
#include <ebur128.h>
#include <memory>

namespace overum::speech {

std::optional<double> integratedLoudness(std::span<const std::int16_t> samples, int sampleRate) {
  if (samples.empty() || sampleRate <= 0) return std::nullopt;
  ebur128_state* raw = ebur128_init(1, static_cast<unsigned long>(sampleRate), EBUR128_MODE_I);
  OVERUM_CHECK(raw != nullptr, "libebur128 could not start");
  const std::unique_ptr<ebur128_state, void (*)(ebur128_state*)> state(raw,
                                                                       [](ebur128_state* s) { ebur128_destroy(&s); });
  if (ebur128_add_frames_short(state.get(), samples.data(), samples.size()) != EBUR128_SUCCESS) return std::nullopt;
  double lufs = 0.0;
  if (ebur128_loudness_global(state.get(), &lufs) != EBUR128_SUCCESS || !std::isfinite(lufs)) return std::nullopt;
  return lufs;
}

}  // namespace overum::speech
