// SPDX-License-Identifier: GPL-3.0-or-later
// espeak-ng in synchronous mode: PCM arrives through the synth callback into the caller's buffer.
#include <overum/audio/text_to_speech.h>

#include <overum/core/check.h>

#include <cstdio>
#include <espeak-ng/speak_lib.h>
#include <mutex>

namespace overum::audio {
namespace {

std::mutex espeakMutex;  // espeak-ng keeps global state
int espeakSampleRate = 0;

int collect(short* samples, int count, espeak_EVENT* events) {
  auto* out = static_cast<std::vector<std::int16_t>*>(events->user_data);
  if (samples && count > 0) out->insert(out->end(), samples, samples + count);
  return 0;
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

std::unique_ptr<TextToSpeech> TextToSpeech::create(std::string& whyNot) {
  std::lock_guard lock(espeakMutex);
  if (espeakSampleRate <= 0) {
    espeakSampleRate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, 0);
    if (espeakSampleRate <= 0) {
      whyNot = "espeak-ng could not start; install espeak-ng-data";
      return nullptr;
    }
    espeak_SetSynthCallback(collect);
  }
  if (espeak_SetVoiceByName("da") != EE_OK) {
    whyNot = "espeak-ng has no Danish voice; install espeak-ng-data";
    return nullptr;
  }
  return std::unique_ptr<TextToSpeech>(new TextToSpeech);
}

TextToSpeech::~TextToSpeech() = default;

Pcm TextToSpeech::synthesize(std::string_view utf8Text, const SpeakerVoice& voice) {
  std::lock_guard lock(espeakMutex);
  const std::string name = voice.language + (voice.variant.empty() ? "" : "+" + voice.variant);
  OVERUM_CHECK(espeak_SetVoiceByName(name.c_str()) == EE_OK, "espeak-ng has no voice '{}'", name);
  espeak_SetParameter(espeakRATE, voice.rate, 0);
  espeak_SetParameter(espeakPITCH, voice.pitch, 0);
  espeak_SetParameter(espeakRANGE, voice.range, 0);
  Pcm pcm;
  pcm.sampleRate = espeakSampleRate;
  const std::string text(utf8Text);
  const espeak_ERROR rc = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr,
                                       &pcm.samples);
  OVERUM_CHECK(rc == EE_OK, "espeak-ng could not speak the line (error {})", int(rc));
  espeak_Synchronize();
  return pcm;
}

SpeechCache::SpeechCache(TextToSpeech& tts, std::filesystem::path directory)
    : tts_(tts), directory_(std::move(directory)) {}

Pcm SpeechCache::get(std::string_view utf8Text, const SpeakerVoice& voice) {
  const std::string key = format("{}|{}|{}|{}|{}|{}", voice.language, voice.variant, voice.pitch, voice.range,
                                 voice.rate, utf8Text);
  const auto path = directory_ / cacheName(key);
  std::string ignored;
  if (auto cached = readWav(path, ignored)) return *cached;
  Pcm pcm = tts_.synthesize(utf8Text, voice);
  ++synthesised_;
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);
  try {
    writeWav(path, pcm);
  } catch (const Error&) {
    // A read-only cache only costs speed: the line is synthesised again next time.
  }
  return pcm;
}

}  // namespace overum::audio
