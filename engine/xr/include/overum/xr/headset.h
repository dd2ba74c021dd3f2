// The headset interface: OpenXR, desktop window (GLFW) and headless backends all look like this, so
// the app's frame loop is one loop. Four verbs: create (factory), beginFrame, endFrame, destroy.
#pragma once
#include <overum/core/pose.h>
#include <overum/gfx/device.h>
#include <overum/gfx/render_target.h>

#include <memory>
#include <string>
#include <vector>

namespace overum::xr {

// What the citizen can see of the headset state; the console shows it (not worn / focused / lost).
enum class HeadsetStatus { starting, idle, visible, focused, stopping, lost, exiting };

struct HeadsetInput {
  bool selectPressed = false;  // edge: trigger / A / mouse click this frame
  bool pausePressed = false;   // edge: menu / B / P or Escape
  bool quitRequested = false;  // window closed, runtime exiting
  Pose controller[2];          // left, right in world space
  bool controllerTracked[2] = {false, false};
  Pose head;                   // T_world_head
};

struct HeadsetFrame {
  bool shouldRender = true;            // false: do no GPU work this frame (OpenXR shouldRender)
  double displayTime = 0.0;            // seconds: predicted display time (XR) or clock time
  std::vector<gfx::View> views;        // 1 (mono) or 2 (stereo)
  gfx::RenderTarget target;            // where to draw this frame
  gfx::FrameSync sync;                 // semaphores/fence the renderer must use
  std::uint64_t index = 0;             // frame counter
};

struct HeadsetConfig {
  VkExtent2D size{1280, 720};       // window / offscreen size per view; default 1280x720
  bool validation = false;          // Vulkan validation layer (and OpenXR core validation for XR)
  double fixedStep = 1.0 / 90.0;    // headless clock step
};

class Headset {
 public:
  virtual ~Headset() = default;
  virtual std::string_view name() const = 0;         // "openxr", "desktop", "headless"
  virtual gfx::DeviceHooks deviceHooks() = 0;        // before gfx::Device exists
  virtual void start(gfx::Device& device) = 0;       // after: session, swapchains, window surface
  virtual std::uint32_t viewCount() const = 0;
  virtual VkExtent2D viewExtent() const = 0;
  virtual bool beginFrame(HeadsetFrame& frame) = 0;  // false: quit (user closed, runtime exiting)
  virtual void endFrame(const HeadsetFrame& frame) = 0;
  virtual HeadsetInput input() const = 0;
  virtual HeadsetStatus status() const = 0;
};

// Each factory returns nullptr and fills whyNot (one line, for the user) when the backend cannot run.
std::unique_ptr<Headset> createOpenXrHeadset(const HeadsetConfig& config, std::string& whyNot);
std::unique_ptr<Headset> createDesktopHeadset(const HeadsetConfig& config, std::string& whyNot);
std::unique_ptr<Headset> createHeadlessHeadset(const HeadsetConfig& config, std::string& whyNot);

}  // namespace overum::xr
