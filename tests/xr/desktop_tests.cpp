// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop backend on a virtual X display (run by CTest through xvfb-run): open the window, render
// frames, resize (the swapchain follows), minimise, keys and mouse-look, close; validation clean.
#include <catch2/catch.hpp>
#include <overum/gfx/device.h>
#include <overum/xr/headset.h>
#include <overum/xr/window_presenter.h>

#include <GLFW/glfw3.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "backends.h"
#include "xr_test_support.h"

using namespace overum;
using namespace overum::xr;

TEST_CASE("desktop: window renders, resizes and closes", "[xr][desktop][render]") {
  if (!std::getenv("DISPLAY")) FAIL("no DISPLAY: run this test through CTest (xvfb-run) or on a desktop");
  test::LogCapture log;
  HeadsetConfig config;
  config.size = {320, 200};
  config.validation = true;
  std::string whyNot;
  std::unique_ptr<Headset> headset = createDesktopHeadset(config, whyNot);
  INFO("createDesktopHeadset: " << whyNot);
  REQUIRE(headset);
  auto device = std::make_unique<gfx::Device>(gfx::DeviceConfig{true, headset->deviceHooks()});
  headset->start(*device);
  CHECK(headset->name() == "desktop");
  CHECK(headset->viewCount() == 1);
  CHECK(headset->viewExtent().width == 320);
  CHECK(headset->viewExtent().height == 200);
  auto painter = std::make_unique<test::ScenePainter>(*device, 1, headset->viewExtent());

  int drawn = 0;
  const auto frames = [&](int n) {
    for (int i = 0; i < n; ++i) {
      HeadsetFrame f;
      REQUIRE(headset->beginFrame(f));
      if (f.shouldRender) {
        CHECK(f.target.extent.width == headset->viewExtent().width);
        CHECK(f.views.size() == 1);
        painter->resize(f.target.extent);
        painter->paint(f);
        ++drawn;
      }
      headset->endFrame(f);
    }
  };
  frames(10);
  CHECK(drawn >= 8);  // an OUT_OF_DATE frame or two may be skipped, never most of them
  CHECK(headset->status() == HeadsetStatus::focused);
  CHECK(headset->input().head.position.y == Approx(1.2f));

  desktopResizeForTest(*headset, {400, 260});
  bool resized = false;
  for (int i = 0; i < 50 && !resized; ++i) {
    frames(1);
    resized = headset->viewExtent().width == 400 && headset->viewExtent().height == 260;
  }
  CHECK(resized);
  drawn = 0;
  frames(5);
  CHECK(drawn >= 4);

  // Minimised: frames go on without drawing and the swapchain is left as it is (no 0x0 recreate).
  desktopMinimiseForTest(*headset, true);
  drawn = 0;
  frames(3);
  CHECK(drawn == 0);
  CHECK(headset->status() == HeadsetStatus::idle);
  CHECK(headset->viewExtent().width == 400);
  desktopMinimiseForTest(*headset, false);
  frames(2);
  CHECK(drawn == 2);
  CHECK(headset->status() == HeadsetStatus::focused);

  desktopCloseForTest(*headset);
  HeadsetFrame f;
  CHECK_FALSE(headset->beginFrame(f));
  CHECK(headset->input().quitRequested);
  painter.reset();
  headset->stop();
  CHECK(device->validationErrorCount() == 0);
  device.reset();
  headset.reset();
}

TEST_CASE("desktop: F12 captures, right-drag looks around, Escape quits", "[xr][desktop]") {
  if (!std::getenv("DISPLAY")) FAIL("no DISPLAY: run this test through CTest (xvfb-run) or on a desktop");
  HeadsetConfig config;
  config.size = {160, 120};
  config.validation = true;
  std::string whyNot;
  std::unique_ptr<Headset> headset = createDesktopHeadset(config, whyNot);
  INFO("createDesktopHeadset: " << whyNot);
  REQUIRE(headset);
  auto device = std::make_unique<gfx::Device>(gfx::DeviceConfig{true, headset->deviceHooks()});
  headset->start(*device);
  auto painter = std::make_unique<test::ScenePainter>(*device, 1, headset->viewExtent());
  const auto frame = [&] {
    HeadsetFrame f;
    const bool go = headset->beginFrame(f);
    if (go && f.shouldRender) painter->paint(f);
    if (go) headset->endFrame(f);
    return go;
  };
  REQUIRE(frame());
  CHECK_FALSE(headset->input().pressed(Key::f12));
  desktopKeyForTest(*headset, GLFW_KEY_F12);
  REQUIRE(frame());
  CHECK(headset->input().pressed(Key::f12));
  REQUIRE(frame());
  CHECK_FALSE(headset->input().pressed(Key::f12));  // an edge: one frame only

  // Dragging right turns the head right (towards +X) while it stays in the seat.
  desktopDragForTest(*headset, 100.0, 0.0);
  REQUIRE(frame());
  const Pose head = headset->input().head;
  const glm::vec3 forward = head.orientation * glm::vec3(0, 0, -1);
  CHECK(forward.x > 0.2f);
  CHECK(head.position.y == Approx(1.2f));
  desktopDragForTest(*headset, 0.0, -50.0);  // dragging up looks up
  REQUIRE(frame());
  CHECK((headset->input().head.orientation * glm::vec3(0, 0, -1)).y > 0.1f);

  // The citizen's keys: options, "færdig", the cue card, caption size; Escape pauses, it never quits.
  desktopKeyForTest(*headset, GLFW_KEY_3);
  desktopKeyForTest(*headset, GLFW_KEY_ENTER);
  desktopKeyForTest(*headset, GLFW_KEY_C);
  desktopKeyForTest(*headset, GLFW_KEY_KP_ADD);
  REQUIRE(frame());
  CHECK(headset->input().keys == std::vector<Key>{Key::digit3, Key::enter, Key::c, Key::plus});
  REQUIRE(frame());
  CHECK(headset->input().keys.empty());  // edges: one frame only
  desktopKeyForTest(*headset, GLFW_KEY_ESCAPE);
  desktopKeyForTest(*headset, GLFW_KEY_KP_0);
  desktopKeyForTest(*headset, GLFW_KEY_X);  // no meaning for the citizen: not reported
  REQUIRE(frame());
  CHECK(headset->input().keys == std::vector<Key>{Key::escape, Key::digit0});
  CHECK_FALSE(headset->input().quitRequested);

  desktopKeyForTest(*headset, GLFW_KEY_Q, GLFW_MOD_CONTROL);
  CHECK_FALSE(frame());
  CHECK(headset->input().quitRequested);
  painter.reset();
  headset->stop();
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("desktop: no display falls back with a reason", "[xr][desktop]") {
  const std::string display = std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "";
  unsetenv("DISPLAY");
  unsetenv("WAYLAND_DISPLAY");
  std::string whyNot;
  HeadsetConfig config;
  CHECK(createDesktopHeadset(config, whyNot) == nullptr);
  CHECK(whyNot.find("display") != std::string::npos);
  if (!display.empty()) setenv("DISPLAY", display.c_str(), 1);
}

TEST_CASE("desktop: one GLFW for every window, terminated with the last", "[xr][desktop]") {
  if (!std::getenv("DISPLAY")) FAIL("no DISPLAY: run this test through CTest (xvfb-run) or on a desktop");
  const std::string display = std::getenv("DISPLAY");
  {
    Window first({{160, 120}, "first", true}, nullptr);
    const auto held = GlfwLibrary::acquire();
    CHECK(held.get() == &first.glfw());
    {
      Window second({{160, 120}, "second", false}, nullptr);
      CHECK(&second.glfw() == &first.glfw());
    }
    CHECK_FALSE(held->requiredInstanceExtensions().empty());  // still up: others hold it
    CHECK_FALSE(first.closeRequested());
  }
  // Nobody holds it: GLFW was terminated, so without a display it cannot start again.
  unsetenv("DISPLAY");
  unsetenv("WAYLAND_DISPLAY");
  CHECK_THROWS_WITH(GlfwLibrary::acquire(), Catch::Contains("no display"));
  setenv("DISPLAY", display.c_str(), 1);
  CHECK(GlfwLibrary::acquire() != nullptr);
}
