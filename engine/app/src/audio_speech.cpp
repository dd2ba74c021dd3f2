// Line audio selection and playback; see audio_speech.h.
#include "audio_speech.h"

#include <overum/core/check.h>
#include <overum/core/log.h>

#include <algorithm>
#include <cmath>

namespace overum::app {

AudioSpeech::AudioSpeech(audio::AudioDevice* device, audio::TextToSpeech* tts, std::filesystem::path cacheDir,
                         std::filesystem::path recordedDir, std::map<std::string, SpokenCharacter> characters,
                         std::vector<std::string> personalTexts, const double& clock)
    : device_(device), tts_(tts), recordedDir_(std::move(recordedDir)), characters_(std::move(characters)),
      personalTexts_(std::move(personalTexts)), clock_(clock) {
  if (tts_) cache_.emplace(*tts_, std::move(cacheDir));
  if (device_) voice_ = device_->createVoice();
}

audio::Pcm AudioSpeech::lineAudio(const SpokenCharacter& character, const std::string& lineId, const std::string& text) {
  if (!lineId.empty()) {
    const auto recorded = recordedDir_ / (lineId + ".wav");
    std::string error;
    if (std::filesystem::exists(recorded)) {
      if (auto pcm = audio::readWav(recorded, error)) return *pcm;
      log::warn("audio", "{}; using the synthetic voice instead", error);
    }
  }
  if (!tts_) return {};
  // A line that quotes the citizen's statement or name is synthesised fresh and never cached:
  // the cache is not encrypted.
  const std::lock_guard lock(synthesis_);
  try {
    return personal(text) ? tts_->synthesize(text, character.voice) : cache_->get(text, character.voice);
  } catch (const Error& e) {
    log::warn("audio", "{}", e.what());
    return {};
  }
}

bool AudioSpeech::personal(const std::string& text) const {
  return std::any_of(personalTexts_.begin(), personalTexts_.end(),
                     [&](const std::string& p) { return text.find(p) != std::string::npos; });
}

void AudioSpeech::prepare(std::vector<std::pair<std::string, std::string>> lines) {
  if (!tts_) return;
  std::erase_if(lines, [&](const auto& line) { return personal(line.second) || !characters_.contains(line.first); });
  prepared_ = false;
  preparing_ = std::jthread([this, lines = std::move(lines)](std::stop_token stop) {
    for (const auto& [who, text] : lines) {
      if (stop.stop_requested()) break;
      const std::lock_guard lock(synthesis_);
      try {
        cache_->get(text, characters_.at(who).voice);
      } catch (const Error& e) {
        log::warn("audio", "{}", e.what());
        break;  // the same problem would repeat for every line; they are synthesised when spoken
      }
    }
    prepared_ = true;
  });
}

std::size_t AudioSpeech::synthesisedCount() const {
  const std::lock_guard lock(synthesis_);
  return cache_ ? cache_->synthesisedCount() : 0;
}

void AudioSpeech::speak(const meeting::Speaker& who, const std::string& lineId, const std::string& text) {
  const auto found = characters_.find(who.id);
  const SpokenCharacter character = found != characters_.end() ? found->second : SpokenCharacter{};
  const audio::Pcm pcm = lineAudio(character, lineId, text);
  lineStart_ = clock_;
  envelope_.clear();
  const std::size_t window = std::size_t(std::max(1, pcm.sampleRate / 100));
  float loudest = 1e-6f;
  for (std::size_t at = 0; at < pcm.samples.size(); at += window) {
    double sum = 0.0;
    const std::size_t end = std::min(pcm.samples.size(), at + window);
    for (std::size_t i = at; i < end; ++i) sum += double(pcm.samples[i]) * double(pcm.samples[i]);
    envelope_.push_back(float(std::sqrt(sum / double(end - at))));
    loudest = std::max(loudest, envelope_.back());
  }
  for (float& e : envelope_) e /= loudest;
  // Without a voice the line still takes the time it would take to say (about 14 characters a second).
  const double seconds = pcm.samples.empty() ? 0.6 + double(text.size()) / 14.0 : pcm.seconds();
  silentUntil_ = clock_ + seconds;
  if (device_ && voice_ && !pcm.samples.empty()) {
    voice_->stop();
    voice_->setPosition(character.mouth);
    voice_->play(device_->upload(pcm));
    silentUntil_ = 0.0;
  }
}

bool AudioSpeech::busy() const {
  if (voice_ && voice_->playing()) return true;
  return clock_ < silentUntil_;
}

void AudioSpeech::stop() {
  if (voice_) voice_->stop();
  silentUntil_ = 0.0;
  lineStart_ = -1.0;
}

float AudioSpeech::mouthOpen() const {
  const double at = secondsIntoLine();
  if (at < 0.0) return 0.0f;
  if (envelope_.empty())  // a silent line (no voice available): a gentle talking rhythm
    return 0.35f + 0.35f * float(std::sin(at * 2.0 * 3.14159265 * 3.5));
  const std::size_t i = std::size_t(at * 100.0);
  return i < envelope_.size() ? std::min(1.0f, envelope_[i] * 1.4f) : 0.0f;
}

double AudioSpeech::secondsIntoLine() const {
  if (voice_ && voice_->playing()) return voice_->secondsPlayed();
  return busy() ? clock_ - lineStart_ : -1.0;
}

}  // namespace overum::app
