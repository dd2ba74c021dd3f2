// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop GLFW window and its input (see desktop_window.h).
#define GLFW_INCLUDE_VULKAN
#include "desktop_window.h"

#include <GLFW/glfw3.h>
#include <overum/core/check.h>

#include <algorithm>
#include <optional>

namespace overum::xr {
namespace {

constexpr float kRadiansPerPixel = 0.004f;
constexpr float kPitchLimit = 1.396f;  // 80 degrees: looking straight up/down flips yaw

std::string glfwErrorText() {
  const char* text = nullptr;
  glfwGetError(&text);
  return text ? text : "unknown GLFW error";
}

DesktopWindow* self(GLFWwindow* w) { return static_cast<DesktopWindow*>(glfwGetWindowUserPointer(w)); }

// The keys the citizen may use, whatever the keyboard's layout calls them; the keypad's count too.
std::optional<Key> citizenKey(int key) {
  if (key >= GLFW_KEY_0 && key <= GLFW_KEY_9) return Key(int(Key::digit0) + key - GLFW_KEY_0);
  if (key >= GLFW_KEY_KP_0 && key <= GLFW_KEY_KP_9) return Key(int(Key::digit0) + key - GLFW_KEY_KP_0);
  switch (key) {
    case GLFW_KEY_ENTER:
    case GLFW_KEY_KP_ENTER: return Key::enter;
    case GLFW_KEY_SPACE: return Key::space;
    case GLFW_KEY_LEFT: return Key::left;
    case GLFW_KEY_RIGHT: return Key::right;
    case GLFW_KEY_ESCAPE: return Key::escape;
    case GLFW_KEY_C: return Key::c;
    case GLFW_KEY_P: return Key::p;
    case GLFW_KEY_S: return Key::s;
    case GLFW_KEY_F1: return Key::f1;
    case GLFW_KEY_F12: return Key::f12;
    case GLFW_KEY_EQUAL:
    case GLFW_KEY_KP_ADD: return Key::plus;
    case GLFW_KEY_MINUS:
    case GLFW_KEY_KP_SUBTRACT: return Key::minus;
    default: return std::nullopt;
  }
}

}  // namespace

DesktopWindow::DesktopWindow(VkExtent2D size, const std::string& title) {
  if (!glfwInit()) throw Error("no display for a window (" + glfwErrorText() + ")");
  if (!glfwVulkanSupported()) {
    glfwTerminate();
    throw Error("GLFW found no Vulkan loader");
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  window_ = glfwCreateWindow(static_cast<int>(size.width), static_cast<int>(size.height), title.c_str(), nullptr,
                             nullptr);
  if (!window_) {
    const std::string why = glfwErrorText();
    glfwTerminate();
    throw Error("could not open a window (" + why + ")");
  }
  glfwSetWindowUserPointer(window_, this);
  glfwSetKeyCallback(window_, onKey);
  glfwSetMouseButtonCallback(window_, onMouseButton);
  glfwSetCursorPosCallback(window_, onCursor);
}

DesktopWindow::~DesktopWindow() {
  if (window_) glfwDestroyWindow(window_);
  glfwTerminate();
}

std::vector<std::string> DesktopWindow::requiredInstanceExtensions() {
  std::uint32_t count = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&count);
  return std::vector<std::string>(names, names + count);
}

VkSurfaceKHR DesktopWindow::createSurface(VkInstance instance) {
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  const VkResult r = glfwCreateWindowSurface(instance, window_, nullptr, &surface);
  if (r != VK_SUCCESS) throw Error("glfwCreateWindowSurface failed (" + glfwErrorText() + ")");
  return surface;
}

void DesktopWindow::poll() {
  glfwPollEvents();
  if (glfwWindowShouldClose(window_)) input_.quit = true;
}

void DesktopWindow::waitBriefly() {
  glfwWaitEventsTimeout(0.05);
  if (glfwWindowShouldClose(window_)) input_.quit = true;
}

VkExtent2D DesktopWindow::framebufferSize() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  if (simulatedMinimised_ || glfwGetWindowAttrib(window_, GLFW_ICONIFIED)) return {0, 0};
  return {static_cast<std::uint32_t>(std::max(w, 0)), static_cast<std::uint32_t>(std::max(h, 0))};
}

void DesktopWindow::requestClose() {
  glfwSetWindowShouldClose(window_, GLFW_TRUE);
  input_.quit = true;
}

void DesktopWindow::resize(VkExtent2D size) {
  glfwSetWindowSize(window_, static_cast<int>(size.width), static_cast<int>(size.height));
}

void DesktopWindow::injectKey(int glfwKey, int mods) { onKey(window_, glfwKey, 0, GLFW_PRESS, mods); }

void DesktopWindow::injectDrag(double dx, double dy) {
  double x = 0.0, y = 0.0;
  glfwGetCursorPos(window_, &x, &y);
  onMouseButton(window_, GLFW_MOUSE_BUTTON_RIGHT, GLFW_PRESS, 0);
  lastX_ = x;  // the press samples the real cursor; drag from where it is
  lastY_ = y;
  onCursor(window_, x + dx, y + dy);
  onMouseButton(window_, GLFW_MOUSE_BUTTON_RIGHT, GLFW_RELEASE, 0);
}

WindowInput DesktopWindow::takeEdges() {
  WindowInput out = input_;
  input_.select = input_.clicked = false;
  input_.keys.clear();
  return out;
}

void DesktopWindow::onKey(GLFWwindow* w, int key, int, int action, int mods) {
  if (action != GLFW_PRESS) return;
  WindowInput& in = self(w)->input_;
  if (key == GLFW_KEY_Q && (mods & GLFW_MOD_CONTROL)) in.quit = true;
  if (const std::optional<Key> k = citizenKey(key)) in.keys.push_back(*k);
}

void DesktopWindow::onMouseButton(GLFWwindow* w, int button, int action, int) {
  DesktopWindow* me = self(w);
  if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_PRESS) {
    me->input_.select = me->input_.clicked = true;
    double x = 0.0, y = 0.0;
    glfwGetCursorPos(w, &x, &y);
    // Window coordinates to framebuffer pixels (they differ on scaled displays).
    int ww = 1, wh = 1, fw = 1, fh = 1;
    glfwGetWindowSize(w, &ww, &wh);
    glfwGetFramebufferSize(w, &fw, &fh);
    me->input_.cursorX = static_cast<float>(x * fw / std::max(ww, 1));
    me->input_.cursorY = static_cast<float>(y * fh / std::max(wh, 1));
  }
  if (button == GLFW_MOUSE_BUTTON_RIGHT) {
    me->dragging_ = action == GLFW_PRESS;
    glfwGetCursorPos(w, &me->lastX_, &me->lastY_);
  }
}

void DesktopWindow::onCursor(GLFWwindow* w, double x, double y) {
  DesktopWindow* me = self(w);
  if (me->dragging_) {
    // Dragging right turns the head right (negative yaw about +Y); dragging up looks up.
    me->input_.yaw -= static_cast<float>(x - me->lastX_) * kRadiansPerPixel;
    me->input_.pitch = std::clamp(me->input_.pitch - static_cast<float>(y - me->lastY_) * kRadiansPerPixel,
                                  -kPitchLimit, kPitchLimit);
  }
  me->lastX_ = x;
  me->lastY_ = y;
}

}  // namespace overum::xr
