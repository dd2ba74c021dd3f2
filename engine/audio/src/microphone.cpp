// SPDX-License-Identifier: GPL-3.0-or-later
// OpenAL capture: a ring of one second; read() drains what has arrived.
#include <overum/audio/microphone.h>

#include <overum/core/log.h>

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

Microphone::~Microphone() {
  stop();
  if (device_) alcCaptureCloseDevice(static_cast<ALCdevice*>(device_));
}

void Microphone::start() {
  if (active_) return;
  alcCaptureStart(static_cast<ALCdevice*>(device_));
  active_ = true;
  log::info("audio", "microphone on");
}

void Microphone::stop() {
  if (!active_) return;
  alcCaptureStop(static_cast<ALCdevice*>(device_));
  active_ = false;
  log::info("audio", "microphone off");
}

std::vector<std::int16_t> Microphone::read() {
  auto* device = static_cast<ALCdevice*>(device_);
  ALCint available = 0;
  alcGetIntegerv(device, ALC_CAPTURE_SAMPLES, 1, &available);
  std::vector<std::int16_t> samples(std::size_t(std::max(0, available)));
  if (available > 0) alcCaptureSamples(device, samples.data(), available);
  return samples;
}

}  // namespace overum::audio
