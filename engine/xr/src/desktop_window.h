// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: the desktop GLFW window (no client API) and the user's mouse and keyboard: right-drag
// mouse-look (yaw/pitch clamped), click = select, the keys the app gives meaning to (headset.h Key),
// close button or Ctrl+Q = quit.
#pragma once
#include <overum/xr/headset.h>
#include <vulkan/vulkan.h>

#include <string>
#include <vector>

struct GLFWwindow;

namespace overum::xr {

struct WindowInput {
  bool select = false;   // edges since the last takeEdges()
  std::vector<Key> keys; // the citizen's keys pressed since then, in order
  bool clicked = false;     // left button, at `cursor`
  float cursorX = 0.0f, cursorY = 0.0f;  // window pixels, level
  bool quit = false;     // level: Ctrl+Q or the close button (Escape pauses: a citizen must not lose the meeting by one key)
  float yaw = 0.0f;      // radians, accumulated mouse-look
  float pitch = 0.0f;    // radians, clamped to +-80 degrees
};

class DesktopWindow {
 public:
  // Throws overum::Error when GLFW has no display or no Vulkan loader.
  DesktopWindow(VkExtent2D size, const std::string& title);
  ~DesktopWindow();
  DesktopWindow(const DesktopWindow&) = delete;
  DesktopWindow& operator=(const DesktopWindow&) = delete;

  static std::vector<std::string> requiredInstanceExtensions();  // after construction
  VkSurfaceKHR createSurface(VkInstance instance);  // the caller owns it (vkDestroySurfaceKHR)

  void poll();                       // process pending events without blocking
  void waitBriefly();                // minimised: block up to 50 ms for an event
  VkExtent2D framebufferSize() const;  // 0x0 while minimised
  WindowInput takeEdges();           // returns the input and clears its edges
  const WindowInput& peek() const { return input_; }
  void requestClose();                  // as if the close button were pressed
  void resize(VkExtent2D size);         // as if the user dragged the border (tests)
  // Tests: feed a key press or a right-button drag through the same callbacks GLFW calls.
  void injectKey(int glfwKey, int mods = 0);
  void injectDrag(double dx, double dy);
  // Tests: report 0x0 as an iconified window does (a virtual X server without a window manager
  // cannot iconify).
  void simulateMinimised(bool minimised) { simulatedMinimised_ = minimised; }
  GLFWwindow* handle() const { return window_; }

 private:
  static void onKey(GLFWwindow* w, int key, int scancode, int action, int mods);
  static void onMouseButton(GLFWwindow* w, int button, int action, int mods);
  static void onCursor(GLFWwindow* w, double x, double y);

  GLFWwindow* window_ = nullptr;
  WindowInput input_;
  bool dragging_ = false;
  bool simulatedMinimised_ = false;
  double lastX_ = 0.0, lastY_ = 0.0;
};

}  // namespace overum::xr
