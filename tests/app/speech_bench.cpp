// Speech benchmark: how long after its event a line starts — speak() for a line synthesised ahead
// (read from the cache, uploaded, played) and for one synthesised on the spot (a line quoting the
// citizen, never cached). Target: <= 50 ms from event to sound. Medians of 15.
#include "audio_speech.h"
#include "bench_stats.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

using namespace overum;
namespace fs = std::filesystem;

int main() {
  const fs::path cache = fs::temp_directory_path() / ("overum-speech-bench-" + std::to_string(::getpid()));
  std::string why;
  auto device = audio::AudioDevice::open({true, 48000, false}, why);
  auto tts = audio::TextToSpeech::create(why);
  if (!device || !tts) {
    std::printf("speech: no audio device or voice (%s)\n", why.c_str());
    return 0;
  }
  double clock = 0.0;
  std::map<std::string, app::SpokenCharacter> cast{{"sagsbehandler", {audio::SpeakerVoice{"da", "f2", 55, 50, 165}, {}}}};
  app::AudioSpeech speech(device.get(), tts.get(), cache, "assets/voices", cast, {"Sara"}, clock);
  const std::string cached = "Velkommen til mødet. Vi skal tale om dit ressourceforløb og hvad der skal ske nu.";
  speech.prepare({{"sagsbehandler", cached}});
  while (!speech.prepared()) usleep(1000);

  auto timeSpeak = [&](const std::string& text) {
    std::vector<double> ms;
    for (int i = 0; i < 15; ++i) {
      const auto start = std::chrono::steady_clock::now();
      speech.speak({"sagsbehandler", "Mette"}, "", text);
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      speech.stop();
    }
    return testing::median(ms);
  };
  std::printf("speech: a line synthesised ahead starts after %.1f ms (median of 15; target <= 50)\n", timeSpeak(cached));
  std::printf("speech: a line quoting the citizen, synthesised on the spot, starts after %.1f ms (median of 15)\n",
              timeSpeak("Tak, Sara. Fortæl lidt mere om, hvad der er vigtigt for dig."));
  fs::remove_all(cache);
  return 0;
}
