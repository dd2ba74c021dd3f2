// SPDX-License-Identifier: GPL-3.0-or-later
// RIFF/WAVE reading and writing for 16-bit PCM.
#include <overum/audio/pcm.h>

#include <overum/core/check.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>

namespace overum::audio {
namespace {

void put(std::vector<std::uint8_t>& out, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(std::uint8_t((v >> (8 * i)) & 0xFF));
}

std::vector<std::uint8_t> header(int sampleRate, int channels, std::uint32_t dataBytes) {
  std::vector<std::uint8_t> h;
  h.reserve(44);
  auto tag = [&](const char* four) {
    for (int i = 0; i < 4; ++i) h.push_back(std::uint8_t(four[i]));
  };
  tag("RIFF");
  put(h, 36 + dataBytes, 4);
  tag("WAVE");
  tag("fmt ");
  put(h, 16, 4);
  put(h, 1, 2);  // PCM
  put(h, std::uint32_t(channels), 2);
  put(h, std::uint32_t(sampleRate), 4);
  put(h, std::uint32_t(sampleRate * channels * 2), 4);
  put(h, std::uint32_t(channels * 2), 2);
  put(h, 16, 2);
  tag("data");
  put(h, dataBytes, 4);
  return h;
}

std::ofstream openForWriting(const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw Error(format("cannot write {}: check that the folder exists and is writable", path.string()));
  return out;
}

std::uint32_t get(const std::vector<char>& b, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= std::uint32_t(static_cast<unsigned char>(b[at + i])) << (8 * i);
  return v;
}

}  // namespace

void writeWav(const std::filesystem::path& path, const Frames& frames) {
  std::vector<std::uint8_t> bytes = header(frames.sampleRate, frames.channels, std::uint32_t(frames.samples.size() * 2));
  for (float f : frames.samples) put(bytes, std::uint16_t(std::int16_t(std::lround(std::clamp(f, -1.0f, 1.0f) * 32767.0f))), 2);
  openForWriting(path).write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

std::vector<std::uint8_t> encodeWav(const Pcm& pcm) {
  std::vector<std::uint8_t> bytes = header(pcm.sampleRate, 1, std::uint32_t(pcm.samples.size() * 2));
  for (std::int16_t sample : pcm.samples) put(bytes, std::uint16_t(sample), 2);
  return bytes;
}

void writeWav(const std::filesystem::path& path, const Pcm& pcm) {
  const std::vector<std::uint8_t> bytes = encodeWav(pcm);
  openForWriting(path).write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

std::optional<Pcm> readWav(const std::filesystem::path& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = format("{}: cannot open the file", path.string());
    return std::nullopt;
  }
  std::vector<char> b((std::istreambuf_iterator<char>(in)), {});
  if (b.size() < 12 || std::memcmp(b.data(), "RIFF", 4) != 0 || std::memcmp(b.data() + 8, "WAVE", 4) != 0) {
    error = format("{}: not a WAV file; record lines as 16-bit PCM WAV", path.string());
    return std::nullopt;
  }
  int channels = 0, rate = 0, bits = 0, formatTag = 0;
  for (std::size_t at = 12; at + 8 <= b.size();) {
    const std::uint32_t size = get(b, at + 4, 4);
    if (size > b.size() - at - 8) break;
    if (std::memcmp(b.data() + at, "fmt ", 4) == 0 && size >= 16) {
      formatTag = int(get(b, at + 8, 2));
      channels = int(get(b, at + 10, 2));
      rate = int(get(b, at + 12, 4));
      bits = int(get(b, at + 22, 2));
    } else if (std::memcmp(b.data() + at, "data", 4) == 0) {
      if (formatTag != 1 || bits != 16 || (channels != 1 && channels != 2) || rate < 8000 || rate > 192000) {
        error = format("{}: only 16-bit PCM WAV, mono or stereo, is supported (this one: format {}, {} bits, {} "
                       "channels, {} Hz); convert it, e.g. with sox",
                       path.string(), formatTag, bits, channels, rate);
        return std::nullopt;
      }
      Pcm pcm;
      pcm.sampleRate = rate;
      const std::size_t frames = size / (2 * std::size_t(channels));
      pcm.samples.resize(frames);
      for (std::size_t i = 0; i < frames; ++i) {
        int sum = 0;
        for (int c = 0; c < channels; ++c) sum += std::int16_t(get(b, at + 8 + (i * channels + c) * 2, 2));
        pcm.samples[i] = std::int16_t(sum / channels);
      }
      return pcm;
    }
    at += 8 + size + (size & 1);
  }
  error = format("{}: the WAV file has no audio data (damaged?); record it again", path.string());
  return std::nullopt;
}

}  // namespace overum::audio
