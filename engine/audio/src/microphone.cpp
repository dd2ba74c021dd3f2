// SPDX-License-Identifier: GPL-3.0-or-later
// OpenAL capture: a ring of one second; read() drains what has arrived.
#include <overum/audio/microphone.h>

#include <overum/audio/pcm.h>
#include <overum/core/log.h>

#include <algorithm>
#include <cmath>

#include <AL/al.h>
#include <AL/alc.h>

namespace overum::audio {

std::unique_ptr<Microphone> Microphone::open(int sampleRate, std::string& whyNot) {
  ALCdevice* device = alcCaptureOpenDevice(nullptr, ALCuint(sampleRate), AL_FORMAT_MONO16, sampleRate);
  if (!device) {
    whyNot = "no microphone found; answers can still be given with the buttons";
    return nullptr;
  }
  std::unique_ptr<Microphone> mic(new Microphone);
  mic->device_ = device;
  mic->sampleRate_ = sampleRate;
  return mic;
}

std::unique_ptr<Microphone> Microphone::openFile(const std::filesystem::path& path, int sampleRate, const double& clock,
                                                 std::string& whyNot) {
  std::string error;
  const std::optional<Pcm> pcm = readWav(path, error);
  if (!pcm) {
    whyNot = "--microphone-file: " + error;
    return nullptr;
  }
  std::unique_ptr<Microphone> mic(new Microphone);
  mic->sampleRate_ = sampleRate;
  mic->clock_ = &clock;
  if (pcm->sampleRate == sampleRate || pcm->samples.empty()) {
    mic->file_ = pcm->samples;
  } else {  // linear interpolation: plenty for voice activity and the speech measures at 16 kHz
    const double step = double(pcm->sampleRate) / sampleRate;
    const std::size_t n = std::size_t(double(pcm->samples.size()) / step);
    mic->file_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double at = double(i) * step;
      const std::size_t k = std::min(std::size_t(at), pcm->samples.size() - 1);
      const double frac = at - double(k);
      const double next = k + 1 < pcm->samples.size() ? pcm->samples[k + 1] : pcm->samples[k];
      mic->file_[i] = std::int16_t(std::lround((1.0 - frac) * pcm->samples[k] + frac * next));
    }
  }
  log::info("audio", "the microphone hears {} ({} s) each time it opens", path.filename().string(),
            std::round(10.0 * double(mic->file_.size()) / sampleRate) / 10.0);
  return mic;
}

Microphone::~Microphone() {
  stop();
  if (device_) alcCaptureCloseDevice(static_cast<ALCdevice*>(device_));
}

void Microphone::start() {
  if (active_) return;
  if (clock_) {
    startedAt_ = *clock_;
    delivered_ = 0;
    active_ = true;
    return;
  }
  alcCaptureStart(static_cast<ALCdevice*>(device_));
  active_ = true;
  log::info("audio", "microphone on");
}

void Microphone::stop() {
  if (!active_) return;
  if (clock_) {
    active_ = false;
    return;
  }
  alcCaptureStop(static_cast<ALCdevice*>(device_));
  active_ = false;
  log::info("audio", "microphone off");
}

std::vector<std::int16_t> Microphone::read() {
  if (clock_) {
    if (!active_) return {};
    // Everything "spoken" between start() and the clock's now: the file, then silence.
    const double elapsed = std::max(0.0, *clock_ - startedAt_);
    const auto due = std::size_t(std::llround(elapsed * sampleRate_));
    if (due <= delivered_) return {};
    std::vector<std::int16_t> samples(due - delivered_, 0);
    if (delivered_ < file_.size()) {
      const std::size_t n = std::min(file_.size(), due) - delivered_;
      std::copy_n(file_.begin() + std::ptrdiff_t(delivered_), n, samples.begin());
    }
    delivered_ = due;
    return samples;
  }
  auto* device = static_cast<ALCdevice*>(device_);
  ALCint available = 0;
  alcGetIntegerv(device, ALC_CAPTURE_SAMPLES, 1, &available);
  std::vector<std::int16_t> samples(std::size_t(std::max(0, available)));
  if (available > 0) alcCaptureSamples(device, samples.data(), available);
  return samples;
}

}  // namespace overum::audio
