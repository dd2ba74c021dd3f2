// The `overum` executable end to end: help and bad arguments, a headless run that writes PNGs with
// validation on, the automatic fallback on a machine with no headset and no display, a desktop run
// under Xvfb.
#include <overum/gfx/readback.h>

#include <catch2/catch.hpp>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct Run {
  int exitCode = -1;
  std::string output;  // stdout and stderr together
};

Run runCommand(const std::string& commandLine, const fs::path& cwd = fs::current_path()) {
  const std::string command = "cd '" + cwd.string() + "' && " + commandLine + " 2>&1";
  Run result;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buffer;
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) result.output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

Run run(const std::string& arguments) { return runCommand(std::string(OVERUM_EXE) + " " + arguments); }

fs::path freshDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("overum-exe-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::size_t pngCount(const fs::path& dir) {
  std::size_t n = 0;
  if (fs::exists(dir))
    for (const auto& entry : fs::directory_iterator(dir)) n += entry.path().extension() == ".png";
  return n;
}

// No display and no OpenXR runtime, whatever the machine running the tests has.
const std::string kNoDisplay = "env -u DISPLAY -u WAYLAND_DISPLAY XR_RUNTIME_JSON=/nonexistent/runtime.json ";

}  // namespace

TEST_CASE("--help lists the options and exits 0; bad arguments exit 2 with a hint") {
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
  const Run r = runCommand(kNoDisplay + OVERUM_EXE + " --size 160x90", dir);
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  CHECK(pngCount(dir / "overum-frames") >= 1);
  CHECK_THAT(r.output, Catch::Contains("overum-frames"));
}

TEST_CASE("desktop mode under Xvfb renders frames and exits cleanly") {
  if (std::system("command -v xvfb-run >/dev/null 2>&1") != 0) FAIL("xvfb-run is missing: run scripts/setup.sh");
  const Run r = runCommand("xvfb-run -a -s '-screen 0 1024x768x24' " + std::string(OVERUM_EXE) +
                           " --mode desktop --frames 10 --size 320x240 --validation");
  INFO(r.output);
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.output, Catch::Contains("desktop"));
}

TEST_CASE("an unattended headless meeting plays to the end with the given choices and writes its sound") {
  const fs::path dir = freshDir("meeting");
  const Run r = run("--mode headless --size 160x90 --choose 1,1,1,1,1,1,1,1 --difficulty neutral --audio-out " +
                    (dir / "moede.wav").string());
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  CHECK_THAT(r.output, Catch::Contains("line: Mette:") && Catch::Contains("select:") && Catch::Contains("meeting: end"));
  std::string error;
  REQUIRE(fs::exists(dir / "moede.wav"));
  CHECK(fs::file_size(dir / "moede.wav") > 48000 * 2 * 2 * 10);  // more than ten seconds of stereo sound
}

TEST_CASE("a headless meeting shows the speaker's caption over the room") {
  const fs::path dir = freshDir("caption");
  const Run r = run("--mode headless --size 640x360 --frames 181 --capture-every 180 --capture " + (dir / "f").string());
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
  const std::string env = std::string("XR_RUNTIME_JSON=") + OVERUM_XR_TEST_RUNTIME_JSON +
                          " XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation ";
  const Run r = runCommand(env + OVERUM_EXE + " --mode xr --frames 60 --validation");
  INFO(r.output);
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.output, Catch::Contains("session state FOCUSED") && Catch::Contains("line: Mette:"));
}

TEST_CASE("the citizen's statement never reaches the logs or any file Øverum writes in plain text") {
  const fs::path dir = freshDir("canary");
  const std::string canary = "KANARIEFUGL-7f3a";
  std::ofstream(dir / "statement.txt") << "navn: Kim " << canary << "\n\n## Sådan vil jeg introducere mig selv\nJeg er Kim.\n\n"
                                       << "## Det er vigtigt for mig at…\nblive hørt " << canary << ".\n\n"
                                       << "## Jeg vil gerne have hjælp til\nat finde ro " << canary << ".\n\n"
                                       << "## Så jeg kan\nleve mit liv " << canary << ".\n";
  const std::string env = "XDG_CACHE_HOME=" + (dir / "cache").string() + " XDG_DATA_HOME=" + (dir / "data").string() +
                          " XDG_STATE_HOME=" + (dir / "state").string() + " XDG_CONFIG_HOME=" + (dir / "config").string() + " ";
  const Run r = runCommand(env + OVERUM_EXE + " --mode headless --size 160x90 --choose 1,1,1,1,1,1,1,1,1 --capture-every 2000 --capture " +
                               (dir / "frames").string() + " --audio-out " + (dir / "m.wav").string() + " --statement " +
                               (dir / "statement.txt").string(), dir);
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
  std::ofstream(dir / "moede.yarn") << "title: Start\n---\nMette: Hej\n<<jump Afslutnig>>\n===\ntitle: Afslutning\n---\n===\n";
  const Run r = run("--mode headless --scenario " + (dir / "moede.yarn").string());
  CHECK(r.exitCode == 1);
  CHECK_THAT(r.output, Catch::Contains("moede.yarn:4") && Catch::Contains("Afslutning"));
}
