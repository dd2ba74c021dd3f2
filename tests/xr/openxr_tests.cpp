// SPDX-License-Identifier: GPL-3.0-or-later
// The OpenXR backend through the real Khronos loader against the headless test runtime, with
// XR_APILAYER_LUNARG_core_validation and the Vulkan validation layer on: FOCUSED is reached, frames
// carry the predicted display time, both eyes show the box with the right parallax, input arrives,
// loss is survived and a missing runtime or headset becomes a one-line reason.
#include <catch2/catch.hpp>
#include <dlfcn.h>
#include <openxr/openxr.h>
#include <overum/gfx/device.h>
#include <overum/gfx/readback.h>
#include <overum/xr/headset.h>
#include <overum/xr/xr_convert.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "test_runtime/test_runtime_control.h"
#include "xr_test_support.h"

using namespace overum;
using namespace overum::xr;

namespace {

constexpr const char* kLayer = "XR_APILAYER_LUNARG_core_validation";

// The runtime's control API, from the very library the loader opens (same path, same handle).
struct Control {
  PFN_overumTestRuntimeEyeImage eyeImage = nullptr;
  PFN_overumTestRuntimeStats stats = nullptr;
  PFN_overumTestRuntimeSetState setState = nullptr;
  PFN_overumTestRuntimeLoseSession loseSession = nullptr;
  PFN_overumTestRuntimeLoseInstance loseInstance = nullptr;
  PFN_overumTestRuntimeSetButton setButton = nullptr;
  PFN_overumTestRuntimeSetProfile setProfile = nullptr;
  PFN_overumTestRuntimeReset reset = nullptr;

  OverumTestRuntimeStats read() const {
    OverumTestRuntimeStats s{};
    stats(&s);
    return s;
  }
  test::Rgba eye(std::uint32_t index) const {
    test::Rgba image;
    if (!eyeImage(index, &image.width, &image.height, nullptr, 0)) return image;
    image.pixels.resize(std::size_t(image.width) * image.height * 4);
    eyeImage(index, &image.width, &image.height, image.pixels.data(), image.pixels.size());
    return image;
  }
};

std::string validationLogPath() { return "/tmp/overum-xr-core-validation-" + std::to_string(getpid()) + ".txt"; }

std::string validationLogFrom(std::size_t offset) {
  std::ifstream in(validationLogPath());
  std::stringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  return offset < text.size() ? text.substr(offset) : std::string();
}

// Points the loader at the test runtime with the core validation layer, once per process, and
// loads the control API. Fails with what to install when the layer is missing.
Control& environment() {
  static Control control = [] {
    INFO("test runtime manifest " OVERUM_TEST_RUNTIME_JSON);
    REQUIRE(std::filesystem::exists(OVERUM_TEST_RUNTIME_JSON));
    const std::string layerManifest = OVERUM_XR_VALIDATION_LAYER_MANIFEST;
    if (layerManifest.empty() || !std::filesystem::exists(layerManifest))
      FAIL(
          "the OpenXR core validation layer (XR_APILAYER_LUNARG_core_validation) is not installed: "
          "install the Debian package openxr-layer-corevalidation");
    setenv("XR_RUNTIME_JSON", OVERUM_TEST_RUNTIME_JSON, 1);
    setenv("XR_ENABLE_API_LAYERS", kLayer, 1);
    setenv("XR_API_LAYER_PATH", std::filesystem::path(layerManifest).parent_path().c_str(), 1);
    setenv("XR_CORE_VALIDATION_EXPORT_TYPE", "text", 1);
    setenv("XR_CORE_VALIDATION_FILE_NAME", validationLogPath().c_str(), 1);
    std::filesystem::remove(validationLogPath());
    std::atexit([] { std::filesystem::remove(validationLogPath()); });

    void* lib = dlopen(OVERUM_TEST_RUNTIME_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    INFO("dlopen: " << (lib ? "" : dlerror()));
    REQUIRE(lib != nullptr);
    Control c;
    const auto load = [&](auto& fn, const char* name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(lib, name));
      INFO(name);
      REQUIRE(fn != nullptr);
    };
    load(c.eyeImage, "overumTestRuntimeEyeImage");
    load(c.stats, "overumTestRuntimeStats");
    load(c.setState, "overumTestRuntimeSetState");
    load(c.loseSession, "overumTestRuntimeLoseSession");
    load(c.loseInstance, "overumTestRuntimeLoseInstance");
    load(c.setButton, "overumTestRuntimeSetButton");
    load(c.setProfile, "overumTestRuntimeSetProfile");
    load(c.reset, "overumTestRuntimeReset");

    // The layer must really be in the chain, not just installed.
    std::uint32_t count = 0;
    REQUIRE(xrEnumerateApiLayerProperties(0, &count, nullptr) == XR_SUCCESS);
    std::vector<XrApiLayerProperties> layers(count);
    for (auto& l : layers) l.type = XR_TYPE_API_LAYER_PROPERTIES;
    REQUIRE(xrEnumerateApiLayerProperties(count, &count, layers.data()) == XR_SUCCESS);
    bool found = false;
    for (const auto& l : layers) found = found || std::strcmp(l.layerName, kLayer) == 0;
    if (!found) FAIL("the OpenXR loader does not list " << kLayer << ": install openxr-layer-corevalidation");
    return c;
  }();
  control.reset();
  return control;
}

// Headset, device and painter in the app's order; checks both validation logs at the end.
struct Rig {
  Control& control = environment();
  test::LogCapture log;
  std::size_t validationOffset = validationLogFrom(0).size();
  HeadsetConfig config;
  std::unique_ptr<Headset> headset;
  std::unique_ptr<gfx::Device> device;
  std::unique_ptr<test::ScenePainter> painter;
  HeadsetFrame last;
  int notRendered = 0;

  Rig() {
    config.validation = true;
    std::string whyNot;
    headset = createOpenXrHeadset(config, whyNot);
    INFO("createOpenXrHeadset: " << whyNot);
    REQUIRE(headset);
    device = std::make_unique<gfx::Device>(gfx::DeviceConfig{true, headset->deviceHooks()});
    REQUIRE(device->validationEnabled());
    headset->start(*device);
    painter = std::make_unique<test::ScenePainter>(*device, headset->viewCount(), headset->viewExtent());
  }
  ~Rig() {
    painter.reset();
    if (headset) headset->stop();
    device.reset();
    headset.reset();
  }

  // One frame as the app runs it; false when the headset says quit.
  bool step() {
    HeadsetFrame f;
    if (!headset->beginFrame(f)) return false;
    if (f.shouldRender) {
      painter->paint(f);
    } else {
      ++notRendered;
      CHECK(f.target.image == VK_NULL_HANDLE);  // nothing to draw into when the runtime says so
    }
    headset->endFrame(f);
    last = f;
    return true;
  }

  bool runUntil(HeadsetStatus status, int maxFrames = 30) {
    for (int i = 0; i < maxFrames; ++i) {
      if (!step()) return false;
      if (headset->status() == status) return true;
    }
    return false;
  }

  // Shuts down in the app's order (painter, session, device, headset), then checks that neither
  // validation layer nor the runtime saw a mistake, device creation and shutdown included.
  void checkClean() {
    painter.reset();
    headset->stop();
    CHECK(device->validationErrorCount() == 0);
    device.reset();
    headset.reset();
    const OverumTestRuntimeStats stats = control.read();
    CHECK(stats.childrenDestroyedAfterSession == 0);
    CHECK(stats.deviceChainOverlaps == 0);
    const std::string xrLog = validationLogFrom(validationOffset);
    INFO("core validation log:\n" << xrLog);
    CHECK(xrLog.find("VALID_ERROR") == std::string::npos);
  }
};

// Where the runtime's eyes really are: head mapped onto T_world_head, eyes 64 mm apart, and the
// runtime's fixed FOVs (see test_runtime.cpp).
gfx::View runtimeEye(const Pose& T_world_head, int eye, const HeadsetConfig& c) {
  const Pose T_head_eye{glm::quat(1, 0, 0, 0), glm::vec3(eye == 0 ? -0.032f : 0.032f, 0, 0)};
  const XrFovf fov = eye == 0 ? XrFovf{-0.80f, 0.70f, 0.72f, -0.78f} : XrFovf{-0.70f, 0.80f, 0.72f, -0.78f};
  return gfx::View{viewFromWorld(T_world_head * T_head_eye), projectionFromXrFov(fov, c.nearZ, c.farZ)};
}

}  // namespace

TEST_CASE("openxr: the session reaches FOCUSED and submits both eyes at the predicted time", "[xr][openxr][render]") {
  Rig rig;
  CHECK(rig.headset->name() == "openxr");
  CHECK(rig.headset->viewCount() == 2);
  CHECK(rig.headset->viewExtent().width == 320);
  CHECK(rig.headset->viewExtent().height == 288);
  REQUIRE(rig.runUntil(HeadsetStatus::focused));
  CHECK(rig.log.contains("xr: session state READY"));
  CHECK(rig.log.contains("xr: session state FOCUSED"));
  CHECK(rig.notRendered >= 1);  // SYNCHRONIZED frames: ended without GPU work
  for (int i = 0; i < 3; ++i) REQUIRE(rig.step());
  REQUIRE(rig.last.shouldRender);
  CHECK(rig.last.views.size() == 2);
  CHECK(rig.last.target.layers == 2);

  const OverumTestRuntimeStats stats = rig.control.read();
  CHECK(stats.framesWithLayers >= 3);
  CHECK(stats.endFrames == stats.waitFrames);
  CHECK(stats.displayTimeMismatches == 0);
  CHECK(stats.acquiresWithoutRender == 0);
  CHECK(stats.layersWithoutRender == 0);
  CHECK(stats.lastSubmittedDisplayTime == stats.lastPredictedDisplayTime);
  CHECK(std::llround(rig.last.displayTime * 1e9) == stats.lastSubmittedDisplayTime);
  CHECK(stats.referenceSpaceOfLayer == XR_REFERENCE_SPACE_TYPE_STAGE);

  // The head is where the scene put the seat, whatever the STAGE origin and heading.
  const Pose head = rig.headset->input().head;
  CHECK(head.position.x == Approx(0.0f).margin(1e-4));
  CHECK(head.position.y == Approx(1.2f).margin(1e-4));
  CHECK(head.position.z == Approx(0.0f).margin(1e-4));
  const glm::vec3 forward = head.orientation * glm::vec3(0, 0, -1);
  CHECK(forward.z == Approx(-1.0f).margin(1e-4));

  // Both eyes drew the box, each where that eye's real pose and FOV put it.
  const test::Rgba left = rig.control.eye(0);
  const test::Rgba right = rig.control.eye(1);
  REQUIRE(left.width == 320);
  REQUIRE(right.height == 288);
  const test::Blob l = test::foreground(left);
  const test::Blob r = test::foreground(right);
  REQUIRE(l.count > 0);
  REQUIRE(r.count > 0);
  CHECK(left.pixels != right.pixels);
  if (const char* dir = std::getenv("OVERUM_XR_TEST_DUMP")) {  // for looking at what the runtime got
    for (int eye = 0; eye < 2; ++eye) {
      const test::Rgba& e = eye == 0 ? left : right;
      gfx::writePng(std::string(dir) + (eye == 0 ? "/openxr-left.png" : "/openxr-right.png"),
                    gfx::ImageRGBA8{e.width, e.height, e.pixels});
    }
  }
  const VkExtent2D extent = rig.headset->viewExtent();
  const glm::vec2 expectL =
      test::projectToPixels(runtimeEye(rig.config.T_world_head, 0, rig.config), extent, test::kBoxCentre);
  const glm::vec2 expectR =
      test::projectToPixels(runtimeEye(rig.config.T_world_head, 1, rig.config), extent, test::kBoxCentre);
  INFO("left " << l.cx << "," << l.cy << " expected " << expectL.x << "," << expectL.y << "; right " << r.cx << ","
               << r.cy << " expected " << expectR.x << "," << expectR.y);
  CHECK(expectL.x - expectR.x > 10.0f);
  CHECK(l.cx - r.cx == Approx(expectL.x - expectR.x).margin(2.0));
  CHECK(l.cx == Approx(expectL.x).margin(3.0));
  CHECK(l.cy == Approx(expectL.y).margin(3.0));
  CHECK(r.cx == Approx(expectR.x).margin(3.0));
  rig.checkClean();
}

TEST_CASE("openxr: the device the runtime creates takes its feature structs and ours without overlap", "[xr][openxr]") {
  // The test runtime adds a timeline-semaphore struct in front of our Vulkan12Features, as Monado does.
  Rig rig;
  CHECK(rig.log.contains("xr: Vulkan device: the runtime's feature structs merged into the engine's"));
  CHECK(rig.device->validationErrorCount() == 0);
  CHECK(rig.control.read().deviceChainOverlaps == 0);
  rig.checkClean();
}

TEST_CASE("openxr: spaces and swapchain go before their session at shutdown", "[xr][openxr]") {
  Rig rig;
  REQUIRE(rig.runUntil(HeadsetStatus::focused));
  rig.headset->stop();
  CHECK(rig.control.read().sessionsDestroyed == 1);
  CHECK(rig.control.read().childrenDestroyedAfterSession == 0);
  rig.checkClean();
}

TEST_CASE("openxr: the seated space follows setViewerPose", "[xr][openxr]") {
  Rig rig;
  REQUIRE(rig.runUntil(HeadsetStatus::focused));
  const Pose seat{glm::angleAxis(1.5707964f, glm::vec3(0, 1, 0)), glm::vec3(1.0f, 1.1f, 2.0f)};
  rig.headset->setViewerPose(seat);
  REQUIRE(rig.step());
  const Pose head = rig.headset->input().head;
  CHECK(head.position.x == Approx(1.0f).margin(1e-4));
  CHECK(head.position.y == Approx(1.1f).margin(1e-4));
  CHECK(head.position.z == Approx(2.0f).margin(1e-4));
  const glm::vec3 forward = head.orientation * glm::vec3(0, 0, -1);
  CHECK(forward.x == Approx(-1.0f).margin(1e-4));  // turned 90 degrees left: looking down -X
  rig.checkClean();
}

TEST_CASE("openxr: without STAGE the LOCAL space is used, mapped the same way", "[xr][openxr]") {
  environment();
  setenv("OVERUM_TEST_RUNTIME_NO_STAGE", "1", 1);
  {
    Rig rig;
    REQUIRE(rig.runUntil(HeadsetStatus::focused));
    REQUIRE(rig.step());
    CHECK(rig.control.read().referenceSpaceOfLayer == XR_REFERENCE_SPACE_TYPE_LOCAL);
    const Pose head = rig.headset->input().head;
    CHECK(head.position.y == Approx(1.2f).margin(1e-4));
    CHECK(head.position.z == Approx(0.0f).margin(1e-4));
    CHECK(test::foreground(rig.control.eye(0)).count > 0);
    rig.checkClean();
  }
  unsetenv("OVERUM_TEST_RUNTIME_NO_STAGE");
}

TEST_CASE("openxr: controller poses and select/pause edges", "[xr][openxr]") {
  Rig rig;
  REQUIRE(rig.runUntil(HeadsetStatus::focused));
  REQUIRE(rig.step());
  HeadsetInput in = rig.headset->input();
  REQUIRE(in.controllerTracked[0]);
  REQUIRE(in.controllerTracked[1]);
  // The runtime holds the grips 0.2 m either side, 0.4 m below and 0.3 m in front of the head.
  CHECK(in.controller[0].position.x == Approx(-0.2f).margin(1e-3));
  CHECK(in.controller[1].position.x == Approx(0.2f).margin(1e-3));
  CHECK(in.controller[1].position.y == Approx(0.8f).margin(1e-3));
  CHECK(in.controller[1].position.z == Approx(-0.3f).margin(1e-3));
  CHECK_FALSE(in.selectPressed);

  rig.control.setButton("/user/hand/right/input/select/click", 1);
  REQUIRE(rig.step());
  CHECK(rig.headset->input().selectPressed);
  REQUIRE(rig.step());
  CHECK_FALSE(rig.headset->input().selectPressed);  // an edge, not a level
  rig.control.setButton("/user/hand/right/input/select/click", 0);
  rig.control.setButton("/user/hand/left/input/menu/click", 1);
  REQUIRE(rig.step());
  CHECK(rig.headset->input().menuPressed);
  CHECK_FALSE(rig.headset->input().selectPressed);
  rig.checkClean();
}

TEST_CASE("openxr: Oculus Touch, Valve Index, Vive, WMR and HP Reverb G2 bindings drive select and pause",
          "[xr][openxr]") {
  Rig rig;
  REQUIRE(rig.runUntil(HeadsetStatus::focused));
  struct Case {
    const char* profile;
    const char* select;
    const char* pause;
  };
  const Case cases[] = {
      {"/interaction_profiles/oculus/touch_controller", "/user/hand/right/input/a/click",
       "/user/hand/right/input/b/click"},
      {"/interaction_profiles/oculus/touch_controller", "/user/hand/left/input/trigger/value",
       "/user/hand/left/input/menu/click"},
      {"/interaction_profiles/valve/index_controller", "/user/hand/left/input/trigger/click",
       "/user/hand/right/input/b/click"},
      {"/interaction_profiles/htc/vive_controller", "/user/hand/right/input/trigger/click",
       "/user/hand/left/input/menu/click"},
      {"/interaction_profiles/microsoft/motion_controller", "/user/hand/left/input/trigger/value",
       "/user/hand/right/input/menu/click"},
      {"/interaction_profiles/hp/mixed_reality_controller", "/user/hand/left/input/x/click",
       "/user/hand/right/input/b/click"},
      {"/interaction_profiles/hp/mixed_reality_controller", "/user/hand/right/input/trigger/value",
       "/user/hand/left/input/menu/click"},
  };
  for (const Case& c : cases) {
    INFO(c.profile << " " << c.select << " / " << c.pause);
    rig.control.setProfile(c.profile);
    REQUIRE(rig.step());
    CHECK(rig.log.contains(std::string("xr: right hand: ") + c.profile));
    CHECK(rig.headset->input().controllerTracked[0]);
    rig.control.setButton(c.select, 1);
    REQUIRE(rig.step());
    CHECK(rig.headset->input().selectPressed);
    CHECK_FALSE(rig.headset->input().menuPressed);
    rig.control.setButton(c.select, 0);
    rig.control.setButton(c.pause, 1);
    REQUIRE(rig.step());
    CHECK(rig.headset->input().menuPressed);
    CHECK_FALSE(rig.headset->input().selectPressed);
    rig.control.setButton(c.pause, 0);
    REQUIRE(rig.step());
  }
  rig.checkClean();
}

TEST_CASE("openxr: without controllers the hands are untracked, so the app chooses by gaze", "[xr][openxr]") {
  Rig rig;
  REQUIRE(rig.runUntil(HeadsetStatus::focused));
  // A profile nothing was suggested for: as with no controllers connected, nothing binds.
  rig.control.setProfile("/interaction_profiles/unknown/none");
  rig.control.setButton("/user/hand/right/input/select/click", 1);
  REQUIRE(rig.step());
  CHECK(rig.log.contains("xr: right hand: none"));
  const HeadsetInput in = rig.headset->input();
  CHECK_FALSE(in.controllerTracked[0]);
  CHECK_FALSE(in.controllerTracked[1]);
  CHECK_FALSE(in.selectPressed);
  CHECK(in.head.position.y == Approx(1.2f).margin(1e-4));  // the gaze ray still comes from the head
  REQUIRE(rig.step());
  CHECK(rig.last.shouldRender);
  rig.checkClean();
}

TEST_CASE("openxr: VISIBLE without focus keeps drawing, input waits for focus", "[xr][openxr]") {
  Rig rig;
  REQUIRE(rig.runUntil(HeadsetStatus::focused));
  rig.control.setState(XR_SESSION_STATE_VISIBLE);
  rig.control.setButton("/user/hand/right/input/select/click", 1);
  REQUIRE(rig.step());
  CHECK(rig.headset->status() == HeadsetStatus::visible);
  CHECK(rig.last.shouldRender);
  CHECK_FALSE(rig.headset->input().selectPressed);
  rig.control.setState(XR_SESSION_STATE_FOCUSED);
  REQUIRE(rig.step());
  CHECK(rig.headset->status() == HeadsetStatus::focused);
  CHECK(rig.headset->input().selectPressed);
  rig.checkClean();
}

TEST_CASE("openxr: SYNCHRONIZED (headset off) runs frames without GPU work", "[xr][openxr]") {
  Rig rig;
  REQUIRE(rig.runUntil(HeadsetStatus::focused));
  rig.control.setState(XR_SESSION_STATE_VISIBLE);
  rig.control.setState(XR_SESSION_STATE_SYNCHRONIZED);
  const std::uint64_t layersBefore = rig.control.read().framesWithLayers;
  const int notRenderedBefore = rig.notRendered;
  for (int i = 0; i < 3; ++i) REQUIRE(rig.step());
  CHECK(rig.headset->status() == HeadsetStatus::idle);
  CHECK(rig.notRendered == notRenderedBefore + 3);  // each frame: no target, nothing drawn
  OverumTestRuntimeStats stats = rig.control.read();
  CHECK(stats.framesWithLayers == layersBefore);
  CHECK(stats.acquiresWithoutRender == 0);
  CHECK(stats.layersWithoutRender == 0);
  CHECK(stats.displayTimeMismatches == 0);
  CHECK(stats.endFrames == stats.waitFrames);  // the frame loop kept pace with the runtime
  rig.control.setState(XR_SESSION_STATE_VISIBLE);
  rig.control.setState(XR_SESSION_STATE_FOCUSED);
  REQUIRE(rig.step());
  CHECK(rig.last.shouldRender);
  CHECK(rig.control.read().framesWithLayers == layersBefore + 1);
  rig.checkClean();
}

TEST_CASE("openxr: session loss with the headset gone reports lost and stops", "[xr][openxr][loss]") {
  Rig rig;
  REQUIRE(rig.runUntil(HeadsetStatus::focused));
  rig.control.loseSession(0);
  CHECK_FALSE(rig.step());
  CHECK(rig.headset->status() == HeadsetStatus::lost);
  CHECK(rig.headset->input().quitRequested);
  CHECK_FALSE(rig.step());  // stays down
  CHECK(rig.log.contains("xr: session state LOSS_PENDING"));
  const OverumTestRuntimeStats stats = rig.control.read();
  CHECK(stats.sessionsDestroyed == stats.sessionsCreated);
  rig.checkClean();
}

TEST_CASE("openxr: session loss with the headset back recreates the session", "[xr][openxr][loss]") {
  Rig rig;
  REQUIRE(rig.runUntil(HeadsetStatus::focused));
  rig.control.loseSession(1);
  REQUIRE(rig.step());
  REQUIRE(rig.runUntil(HeadsetStatus::focused));
  const OverumTestRuntimeStats stats = rig.control.read();
  CHECK(stats.sessionsCreated == 2);
  CHECK(stats.sessionsDestroyed == 1);
  REQUIRE(rig.step());
  CHECK(rig.last.shouldRender);
  CHECK(test::foreground(rig.control.eye(0)).count > 0);
  rig.checkClean();
}

TEST_CASE("openxr: instance loss reports lost, no crash", "[xr][openxr][loss]") {
  Rig rig;
  REQUIRE(rig.runUntil(HeadsetStatus::focused));
  rig.control.loseInstance();
  CHECK_FALSE(rig.step());
  CHECK(rig.headset->status() == HeadsetStatus::lost);
  CHECK_FALSE(rig.step());
  const OverumTestRuntimeStats stats = rig.control.read();
  CHECK(stats.sessionsDestroyed == stats.sessionsCreated);
  rig.checkClean();
}

TEST_CASE("openxr: requestExit ends the session through STOPPING and EXITING", "[xr][openxr]") {
  Rig rig;
  REQUIRE(rig.runUntil(HeadsetStatus::focused));
  rig.headset->requestExit();
  bool ended = false;
  for (int i = 0; i < 10 && !ended; ++i) ended = !rig.step();
  CHECK(ended);
  CHECK(rig.headset->status() == HeadsetStatus::exiting);
  CHECK(rig.headset->input().quitRequested);
  CHECK(rig.log.contains("xr: session state STOPPING"));
  CHECK(rig.log.contains("xr: session state EXITING"));
  const OverumTestRuntimeStats stats = rig.control.read();
  CHECK(stats.sessionsDestroyed == stats.sessionsCreated);
  rig.checkClean();
}

TEST_CASE("openxr: no headset on the runtime falls back with a reason", "[xr][openxr][fallback]") {
  environment();
  setenv("OVERUM_TEST_RUNTIME_NO_HMD", "1", 1);
  HeadsetConfig config;
  std::string whyNot;
  const auto headset = createOpenXrHeadset(config, whyNot);
  unsetenv("OVERUM_TEST_RUNTIME_NO_HMD");
  CHECK(headset == nullptr);
  INFO(whyNot);
  CHECK(whyNot.find("headset") != std::string::npos);
  CHECK(whyNot.find('\n') == std::string::npos);
}

TEST_CASE("openxr: a missing runtime falls back with a reason", "[xr][openxr][fallback]") {
  environment();
  setenv("XR_RUNTIME_JSON", "/nonexistent/overum-no-runtime.json", 1);
  HeadsetConfig config;
  std::string whyNot;
  const auto headset = createOpenXrHeadset(config, whyNot);
  setenv("XR_RUNTIME_JSON", OVERUM_TEST_RUNTIME_JSON, 1);
  CHECK(headset == nullptr);
  INFO(whyNot);
  CHECK(whyNot.find("runtime") != std::string::npos);
  CHECK(whyNot.find('\n') == std::string::npos);
}

TEST_CASE("openxr: the core validation layer reports misuse into the log the tests check", "[xr][openxr]") {
  environment();
  const std::size_t offset = validationLogFrom(0).size();
  XrInstanceCreateInfo info{};
  info.type = XR_TYPE_INSTANCE_CREATE_INFO;
  std::strcpy(info.applicationInfo.applicationName, "overum-xr-test");
  info.applicationInfo.apiVersion = XR_CURRENT_API_VERSION;
  // The layer comes from XR_ENABLE_API_LAYERS, as for the headset.
  XrInstance instance = XR_NULL_HANDLE;
  REQUIRE(xrCreateInstance(&info, &instance) == XR_SUCCESS);
  XrSystemGetInfo bad{};
  bad.type = XR_TYPE_INSTANCE_CREATE_INFO;  // deliberately the wrong structure type
  bad.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XrSystemId system = XR_NULL_SYSTEM_ID;
  CHECK(XR_FAILED(xrGetSystem(instance, &bad, &system)));
  xrDestroyInstance(instance);
  CHECK(validationLogFrom(offset).find("VALID_ERROR") != std::string::npos);
}

// Hidden (run by name): how long the OpenXR path takes per frame on this machine. The headset's own
// share (begin + end, which includes the runtime's read-back of both eyes) and the whole frame.
TEST_CASE("openxr: frame timing", "[.][bench][xr]") {
  Rig rig;
  REQUIRE(rig.runUntil(HeadsetStatus::focused));
  std::vector<double> headsetMs, frameMs;
  using Clock = std::chrono::steady_clock;
  const auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  for (int i = 0; i < 200; ++i) {
    HeadsetFrame f;
    const auto t0 = Clock::now();
    REQUIRE(rig.headset->beginFrame(f));
    const auto t1 = Clock::now();
    rig.painter->paint(f);
    const auto t2 = Clock::now();
    rig.headset->endFrame(f);
    const auto t3 = Clock::now();
    headsetMs.push_back(ms(t1 - t0) + ms(t3 - t2));
    frameMs.push_back(ms(t3 - t0));
  }
  const auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::printf("openxr 2x%ux%u, %s: median frame %.2f ms (%.0f fps), headset begin+end %.2f ms\n",
              rig.headset->viewExtent().width, rig.headset->viewExtent().height,
              test::ScenePainter::usesRenderer() ? "gfx::Renderer" : "marker painter", median(frameMs),
              1000.0 / median(frameMs), median(headsetMs));
  rig.checkClean();
}
