// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: the desktop GLFW window (no client API) and the user's mouse and keyboard: right-drag
// mouse-look (yaw/pitch clamped), click = select, the keys the app gives meaning to (headset.h Key),
// close button or Ctrl+Q = quit.
#pragma once
#include <overum/xr/headset.h>
#include <overum/xr/window_presenter.h>

#include <string>
#include <vector>

namespace overum::xr {

struct WindowInput {
  bool select = false;                   // edges since the last takeEdges()
  std::vector<Key> keys;                 // the citizen's keys pressed since then, in order
  bool clicked = false;                  // left button, at `cursor`
  float cursorX = 0.0f, cursorY = 0.0f;  // window pixels, level
  bool quit =
      false;  // level: Ctrl+Q or the close button (Escape pauses: a citizen must not lose the meeting by one key)
  float yaw = 0.0f;    // radians, accumulated mouse-look
  float pitch = 0.0f;  // radians, clamped to +-80 degrees
};

// The citizen's window: an xr::Window whose events become WindowInput.
class DesktopWindow final : private WindowEvents {
 public:
  // Throws overum::Error when GLFW has no display or no Vulkan loader.
  DesktopWindow(VkExtent2D size, const std::string& title);

  Window& window() { return window_; }
  void poll();              // process pending events without blocking
  void waitBriefly();       // minimised: block up to 50 ms for an event
  WindowInput takeEdges();  // returns the input and clears its edges
  const WindowInput& peek() const { return input_; }
  void requestClose();  // as if the close button were pressed
  // Tests: feed a key press or a right-button drag through the same callbacks GLFW calls.
  void injectKey(int glfwKey, int mods = 0);
  void injectDrag(double dx, double dy);

 private:
  void key(int key, int scancode, int action, int mods) override;
  void mouseButton(int button, int action, int mods) override;
  void cursorMoved(double x, double y) override;

  WindowInput input_;
  bool dragging_ = false;
  double lastX_ = 0.0, lastY_ = 0.0;
  Window window_;  // last: destroyed first, so no event finds the members above gone
};

}  // namespace overum::xr
