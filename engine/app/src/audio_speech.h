// Characters' lines as sound: a recorded file for the line ID when one exists, else Danish TTS in
// the character's voice (cached, except the citizen's own words), played from the speaker's mouth.
#pragma once
#include <overum/audio/audio_device.h>
#include <overum/audio/text_to_speech.h>
#include <overum/meeting/director.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

namespace overum::app {

struct SpokenCharacter {
  audio::SpeakerVoice voice;
  glm::vec3 mouth{0.0f};  // world position the line comes from
};

class AudioSpeech : public meeting::SpeechOutput {
 public:
  // device may be null (no audio output): lines then "play" silently for as long as they would last,
  // measured on `clock` (seconds). tts may be null too: then a line lasts as long as reading it takes.
  AudioSpeech(audio::AudioDevice* device, audio::TextToSpeech* tts, std::filesystem::path cacheDir,
              std::filesystem::path recordedDir, std::map<std::string, SpokenCharacter> characters,
              std::vector<std::string> personalTexts, const double& clock);

  // Synthesises the scenario's fixed lines (character id, text) into the speech cache on a background
  // thread, so that each starts at once when the meeting reaches it; lines quoting the citizen are
  // left out (they are never cached). speak() waits at most for the line being synthesised.
  void prepare(std::vector<std::pair<std::string, std::string>> lines);
  bool prepared() const { return prepared_; }  // the background synthesis has finished (or was not needed)
  std::size_t synthesisedCount() const;         // lines synthesised into the cache so far

  void speak(const meeting::Speaker& who, const std::string& lineId, const std::string& text) override;
  bool busy() const override;
  void stop() override;
  // How far into the current line the voice is (seconds); negative when silent.
  double secondsIntoLine() const;
  // How open the speaker's mouth should be now (0..1), from the line's loudness at the playback position.
  float mouthOpen() const;

 private:
  audio::Pcm lineAudio(const SpokenCharacter& character, const std::string& lineId, const std::string& text);
  bool personal(const std::string& text) const;

  audio::AudioDevice* device_;
  audio::TextToSpeech* tts_;
  std::optional<audio::SpeechCache> cache_;
  std::filesystem::path recordedDir_;
  std::map<std::string, SpokenCharacter> characters_;
  std::vector<std::string> personalTexts_;
  const double& clock_;
  std::unique_ptr<audio::Voice> voice_;
  std::vector<float> envelope_;  // RMS per 10 ms of the current line, normalised to its loudest
  double silentUntil_ = 0.0;
  double lineStart_ = -1.0;
  mutable std::mutex synthesis_;    // espeak-ng and the cache are used by one thread at a time
  std::atomic<bool> prepared_{true};
  std::jthread preparing_;          // last: stopped and joined before everything it uses goes
};

}  // namespace overum::app
