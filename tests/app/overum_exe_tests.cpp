// SPDX-License-Identifier: GPL-3.0-or-later
// The `overum` executable end to end: help and bad arguments, a headless run that writes PNGs with
// validation on, the automatic fallback on a machine with no headset and no display, a desktop run
// under Xvfb.
#include <overum/audio/pcm.h>
#include <overum/gfx/readback.h>

#include "run_command.h"

#include <array>
#include <catch2/catch.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

using overum::test::dataEnv;
using overum::test::everyByte;
using overum::test::freshDir;
using overum::test::Run;
using overum::test::runCommand;

Run run(const std::string& arguments) { return runCommand(std::string(OVERUM_EXE) + " " + arguments); }

std::size_t pngCount(const fs::path& dir) {
  std::size_t n = 0;
  if (fs::exists(dir))
    for (const auto& entry : fs::directory_iterator(dir)) n += entry.path().extension() == ".png";
  return n;
}

// `env ENV overum ARGUMENTS` on a private X server of SCREEN (WxHxD), by tests/support/with-xvfb.sh.
Run runOnDisplay(const std::string& screen, const std::string& arguments, const std::string& env = {}) {
  if (std::system("command -v Xvfb >/dev/null 2>&1") != 0) FAIL("Xvfb is missing: run scripts/setup.sh");
  return runCommand(std::string(OVERUM_WITH_XVFB) + " -s " + screen + " env " + env + OVERUM_EXE + " " + arguments);
}

// The test OpenXR runtime, through the real loader with the core validation layer.
const std::string kTestRuntime = std::string("XR_RUNTIME_JSON=") + OVERUM_XR_TEST_RUNTIME_JSON +
                                 " XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation ";

// No display and no OpenXR runtime, whatever the machine running the tests has.
const std::string kNoDisplay = "env -u DISPLAY -u WAYLAND_DISPLAY XR_RUNTIME_JSON=/nonexistent/runtime.json ";

}  // namespace

TEST_CASE("--help lists the options and exits 0, bad arguments exit 2 with a hint") {
  const Run help = run("--help");
  CHECK(help.exitCode == 0);
  CHECK_THAT(help.output, Catch::Contains("--mode") && Catch::Contains("--capture"));
  const Run bad = run("--frames many");
  CHECK(bad.exitCode == 2);
  CHECK_THAT(bad.output, Catch::Contains("--help"));
}

TEST_CASE("a headless run renders the room to PNG files with validation on") {
  const fs::path dir = freshDir("headless");
  const Run r = run("--mode headless --frames 3 --size 320x180 --validation --capture " + (dir / "frames").string());
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  REQUIRE(pngCount(dir / "frames") == 3);
  const auto image = overum::gfx::readPng((dir / "frames" / "frame-00002.png").string());
  CHECK(image.width == 320);
  CHECK(image.height == 180);
  // Not a blank frame: the room has many different colours.
  std::size_t distinct = 0;
  for (std::size_t p = 4; p < image.pixels.size(); p += 4) distinct += image.pixels[p] != image.pixels[p - 4];
  CHECK(distinct > 1000);
}

TEST_CASE("with no headset and no display Øverum falls back to headless and says where the frames are") {
  const fs::path dir = freshDir("fallback");
  const Run r = runCommand(kNoDisplay + "HOME=" + dir.string() + " " + OVERUM_EXE + " --size 160x90", dir);
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  CHECK(pngCount(dir / "Billeder" / "Øverum") >= 1);  // the pictures folder, made when there was none
  CHECK_THAT(r.output, Catch::Contains((dir / "Billeder" / "Øverum").string()));
  fs::create_directories(dir / "home" / ".config");
  std::ofstream(dir / "home" / ".config" / "user-dirs.dirs") << "XDG_PICTURES_DIR=\"$HOME/Mine billeder\"\n";
  const Run named =
      runCommand(kNoDisplay + "HOME=" + (dir / "home").string() + " " + OVERUM_EXE + " --size 160x90", dir);
  CHECK(pngCount(dir / "home" / "Mine billeder" / "Øverum") >= 1);  // as the desktop's own settings name it
}

TEST_CASE("at a terminal the user sees Øverum's own Danish lines and the libraries' output goes to the log file") {
  // `script` gives the program a real terminal, as a user starting it from one has.
  const fs::path dir = freshDir("terminal");
  const Run r = runCommand(
      "script -qec \"" + kNoDisplay + "HOME=" + dir.string() + " " + OVERUM_EXE + " --size 160x90\" /dev/null", dir);
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  CHECK_THAT(r.output, Catch::Contains("Intet VR-headset fundet") && Catch::Contains("Tekniske beskeder"));
  CHECK_THAT(r.output, !Catch::Contains("OpenXR-Loader") && !Catch::Contains("Error ["));
  const fs::path log = dir / ".local" / "state" / "overum" / "overum.log";
  REQUIRE(fs::exists(log));
  std::ifstream in(log);
  const std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK_THAT(kept, Catch::Contains("OpenXR-Loader"));  // the loader's complaint about the missing runtime
}

TEST_CASE("desktop mode under Xvfb renders frames and exits cleanly") {
  const Run r = runOnDisplay("1024x768x24", "--mode desktop --frames 10 --size 320x240 --validation");
  INFO(r.output);
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.output, Catch::Contains("vindue på skærmen"));
  // --quality auto (the default) on a software renderer: the cheapest picture from the start.
  CHECK_THAT(r.output, Catch::Contains("quality low to start with on llvmpipe"));
}

TEST_CASE("a forced low quality draws the same room more cheaply, and headless stays at high unless told") {
  const fs::path dir = freshDir("quality");
  const std::string common = "--mode headless --frames 1 --size 320x180 --validation --capture ";
  const Run high = run(common + (dir / "high").string());
  const Run low = run("--quality low " + common + (dir / "low").string());
  INFO(high.output << low.output);
  REQUIRE(high.exitCode == 0);
  REQUIRE(low.exitCode == 0);
  CHECK_THAT(high.output, Catch::Contains("quality high (headless"));
  CHECK_THAT(low.output, Catch::Contains("quality low (--quality)"));
  const auto highImage = overum::gfx::readPng((dir / "high" / "frame-00000.png").string());
  const auto lowImage = overum::gfx::readPng((dir / "low" / "frame-00000.png").string());
  REQUIRE(lowImage.pixels.size() == highImage.pixels.size());
  double difference = 0.0;
  for (std::size_t i = 0; i < lowImage.pixels.size(); ++i)
    difference += std::abs(int(lowImage.pixels[i]) - int(highImage.pixels[i]));
  difference /= double(lowImage.pixels.size());
  CHECK(difference > 0.5);   // a different picture
  CHECK(difference < 12.0);  // of the same room
}

TEST_CASE("every meeting plays to the end unattended, with the room drawn and the characters heard") {
  struct Case {
    const char* meeting;
    const char* difficulty;
    const char* firstSpeaker;
  };
  for (const Case c : {Case{"myndighedsmoede", "neutral", "line: Mette:"}, Case{"opfoelgning", "presset", "line: "},
                       Case{"behandlingsmoede", "stoettende", "line: "}}) {
    INFO(c.meeting);
    const fs::path dir = freshDir(std::string("meeting-") + c.meeting);
    const Run r = run(std::string("--mode headless --size 160x90 --choose 1,1,1,1,1,1,1,1 --scenario scenarios/") +
                      c.meeting + " --difficulty " + c.difficulty + " --capture-every 900 --capture " +
                      (dir / "frames").string() + " --audio-out " + (dir / "moede.wav").string());
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.output,
               Catch::Contains(c.firstSpeaker) && Catch::Contains("select:") && Catch::Contains("meeting: end"));
    CHECK_THAT(r.output, !Catch::Contains("had not ended"));
    CHECK(pngCount(dir / "frames") >= 2);  // the room, every ten seconds of the meeting
    std::string error;
    const auto sound = overum::audio::readWav(dir / "moede.wav", error);
    INFO(error);
    REQUIRE(sound);
    CHECK(sound->seconds() > 10.0);
    // Heard, not only written: a good share of the meeting's sound is above a whisper.
    std::size_t loud = 0;
    for (const std::int16_t sample : sound->samples) loud += std::abs(int(sample)) > 1000;
    CHECK(double(loud) / double(sound->samples.size()) > 0.05);
  }
}

TEST_CASE("a headless meeting shows the speaker's caption over the room") {
  const fs::path dir = freshDir("caption");
  const Run r =
      run("--mode headless --size 640x360 --frames 181 --capture-every 180 --capture " + (dir / "f").string());
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  const auto image = overum::gfx::readPng((dir / "f" / "frame-00180.png").string());
  // The caption's dark backing fills the bottom centre; bright letters sit on it.
  std::size_t dark = 0, bright = 0, total = 0;
  for (std::uint32_t y = image.height * 82 / 100; y < image.height * 94 / 100; ++y)
    for (std::uint32_t x = image.width * 3 / 10; x < image.width * 7 / 10; ++x, ++total) {
      const auto* p = image.at(x, y);
      const int luma = (p[0] * 3 + p[1] * 6 + p[2]) / 10;
      dark += luma < 70;
      bright += luma > 200;
    }
  CHECK(dark > total / 2);
  CHECK(bright > total / 50);
}

TEST_CASE("in a headset (the test OpenXR runtime, core validation on) the meeting starts and reaches focus") {
  const Run r = runCommand(kTestRuntime + OVERUM_EXE + " --mode xr --frames 60 --validation");
  INFO(r.output);
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.output, Catch::Contains("session state FOCUSED") && Catch::Contains("line: Mette:"));
}

TEST_CASE("the citizen's statement never reaches the logs or any file Øverum writes in plain text") {
  const fs::path dir = freshDir("canary");
  const std::string canary = "KANARIEFUGL-7f3a";
  std::ofstream(dir / "statement.txt") << "navn: Kim " << canary
                                       << "\n\n## Sådan vil jeg introducere mig selv\nJeg er Kim.\n\n"
                                       << "## Det er vigtigt for mig at…\nblive hørt " << canary << ".\n\n"
                                       << "## Jeg vil gerne have hjælp til\nat finde ro " << canary << ".\n\n"
                                       << "## Så jeg kan\nleve mit liv " << canary << ".\n";
  const std::string env = "XDG_CACHE_HOME=" + (dir / "cache").string() + " XDG_DATA_HOME=" + (dir / "data").string() +
                          " XDG_STATE_HOME=" + (dir / "state").string() +
                          " XDG_CONFIG_HOME=" + (dir / "config").string() + " ";
  const Run r = runCommand(
      env + OVERUM_EXE + " --mode headless --size 160x90 --choose 1,1,1,1,1,1,1,1,1 --capture-every 2000 --capture " +
          (dir / "frames").string() + " --audio-out " + (dir / "m.wav").string() + " --statement " +
          (dir / "statement.txt").string(),
      dir);
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  CHECK_THAT(r.output, !Catch::Contains(canary));
  CHECK_THAT(r.output, Catch::Contains("[…]"));  // the lines that quote it were spoken, with it blanked in the log
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().filename() == "statement.txt") continue;
    ++files;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    INFO(entry.path().string());
    CHECK(bytes.find(canary) == std::string::npos);
  }
  CHECK(files >= 3);  // frames, the sound, the speech and avatar caches
}

TEST_CASE("a broken scenario stops with the file, line and what to do") {
  const fs::path dir = freshDir("broken");
  std::ofstream(dir / "moede.yarn")
      << "title: Start\n---\nMette: Hej\n<<jump Afslutnig>>\n===\ntitle: Afslutning\n---\n===\n";
  const Run r = run("--mode headless --scenario " + (dir / "moede.yarn").string());
  CHECK(r.exitCode == 1);
  CHECK_THAT(r.output, Catch::Contains("moede.yarn:4") && Catch::Contains("Afslutning"));
}

TEST_CASE(
    "with consent the statement and journal are kept sealed, and the facilitator can list, export and erase them") {
  const fs::path dir = freshDir("citizen");
  const std::string env = dataEnv(dir);
  const std::string canary = "KANARIE-borger-91c";
  std::ofstream(dir / "statement.txt") << "navn: Kim\n\n## Sådan vil jeg introducere mig selv\nJeg er " << canary
                                       << ".\n\n## Det er vigtigt for mig at…\nblive hørt.\n\n"
                                       << "## Jeg vil gerne have hjælp til\nat finde ro.\n\n## Så jeg kan\nleve.\n";
  const std::string citizen = " --citizen kim-1 --passphrase-file " + (dir / "kode.txt").string();
  const Run meeting =
      runCommand(env + OVERUM_EXE + " --mode headless --size 160x90 --choose 1,1,1,1,1,1,1,1,1" + citizen +
                     " --consent statement,notes --statement " + (dir / "statement.txt").string(),
                 dir);
  INFO(meeting.output);
  REQUIRE(meeting.exitCode == 0);
  CHECK_THAT(meeting.output, !Catch::Contains(canary));
  const fs::path vault = dir / "data" / "overum" / "vault";
  REQUIRE(fs::exists(vault / "citizens" / "kim-1" / "statement.sealed"));
  fs::remove(dir / "statement.txt");
  CHECK(everyByte(dir).find(canary) == std::string::npos);
  CHECK(everyByte(dir).find("Velkommen") == std::string::npos);  // the journal's lines are sealed too

  const std::string data = env + OVERUM_EXE + " data --passphrase-file " + (dir / "kode.txt").string();
  const Run list = runCommand(data + " list", dir);
  INFO(list.output);
  CHECK(list.exitCode == 0);
  CHECK_THAT(list.output, Catch::Contains("kim-1: consent statement notes") && Catch::Contains("session"));
  CHECK_THAT(list.output, !Catch::Contains("interrupted"));

  // The next meeting uses the statement kept in the vault when none is given.
  const Run again = runCommand(env + OVERUM_EXE + " --mode headless --size 160x90 --frames 400" + citizen, dir);
  INFO(again.output);
  CHECK(again.exitCode == 0);
  CHECK_THAT(again.output, Catch::Contains("[…]"));  // lines quoting the kept statement were blanked in the log

  std::ofstream(dir / "side-kode.txt") << "borgerens-kode\n";
  const Run exported = runCommand(
      data + " export kim-1 --out " + (dir / "ud").string() + " --password-file " + (dir / "side-kode.txt").string(),
      dir);
  INFO(exported.output);
  CHECK(exported.exitCode == 0);
  CHECK_THAT(exported.output, Catch::Contains(".html"));
  std::size_t pages = 0;
  for (const auto& entry : fs::directory_iterator(dir / "ud")) pages += entry.path().extension() == ".html";
  CHECK(pages == 1);
  CHECK(everyByte(dir / "ud").find(canary) == std::string::npos);

  CHECK(runCommand(data + " erase kim-1 < /dev/null", dir).exitCode == 1);  // not confirmed: nothing erased
  CHECK(fs::exists(vault / "citizens" / "kim-1"));
  const Run erased = runCommand(data + " erase kim-1 --yes", dir);
  CHECK(erased.exitCode == 0);
  CHECK_FALSE(fs::exists(vault / "citizens" / "kim-1"));
  CHECK_THAT(erased.output, Catch::Contains("er slettet"));
  CHECK_THAT(runCommand(data + " list", dir).output, Catch::Contains("no citizens"));

  const Run wrong = runCommand(env + OVERUM_EXE + " --mode headless --frames 1 --citizen kim-1 --passphrase-file " +
                                   (dir / "side-kode.txt").string(),
                               dir);
  CHECK(wrong.exitCode == 1);
  CHECK_THAT(wrong.output, Catch::Contains("Forkert kodeord"));
}

TEST_CASE("without consent nothing about the citizen is stored") {
  const fs::path dir = freshDir("no-consent");
  const std::string env = dataEnv(dir);
  const Run r =
      runCommand(env + OVERUM_EXE + " --mode headless --size 160x90 --frames 200 --citizen kim-2 --passphrase-file " +
                     (dir / "kode.txt").string() + " < /dev/null",
                 dir);
  INFO(r.output);
  CHECK(r.exitCode == 0);
  CHECK_FALSE(fs::exists(dir / "data" / "overum" / "vault"));
}

TEST_CASE("a meeting killed in the middle is offered for resuming, and resumes at the node it was in") {
  const fs::path dir = freshDir("crash");
  const std::string env = dataEnv(dir);
  const std::string citizen = " --citizen kim-3 --passphrase-file " + (dir / "kode.txt").string();
  const fs::path citizenDir = dir / "data" / "overum" / "vault" / "citizens" / "kim-3";
  // A live-paced desktop-less meeting that would run for minutes; killed once its first checkpoint is on disk.
  const std::string command = "cd '" + dir.string() + "' && exec env " + env + OVERUM_EXE +
                              " --mode headless --size 160x90 --choose 1,1,1,1,1,1,1,1,1 --consent notes" + citizen +
                              " > run.log 2>&1";
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  auto checkpointWritten = [&] {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(citizenDir, ec))
      if (entry.path().filename().string().starts_with("resume-")) return true;
    return false;
  };
  for (int i = 0; i < 600 && !checkpointWritten(); ++i) usleep(50'000);
  ::kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(checkpointWritten());

  const std::string data = env + OVERUM_EXE + " data --passphrase-file " + (dir / "kode.txt").string();
  CHECK_THAT(runCommand(data + " list", dir).output, Catch::Contains("interrupted"));
  const Run resumed =
      runCommand(env + OVERUM_EXE + " --mode headless --size 160x90 --frames 200 --unfinished resume" + citizen, dir);
  INFO(resumed.output);
  CHECK(resumed.exitCode == 0);
  CHECK_THAT(resumed.output, Catch::Contains("resumed an interrupted meeting at"));
  const Run after = runCommand(data + " list", dir);
  INFO(after.output);
  CHECK_THAT(after.output, !Catch::Contains("interrupted"));
}

TEST_CASE("a headset lost mid-meeting pauses the meeting, keeps its journal for resuming and exits cleanly") {
  const fs::path dir = freshDir("headset-lost");
  const std::string env = dataEnv(dir);
  const std::string citizen = " --citizen kim-4 --passphrase-file " + (dir / "kode.txt").string();
  // The test runtime takes the headset away after 150 frames, as when the runtime's service dies.
  // --rate: the citizen says how they feel first (0.5 s each), then the meeting starts.
  const Run r = runCommand(kTestRuntime + "OVERUM_TEST_RUNTIME_LOSE_AFTER=150 " + env + OVERUM_EXE +
                               " --mode xr --validation --consent notes --rate 4,6" + citizen,
                           dir);
  INFO(r.output);
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.output, Catch::Contains("session state FOCUSED") && Catch::Contains("session state LOSS_PENDING"));
  CHECK_THAT(r.output, Catch::Contains("meeting: paused"));
  CHECK_THAT(r.output, Catch::Contains("the headset was lost: the meeting is paused and can be resumed"));
  CHECK_THAT(r.output, !Catch::Contains("VALID_ERROR") && !Catch::Contains("validation error"));
  const std::string data = env + OVERUM_EXE + " data --passphrase-file " + (dir / "kode.txt").string();
  CHECK_THAT(runCommand(data + " list", dir).output, Catch::Contains("interrupted"));
  const Run resumed =
      runCommand(env + OVERUM_EXE + " --mode headless --size 160x90 --frames 30 --unfinished resume" + citizen, dir);
  INFO(resumed.output);
  CHECK(resumed.exitCode == 0);
  CHECK_THAT(resumed.output, Catch::Contains("resumed an interrupted meeting at"));
}

TEST_CASE("the facilitator's console opens beside a desktop meeting under Xvfb, with validation on") {
  const Run r = runOnDisplay("1920x1080x24", "--mode desktop --console --frames 20 --size 320x240 --validation");
  INFO(r.output);
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.output, Catch::Contains("console is open"));
  CHECK_THAT(r.output, !Catch::Contains("validation error"));

  // A scripted meeting starts at once; the console shows it with the citizen's view mirrored.
  const Run scripted =
      runOnDisplay("1920x1080x24", "--mode desktop --console --choose 1 --frames 40 --size 320x240 --validation");
  INFO(scripted.output);
  CHECK(scripted.exitCode == 0);
  CHECK_THAT(scripted.output, Catch::Contains("node: Start") && !Catch::Contains("validation error"));
}

TEST_CASE("beside a headset (the test OpenXR runtime) the console opens on the headset's device") {
  const Run r = runOnDisplay("1920x1080x24", "--mode xr --console --choose 1 --frames 60 --validation", kTestRuntime);
  INFO(r.output);
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.output, Catch::Contains("session state FOCUSED") && Catch::Contains("console is open"));
  CHECK_THAT(r.output, !Catch::Contains("validation error"));
}
