// SPDX-License-Identifier: GPL-3.0-or-later
// Mono 16-bit PCM clips (speech lines, synthesised or recorded) and WAV files for them.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace overum::audio {

struct Pcm {
  int sampleRate = 22050;             // espeak-ng speaks at 22 050 Hz
  std::vector<std::int16_t> samples;  // mono
  double seconds() const { return sampleRate > 0 ? double(samples.size()) / sampleRate : 0.0; }
};

// Interleaved float frames as the mixer renders them (stereo: L, R, L, R, ...).
struct Frames {
  int sampleRate = 48000;
  int channels = 2;
  std::vector<float> samples;
};

// Written as 16-bit PCM WAV (libsndfile), mono or stereo. Float frames are clipped to [-1, 1].
void writeWav(const std::filesystem::path& path, const Frames& frames);  // throws overum::Error
void writeWav(const std::filesystem::path& path, const Pcm& pcm);        // throws overum::Error
std::vector<std::uint8_t> encodeWav(const Pcm& pcm);                     // the same file's bytes, for storing sealed
// A voice as Ogg Opus (about 25 kbit/s, a tenth of the WAV's bytes at 16 kHz): what is kept of the citizen.
// Rates Opus takes: 8, 12, 16, 24 or 48 kHz.
std::vector<std::uint8_t> encodeOpus(const Pcm& pcm);
std::optional<Pcm> decodeSound(std::span<const std::uint8_t> bytes);  // WAV, Ogg Opus …; none when not a sound
// Reads any sound file libsndfile reads (WAV of any bit depth, FLAC, Ogg, ...), channels mixed down to mono
// 16-bit; error names the file and what is wrong.
std::optional<Pcm> readWav(const std::filesystem::path& path, std::string& error);

}  // namespace overum::audio
