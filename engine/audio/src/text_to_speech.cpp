// SPDX-License-Identifier: GPL-3.0-or-later
// espeak-ng in synchronous mode: PCM and phoneme events arrive through the synth callback into the
// caller's buffers.
#include <overum/audio/text_to_speech.h>

#include <overum/core/check.h>

#include <cstdio>
#include <cstring>
#include <espeak-ng/speak_lib.h>
#include <fstream>
#include <mutex>
#include <optional>

namespace overum::audio {
namespace {

std::mutex espeakMutex;  // espeak-ng keeps global state
int espeakSampleRate = 0;
std::optional<PhonemeReports> espeakReports;  // how espeak-ng was last initialised

struct Collected {
  std::vector<std::int16_t>& samples;
  std::vector<PhonemeEvent>* phonemes;
};

int collect(short* samples, int count, espeak_EVENT* events) {
  auto* out = static_cast<Collected*>(events->user_data);
  if (samples && count > 0) out->samples.insert(out->samples.end(), samples, samples + count);
  for (const espeak_EVENT* e = events; out->phonemes && e->type != espeakEVENT_LIST_TERMINATED; ++e)
    if (e->type == espeakEVENT_PHONEME)  // the name fills all 8 bytes without a terminating zero
      out->phonemes->push_back({e->audio_position / 1000.0, std::string(e->id.string, strnlen(e->id.string, 8))});
  return 0;
}

// Called with espeakMutex held. Initialising again only switches the phoneme reports (measurements).
bool initialise(PhonemeReports reports) {
  if (espeakReports == reports) return true;
  const int options = reports == PhonemeReports::on ? espeakINITIALIZE_PHONEME_EVENTS : 0;
  espeakSampleRate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, options);
  if (espeakSampleRate <= 0) return false;
  espeak_SetSynthCallback(collect);
  espeakReports = reports;
  return true;
}

std::vector<PhonemeEvent> readPhonemes(const std::filesystem::path& path) {
  std::vector<PhonemeEvent> phonemes;
  std::ifstream in(path);
  PhonemeEvent e;
  while (in >> e.time_s && std::getline(in >> std::ws, e.phoneme)) phonemes.push_back(e);
  return phonemes;
}

void writePhonemes(const std::filesystem::path& path, const std::vector<PhonemeEvent>& phonemes) {
  std::ofstream out(path);
  for (const PhonemeEvent& e : phonemes) out << e.time_s << ' ' << e.phoneme << '\n';
}

// FNV-1a names cache files; with 64 bits a collision among a few thousand lines is negligible.
std::string cacheName(std::string_view key) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
  char name[32];
  std::snprintf(name, sizeof name, "%016llx.wav", static_cast<unsigned long long>(h));
  return name;
}

}  // namespace

std::unique_ptr<TextToSpeech> TextToSpeech::create(std::string& whyNot, PhonemeReports reports) {
  std::lock_guard lock(espeakMutex);
  if (!initialise(reports)) {
    whyNot = "espeak-ng could not start; install espeak-ng-data";
    return nullptr;
  }
  if (espeak_SetVoiceByName("da") != EE_OK) {
    whyNot = "espeak-ng has no Danish voice; install espeak-ng-data";
    return nullptr;
  }
  return std::unique_ptr<TextToSpeech>(new TextToSpeech(reports));
}

TextToSpeech::~TextToSpeech() = default;

Pcm TextToSpeech::synthesize(std::string_view utf8Text, const SpeakerVoice& voice,
                             std::vector<PhonemeEvent>* phonemes) {
  std::lock_guard lock(espeakMutex);
  OVERUM_CHECK(initialise(reports_), "espeak-ng could not start again");
  const std::string name = voice.language + (voice.variant.empty() ? "" : "+" + voice.variant);
  OVERUM_CHECK(espeak_SetVoiceByName(name.c_str()) == EE_OK, "espeak-ng has no voice '{}'", name);
  espeak_SetParameter(espeakRATE, voice.rate, 0);
  espeak_SetParameter(espeakPITCH, voice.pitch, 0);
  espeak_SetParameter(espeakRANGE, voice.range, 0);
  Pcm pcm;
  pcm.sampleRate = espeakSampleRate;
  const std::string text(utf8Text);
  if (phonemes) phonemes->clear();
  Collected collected{pcm.samples, phonemes};
  const espeak_ERROR rc =
      espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &collected);
  OVERUM_CHECK(rc == EE_OK, "espeak-ng could not speak the line (error {})", int(rc));
  espeak_Synchronize();
  return pcm;
}

SpeechCache::SpeechCache(TextToSpeech& tts, std::filesystem::path directory)
    : tts_(tts), directory_(std::move(directory)) {}

Pcm SpeechCache::get(std::string_view utf8Text, const SpeakerVoice& voice, std::vector<PhonemeEvent>* phonemes) {
  const std::string key =
      format("{}|{}|{}|{}|{}|{}", voice.language, voice.variant, voice.pitch, voice.range, voice.rate, utf8Text);
  const auto path = directory_ / cacheName(key);
  auto phonemePath = path;
  phonemePath.replace_extension(".phonemes");
  std::string ignored;
  std::error_code ec;
  // A cache written before phonemes were kept has no .phonemes file: such a line is synthesised again.
  if (!phonemes || std::filesystem::exists(phonemePath, ec))
    if (auto cached = readWav(path, ignored)) {
      if (phonemes) *phonemes = readPhonemes(phonemePath);
      return *cached;
    }
  std::vector<PhonemeEvent> reported;
  Pcm pcm = tts_.synthesize(utf8Text, voice, &reported);
  ++synthesised_;
  std::filesystem::create_directories(directory_, ec);
  try {
    writeWav(path, pcm);
    writePhonemes(phonemePath, reported);
  } catch (const Error&) {
    // A read-only cache only costs speed: the line is synthesised again next time.
  }
  if (phonemes) *phonemes = std::move(reported);
  return pcm;
}

}  // namespace overum::audio
