// SPDX-License-Identifier: GPL-3.0-or-later
// The facilitator's console window on a private Xvfb display: opened on the citizen's desktop
// device, drawn with a real console::Console, resized and closed, with Vulkan validation clean.
#include "console_window.h"

#include "../console/meeting_fixture.h"

#include "gpu_clear.h"
#include "image_compare.h"
#include <overum/console/console.h>
#include <overum/gfx/device.h>
#include <overum/gfx/offscreen_target.h>
#include <overum/xr/headset.h>

#include <catch2/catch.hpp>
#include <imgui.h>

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace overum;
using namespace overum::console::testing;

namespace {

// Starts `Xvfb -displayfd` (it picks a free display number and writes it when ready) and points
// DISPLAY at it; stops it again on destruction.
class PrivateXServer {
 public:
  PrivateXServer() {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // no stray server if the test process dies
      close(fds[0]);
      const int devnull = open("/dev/null", O_WRONLY);
      if (devnull >= 0) {
        dup2(devnull, STDOUT_FILENO);
        dup2(devnull, STDERR_FILENO);
      }
      const std::string fd = std::to_string(fds[1]);
      // -noreset: GLFW terminates with the last window; the next one must find the server up, not resetting.
      execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", "1920x1200x24", "-nolisten", "tcp", "-noreset",
             static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    if (pid_ < 0) {
      close(fds[0]);
      return;
    }
    std::string number;
    pollfd p{fds[0], POLLIN, 0};
    while (poll(&p, 1, 10000) > 0) {
      char c = 0;
      if (read(fds[0], &c, 1) != 1 || c == '\n') break;
      number += c;
    }
    close(fds[0]);
    if (!number.empty()) {
      display_ = ":" + number;
      setenv("DISPLAY", display_.c_str(), 1);
      unsetenv("WAYLAND_DISPLAY");  // GLFW 3.3 on Debian is X11; keep it on the private server
    }
  }
  ~PrivateXServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  PrivateXServer(const PrivateXServer&) = delete;
  PrivateXServer& operator=(const PrivateXServer&) = delete;
  const std::string& display() const { return display_; }

 private:
  pid_t pid_ = -1;
  std::string display_;
};

// One server for the whole process: GLFW may stay connected to it between test cases.
const PrivateXServer& xServer() {
  static const PrivateXServer server;
  return server;
}

console::ConsoleInput inputFor(const TinyMeeting& m, console::Stage stage) {
  console::ConsoleInput in;
  in.stage = stage;
  in.director = &m.director;
  in.log = m.log;
  in.now = m.clock.now;
  in.headset = console::HeadsetState::focused;
  in.microphoneOn = true;
  return in;
}

}  // namespace

// First in this file: GLFW is not yet initialised in this process (each CTest test is its own process).
TEST_CASE("the console window says why not without a display", "[app][window]") {
  unsetenv("DISPLAY");
  unsetenv("WAYLAND_DISPLAY");
  gfx::DeviceHooks hooks;
  hooks.instanceExtensions = {"VK_KHR_surface", "VK_KHR_xcb_surface", "VK_KHR_xlib_surface"};
  hooks.deviceExtensions = {"VK_KHR_swapchain"};
  gfx::Device device(gfx::DeviceConfig{true, hooks});
  std::string whyNot;
  auto window = app::ConsoleWindow::open(device, {640, 480}, 1.0f, whyNot);
  INFO(whyNot);
  if (window) {
    SUCCEED("GLFW was already connected to a display by an earlier test case in this process");
    return;
  }
  CHECK(whyNot.find("display") != std::string::npos);
  CHECK(whyNot.find('\n') == std::string::npos);
  CHECK(device.validationErrorCount() == 0);
}

TEST_CASE("the console window opens on the desktop device, draws, resizes and closes cleanly", "[app][window]") {
  const PrivateXServer& x = xServer();
  REQUIRE_FALSE(x.display().empty());  // Debian: xvfb

  xr::HeadsetConfig config;
  config.size = {320, 240};
  config.validation = true;
  std::string whyNot;
  auto headset = xr::createDesktopHeadset(config, whyNot);
  INFO(whyNot);
  REQUIRE(headset);
  {
    gfx::Device device(gfx::DeviceConfig{true, headset->deviceHooks()});
    REQUIRE(device.validationEnabled());
    headset->start(device);
    {
      auto window = app::ConsoleWindow::open(device, {800, 600}, 1.0f, whyNot);
      INFO(whyNot);
      REQUIRE(window);
      REQUIRE(window->context() != nullptr);
      CHECK(ImGui::GetCurrentContext() == nullptr);  // the citizen's side has none; open() left it so

      console::Console console;
      auto meeting = meetingIn(meeting::Phase::choosing);
      int drawn = 0;
      for (int i = 0; i < 10; ++i) {
        const auto stage = i < 3 ? console::Stage::before : i < 7 ? console::Stage::during : console::Stage::after;
        const bool open = window->frame([&] {
          CHECK(ImGui::GetCurrentContext() == window->context());
          const auto actions = console.draw(inputFor(*meeting, stage));
          CHECK(actions.empty());  // nobody clicked
          ++drawn;
        });
        REQUIRE(open);
        CHECK(ImGui::GetCurrentContext() == nullptr);  // restored after the frame
      }
      CHECK(drawn == 10);
      CHECK(window->framesDrawn() == 10);
      CHECK(window->swapchainExtent().width == 800);
      CHECK(window->swapchainExtent().height == 600);
      CHECK_FALSE(console.controls().empty());  // the console really laid out its controls

      // Resize: the swapchain follows within a few frames.
      window->setSize({1024, 700});
      for (int i = 0; i < 120 && (window->swapchainExtent().width != 1024 || window->swapchainExtent().height != 700);
           ++i) {
        REQUIRE(window->frame([&] { console.draw(inputFor(*meeting, console::Stage::during)); }));
        usleep(5000);
      }
      CHECK(window->swapchainExtent().width == 1024);
      CHECK(window->swapchainExtent().height == 700);
      for (int i = 0; i < 3; ++i)
        REQUIRE(window->frame([&] { console.draw(inputFor(*meeting, console::Stage::during)); }));

      // The facilitator closes it.
      window->requestClose();
      bool called = false;
      CHECK_FALSE(window->frame([&] { called = true; }));
      CHECK_FALSE(window->frame([&] { called = true; }));
      CHECK_FALSE(called);
    }
    headset->stop();
    CHECK(device.validationErrorCount() == 0);
  }
}

TEST_CASE("the console window says why not on a device without a swapchain", "[app][window]") {
  gfx::Device device(gfx::DeviceConfig{true, {}});  // headless: no surface, no VK_KHR_swapchain
  std::string whyNot;
  auto window = app::ConsoleWindow::open(device, {800, 600}, 1.0f, whyNot);
  INFO(whyNot);
  CHECK_FALSE(window);
  CHECK_FALSE(whyNot.empty());
  CHECK(whyNot.find('\n') == std::string::npos);
  CHECK(whyNot.find("swapchain") != std::string::npos);
  CHECK(device.validationErrorCount() == 0);
}

TEST_CASE("the console window runs alone: GLFW is set up and torn down twice over", "[app][window]") {
  const PrivateXServer& x = xServer();
  REQUIRE_FALSE(x.display().empty());
  // What a desktop headset would ask for, without its window: GLFW on X11 uses xcb or xlib surfaces.
  gfx::DeviceHooks hooks;
  hooks.instanceExtensions = {"VK_KHR_surface", "VK_KHR_xcb_surface", "VK_KHR_xlib_surface"};
  hooks.deviceExtensions = {"VK_KHR_swapchain"};
  gfx::Device device(gfx::DeviceConfig{true, hooks});
  for (int round = 0; round < 2; ++round) {
    std::string whyNot;
    auto window = app::ConsoleWindow::open(device, {640, 480}, 1.25f, whyNot);
    INFO(whyNot);
    REQUIRE(window);
    console::Console console;
    for (int i = 0; i < 3; ++i) REQUIRE(window->frame([&] { console.draw({}); }));
    CHECK(window->framesDrawn() == 3);
    window->requestClose();
    CHECK_FALSE(window->frame([] {}));
  }
  CHECK(device.validationErrorCount() == 0);
}

namespace {
// The console as the facilitator sees it: drawn a few frames (tables settle on their second), the
// last read back from the window's swapchain.
// With `mirror`, the citizen's view is copied into the space the console leaves for it.
gfx::ImageRGBA8 screenshot(gfx::Device& device, VkExtent2D size, float scale, const console::ConsoleInput& in,
                           const gfx::OffscreenTarget* mirror = nullptr, console::ControlInfo* mirrorArea = nullptr) {
  std::string whyNot;
  auto window = app::ConsoleWindow::open(device, size, scale, whyNot);
  INFO(whyNot);
  REQUIRE(window);
  console::Console console;
  for (int i = 0; i < 4; ++i) {
    if (i == 3) window->captureNextFrame();
    REQUIRE(window->frame([&] {
      console.draw(in);
      const auto area = console.controls().find("mirror");
      if (mirror && area != console.controls().end()) {
        CHECK(window->showMirror(mirror->image(), mirror->extent(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                 area->second.x0, area->second.y0, area->second.x1, area->second.y1));
        if (mirrorArea) *mirrorArea = area->second;
      }
    }));
  }
  auto image = window->takeCapture();
  REQUIRE(image);
  return *image;
}
}  // namespace

TEST_CASE("the console looks as it should: during a meeting at 100 %, before one at 125 % on 1920x1080",
          "[app][window]") {
  const PrivateXServer& x = xServer();
  REQUIRE_FALSE(x.display().empty());
  gfx::DeviceHooks hooks;
  REQUIRE(app::ConsoleWindow::addWindowNeeds(hooks));  // as beside a headset
  gfx::Device device(gfx::DeviceConfig{true, hooks});

  session::Statement statement;
  statement.name = "Sara";
  statement.parts = {"Jeg hedder Sara og er 34 år.", "blive hørt, før der bliver besluttet noget.",
                     "at finde et arbejde med få timer.", "få en hverdag med ro og overskud."};
  const console::MeetingChoice meetings[] = {{"behandlingsmoede", "Behandlingsmøde i distriktspsykiatrien"},
                                             {"myndighedsmoede", "Møde på jobcentret om ressourceforløb"},
                                             {"opfoelgning", "Opfølgningsmøde om bostøtte"}};
  auto meeting = meetingIn(meeting::Phase::choosing);
  const std::vector<session::Note> notes{{12.0, "Sara præsenterede sig roligt", false}, {30.0, {}, true}};

  console::ConsoleInput during = inputFor(*meeting, console::Stage::during);
  during.statement = &statement;
  during.notes = notes;
  during.headsetSeconds = 125.0;
  during.mirror = true;
  during.mirrorAspect = 16.0f / 9.0f;
  gfx::OffscreenTarget view(device, {160, 90});  // the citizen's view: one calm green, easy to find
  testing::clearImage(device, view.image(), 1, {{0.05f, 0.4f, 0.1f, 1.0f}}, VK_IMAGE_LAYOUT_UNDEFINED,
                      VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
  console::ControlInfo area;
  const auto duringImage = screenshot(device, {1280, 800}, 1.0f, during, &view, &area);
  CHECK(duringImage.width == 1280);
  REQUIRE(area.x1 - area.x0 > 100.0f);
  CHECK((area.x1 - area.x0) / (area.y1 - area.y0) == Approx(16.0 / 9.0).epsilon(0.02));
  const std::size_t centre =
      (std::size_t(0.5f * (area.y0 + area.y1)) * 1280 + std::size_t(0.5f * (area.x0 + area.x1))) * 4;
  CHECK(int(duringImage.pixels[centre + 1]) > 3 * int(duringImage.pixels[centre]));  // green, in the mirror's place
  const auto duringMatch =
      testing::compareWithReference(duringImage, "tests/app/reference/console_during_1280x800.png");
  INFO(duringMatch.message);
  CHECK(duringMatch.matches);

  console::ConsoleInput before;
  before.stage = console::Stage::before;
  before.statement = &statement;
  before.meetings = meetings;
  before.setup.meetingId = "myndighedsmoede";
  before.setup.citizen = "sara-3";
  before.setup.consent.saveStatement = true;
  const auto beforeImage = screenshot(device, {1920, 1080}, 1.25f, before);
  const auto beforeMatch =
      testing::compareWithReference(beforeImage, "tests/app/reference/console_before_1920x1080_125.png");
  INFO(beforeMatch.message);
  CHECK(beforeMatch.matches);
  CHECK(device.validationErrorCount() == 0);
}

TEST_CASE("the console's Efter mødet with three sessions' progress looks as it should", "[app][window]") {
  const PrivateXServer& x = xServer();
  REQUIRE_FALSE(x.display().empty());
  gfx::DeviceHooks hooks;
  REQUIRE(app::ConsoleWindow::addWindowNeeds(hooks));
  gfx::Device device(gfx::DeviceConfig{true, hooks});

  auto meeting = meetingIn(meeting::Phase::ended);
  std::vector<session::SessionProgress> progress = threeSessionsProgress();
  progress[1].replayable = progress[2].replayable = true;  // "Se igen" beside the two kept since replays were
  console::ConsoleInput after = inputFor(*meeting, console::Stage::after);
  after.setup.citizen = "sara-3";
  after.progress = progress;
  const auto image = screenshot(device, {1280, 800}, 1.0f, after);
  const auto match = testing::compareWithReference(image, "tests/app/reference/console_after_progress_1280x800.png");
  INFO(match.message);
  CHECK(match.matches);
  // Calm colours only: no pixel is strongly red (the charts' marks are grey-blue and green).
  std::size_t reddish = 0;
  for (std::size_t i = 0; i + 3 < image.pixels.size(); i += 4)
    reddish +=
        image.pixels[i] > 160 && image.pixels[i] > 2 * image.pixels[i + 1] && image.pixels[i] > 2 * image.pixels[i + 2];
  CHECK(reddish == 0);
  CHECK(device.validationErrorCount() == 0);
}
