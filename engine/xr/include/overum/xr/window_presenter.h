// SPDX-License-Identifier: GPL-3.0-or-later
// A desktop window that shows Vulkan images: GLFW (one owner), the window and its events, and the presenter
// (surface, swapchain, frames in flight). The citizen's desktop headset and the facilitator's console use it.
#pragma once
#include <overum/gfx/device.h>
#include <overum/gfx/vk_resources.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct GLFWwindow;

namespace overum::xr {

// GLFW for as long as someone holds it: the first holder initialises it, the last one terminates it, so
// a later window finds a fresh display connection (or says there is none).
class GlfwLibrary {
 public:
  // Throws overum::Error naming the cause: no display, or no Vulkan loader.
  static std::shared_ptr<GlfwLibrary> acquire();
  ~GlfwLibrary();
  GlfwLibrary(const GlfwLibrary&) = delete;
  GlfwLibrary& operator=(const GlfwLibrary&) = delete;

  // The instance extensions a window surface needs on this display.
  std::vector<std::string> requiredInstanceExtensions() const;

 private:
  GlfwLibrary() = default;
};

// What a window's user hears from it, in GLFW's own key, button and action codes.
class WindowEvents {
 public:
  virtual ~WindowEvents() = default;
  virtual void key(int /*key*/, int /*scancode*/, int /*action*/, int /*mods*/) {}
  virtual void character(unsigned /*codepoint*/) {}
  virtual void scroll(double /*dx*/, double /*dy*/) {}
  virtual void mouseButton(int /*button*/, int /*action*/, int /*mods*/) {}
  virtual void cursorMoved(double /*x*/, double /*y*/) {}
  virtual void focused(bool /*focused*/) {}
  virtual void cursorEntered(bool /*entered*/) {}
};

struct WindowConfig {
  VkExtent2D size{1280, 720};  // screen coordinates
  std::string title = "Øverum";
  bool resizable = true;
};

// A GLFW window without a client API, holding GLFW while it lives. Not movable: GLFW keeps its address.
class Window {
 public:
  // events: told of every event until the window is destroyed (nullptr: nobody listens).
  // Throws overum::Error when GLFW has no display or the window cannot open.
  Window(const WindowConfig& config, WindowEvents* events);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  void poll();                         // handle pending events without blocking
  void waitBriefly();                  // block up to 50 ms for an event (minimised: no spinning)
  bool closeRequested() const;         // the close button, or requestClose()
  void requestClose();                 // as if the close button were pressed
  void resize(VkExtent2D size);        // as if the user dragged the border (screen coordinates)
  VkExtent2D framebufferSize() const;  // pixels; 0x0 while minimised
  // Tests: report 0x0 as an iconified window does (an X server without a window manager cannot iconify).
  void simulateMinimised(bool minimised) { simulatedMinimised_ = minimised; }
  GLFWwindow* handle() const { return window_; }
  const GlfwLibrary& glfw() const { return *glfw_; }

 private:
  std::shared_ptr<GlfwLibrary> glfw_;
  GLFWwindow* window_ = nullptr;
  WindowEvents* events_ = nullptr;
  bool simulatedMinimised_ = false;
};

struct PresenterConfig {
  bool srgbFormat = true;  // sRGB: the renderer writes linear colour; UNORM: the colours are encoded already (ImGui)
  VkImageUsageFlags requiredUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  VkImageUsageFlags optionalUsage = 0;  // asked for too where the surface offers it
  std::uint32_t minImageCount = 3;      // at least this, and one more than the surface's minimum
};

// One swapchain image acquired for one frame: draw into it waiting on `acquired`, signal `renderFinished`
// and `fence` with the submission, then present().
struct PresentImage {
  std::uint32_t index = 0;  // in the swapchain
  std::uint32_t slot = 0;   // the frame in flight, 0 .. kFramesInFlight-1
  VkImage image = VK_NULL_HANDLE;
  VkFramebuffer framebuffer = VK_NULL_HANDLE;  // with useRenderPass(), else none
  VkSemaphore acquired = VK_NULL_HANDLE;
  VkSemaphore renderFinished = VK_NULL_HANDLE;
  VkFence fence = VK_NULL_HANDLE;
};

// Shows a window's frames: its surface and swapchain (FIFO: always there, no tearing), recreated when the
// window's size changes or the surface says so, left alone while minimised; two frames in flight.
// Vulkan failures throw overum::Error (OVERUM_VK). Destroy before the window and the device.
class WindowPresenter {
 public:
  static constexpr std::uint32_t kFramesInFlight = 2;

  // Throws when the device's queue cannot present to the window or the surface lacks the required usage.
  WindowPresenter(const gfx::Device& device, Window& window, const PresenterConfig& config);
  ~WindowPresenter();  // waits for the device to be idle
  WindowPresenter(const WindowPresenter&) = delete;
  WindowPresenter& operator=(const WindowPresenter&) = delete;

  // A view and framebuffer per image for this single-attachment render pass, kept through recreation.
  void useRenderPass(VkRenderPass renderPass);
  // The next image after this slot's previous frame is done; nothing to draw (nullopt) while minimised
  // or when the swapchain went out of date (the next call recreates it).
  std::optional<PresentImage> acquire();
  // Queues the image for display once its renderFinished is signalled.
  void present(const PresentImage& image);

  VkFormat format() const { return format_.format; }
  VkExtent2D extent() const { return extent_; }
  VkImageUsageFlags usage() const { return usage_; }  // required + the optional usage the surface offers

 private:
  struct SwapchainImage;
  using OwnedSwapchain = gfx::VkOwned<VkSwapchainKHR, vkDestroySwapchainKHR>;
  // (Re)creates the swapchain for this framebuffer size; false when the surface is 0x0 after all.
  bool recreate(VkExtent2D framebuffer);
  void makeFramebuffer(SwapchainImage& image);  // the view and framebuffer for renderPass_

  // The window's surface: the instance's child, so not a gfx::VkOwned; destroyed after the swapchain.
  struct Surface {
    VkInstance instance = VK_NULL_HANDLE;
    VkSurfaceKHR handle = VK_NULL_HANDLE;
    Surface(VkInstance i, Window& window);
    ~Surface();
    Surface(const Surface&) = delete;
    Surface& operator=(const Surface&) = delete;
  };

  const gfx::Device& device_;
  Window& window_;
  PresenterConfig config_;
  Surface surface_;
  VkSurfaceFormatKHR format_{};
  OwnedSwapchain swapchain_;
  VkExtent2D extent_{};
  VkExtent2D madeFor_{};  // the framebuffer size the swapchain was made for (its extent may be clamped)
  VkImageUsageFlags usage_ = 0;
  VkRenderPass renderPass_ = VK_NULL_HANDLE;
  struct SwapchainImage {
    VkImage image = VK_NULL_HANDLE;
    gfx::OwnedSemaphore renderFinished;  // per image: a present may still hold the one of a slot
    gfx::OwnedImageView view;
    gfx::OwnedFramebuffer framebuffer;
  };
  std::vector<SwapchainImage> images_;
  std::array<gfx::OwnedSemaphore, kFramesInFlight> acquired_;
  std::array<gfx::OwnedFence, kFramesInFlight> inFlight_;
  std::uint32_t slot_ = 0;
  bool outOfDate_ = false;
};

}  // namespace overum::xr
