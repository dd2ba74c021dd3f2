// SPDX-License-Identifier: GPL-3.0-or-later
// Line audio selection and playback; see audio_speech.h.
#include "audio_speech.h"

#include "voice_lines.h"

#include <overum/core/check.h>
#include <overum/core/log.h>
#include <overum/core/utf8.h>
#include <overum/scenario/meeting_vocabulary.h>

#include <algorithm>
#include <cmath>

namespace overum::app {
namespace {

// RMS per `window` samples, normalised to the loudest.
std::vector<float> envelopeOf(const audio::Pcm& pcm, std::size_t window) {
  std::vector<float> envelope;
  float loudest = 1e-6f;
  for (std::size_t at = 0; at < pcm.samples.size(); at += window) {
    double sum = 0.0;
    const std::size_t end = std::min(pcm.samples.size(), at + window);
    for (std::size_t i = at; i < end; ++i) sum += double(pcm.samples[i]) * double(pcm.samples[i]);
    envelope.push_back(float(std::sqrt(sum / double(end - at))));
    loudest = std::max(loudest, envelope.back());
  }
  for (float& e : envelope) e /= loudest;
  return envelope;
}

}  // namespace

scene::VisemeTrack visemesFromSound(const audio::Pcm& pcm) {
  // 20 ms steps. The thresholds come from espeak-ng's Danish voices, measured per phoneme: vowels
  // reach 0.4-0.6 of the loudest step, consonants 0.1-0.3; zero crossings (a cheap dominant frequency)
  // run about 600/s for u, 900 for o, 1050 for a, 1300-1500 for e and i, over 3000 for s and t.
  using scene::Viseme;
  constexpr double kStep_s = 0.02;
  const auto window = std::size_t(std::max(1.0, kStep_s * pcm.sampleRate));
  const std::vector<float> loudness = envelopeOf(pcm, window);
  std::vector<Viseme> visemes;
  for (std::size_t step = 0; step < loudness.size(); ++step) {
    const std::size_t from = step * window, to = std::min(pcm.samples.size(), from + window);
    int crossings = 0;
    for (std::size_t i = from + 1; i < to; ++i) crossings += (pcm.samples[i] >= 0) != (pcm.samples[i - 1] >= 0);
    const double perSecond = 0.5 * crossings * pcm.sampleRate / double(to - from);
    const float loud = loudness[step];
    visemes.push_back(loud < 0.08f       ? Viseme::silence
                      : perSecond > 3000 ? Viseme::SS
                      : loud < 0.3f      ? Viseme::nn
                      : perSecond < 800  ? Viseme::U
                      : perSecond < 1000 ? Viseme::O
                      : perSecond < 1250 ? Viseme::aa
                                         : Viseme::E);
  }
  std::vector<scene::VisemeKey> keys;
  for (std::size_t step = 0; step < visemes.size(); ++step) {
    // One step unlike both neighbours is a flicker, not a sound: it keeps the one before.
    const bool flicker = step > 0 && step + 1 < visemes.size() && visemes[step - 1] != visemes[step] &&
                         visemes[step + 1] != visemes[step];
    keys.push_back({double(step) * kStep_s, flicker ? visemes[step - 1] : visemes[step]});
  }
  return scene::VisemeTrack(keys);
}

AudioSpeech::AudioSpeech(audio::AudioDevice* device, audio::TextToSpeech* tts, std::filesystem::path cacheDir,
                         std::vector<std::filesystem::path> recordedDirs,
                         std::map<std::string, SpokenCharacter> characters, std::vector<std::string> personalTexts,
                         const double& clock)
    : device_(device),
      tts_(tts),
      recordedDirs_(std::move(recordedDirs)),
      characters_(std::move(characters)),
      personalTexts_(std::move(personalTexts)),
      clock_(clock) {
  if (tts_) cache_.emplace(*tts_, std::move(cacheDir));
  if (device_) voice_ = device_->createVoice();
  worker_ = std::jthread([this](std::stop_token stop) { work(stop); });
}

// The worker: the line to be spoken first, then the lines prepared for later, one at a time.
void AudioSpeech::work(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  // wait() also returns at a stop request, with work left or not: a meeting that ends goes at once.
  while (changed_.wait(lock, stop, [&] { return spoken_ || !toPrepare_.empty(); }) && !stop.stop_requested()) {
    if (spoken_) {
      Job job = std::move(*spoken_);
      spoken_.reset();
      lock.unlock();
      std::vector<PhonemeEvent> phonemes;
      audio::Pcm pcm = lineAudio(job.character, job.lineId, job.text, phonemes);
      scene::VisemeTrack visemes = phonemes.empty() ? visemesFromSound(pcm) : scene::VisemeTrack(phonemes);
      lock.lock();
      ready_ = Ready{job.id, std::move(job.character), std::move(job.text), std::move(pcm), std::move(visemes)};
      changed_.notify_all();
      continue;
    }
    const Job job = std::move(toPrepare_.front());
    toPrepare_.pop_front();
    lock.unlock();
    bool failed = false;
    try {
      cache_->get(job.text, job.character.voice);
    } catch (const std::exception& e) {
      log::warn("audio", "{}", e.what());
      failed = true;  // the same problem would repeat for every line; they are synthesised when spoken
    }
    lock.lock();
    if (failed) toPrepare_.clear();
    if (toPrepare_.empty()) prepared_ = true;
  }
}

audio::Pcm AudioSpeech::lineAudio(const SpokenCharacter& character, const std::string& lineId, const std::string& text,
                                  std::vector<PhonemeEvent>& phonemes) {
  if (const auto recorded = lineId.empty() ? std::filesystem::path() : recordingOf(lineId, recordedDirs_);
      !recorded.empty()) {
    std::string error;
    if (auto pcm = audio::readWav(recorded, error)) return *pcm;
    log::warn("audio", "{}; using the synthetic voice instead", error);
  }
  if (!tts_) return {};
  // A line longer than the scenario checks allow (one quoting several statement parts) is cut for the
  // voice at a word, so that the worker is never busy for seconds; the caption still shows it all.
  std::string_view spoken = text;
  if (const std::size_t limit = 2 * scenario::kMaxSpokenCharacters; utf8Length(spoken) > limit) {
    const std::size_t cut = utf8Offset(spoken, limit);  // the first byte of character number `limit`
    const std::size_t space = spoken.rfind(' ', cut);
    spoken = spoken.substr(0, space != std::string_view::npos && space > 0 ? space : cut);
    log::warn("audio", "a line of {} characters is spoken only up to character {}", utf8Length(text),
              utf8Length(spoken));
  }
  // A line that quotes the citizen's statement or name is synthesised fresh and never cached:
  // the cache is not encrypted.
  try {
    return personal(text) ? tts_->synthesize(spoken, character.voice, &phonemes)
                          : cache_->get(spoken, character.voice, &phonemes);
  } catch (const std::exception& e) {  // on the worker: anything escaping would end the program
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
  const std::lock_guard lock(mutex_);
  for (auto& [who, text] : lines) {
    const auto found = characters_.find(who);
    if (found == characters_.end() || personal(text)) continue;
    toPrepare_.push_back({0, found->second, {}, std::move(text)});
  }
  prepared_ = toPrepare_.empty();
  changed_.notify_all();
}

std::size_t AudioSpeech::synthesisedCount() const { return cache_ ? cache_->synthesisedCount() : 0; }

void AudioSpeech::speak(const meeting::Speaker& who, const std::string& lineId, const std::string& text) {
  const auto found = characters_.find(who.id);
  stop();
  waitingFor_ = ++lastId_;
  const std::lock_guard lock(mutex_);
  spoken_ = Job{waitingFor_, found != characters_.end() ? found->second : SpokenCharacter{}, lineId, text};
  changed_.notify_all();
}

void AudioSpeech::update(bool wait) {
  if (!waitingFor_) return;
  std::unique_lock lock(mutex_);
  if (wait) changed_.wait(lock, [&] { return ready_ && ready_->id == waitingFor_; });
  if (!ready_ || ready_->id != waitingFor_) return;
  Ready line = std::move(*ready_);
  ready_.reset();
  lock.unlock();
  waitingFor_ = 0;
  play(line);
}

void AudioSpeech::play(Ready& line) {
  const audio::Pcm& pcm = line.pcm;
  lineStart_ = clock_;
  envelope_ = envelopeOf(pcm, std::size_t(std::max(1, pcm.sampleRate / 100)));
  visemes_ = std::move(line.visemes);
  // Without a voice the line still takes the time it would take to say (about 14 characters a second).
  const double seconds = pcm.samples.empty() ? 0.6 + double(line.text.size()) / 14.0 : pcm.seconds();
  silentUntil_ = clock_ + seconds;
  if (device_ && voice_ && !pcm.samples.empty()) {
    voice_->setPosition(line.character.mouth);
    voice_->play(device_->upload(pcm));
    silentUntil_ = 0.0;
  }
}

bool AudioSpeech::busy() const {
  if (waitingFor_) return true;
  if (voice_ && voice_->playing()) return true;
  return clock_ < silentUntil_;
}

void AudioSpeech::stop() {
  if (waitingFor_) {
    waitingFor_ = 0;
    const std::lock_guard lock(mutex_);
    spoken_.reset();  // no longer wanted; a line being synthesised now is dropped when ready
  }
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

std::optional<scene::MouthShape> AudioSpeech::visemeMouth() const {
  const double at = secondsIntoLine();
  if (at < 0.0 || visemes_.empty()) return std::nullopt;
  return visemes_.mouthAt(at);
}

double AudioSpeech::secondsIntoLine() const {
  if (waitingFor_) return -1.0;
  if (voice_ && voice_->playing()) return voice_->secondsPlayed();
  return busy() ? clock_ - lineStart_ : -1.0;
}

}  // namespace overum::app
