// SPDX-License-Identifier: GPL-3.0-or-later
// A kept meeting played again, as a facilitator does it: `overum` holds a headless meeting with scripted
// choices, a facilitator's script (a mood, a typed line, bookmarks) and a synthetic citizen's voice, kept
// with consent to notes and audio; then `overum --replay last` plays it. The same lines come at the same
// moments (to the frame), the pictures at the bookmarks match the live ones, and the citizen's recorded
// voice is heard where it was spoken (within 20 ms). A damaged journal plays up to the damage and says so.
#include <overum/audio/pcm.h>
#include <overum/gfx/readback.h>
#include <overum/session/journal.h>
#include <overum/session/vault.h>

#include "../speech/speech_fixtures.h"
#include "citizen_journal.h"
#include "run_command.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace fs = std::filesystem;
namespace session = overum::session;
using namespace overum;

namespace {

constexpr double kFrame = 1.0 / 90.0;

struct SaidLine {
  double time;
  std::string text;
};

// "replay: line at 12.3444 s: Mette: Hej" from the replay's log.
std::vector<SaidLine> replayedLines(const std::string& output) {
  std::vector<SaidLine> out;
  static const std::regex pattern(R"(replay: (line|facilitator) at ([0-9.e+-]+) s: ([^\n]*))");
  for (auto it = std::sregex_iterator(output.begin(), output.end(), pattern); it != std::sregex_iterator(); ++it)
    out.push_back({std::stod((*it)[2]), (*it)[3]});
  return out;
}

// Pixels of the top `share` of two pictures (the room and the faces, above the text layer) whose colour differs
// by more than a little.
double differingShare(const gfx::ImageRGBA8& a, const gfx::ImageRGBA8& b, double share) {
  REQUIRE(a.width == b.width);
  REQUIRE(a.height == b.height);
  const auto rows = std::uint32_t(a.height * share);
  std::size_t differing = 0;
  for (std::uint32_t y = 0; y < rows; ++y)
    for (std::uint32_t x = 0; x < a.width; ++x)
      for (int c = 0; c < 3; ++c)
        if (std::abs(int(a.at(x, y)[c]) - int(b.at(x, y)[c])) > 12) {
          ++differing;
          break;
        }
  return double(differing) / double(rows * a.width);
}

// The first moment in [from, to) where the sound reaches a tenth of its loudest there: the same point of a
// voice whatever its level (the replay plays it from the citizen's chair, through the HRTF).
std::optional<double> onsetOf(const audio::Pcm& sound, double from, double to) {
  const auto begin = std::size_t(std::max(0.0, from) * sound.sampleRate);
  const auto end = std::min(sound.samples.size(), std::size_t(to * sound.sampleRate));
  int loudest = 0;
  for (std::size_t i = begin; i < end; ++i) loudest = std::max(loudest, std::abs(int(sound.samples[i])));
  if (loudest < 100) return std::nullopt;
  for (std::size_t i = begin; i < end; ++i)
    if (std::abs(int(sound.samples[i])) * 10 >= loudest) return double(i) / sound.sampleRate;
  return std::nullopt;
}

double peak(const audio::Pcm& mix, double from, double to) {
  int p = 0;
  const auto begin = std::size_t(std::max(0.0, from) * mix.sampleRate);
  const auto end = std::min(mix.samples.size(), std::size_t(to * mix.sampleRate));
  for (std::size_t i = begin; i < end; ++i) p = std::max(p, std::abs(int(mix.samples[i])));
  return p / 32768.0;
}

// Seen from across the table: a figure in the middle of the picture (across its middle third, a third of the
// pixels at head height differ from the wall's colour in the corner).
bool showsFigureAcross(const gfx::ImageRGBA8& picture) {
  const std::uint8_t* wall = picture.at(4, 4);
  std::uint32_t figure = 0;
  for (std::uint32_t x = picture.width / 3; x < 2 * picture.width / 3; ++x) {
    const std::uint8_t* p = picture.at(x, picture.height / 3);
    figure += std::abs(int(p[0]) - int(wall[0])) + std::abs(int(p[1]) - int(wall[1])) > 30;
  }
  return figure > picture.width / 9;
}

audio::Pcm readMix(const fs::path& file) {
  std::string error;
  auto pcm = audio::readWav(file, error);
  INFO(error);
  REQUIRE(pcm);
  return std::move(*pcm);
}

}  // namespace

TEST_CASE("a kept meeting plays again as it went: lines, pictures at the bookmarks, the citizen's voice") {
  const int sr = 16000;
  const double lead = 2.0;  // the silence before the citizen speaks in each turn
  const std::vector<std::int16_t> spoken = test::speak(test::statementSentences()[0], sr, 160);
  REQUIRE(spoken.size() > std::size_t(sr));
  audio::Pcm voice{sr, {}};
  test::appendSilence(voice.samples, lead, sr);
  test::append(voice.samples, spoken);
  test::appendSilence(voice.samples, 1.0, sr);
  const double onsetInVoice = *onsetOf(voice, 0.0, lead + 1.0);

  const fs::path dir = test::freshDir("replay");
  audio::writeWav(dir / "voice.wav", voice);
  std::ofstream(dir / "facilitator.txt") << "# what the facilitator did, written down\n"
                                            "6 setMood sagsbehandler travl\n"
                                            "12 sayLine sagsbehandler Tag den tid, du har brug for.\n"
                                            "20 addBookmark Her\n"
                                            "45 addBookmark Svaret\n"
                                            "90 addBookmark Senere\n";
  const std::string env = test::dataEnv(dir);
  const std::string common = " --mode headless --size 320x180 --citizen genspil-1 --passphrase-file kode.txt";
  const test::Run live = test::runCommand(env + OVERUM_EXE + common +
                                              " --choose 1,1,1,1,1,1,1,1,1 --microphone-file voice.wav"
                                              " --consent notes,audio --rate 5,5,5,5,5 --facilitator facilitator.txt"
                                              " --capture live --capture-every 450 --audio-out live.wav",
                                          dir);
  INFO(live.output);
  REQUIRE(live.exitCode == 0);
  const session::JournalReadResult journal =
      testing::onlyJournal(dir / "data" / "overum" / "vault", "facilitator-kode", "genspil-1");

  // `overum data list` says which sessions can be watched again, and how.
  const test::Run list = test::runCommand(env + OVERUM_EXE + " data list --passphrase-file kode.txt", dir);
  CHECK_THAT(list.output, Catch::Contains("can be watched again (overum --replay "));
  const test::Run replay = test::runCommand(
      env + OVERUM_EXE + common + " --replay last --capture replay --capture-every 450 --audio-out replay.wav", dir);
  INFO(replay.output);
  REQUIRE(replay.exitCode == 0);

  // The same lines (and the facilitator's mood and typed line), each within a frame of when it was said.
  std::vector<SaidLine> kept;
  for (const session::JournalRecord& r : journal.records)
    if (r.kind == "line" || r.kind == "facilitator") kept.push_back({r.time, r.text});
  const std::vector<SaidLine> again = replayedLines(replay.output);
  REQUIRE(kept.size() >= 30);
  REQUIRE(again.size() == kept.size());
  std::size_t sameFrame = 0;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    INFO(i << ": " << kept[i].text << " at " << kept[i].time << ", again " << again[i].text << " at " << again[i].time);
    CHECK(std::abs(again[i].time - kept[i].time) <= kFrame + 1e-4);  // the log's times have four decimals
    sameFrame += std::abs(again[i].time - kept[i].time) <= 1e-4;
    if (again[i].text.find("[…]") == std::string::npos) CHECK(again[i].text == kept[i].text);
  }
  WARN(sameFrame << " of " << kept.size() << " lines in the very frame they were said in");
  CHECK(sameFrame == kept.size());  // headless runs step the same clock: nothing should drift
  CHECK(std::any_of(kept.begin(), kept.end(), [](const SaidLine& l) { return l.text == "Mette: mood travl"; }));

  // The same pictures at the bookmarks, from the citizen's chair: the room and the faces (the replay's own
  // note sits below them, with the captions).
  std::vector<double> bookmarks;
  for (const session::JournalRecord& r : journal.records)
    if (r.kind == "bookmark") bookmarks.push_back(r.time);
  REQUIRE(bookmarks.size() == 3);
  for (const double at : bookmarks) {
    const auto frame = std::lround(at / kFrame / 450.0) * 450;
    char name[32];
    std::snprintf(name, sizeof name, "frame-%05ld.png", frame);
    INFO("bookmark at " << at << " s: " << name);
    const gfx::ImageRGBA8 a = gfx::readPng((dir / "live" / name).string());
    const gfx::ImageRGBA8 b = gfx::readPng((dir / "replay" / name).string());
    const double differing = differingShare(a, b, 0.6);
    WARN("bookmark at " << at << " s: " << differing * 100.0 << " % of the pixels differ");
    CHECK(differing < 0.005);
  }

  // The citizen's voice: in the replay's sound (never in the live mix, where nobody played it back) where the
  // turn's recording put it, within 20 ms, in each turn the characters left quiet.
  const audio::Pcm liveMix = readMix(dir / "live.wav");
  const audio::Pcm replayMix = readMix(dir / "replay.wav");
  int heard = 0;
  for (const session::JournalRecord& r : journal.records) {
    if (r.kind != "statement" && r.kind != "answer") continue;
    const double floor = std::stod(r.text.substr(0, r.text.find(' ')));
    const double start = r.time - floor;
    // The microphone opens on the frame after the citizen is given the floor, and the file plays from then.
    const double expected = start + kFrame + onsetInVoice;
    if (peak(liveMix, start, expected + 1.0) > 0.01) continue;  // a character spoke over the turn
    const auto onset = onsetOf(replayMix, start, expected + 1.0);
    INFO("turn from " << start << " s: the voice expected at " << expected << " s");
    REQUIRE(onset);
    WARN("turn from " << start << " s: the voice " << (*onset - expected) * 1000.0 << " ms from where it was");
    CHECK(std::abs(*onset - expected) <= 0.020);
    ++heard;
  }
  CHECK(heard >= 2);
  fs::remove_all(dir / "live");
  fs::remove_all(dir / "replay");

  {  // from a character's chair, the stand-in sits in the citizen's
    const test::Run seat = test::runCommand(env + OVERUM_EXE + common +
                                                " --replay last --seat sagsbehandler --frames 1 --from 30"
                                                " --capture seat --capture-every 1",
                                            dir);
    INFO(seat.output);
    REQUIRE(seat.exitCode == 0);
    CHECK(showsFigureAcross(gfx::readPng((dir / "seat" / "frame-00000.png").string())));
  }
  {  // a damaged journal plays up to the damage and says so
    const fs::path file = *std::find_if(
        fs::directory_iterator(dir / "data" / "overum" / "vault" / "citizens" / "genspil-1"), fs::directory_iterator(),
        [](const fs::directory_entry& e) { return e.path().extension() == ".journal"; });
    std::fstream bytes(file, std::ios::in | std::ios::out | std::ios::binary);
    bytes.seekp(std::streamoff(fs::file_size(file) / 2));
    bytes.put('\x5a').put('\x5a').put('\x5a');
    bytes.close();
    const test::Run damaged = test::runCommand(env + OVERUM_EXE + common + " --replay last", dir);
    INFO(damaged.output);
    CHECK(damaged.exitCode == 0);
    CHECK_THAT(damaged.output, Catch::Contains("damaged after"));
    const std::vector<SaidLine> partial = replayedLines(damaged.output);
    CHECK(partial.size() > 3);
    CHECK(partial.size() < kept.size());
  }
  fs::remove_all(dir);
}

TEST_CASE("after the meeting the facilitator plays it again, from Mette's chair, faster, and ends the replay") {
  // The console's buttons as a facilitator's script: the same actions, at known moments (the script starts over
  // on the replay's clock once the replay begins).
  const fs::path dir = test::freshDir("replay-console");
  std::ofstream(dir / "facilitator.txt") << "285 startReplay last\n"
                                            "8 replayControl seat 2\n"
                                            "12 replayControl speed 4\n"
                                            "30 replayControl stop\n";
  const std::string env = test::dataEnv(dir);
  const test::Run run = test::runCommand(env + OVERUM_EXE +
                                             " --mode headless --size 320x180 --citizen genspil-2 --passphrase-file "
                                             "kode.txt --consent notes --choose 1,1,1,1,1,1,1,1,1 --rate 5,5,5,5,5"
                                             " --facilitator facilitator.txt --frames 29000 --capture shots"
                                             " --capture-every 90",
                                         dir);
  INFO(run.output);
  REQUIRE(run.exitCode == 0);
  const auto startedAt = run.output.find("console: startReplay last");
  REQUIRE(startedAt != std::string::npos);
  CHECK(run.output.find("replay: line at 1.", startedAt) != std::string::npos);
  // Twice as fast from 12 s: by the stop at 30 s on the replay's clock, 21 s of the meeting had gone by.
  const std::vector<SaidLine> again = replayedLines(run.output.substr(startedAt));
  REQUIRE_FALSE(again.empty());
  CHECK(again.back().time < 30.5);
  CHECK(again.back().time > 15.0);
  // The replay's pictures: from Mette's chair after 8 s (the stand-in across the table); after the stop, the
  // room as it was before a meeting, from the citizen's chair again.
  std::vector<fs::path> shots;
  for (const auto& e : fs::directory_iterator(dir / "shots")) shots.push_back(e.path());
  std::sort(shots.begin(), shots.end());
  REQUIRE(shots.size() > 10);
  const gfx::ImageRGBA8 after = gfx::readPng(shots.back().string());
  const gfx::ImageRGBA8 live = gfx::readPng((dir / "shots" / "frame-09000.png").string());  // 100 s into the meeting
  CHECK(differingShare(after, live, 0.6) < 0.05);  // the citizen's chair: the same room, the same people
  int fromAnotherChair = 0;
  for (const fs::path& shot : shots) fromAnotherChair += differingShare(gfx::readPng(shot.string()), after, 0.6) > 0.3;
  CHECK(fromAnotherChair >= 10);  // from 8 s to the stop (about 17 s on the program's clock, a picture a second)
  fs::remove_all(dir);
}

TEST_CASE("a meeting changed since it was held replays as it was, from the copy kept with the session") {
  const fs::path dir = test::freshDir("replay-changed");
  fs::create_directories(dir / "moeder");
  fs::copy(fs::path("scenarios") / "myndighedsmoede", dir / "moeder" / "myndighedsmoede", fs::copy_options::recursive);
  const std::string env = test::dataEnv(dir);
  const std::string common = " --mode headless --size 160x90 --citizen genspil-3 --passphrase-file kode.txt";
  const test::Run live = test::runCommand(env + OVERUM_EXE + common +
                                              " --scenario moeder/myndighedsmoede --consent notes --rate 5,5"
                                              " --choose 1,1,1,1,1,1,1,1,1",
                                          dir);
  INFO(live.output);
  REQUIRE(live.exitCode == 0);
  // The author changes a line afterwards.
  bool changed = false;
  for (const auto& e : fs::directory_iterator(dir / "moeder" / "myndighedsmoede")) {
    if (e.path().extension() != ".yarn") continue;
    std::ifstream in(e.path());
    std::string text{std::istreambuf_iterator<char>(in), {}};
    const auto at = text.find("Der står vand på bordet");
    if (at == std::string::npos) continue;
    text.replace(at, std::string("Der står vand").size(), "Der står kaffe");
    std::ofstream(e.path()) << text;
    changed = true;
  }
  REQUIRE(changed);
  const test::Run replay = test::runCommand(env + OVERUM_EXE + common + " --replay last", dir);
  INFO(replay.output);
  CHECK(replay.exitCode == 0);
  CHECK_THAT(replay.output, Catch::Contains("Mette: Der står vand på bordet") && !Catch::Contains("kaffe"));

  // Without the copy (removed behind Øverum's back), it says plainly why it cannot play the meeting as it went.
  for (const auto& e : fs::directory_iterator(dir / "data" / "overum" / "vault" / "citizens" / "genspil-3"))
    if (e.path().filename().string().starts_with("scenario-")) fs::remove(e.path());
  const test::Run without = test::runCommand(env + OVERUM_EXE + common + " --replay last", dir);
  INFO(without.output);
  CHECK(without.exitCode == 1);
  CHECK_THAT(without.output, Catch::Contains("er ændret, siden dette møde blev holdt") &&
                                 Catch::Contains("kan ikke afspilles, som det gik"));
  fs::remove_all(dir);
}
