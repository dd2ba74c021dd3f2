// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop backend: a GLFW window as a mono "headset" with mouse-look while seated; its frames go
// through the window presenter (two in flight, the swapchain follows the window, untouched while minimised).
#include <overum/core/clock.h>
#include <overum/core/log.h>
#include <overum/xr/headset.h>

#include <optional>

#include "backends.h"
#include "desktop_window.h"
#include "seated_views.h"

namespace overum::xr {
namespace {

class DesktopHeadset final : public Headset {
 public:
  explicit DesktopHeadset(const HeadsetConfig& config)
      : config_(config), window_(config.size, config.windowTitle), T_world_seat_(config.T_world_head) {}

  ~DesktopHeadset() override { stop(); }

  void stop() override {
    if (!device_) return;
    presenter_.reset();
    device_ = nullptr;
    status_ = HeadsetStatus::exiting;
  }

  std::string_view name() const override { return "desktop"; }

  gfx::DeviceHooks deviceHooks() override {
    gfx::DeviceHooks hooks;
    hooks.instanceExtensions = window_.window().glfw().requiredInstanceExtensions();
    hooks.deviceExtensions = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
    return hooks;
  }

  void start(gfx::Device& device) override {
    device_ = &device;
    presenter_.emplace(device, window_.window(), PresenterConfig{});
    status_ = HeadsetStatus::focused;
  }

  std::uint32_t viewCount() const override { return 1; }
  VkExtent2D viewExtent() const override {
    return presenter_ && presenter_->extent().width > 0 ? presenter_->extent() : config_.size;
  }

  bool beginFrame(HeadsetFrame& frame) override {
    if (!device_) return false;
    window_.poll();
    input_ = window_.takeEdges();
    input_.quit = input_.quit || exitRequested_;
    if (input_.quit) {
      status_ = HeadsetStatus::exiting;
      return false;
    }
    frame.index = index_++;
    frame.displayTime = clock_.now();
    frame.shouldRender = false;
    frame.views.clear();
    frame.sync = {};
    image_.reset();

    if (window_.window().framebufferSize().width == 0) {
      // Minimised: no swapchain work at 0x0; sleep on events so we do not spin.
      status_ = HeadsetStatus::idle;
      window_.waitBriefly();
      return true;
    }
    status_ = HeadsetStatus::focused;
    image_ = presenter_->acquire();
    if (!image_) return true;  // out of date: the next frame gets a fresh swapchain

    SeatedViewParams p;
    p.count = 1;
    p.verticalFov = config_.verticalFov;
    const VkExtent2D extent = presenter_->extent();
    p.aspect = static_cast<float>(extent.width) / static_cast<float>(extent.height);
    p.nearZ = config_.nearZ;
    p.farZ = config_.farZ;
    frame.shouldRender = true;
    frame.views = seatedViews(head(), p);
    frame.target.image = image_->image;
    frame.target.format = presenter_->format();
    frame.target.extent = extent;
    frame.target.layers = 1;
    frame.target.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    frame.target.finalLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
    frame.sync.waitSemaphore = image_->acquired;
    frame.sync.signalSemaphore = image_->renderFinished;
    frame.sync.fence = image_->fence;
    return true;
  }

  void endFrame(const HeadsetFrame& frame) override {
    if (!device_ || !image_ || !frame.shouldRender) return;
    presenter_->present(*image_);
    image_.reset();
  }

  HeadsetInput input() const override {
    HeadsetInput in;
    in.selectPressed = input_.select;
    in.quitRequested = input_.quit;
    in.keys = input_.keys;
    in.clicked = input_.clicked;
    in.cursor = {input_.cursorX, input_.cursorY};
    in.head = head();
    return in;
  }
  HeadsetStatus status() const override { return status_; }
  void setViewerPose(const Pose& T_world_head) override { T_world_seat_ = T_world_head; }
  void requestExit() override { exitRequested_ = true; }
  DesktopWindow& window() { return window_; }

 private:
  // Mouse-look turns the head in place on top of the seat's own orientation.
  Pose head() const {
    const WindowInput& look = window_.peek();
    return T_world_seat_ * seatedHeadPose(glm::vec3(0.0f), look.yaw, look.pitch);
  }

  HeadsetConfig config_;
  DesktopWindow window_;
  Pose T_world_seat_;
  RealClock clock_;
  gfx::Device* device_ = nullptr;
  std::optional<WindowPresenter> presenter_;
  std::optional<PresentImage> image_;  // acquired in beginFrame, presented in endFrame
  std::uint64_t index_ = 0;
  bool exitRequested_ = false;
  WindowInput input_;
  HeadsetStatus status_ = HeadsetStatus::starting;
};

}  // namespace

std::unique_ptr<Headset> makeDesktopHeadset(const HeadsetConfig& config) {
  return std::make_unique<DesktopHeadset>(config);
}

void desktopResizeForTest(Headset& headset, VkExtent2D size) {
  if (auto* desktop = dynamic_cast<DesktopHeadset*>(&headset)) desktop->window().window().resize(size);
}

void desktopCloseForTest(Headset& headset) {
  if (auto* desktop = dynamic_cast<DesktopHeadset*>(&headset)) desktop->window().requestClose();
}

void desktopKeyForTest(Headset& headset, int glfwKey, int mods) {
  if (auto* desktop = dynamic_cast<DesktopHeadset*>(&headset)) desktop->window().injectKey(glfwKey, mods);
}

void desktopMinimiseForTest(Headset& headset, bool minimised) {
  if (auto* desktop = dynamic_cast<DesktopHeadset*>(&headset)) desktop->window().window().simulateMinimised(minimised);
}

void desktopDragForTest(Headset& headset, double dx, double dy) {
  if (auto* desktop = dynamic_cast<DesktopHeadset*>(&headset)) desktop->window().injectDrag(dx, dy);
}

}  // namespace overum::xr
