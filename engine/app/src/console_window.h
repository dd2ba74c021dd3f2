// SPDX-License-Identifier: GPL-3.0-or-later
// The facilitator's own desktop window: an xr::Window and xr::WindowPresenter with its own Dear ImGui
// context, drawn on the citizen's gfx::Device (same VkDevice and queue), hosting console::Console.
#pragma once
#include <overum/gfx/device.h>
#include <overum/gfx/readback.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

struct ImGuiContext;

namespace overum::app {

class ConsoleWindow {
 public:
  // Opens the window. Returns nullptr and fills whyNot (one line) when there is no display, the
  // device lacks VK_KHR_swapchain, the instance lacks GLFW's surface extensions (XR, headless), the
  // queue cannot present to the window, or GLFW fails. uiScale: 1.0 = 100 % (console fonts/style).
  // The window holds GLFW (xr::GlfwLibrary) while it lives, whatever else is open or closed.
  static std::unique_ptr<ConsoleWindow> open(gfx::Device& device, VkExtent2D size, float uiScale, std::string& whyNot);
  // Adds what the window will need to a headset's device hooks (GLFW's surface extensions and
  // VK_KHR_swapchain), so the console can open beside a headset too. False: no display.
  static bool addWindowNeeds(gfx::DeviceHooks& hooks);
  ~ConsoleWindow();  // waits for the device to be idle, then releases everything
  ConsoleWindow(const ConsoleWindow&) = delete;
  ConsoleWindow& operator=(const ConsoleWindow&) = delete;

  // One frame: polls events, makes this window's ImGui context current, calls drawUi between
  // ImGui::NewFrame and ImGui::Render, renders and presents, then restores the previous context.
  // A minimised (0x0) window skips drawing. False once the facilitator closed the window.
  bool frame(const std::function<void()>& drawUi);

  ImGuiContext* context() const;

  // For tests and the host: ask the window to close (the next frame() returns false), resize it
  // (in screen coordinates), and the size of the swapchain last rendered to (0x0 before any).
  void requestClose();
  void setSize(VkExtent2D size);
  VkExtent2D swapchainExtent() const;
  std::uint64_t framesDrawn() const;
  // The citizen's view shown in the console: each frame, `image` (left in `layout` by earlier work
  // on the same queue, e.g. a gfx::OffscreenTarget the renderer drew) is scaled into `area` (window
  // pixels, as console::Console reports controls()["mirror"]) after ImGui has drawn. Call inside
  // drawUi; an empty area or image shows nothing. False when the window cannot take copies.
  bool showMirror(VkImage image, VkExtent2D extent, VkImageLayout layout, float x0, float y0, float x1, float y1);
  // Screenshots: the next frame drawn is read back before it is presented (empty when the surface
  // cannot be read back); takeCapture() hands it over once.
  void captureNextFrame();
  std::optional<gfx::ImageRGBA8> takeCapture();

 private:
  struct Impl;
  explicit ConsoleWindow(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace overum::app
