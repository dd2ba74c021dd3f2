// SPDX-License-Identifier: GPL-3.0-or-later
// Characters' lines as sound: a recorded file for the line ID when one exists, else Danish TTS in
// the character's voice (cached, except the citizen's own words), played from the speaker's mouth.
// Everything that may take longer than a frame (synthesis, reading files) runs on one worker thread.
// The speaker's lips follow the line's visemes: a synthesised line's phonemes, a recording's sound.
#pragma once
#include <overum/audio/audio_device.h>
#include <overum/audio/text_to_speech.h>
#include <overum/meeting/director.h>
#include <overum/scene/visemes.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace overum::app {

struct SpokenCharacter {
  audio::SpeakerVoice voice;
  glm::vec3 mouth{0.0f};  // world position the line comes from
};

// A recorded voice has no phonemes: its visemes are guessed from the sound. Quiet: lips at rest; a
// hiss (s, t): teeth together; a vowel opens by its loudness, rounded where its dominant frequency is
// low (o, u), spread where it is high (e, i).
scene::VisemeTrack visemesFromSound(const audio::Pcm& pcm);

class AudioSpeech : public meeting::SpeechOutput {
 public:
  // device may be null (no audio output): lines then "play" silently for as long as they would last,
  // measured on `clock` (seconds). tts may be null too: then a line lasts as long as reading it takes.
  // recordedDirs: where recorded lines (<line id>.wav) are looked for, the first that has one wins.
  AudioSpeech(audio::AudioDevice* device, audio::TextToSpeech* tts, std::filesystem::path cacheDir,
              std::vector<std::filesystem::path> recordedDirs, std::map<std::string, SpokenCharacter> characters,
              std::vector<std::string> personalTexts, const double& clock);

  // Synthesises the scenario's fixed lines (character id, text) into the speech cache on the worker
  // thread, so that each starts at once when the meeting reaches it; lines quoting the citizen are
  // left out (they are never cached). A line asked for by speak() goes ahead of these.
  void prepare(std::vector<std::pair<std::string, std::string>> lines);
  bool prepared() const { return prepared_; }  // the background synthesis has finished (or was not needed)
  std::size_t synthesisedCount() const;        // lines synthesised into the cache so far

  // Hands the line to the worker thread and returns at once: synthesis takes longer than a frame (a
  // line quoting a statement part, hundreds of ms), and the frame loop must never wait for it.
  void speak(const meeting::Speaker& who, const std::string& lineId, const std::string& text) override;
  // Starts the line asked for once its audio is ready; call every frame, after the director's update.
  // `wait` blocks until it is ready: for fixed-step headless runs, whose sound and pictures must not
  // depend on how busy the machine is. Nobody watches those frames, so nothing freezes.
  void update(bool wait = false);
  bool busy() const override;  // also while the line is still being synthesised
  void stop() override;
  // How far into the current line the voice is (seconds); negative when silent.
  double secondsIntoLine() const;
  // How open the speaker's mouth should be now (0..1), from the line's loudness at the playback position.
  float mouthOpen() const;
  // The speaker's mouth now from the line's visemes (its phonemes', or for a recorded voice guessed
  // from its sound); empty when silent, or for a line without a voice, whose mouth follows mouthOpen().
  std::optional<scene::MouthShape> visemeMouth() const;

 private:
  struct Job {  // a line for the worker: spoken now (id > 0) or prepared for later (id 0)
    std::uint64_t id = 0;
    SpokenCharacter character;
    std::string lineId, text;
  };
  struct Ready {
    std::uint64_t id = 0;
    SpokenCharacter character;
    std::string text;
    audio::Pcm pcm;
    scene::VisemeTrack visemes;  // made on the worker: guessing them from a long recording takes a while
  };
  void work(std::stop_token stop);
  void play(Ready& line);
  audio::Pcm lineAudio(const SpokenCharacter& character, const std::string& lineId, const std::string& text,
                       std::vector<PhonemeEvent>& phonemes);
  bool personal(const std::string& text) const;

  audio::AudioDevice* device_;
  audio::TextToSpeech* tts_;
  std::optional<audio::SpeechCache> cache_;  // the worker's alone
  std::vector<std::filesystem::path> recordedDirs_;
  const std::map<std::string, SpokenCharacter> characters_;
  const std::vector<std::string> personalTexts_;
  const double& clock_;
  std::unique_ptr<audio::Voice> voice_;
  std::vector<float> envelope_;  // RMS per 10 ms of the current line, normalised to its loudest
  scene::VisemeTrack visemes_;   // the current line's
  double silentUntil_ = 0.0;
  double lineStart_ = -1.0;
  std::uint64_t waitingFor_ = 0;  // the id of the line asked for and not yet started; 0 = none
  std::uint64_t lastId_ = 0;

  mutable std::mutex mutex_;  // guards what the frame thread and the worker share: the three below
  std::condition_variable_any changed_;
  std::optional<Job> spoken_;  // the line to synthesise next; a newer speak() replaces it
  std::deque<Job> toPrepare_;
  std::optional<Ready> ready_;
  std::atomic<bool> prepared_{true};
  std::jthread worker_;  // last: stopped and joined before everything it uses goes
};

}  // namespace overum::app
