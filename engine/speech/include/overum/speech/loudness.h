// SPDX-License-Identifier: GPL-3.0-or-later
// Integrated loudness (EBU R128 / ITU-R BS.1770, libebur128) of a whole recording: the recorder of
// characters' voices normalises each line to one target with it.
#pragma once
#include <cstdint>
#include <optional>
#include <span>

namespace overum::speech {

// LUFS of mono 16-bit samples; none when the recording is too short or too quiet to measure (the
// gating leaves nothing: under 400 ms, or everything below -70 LUFS).
std::optional<double> integratedLoudness(std::span<const std::int16_t> samples, int sampleRate);

}  // namespace overum::speech
