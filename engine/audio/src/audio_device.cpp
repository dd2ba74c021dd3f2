// SPDX-License-Identifier: GPL-3.0-or-later
// OpenAL Soft 1.19: ALC_SOFT_loopback for rendering into memory, ALC_SOFT_HRTF for binaural output.
#include <overum/audio/audio_device.h>

#include <overum/core/check.h>
#include <overum/core/log.h>

#include <AL/al.h>
#include <AL/alc.h>
#include <AL/alext.h>

namespace overum::audio {

struct AudioDevice::Impl {
  ALCdevice* device = nullptr;
  ALCcontext* context = nullptr;
  bool loopback = false;
  int sampleRate = 48000;
  LPALCRENDERSAMPLESSOFT renderSamples = nullptr;

  ~Impl() {
    alcMakeContextCurrent(nullptr);
    if (context) alcDestroyContext(context);
    if (device) alcCloseDevice(device);
  }
};

std::unique_ptr<AudioDevice> AudioDevice::open(const AudioConfig& config, std::string& whyNot) {
  std::unique_ptr<AudioDevice> self(new AudioDevice);
  self->impl_ = std::make_unique<Impl>();
  Impl& d = *self->impl_;
  d.loopback = config.loopback;
  d.sampleRate = config.sampleRate;
  std::vector<ALCint> attributes;
  if (config.loopback) {
    if (!alcIsExtensionPresent(nullptr, "ALC_SOFT_loopback")) {
      whyNot = "OpenAL Soft has no loopback support; install libopenal1 (OpenAL Soft 1.19 or newer)";
      return nullptr;
    }
    auto openLoopback =
        reinterpret_cast<LPALCLOOPBACKOPENDEVICESOFT>(alcGetProcAddress(nullptr, "alcLoopbackOpenDeviceSOFT"));
    d.renderSamples = reinterpret_cast<LPALCRENDERSAMPLESSOFT>(alcGetProcAddress(nullptr, "alcRenderSamplesSOFT"));
    d.device = openLoopback ? openLoopback(nullptr) : nullptr;
    attributes = {ALC_FORMAT_CHANNELS_SOFT, ALC_STEREO_SOFT, ALC_FORMAT_TYPE_SOFT,
                  ALC_FLOAT_SOFT,           ALC_FREQUENCY,   config.sampleRate};
  } else {
    d.device = alcOpenDevice(nullptr);
  }
  if (!d.device) {
    whyNot = "no sound output device could be opened (check that a sound card or PulseAudio/PipeWire is available)";
    return nullptr;
  }
  if (alcIsExtensionPresent(d.device, "ALC_SOFT_HRTF"))
    attributes.insert(attributes.end(), {ALC_HRTF_SOFT, config.hrtf ? ALC_TRUE : ALC_FALSE});
  attributes.push_back(0);
  d.context = alcCreateContext(d.device, attributes.data());
  if (!d.context || !alcMakeContextCurrent(d.context)) {
    whyNot = "the sound device refused the mixing format (48 kHz stereo)";
    return nullptr;
  }
  alDistanceModel(AL_INVERSE_DISTANCE_CLAMPED);
  log::info("audio", "{} device open, HRTF {}", d.loopback ? "loopback" : "output", self->hrtfEnabled() ? "on" : "off");
  return self;
}

AudioDevice::~AudioDevice() = default;

bool AudioDevice::hrtfEnabled() const {
  ALCint status = ALC_FALSE;
  if (alcIsExtensionPresent(impl_->device, "ALC_SOFT_HRTF")) alcGetIntegerv(impl_->device, ALC_HRTF_SOFT, 1, &status);
  return status == ALC_TRUE;
}

bool AudioDevice::isLoopback() const { return impl_->loopback; }

void AudioDevice::setListener(const Pose& T_world_head) {
  const glm::vec3 forward = T_world_head.orientation * glm::vec3(0, 0, -1);
  const glm::vec3 up = T_world_head.orientation * glm::vec3(0, 1, 0);
  const ALfloat orientation[6] = {forward.x, forward.y, forward.z, up.x, up.y, up.z};
  alListener3f(AL_POSITION, T_world_head.position.x, T_world_head.position.y, T_world_head.position.z);
  alListenerfv(AL_ORIENTATION, orientation);
}

void AudioDevice::setMasterGain(float gain) { alListenerf(AL_GAIN, gain); }

std::shared_ptr<Sound> AudioDevice::upload(const Pcm& pcm) {
  auto sound = std::shared_ptr<Sound>(new Sound);
  alGenBuffers(1, &sound->buffer_);
  alBufferData(sound->buffer_, AL_FORMAT_MONO16, pcm.samples.data(), ALsizei(pcm.samples.size() * 2), pcm.sampleRate);
  OVERUM_CHECK(alGetError() == AL_NO_ERROR, "OpenAL could not take a {} s clip", pcm.seconds());
  sound->seconds_ = pcm.seconds();
  return sound;
}

std::unique_ptr<Voice> AudioDevice::createVoice() {
  auto voice = std::unique_ptr<Voice>(new Voice);
  alGenSources(1, &voice->source_);
  alSourcef(voice->source_, AL_REFERENCE_DISTANCE, 1.0f);
  return voice;
}

Frames AudioDevice::render(int frameCount) {
  OVERUM_CHECK(impl_->loopback, "render() needs a loopback device");
  Frames frames;
  frames.sampleRate = impl_->sampleRate;
  frames.samples.resize(std::size_t(frameCount) * 2);
  impl_->renderSamples(impl_->device, frames.samples.data(), frameCount);
  return frames;
}

Sound::~Sound() {
  if (buffer_) alDeleteBuffers(1, &buffer_);
}

Voice::~Voice() {
  if (source_) {
    alSourceStop(source_);
    alDeleteSources(1, &source_);
  }
}

void Voice::setPosition(const glm::vec3& world) { alSource3f(source_, AL_POSITION, world.x, world.y, world.z); }
void Voice::setGain(float gain) { alSourcef(source_, AL_GAIN, gain); }

void Voice::play(const std::shared_ptr<Sound>& sound) {
  alSourceStop(source_);
  alSourcei(source_, AL_BUFFER, ALint(sound->buffer_));
  sound_ = sound;
  alSourcePlay(source_);
}

void Voice::stop() {
  alSourceStop(source_);
  alSourcei(source_, AL_BUFFER, 0);
  sound_.reset();
}

bool Voice::playing() const {
  ALint state = AL_STOPPED;
  alGetSourcei(source_, AL_SOURCE_STATE, &state);
  return state == AL_PLAYING;
}

double Voice::secondsPlayed() const {
  ALfloat seconds = 0.0f;
  alGetSourcef(source_, AL_SEC_OFFSET, &seconds);
  return seconds;
}

}  // namespace overum::audio
