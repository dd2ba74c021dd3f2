// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop GLFW window and its input (see desktop_window.h).
#include "desktop_window.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <optional>

namespace overum::xr {
namespace {

constexpr float kRadiansPerPixel = 0.004f;
constexpr float kPitchLimit = 1.396f;  // 80 degrees: looking straight up/down flips yaw

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

DesktopWindow::DesktopWindow(VkExtent2D size, const std::string& title) : window_({size, title, true}, this) {}

void DesktopWindow::poll() {
  window_.poll();
  if (window_.closeRequested()) input_.quit = true;
}

void DesktopWindow::waitBriefly() {
  window_.waitBriefly();
  if (window_.closeRequested()) input_.quit = true;
}

void DesktopWindow::requestClose() {
  window_.requestClose();
  input_.quit = true;
}

void DesktopWindow::injectKey(int glfwKey, int mods) { key(glfwKey, 0, GLFW_PRESS, mods); }

void DesktopWindow::injectDrag(double dx, double dy) {
  double x = 0.0, y = 0.0;
  glfwGetCursorPos(window_.handle(), &x, &y);
  mouseButton(GLFW_MOUSE_BUTTON_RIGHT, GLFW_PRESS, 0);
  lastX_ = x;  // the press samples the real cursor; drag from where it is
  lastY_ = y;
  cursorMoved(x + dx, y + dy);
  mouseButton(GLFW_MOUSE_BUTTON_RIGHT, GLFW_RELEASE, 0);
}

WindowInput DesktopWindow::takeEdges() {
  WindowInput out = input_;
  input_.select = input_.clicked = false;
  input_.keys.clear();
  return out;
}

void DesktopWindow::key(int key, int, int action, int mods) {
  if (action != GLFW_PRESS) return;
  WindowInput& in = input_;
  if (key == GLFW_KEY_Q && (mods & GLFW_MOD_CONTROL)) in.quit = true;
  if (const std::optional<Key> k = citizenKey(key)) in.keys.push_back(*k);
}

void DesktopWindow::mouseButton(int button, int action, int) {
  GLFWwindow* w = window_.handle();
  if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_PRESS) {
    input_.select = input_.clicked = true;
    double x = 0.0, y = 0.0;
    glfwGetCursorPos(w, &x, &y);
    // Window coordinates to framebuffer pixels (they differ on scaled displays).
    int ww = 1, wh = 1, fw = 1, fh = 1;
    glfwGetWindowSize(w, &ww, &wh);
    glfwGetFramebufferSize(w, &fw, &fh);
    input_.cursorX = static_cast<float>(x * fw / std::max(ww, 1));
    input_.cursorY = static_cast<float>(y * fh / std::max(wh, 1));
  }
  if (button == GLFW_MOUSE_BUTTON_RIGHT) {
    dragging_ = action == GLFW_PRESS;
    glfwGetCursorPos(w, &lastX_, &lastY_);
  }
}

void DesktopWindow::cursorMoved(double x, double y) {
  if (dragging_) {
    // Dragging right turns the head right (negative yaw about +Y); dragging up looks up.
    input_.yaw -= static_cast<float>(x - lastX_) * kRadiansPerPixel;
    input_.pitch =
        std::clamp(input_.pitch - static_cast<float>(y - lastY_) * kRadiansPerPixel, -kPitchLimit, kPitchLimit);
  }
  lastX_ = x;
  lastY_ = y;
}

}  // namespace overum::xr
