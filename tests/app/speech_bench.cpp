// SPDX-License-Identifier: GPL-3.0-or-later
// Speech benchmark: how long after its event a line starts — a line synthesised ahead (read from the
// cache, uploaded, played) and one synthesised on the spot (a line quoting the citizen, never cached)
// — and the worst frame-loop step while a line quoting a long statement part (600 characters, the
// most a part may have) is synthesised. Targets: <= 50 ms from event to sound for a prepared line;
// every frame step < 50 ms. Medians of 15. Lip-sync: what espeak-ng's phoneme events add to synthesis,
// and what the speaker's visemes cost the frame thread.
#include "audio_speech.h"
#include "bench_stats.h"

#include <overum/core/utf8.h>
#include <overum/scenario/meeting_vocabulary.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <unistd.h>

using namespace overum;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {
double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}
}  // namespace

int main() {
  const fs::path cache = fs::temp_directory_path() / ("overum-speech-bench-" + std::to_string(::getpid()));
  std::string why;
  auto device = audio::AudioDevice::open({true, 48000, false}, why);
  auto tts = audio::TextToSpeech::create(why);
  if (!device || !tts) {
    std::printf("speech: no audio device or voice (%s)\n", why.c_str());
    return 0;
  }
  std::string statementPart;  // a statement part as long as the reader allows
  while (statementPart.size() < 590) statementPart += "at finde et praktikforløb med få timer om ugen i starten, ";
  statementPart.resize(590);
  double clock = 0.0;
  std::map<std::string, app::SpokenCharacter> cast{
      {"sagsbehandler", {audio::SpeakerVoice{"da", "f2", 55, 50, 165}, {}}}};
  app::AudioSpeech speech(device.get(), tts.get(), cache, {"assets/voices"}, cast, {"Sara", statementPart}, clock);
  const std::string cached = "Velkommen til mødet. Vi skal tale om dit ressourceforløb og hvad der skal ske nu.";
  speech.prepare({{"sagsbehandler", cached}});
  while (!speech.prepared()) usleep(1000);

  // From speak() to the voice playing, with the frame loop's update() polling every millisecond.
  auto timeStart = [&](const std::string& text) {
    std::vector<double> ms;
    for (int i = 0; i < 15; ++i) {
      const auto start = Clock::now();
      speech.speak({"sagsbehandler", "Mette"}, "", text);
      while (speech.secondsIntoLine() < 0.0) {
        speech.update();
        usleep(1000);
      }
      ms.push_back(msSince(start));
      speech.stop();
    }
    return testing::median(ms);
  };
  std::printf("speech: a line synthesised ahead starts after %.1f ms (median of 15; target <= 50)\n",
              timeStart(cached));
  std::printf("speech: a line quoting the citizen, synthesised on the spot, starts after %.1f ms (median of 15)\n",
              timeStart("Tak, Sara. Fortæl lidt mere om, hvad der er vigtigt for dig."));

  // The frame loop at 90 Hz while the long line is synthesised: speak() in the first step, then what
  // the app does with the voice every frame. The worst step is what the citizen would see as a freeze.
  const std::string longLine = "Du skriver, at du gerne vil have hjælp " + statementPart;
  std::vector<double> steps;
  const auto asked = Clock::now();
  double startedAfter = 0.0;
  for (int frame = 0; frame < 90 * 5; ++frame) {
    const auto step = Clock::now();
    if (frame == 0) speech.speak({"sagsbehandler", "Mette"}, "", longLine);
    speech.update();
    clock += 1.0 / 90.0;
    [[maybe_unused]] const float mouth = speech.mouthOpen();
    [[maybe_unused]] const bool busy = speech.busy();
    device->render(48000 / 90);
    steps.push_back(msSince(step));
    if (startedAfter == 0.0 && speech.secondsIntoLine() >= 0.0) startedAfter = msSince(asked);
    if (startedAfter > 0.0 && frame > 90) break;
    std::this_thread::sleep_until(step + std::chrono::microseconds(11111));
  }
  speech.stop();
  const auto synthStart = Clock::now();
  tts->synthesize(longLine, cast.at("sagsbehandler").voice);
  std::printf("speech: synthesising that line takes %.0f ms (what the frame thread waited before the worker)\n",
              msSince(synthStart));
  std::printf(
      "speech: while a %zu-character line quoting the statement is synthesised (it starts after %.0f ms), "
      "the worst frame step takes %.2f ms (median %.2f; target < 50)\n",
      utf8Length(longLine), startedAfter, *std::max_element(steps.begin(), steps.end()), testing::median(steps));

  // Lip-sync: synthesis with and without phoneme events. Switching espeak-ng between the two
  // initialises it again, so they take turns in blocks of 5 (after one unmeasured call each), three
  // times, and the machine's drift falls on both.
  auto quiet = audio::TextToSpeech::create(why, audio::PhonemeReports::off);
  std::vector<PhonemeEvent> phonemes;
  audio::Pcm spoken;
  std::vector<double> withEvents, withoutEvents;
  const auto measure = [&](audio::TextToSpeech& voice, std::vector<PhonemeEvent>* events, std::vector<double>& ms) {
    spoken = voice.synthesize(cached, cast.at("sagsbehandler").voice, events);
    for (int i = 0; i < 5; ++i) {
      const auto start = Clock::now();
      spoken = voice.synthesize(cached, cast.at("sagsbehandler").voice, events);
      ms.push_back(msSince(start));
    }
  };
  for (int round = 0; round < 3; ++round) {
    measure(*tts, &phonemes, withEvents);
    measure(*quiet, nullptr, withoutEvents);
  }
  std::printf(
      "speech: synthesising a %zu-character line (%.1f s) takes %.2f ms with its %zu phoneme events, "
      "%.2f ms without (medians of 15)\n",
      utf8Length(cached), spoken.seconds(), testing::median(withEvents), phonemes.size(),
      testing::median(withoutEvents));
  std::vector<double> guessing;
  for (int i = 0; i < 15; ++i) {
    const auto start = Clock::now();
    [[maybe_unused]] const scene::VisemeTrack track = app::visemesFromSound(spoken);
    guessing.push_back(msSince(start));
  }
  std::printf(
      "speech: guessing that line's visemes from its sound (a recorded voice; on the worker) takes %.3f ms "
      "(median of 15)\n",
      testing::median(guessing));
  // The speaker's mouth from the line's visemes, as the frame loop asks for it, at 15 moments of the line.
  speech.speak({"sagsbehandler", "Mette"}, "", cached);
  speech.update(true);
  std::vector<double> evaluations;
  int shaped = 0;
  for (int round = 0; round < 15; ++round) {
    device->render(48000 / 10);  // 100 ms further into the line
    const auto start = Clock::now();
    for (int i = 0; i < 1000; ++i) shaped += speech.visemeMouth().has_value();
    evaluations.push_back(msSince(start));  // ms per 1000 calls = µs per call
  }
  std::printf(
      "speech: the speaker's mouth from the line's visemes takes %.3f µs a frame (median of 15 × 1000; "
      "%d of them while the line played)\n",
      testing::median(evaluations), shaped);
  speech.stop();
  fs::remove_all(cache);
  return 0;
}
