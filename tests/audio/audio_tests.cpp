// SPDX-License-Identifier: GPL-3.0-or-later
// Audio checked from samples: espeak-ng Danish speech, the OpenAL Soft loopback mix (non-silent while a
// line plays, silent between lines, louder in the nearer ear), voice-activity detection, WAV files, and
// espeak-ng's phoneme events for lip-sync (in time order, cached, the lips shut where p and b are).
#include <overum/audio/audio_device.h>
#include <overum/audio/text_to_speech.h>
#include <overum/audio/voice_activity.h>
#include <overum/scene/visemes.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sndfile.h>

using namespace overum;
using namespace overum::audio;
namespace fs = std::filesystem;

namespace {

TextToSpeech& tts() {
  static std::string why;
  static auto instance = TextToSpeech::create(why);
  INFO(why);
  REQUIRE(instance);
  return *instance;
}

double rms(const Frames& f, int channel) {
  double sum = 0.0;
  for (std::size_t i = channel; i < f.samples.size(); i += 2) sum += double(f.samples[i]) * f.samples[i];
  return std::sqrt(sum / double(f.samples.size() / 2));
}

// Speech bounds inside a clip: espeak pads lines with a little silence of its own.
std::pair<double, double> voicedBounds(const Pcm& pcm) {
  std::size_t first = 0, last = 0;
  for (std::size_t i = 0; i < pcm.samples.size(); ++i)
    if (std::abs(pcm.samples[i]) > 600) {
      if (first == 0) first = i;
      last = i;
    }
  return {double(first) / pcm.sampleRate, double(last) / pcm.sampleRate};
}

double rms(const Pcm& pcm, double from_s, double to_s) {
  const auto first = std::size_t(std::max(0.0, from_s) * pcm.sampleRate);
  const auto last = std::min(pcm.samples.size(), std::size_t(to_s * pcm.sampleRate));
  double sum = 0.0;
  for (std::size_t i = first; i < last; ++i) sum += double(pcm.samples[i]) * pcm.samples[i];
  return last > first ? std::sqrt(sum / double(last - first)) : 0.0;
}

// A Danish line with every kind of lip closure: m, p and b, word-initial, after s, between vowels.
const char* kLipLine = "Mamma og Peter Bo spiser æbler på gården.";

const char* kLine = "Velkommen til mødet. Vil du fortælle lidt om dig selv og om, hvad der er vigtigt for dig?";

}  // namespace

TEST_CASE("espeak-ng speaks a Danish sentence with æøå for a plausible time") {
  const Pcm pcm = tts().synthesize(kLine, {});
  CHECK(pcm.sampleRate == 22050);
  CHECK(pcm.seconds() > 3.0);
  CHECK(pcm.seconds() < 12.0);
  const auto peak = *std::max_element(pcm.samples.begin(), pcm.samples.end());
  CHECK(peak > 3000);
}

TEST_CASE("characters get distinct voices") {
  const Pcm a = tts().synthesize("Hej, jeg hedder Mette.", {"da", "f2", 65, 50, 160});
  const Pcm b = tts().synthesize("Hej, jeg hedder Mette.", {"da", "m3", 40, 50, 160});
  CHECK(a.samples != b.samples);
  const Pcm slow = tts().synthesize("Hej, jeg hedder Mette.", {"da", "m3", 40, 50, 110});
  CHECK(slow.seconds() > b.seconds() * 1.2);
}

TEST_CASE("the speech cache synthesises a line once") {
  const fs::path dir = fs::temp_directory_path() / ("overum-tts-cache-" + std::to_string(std::random_device{}()));
  SpeechCache cache(tts(), dir);
  const Pcm first = cache.get("Tak fordi du kom.", {});
  const Pcm second = cache.get("Tak fordi du kom.", {});
  CHECK(cache.synthesisedCount() == 1);
  CHECK(first.samples == second.samples);
  cache.get("Tak fordi du kom.", {"da", "f3", 60, 50, 160});
  CHECK(cache.synthesisedCount() == 2);
  fs::remove_all(dir);
}

TEST_CASE("loopback mix: silent before, audible during, silent after a line, nearer ear louder") {
  std::string why;
  auto device = AudioDevice::open({.loopback = true, .sampleRate = 48000, .hrtf = true}, why);
  INFO(why);
  REQUIRE(device);
  device->setListener(Pose{});  // at the origin looking down -Z
  const Pcm line = tts().synthesize("Godmorgen, og velkommen.", {});
  auto sound = device->upload(line);
  auto voice = device->createVoice();
  voice->setPosition({-1.5f, 0.0f, -0.5f});  // to the citizen's left

  const Frames before = device->render(4800);
  CHECK(rms(before, 0) == 0.0);

  voice->play(sound);
  const Frames during = device->render(int(48000 * (line.seconds() - 0.2)));
  const double left = rms(during, 0), right = rms(during, 1);
  CHECK(left > 0.01);
  CHECK(left > right * 1.5);
  CHECK(voice->secondsPlayed() > 0.5);

  device->render(48000);  // past the end of the line
  CHECK_FALSE(voice->playing());
  const Frames after = device->render(4800);
  CHECK(rms(after, 0) == 0.0);
  CHECK(rms(after, 1) == 0.0);
}

TEST_CASE("a sound starts in the first 10 ms block mixed after play()") {
  std::string why;
  auto device = AudioDevice::open({.loopback = true}, why);
  REQUIRE(device);
  Pcm tone{48000, {}};
  for (int i = 0; i < 4800; ++i) tone.samples.push_back(std::int16_t(8000 * std::sin(i * 2 * M_PI * 440 / 48000)));
  auto voice = device->createVoice();
  voice->setPosition({0.0f, 0.0f, -1.0f});
  device->render(480);
  voice->play(device->upload(tone));
  const Frames firstBlock = device->render(480);
  CHECK(rms(firstBlock, 0) + rms(firstBlock, 1) > 0.01);
}

TEST_CASE("muting the listener silences a playing line at once (pause)") {
  std::string why;
  auto device = AudioDevice::open({.loopback = true}, why);
  REQUIRE(device);
  auto voice = device->createVoice();
  voice->setPosition({0.0f, 0.0f, -1.0f});
  voice->play(device->upload(tts().synthesize("Lad os holde en lille pause.", {})));
  device->render(9600);
  device->setMasterGain(0.0f);
  device->render(480);  // the mixer ramps gain changes over one block
  const Frames muted = device->render(4800);
  CHECK(rms(muted, 0) + rms(muted, 1) < 1e-4);
}

TEST_CASE("voice-activity detection finds speech segments within 100 ms of the truth") {
  const Pcm first = tts().synthesize("Jeg hedder Anna, og jeg vil gerne arbejde.", {"da", "f2", 60, 50, 160});
  const Pcm second = tts().synthesize("Det er vigtigt for mig at have ro.", {"da", "f2", 60, 50, 160});
  const int rate = first.sampleRate;
  std::mt19937 noise(7);
  std::normal_distribution<double> hiss(0.0, 60.0);  // a quiet room, about -55 dBFS
  std::vector<std::int16_t> signal;
  auto silence = [&](double seconds) {
    for (int i = 0; i < int(seconds * rate); ++i) signal.push_back(std::int16_t(hiss(noise)));
  };
  std::vector<std::pair<double, double>> truth;
  auto speech = [&](const Pcm& pcm) {
    const double offset = double(signal.size()) / rate;
    auto [a, b] = voicedBounds(pcm);
    truth.push_back({offset + a, offset + b});
    for (auto s : pcm.samples) signal.push_back(std::int16_t(std::clamp(s + hiss(noise), -32768.0, 32767.0)));
  };
  silence(0.8);
  speech(first);
  silence(1.5);
  speech(second);
  silence(1.0);

  VoiceActivityDetector vad({.sampleRate = rate});
  for (std::size_t at = 0; at < signal.size(); at += 441)  // 20 ms chunks, as capture delivers them
    vad.feed(std::span(signal).subspan(at, std::min<std::size_t>(441, signal.size() - at)));
  REQUIRE(vad.segments().size() == 2);
  for (int i = 0; i < 2; ++i) {
    CHECK(vad.segments()[i].start == Approx(truth[i].first).margin(0.1));
    CHECK(vad.segments()[i].end == Approx(truth[i].second).margin(0.1));
  }
  CHECK_FALSE(vad.speaking());
  CHECK(vad.silenceSeconds() == Approx(1.0).margin(0.15));
}

TEST_CASE("WAV files round-trip and bad ones are named with the reason") {
  const fs::path dir = fs::temp_directory_path() / ("overum-wav-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  Pcm pcm{16000, {0, 1000, -1000, 32767, -32768}};
  writeWav(dir / "line.wav", pcm);
  std::string error;
  auto back = readWav(dir / "line.wav", error);
  REQUIRE(back);
  CHECK(back->sampleRate == 16000);
  CHECK(back->samples == pcm.samples);
  std::ofstream(dir / "broken.wav") << "not a wav";
  CHECK_FALSE(readWav(dir / "broken.wav", error));
  CHECK(error.find("broken.wav: not a WAV file") != std::string::npos);
  CHECK_FALSE(readWav(dir / "missing.wav", error));
  CHECK(error.find("missing.wav: cannot open") != std::string::npos);
  std::ifstream file(dir / "line.wav", std::ios::binary);
  CHECK(encodeWav(pcm) == std::vector<std::uint8_t>(std::istreambuf_iterator<char>(file), {}));
  fs::remove_all(dir);
}

TEST_CASE("a kept voice as Ogg Opus: a tenth of the bytes, the same length, the sound where it was") {
  // Two seconds at 16 kHz: silence, then a 220 Hz tone with a 3 kHz partial from 0.75 s.
  Pcm pcm{16000, std::vector<std::int16_t>(32000, 0)};
  for (std::size_t i = 12000; i < pcm.samples.size(); ++i) {
    const double t = double(i) / 16000.0;
    pcm.samples[i] = std::int16_t(8000.0 * std::sin(2 * M_PI * 220.0 * t) + 2000.0 * std::sin(2 * M_PI * 3000.0 * t));
  }
  const std::vector<std::uint8_t> opus = encodeOpus(pcm);
  REQUIRE(opus.size() > 4);
  CHECK(std::string(opus.begin(), opus.begin() + 4) == "OggS");
  CHECK(opus.size() * 8 < encodeWav(pcm).size());  // about 25 kbit/s against 256
  const auto back = decodeSound(opus);
  REQUIRE(back);
  CHECK(back->sampleRate == 16000);
  CHECK(std::abs(double(back->samples.size()) - 32000.0) <= 16000 * 0.02);
  // The tone begins where it began (within 2 ms), and the silence before it stays silent.
  std::size_t onset = 0;
  while (onset < back->samples.size() && std::abs(int(back->samples[onset])) < 2000) ++onset;
  CHECK(std::abs(double(onset) / 16000.0 - 0.75) < 0.002);
  int before = 0;
  for (std::size_t i = 0; i < 11000; ++i) before = std::max(before, std::abs(int(back->samples[i])));
  CHECK(before < 200);
  CHECK_FALSE(decodeSound(std::vector<std::uint8_t>{'n', 'o', 'p', 'e'}));
}

TEST_CASE("recorded lines in other formats and bit depths are read, mixed down to mono") {
  const fs::path dir = fs::temp_directory_path() / ("overum-wav-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  const std::vector<float> stereo{0.5f, 0.25f, -0.5f, -0.25f, 1.0f, 1.0f};  // L, R per frame
  for (const auto& [name, format] : {std::pair{"24-bit.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24},
                                     std::pair{"float.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT},
                                     std::pair{"line.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16}}) {
    INFO(name);
    SF_INFO info{0, 44100, 2, format, 0, 0};
    SNDFILE* file = sf_open((dir / name).c_str(), SFM_WRITE, &info);
    REQUIRE(file);
    sf_writef_float(file, stereo.data(), 3);
    sf_close(file);
    std::string error;
    const auto pcm = readWav(dir / name, error);
    INFO(error);
    REQUIRE(pcm);
    CHECK(pcm->sampleRate == 44100);
    REQUIRE(pcm->samples.size() == 3);
    CHECK(std::abs(pcm->samples[0] - 0.375 * 32768) <= 2);
    CHECK(std::abs(pcm->samples[1] + 0.375 * 32768) <= 2);
    CHECK(pcm->samples[2] >= 32766);
  }
  fs::remove_all(dir);
}

TEST_CASE("a Danish line's phoneme events come in time order, inside its audio") {
  std::vector<PhonemeEvent> phonemes;
  const Pcm pcm = tts().synthesize(kLipLine, {}, &phonemes);
  REQUIRE(phonemes.size() > 20);
  CHECK(std::is_sorted(phonemes.begin(), phonemes.end(),
                       [](const PhonemeEvent& a, const PhonemeEvent& b) { return a.time_s < b.time_s; }));
  CHECK(phonemes.front().time_s >= 0.0);
  CHECK(phonemes.back().time_s <= pcm.seconds() + 0.001);  // times are whole milliseconds
  CHECK(phonemes.front().phoneme == "m");
  const auto count = [&](const char* name) {
    return std::count_if(phonemes.begin(), phonemes.end(), [&](const PhonemeEvent& e) { return e.phoneme == name; });
  };
  CHECK(count("m") == 2);  // Mamma
  CHECK(count("p") == 3);  // Peter, spiser, på
  CHECK(count("b") == 2);  // Bo, æbler
}

TEST_CASE("the lips are shut over the near-silent closure of every p and b, and open after its release") {
  std::vector<PhonemeEvent> phonemes;
  const Pcm pcm = tts().synthesize(kLipLine, {}, &phonemes);
  const scene::VisemeTrack track(phonemes);
  const double quiet = 0.35 * rms(pcm, 0.0, pcm.seconds());
  constexpr double kBlock_s = 0.005;
  int plosives = 0;
  for (std::size_t i = 0; i + 1 < phonemes.size(); ++i) {
    const std::string& name = phonemes[i].phoneme;
    if (name != "p" && name != "b") continue;
    ++plosives;
    const double at = phonemes[i].time_s, next = phonemes[i + 1].time_s;
    INFO(name << " at " << at << " s, next sound at " << next << " s");
    // The closure: the quiet run of 5 ms blocks around the quietest one, from 60 ms before the event
    // (espeak-ng times a voiceless stop at its release) to the next sound.
    double quietest = at;
    for (double t = at - 0.06; t + kBlock_s <= next; t += kBlock_s)
      if (rms(pcm, t, t + kBlock_s) < rms(pcm, quietest, quietest + kBlock_s)) quietest = t;
    REQUIRE(rms(pcm, quietest, quietest + kBlock_s) < quiet);
    double from = quietest, to = quietest + kBlock_s;
    while (from - kBlock_s >= at - 0.06 && rms(pcm, from - kBlock_s, from) < quiet) from -= kBlock_s;
    while (to + kBlock_s <= next && rms(pcm, to, to + kBlock_s) < quiet) to += kBlock_s;
    const scene::MouthShape closure = track.mouthAt(0.5 * (from + to));
    INFO("closure " << from << " s to " << to << " s");
    CHECK(closure.closure > 0.9f);  // shut in the middle of the closure (tolerance: the 5 ms blocks)
    CHECK(closure.open < 0.1f);
    CHECK(track.mouthAt(next + 0.02).closure < 0.5f);  // and opening for the sound after the release
  }
  CHECK(plosives == 5);  // Peter, Bo, spiser, æbler, på
}

TEST_CASE("the speech cache keeps a line's phonemes, and a cache from before phonemes is filled in") {
  const fs::path dir = fs::temp_directory_path() / ("overum-phoneme-cache-" + std::to_string(std::random_device{}()));
  fs::remove_all(dir);
  // espeak-ng's timing varies by a millisecond from run to run; the sounds do not.
  const auto sameSounds = [](const std::vector<PhonemeEvent>& a, const std::vector<PhonemeEvent>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const PhonemeEvent& x, const PhonemeEvent& y) {
      return x.phoneme == y.phoneme && std::abs(x.time_s - y.time_s) < 0.005;
    });
  };
  std::vector<PhonemeEvent> fresh, cached, direct;
  tts().synthesize(kLipLine, {}, &direct);
  {
    SpeechCache cache(tts(), dir);
    cache.get(kLipLine, {}, &fresh);
    cache.get(kLipLine, {}, &cached);
    CHECK(cache.synthesisedCount() == 1);
  }
  CHECK(sameSounds(fresh, direct));
  CHECK(cached == fresh);
  for (const auto& file : fs::directory_iterator(dir))
    if (file.path().extension() == ".phonemes") fs::remove(file.path());
  SpeechCache older(tts(), dir);
  std::vector<PhonemeEvent> refilled;
  older.get(kLipLine, {}, &refilled);
  CHECK(older.synthesisedCount() == 1);
  CHECK(sameSounds(refilled, direct));
  fs::remove_all(dir);
}

TEST_CASE("phoneme reports can be switched off, for measuring what they cost") {
  std::string why;
  auto quiet = TextToSpeech::create(why, PhonemeReports::off);
  REQUIRE(quiet);
  std::vector<PhonemeEvent> phonemes{{1.0, "x"}};
  const Pcm pcm = quiet->synthesize(kLipLine, {}, &phonemes);
  CHECK(phonemes.empty());
  CHECK(pcm.seconds() > 1.0);
  std::vector<PhonemeEvent> again;
  tts().synthesize(kLipLine, {}, &again);  // the other instance switches espeak-ng back
  CHECK(again.size() > 20);
}
