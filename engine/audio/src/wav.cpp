// SPDX-License-Identifier: GPL-3.0-or-later
// Sound files through libsndfile: any format and bit depth it reads (mixed down to mono 16-bit PCM),
// 16-bit PCM WAV written to a file or into memory, and Ogg Opus (the citizen's kept turns) into memory.
#include <overum/audio/pcm.h>

#include <overum/core/check.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <sndfile.h>

namespace overum::audio {
namespace {

struct CloseSndfile {
  void operator()(SNDFILE* file) const { sf_close(file); }
};
using SndFile = std::unique_ptr<SNDFILE, CloseSndfile>;

SF_INFO wav16(int sampleRate, int channels) {
  SF_INFO info{};
  info.samplerate = sampleRate;
  info.channels = channels;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  return info;
}

SndFile openForWriting(const std::filesystem::path& path, int sampleRate, int channels) {
  SF_INFO info = wav16(sampleRate, channels);
  SndFile file(sf_open(path.c_str(), SFM_WRITE, &info));
  if (!file) throw Error(format("cannot write {}: check that the folder exists and is writable", path.string()));
  return file;
}

void checkWritten(SNDFILE* file, sf_count_t written, std::size_t expected, const std::filesystem::path& path) {
  if (written != sf_count_t(expected))
    throw Error(format("cannot write {}: {}; check the free space on the disk", path.string(), sf_strerror(file)));
}

// A growing byte buffer as libsndfile's virtual file, for encodeWav.
struct Memory {
  std::vector<std::uint8_t> bytes;
  sf_count_t at = 0;
  static Memory& of(void* user) { return *static_cast<Memory*>(user); }
};
SF_VIRTUAL_IO memoryIo{
    [](void* user) { return sf_count_t(Memory::of(user).bytes.size()); },
    [](sf_count_t offset, int whence, void* user) {
      Memory& m = Memory::of(user);
      const sf_count_t from = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m.at : sf_count_t(m.bytes.size());
      return m.at = std::max<sf_count_t>(0, from + offset);
    },
    [](void* to, sf_count_t count, void* user) {
      Memory& m = Memory::of(user);
      const sf_count_t n = std::clamp<sf_count_t>(sf_count_t(m.bytes.size()) - m.at, 0, count);
      std::memcpy(to, m.bytes.data() + m.at, std::size_t(n));
      m.at += n;
      return n;
    },
    [](const void* from, sf_count_t count, void* user) {
      Memory& m = Memory::of(user);
      if (std::size_t(m.at + count) > m.bytes.size()) m.bytes.resize(std::size_t(m.at + count));
      std::memcpy(m.bytes.data() + m.at, from, std::size_t(count));
      m.at += count;
      return count;
    },
    [](void* user) { return Memory::of(user).at; },
};

}  // namespace

void writeWav(const std::filesystem::path& path, const Frames& frames) {
  SndFile file = openForWriting(path, frames.sampleRate, frames.channels);
  sf_command(file.get(), SFC_SET_CLIPPING, nullptr, SF_TRUE);  // clipped to [-1, 1], never wrapped around
  checkWritten(file.get(), sf_write_float(file.get(), frames.samples.data(), sf_count_t(frames.samples.size())),
               frames.samples.size(), path);
}

void writeWav(const std::filesystem::path& path, const Pcm& pcm) {
  SndFile file = openForWriting(path, pcm.sampleRate, 1);
  checkWritten(file.get(), sf_write_short(file.get(), pcm.samples.data(), sf_count_t(pcm.samples.size())),
               pcm.samples.size(), path);
}

std::vector<std::uint8_t> encodeOpus(const Pcm& pcm) {
  Memory memory;
  SF_INFO info{};
  info.samplerate = pcm.sampleRate;
  info.channels = 1;
  info.format = SF_FORMAT_OGG | SF_FORMAT_OPUS;
  {
    SndFile file(sf_open_virtual(&memoryIo, SFM_WRITE, &info, &memory));
    OVERUM_CHECK(file != nullptr, "libsndfile cannot encode Ogg Opus at {} Hz: {}", pcm.sampleRate,
                 sf_strerror(nullptr));
    // Speech, not music: libsndfile's level 0.93 is about 25 kbit/s, where Opus keeps a voice natural (its default,
    // 0.5, spends over 130 kbit/s).
    double level = 0.93;
    sf_command(file.get(), SFC_SET_COMPRESSION_LEVEL, &level, sizeof level);
    sf_write_short(file.get(), pcm.samples.data(), sf_count_t(pcm.samples.size()));
  }  // closing flushes the last page
  return std::move(memory.bytes);
}

std::vector<std::uint8_t> encodeWav(const Pcm& pcm) {
  Memory memory;
  SF_INFO info = wav16(pcm.sampleRate, 1);
  {
    SndFile file(sf_open_virtual(&memoryIo, SFM_WRITE, &info, &memory));
    OVERUM_CHECK(file != nullptr, "libsndfile cannot encode WAV: {}", sf_strerror(nullptr));
    sf_write_short(file.get(), pcm.samples.data(), sf_count_t(pcm.samples.size()));
  }  // closing writes the header's final sizes
  return std::move(memory.bytes);
}

namespace {

// An open sound file as mono 16-bit PCM (channels averaged); none when it holds no audio.
std::optional<Pcm> readMono(SNDFILE* file, const SF_INFO& info) {
  std::vector<float> interleaved(std::size_t(info.frames) * std::size_t(info.channels));
  const sf_count_t frames = info.frames > 0 ? sf_readf_float(file, interleaved.data(), info.frames) : 0;
  if (frames <= 0) return std::nullopt;
  // libsndfile reads every format as floats in [-1, 1) (16-bit exactly: n / 32768).
  Pcm pcm;
  pcm.sampleRate = info.samplerate;
  pcm.samples.resize(std::size_t(frames));
  for (std::size_t i = 0; i < pcm.samples.size(); ++i) {
    float sum = 0.0f;
    for (int c = 0; c < info.channels; ++c) sum += interleaved[i * std::size_t(info.channels) + std::size_t(c)];
    pcm.samples[i] = std::int16_t(std::clamp(std::lround(sum / float(info.channels) * 32768.0f), -32768L, 32767L));
  }
  return pcm;
}

}  // namespace

std::optional<Pcm> decodeSound(std::span<const std::uint8_t> bytes) {
  Memory memory{{bytes.begin(), bytes.end()}, 0};
  SF_INFO info{};
  SndFile file(sf_open_virtual(&memoryIo, SFM_READ, &info, &memory));
  if (!file) return std::nullopt;
  return readMono(file.get(), info);
}

std::optional<Pcm> readWav(const std::filesystem::path& path, std::string& error) {
  SF_INFO info{};
  SndFile file(sf_open(path.c_str(), SFM_READ, &info));
  if (!file) {
    error = sf_error(nullptr) == SF_ERR_SYSTEM
                ? format("{}: cannot open the file", path.string())
                : format("{}: not a WAV file or another sound file Øverum reads ({}); record the line again",
                         path.string(), sf_strerror(nullptr));
    return std::nullopt;
  }
  auto pcm = readMono(file.get(), info);
  if (!pcm) error = format("{}: the sound file has no audio data (damaged?); record it again", path.string());
  return pcm;
}

}  // namespace overum::audio
