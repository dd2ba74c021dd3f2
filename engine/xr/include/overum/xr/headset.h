// SPDX-License-Identifier: GPL-3.0-or-later
// The headset interface: OpenXR, desktop window (GLFW) and headless backends all look like this, so
// the app's frame loop is one loop. Four verbs: create (factory), beginFrame, endFrame, destroy.
#pragma once
#include <overum/core/pose.h>
#include <overum/gfx/device.h>
#include <overum/gfx/render_target.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace overum::xr {

// What the citizen can see of the headset state; the console shows it (not worn / focused / lost).
enum class HeadsetStatus { starting, idle, visible, focused, stopping, lost, exiting };

// A key of the desktop keyboard the citizen may press; the app gives keys their meaning (app/citizen_input).
enum class Key : std::uint8_t {
  digit0,
  digit1,
  digit2,
  digit3,
  digit4,
  digit5,
  digit6,
  digit7,
  digit8,
  digit9,  // top row or keypad
  enter,
  space,
  left,
  right,
  escape,
  c,
  p,
  s,
  f1,
  f12,
  plus,
  minus,
};

// The devices as they are this frame: buttons, keys, pointer and poses; what they mean is the app's.
struct HeadsetInput {
  bool selectPressed = false;  // edge: trigger / A / left mouse button
  bool menuPressed = false;    // edge: a controller's menu / B button
  bool quitRequested = false;  // window closed or Ctrl+Q, runtime exiting
  Pose controller[2];          // left, right in world space
  bool controllerTracked[2] = {false, false};
  Pose head;              // T_world_head
  std::vector<Key> keys;  // desktop: the keys pressed since the last frame, in order (edges)
  bool clicked = false;   // left click at `cursor` (window pixels); selectPressed is set too
  glm::vec2 cursor{0.0f};

  bool pressed(Key key) const { return std::find(keys.begin(), keys.end(), key) != keys.end(); }
};

struct HeadsetFrame {
  bool shouldRender = true;      // false: do no GPU work this frame (OpenXR shouldRender)
  double displayTime = 0.0;      // seconds: predicted display time (XR; 0 when no frame ran) or clock time
  std::vector<gfx::View> views;  // 1 (mono) or 2 (stereo)
  gfx::RenderTarget target;      // where to draw this frame
  gfx::FrameSync sync;           // semaphores/fence the renderer must use
  std::uint64_t index = 0;       // frame counter
};

struct HeadsetConfig {
  VkExtent2D size{1280, 720};     // window / offscreen size per view; default 1280x720
  bool validation = false;        // Vulkan validation layer (and OpenXR core validation for XR)
  double fixedStep = 1.0 / 90.0;  // headless clock step
  // Where the seated viewer's head is in the room; the scene supplies it. Default: 1.2 m eye height
  // at the origin, looking down -Z. XR maps its tracking space so this is where the user sits.
  Pose T_world_head{glm::quat(1.0f, 0.0f, 0.0f, 0.0f), glm::vec3(0.0f, 1.2f, 0.0f)};
  std::uint32_t headlessViews = 1;     // headless only: 1 mono, 2 stereo (multiview); default 1
  float ipd = 0.064f;                  // headless stereo eye distance in metres; default 64 mm
  float verticalFov = 1.0f;            // desktop/headless vertical field of view, radians; default ~57 deg
  float nearZ = 0.05f;                 // near plane, metres; default 5 cm
  float farZ = 100.0f;                 // far plane, metres; default 100 m
  std::string windowTitle = "Øverum";  // desktop only; default "Øverum"
};

class Headset {
 public:
  virtual ~Headset() = default;
  virtual std::string_view name() const = 0;    // "openxr", "desktop", "headless"
  virtual gfx::DeviceHooks deviceHooks() = 0;   // before gfx::Device exists
  virtual void start(gfx::Device& device) = 0;  // after: session, swapchains, window surface
  // Releases everything start() made on the device; call before the gfx::Device is destroyed
  // (the headset outlives it). Idempotent; the destructor calls it too.
  virtual void stop() = 0;
  virtual std::uint32_t viewCount() const = 0;  // 1 (window, headless mono) or 2 (headset eyes)
  virtual VkExtent2D viewExtent() const = 0;    // pixels of one view; a window's follows its size
  // Waits for the frame's turn, locates the views and gives the image to draw into; false: quit (the
  // user closed the window, the runtime is exiting).
  virtual bool beginFrame(HeadsetFrame& frame) = 0;
  virtual void endFrame(const HeadsetFrame& frame) = 0;  // hands the drawn image to the compositor or window
  virtual HeadsetInput input() const = 0;                // this frame's buttons, keys, pointer and poses (edges once)
  virtual HeadsetStatus status() const = 0;              // focused, visible, lost …: whether the user is there

  // Moves the seated viewer (the scene's viewer pose): T_world_head at rest, before head tracking
  // or mouse-look is applied.
  virtual void setViewerPose(const Pose& T_world_head) = 0;
  // Ends cleanly: XR asks the runtime to stop the session; the next beginFrames return false.
  virtual void requestExit() = 0;
  // The image the last rendered frame went into, in its finalLayout, GPU work finished once
  // endFrame returned; headless only (for --capture read-back), nullptr elsewhere.
  virtual const gfx::RenderTarget* lastFrame() const { return nullptr; }
};

// Each factory returns nullptr and fills whyNot (one line, for the user) when the backend cannot run.
std::unique_ptr<Headset> createOpenXrHeadset(const HeadsetConfig& config, std::string& whyNot);
std::unique_ptr<Headset> createDesktopHeadset(const HeadsetConfig& config, std::string& whyNot);
std::unique_ptr<Headset> createHeadlessHeadset(const HeadsetConfig& config, std::string& whyNot);

}  // namespace overum::xr
