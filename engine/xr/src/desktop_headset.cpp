// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop backend: a GLFW window as a mono "headset" with mouse-look while seated. Two frames in
// flight; the swapchain follows the window's size and is left alone while minimised.
#include <overum/core/clock.h>
#include <overum/core/log.h>
#include <overum/xr/headset.h>

#include <array>
#include <optional>

#include "backends.h"
#include "desktop_swapchain.h"
#include "desktop_window.h"
#include "seated_views.h"
#include "vk_util.h"

namespace overum::xr {
namespace {

constexpr std::uint32_t kFramesInFlight = 2;

// Owns the window surface; destroyed after the swapchain that uses it.
struct OwnedSurface {
  VkInstance instance = VK_NULL_HANDLE;
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  ~OwnedSurface() {
    if (surface) vkDestroySurfaceKHR(instance, surface, nullptr);
  }
};

class DesktopHeadset final : public Headset {
 public:
  explicit DesktopHeadset(const HeadsetConfig& config)
      : config_(config), window_(config.size, config.windowTitle), T_world_seat_(config.T_world_head) {}

  ~DesktopHeadset() override { stop(); }

  void stop() override {
    if (!device_) return;
    vkDeviceWaitIdle(device_->device());
    for (auto& f : inFlight_) f.reset();
    for (auto& s : acquired_) s.reset();
    swapchain_.reset();
    if (surface_.surface) vkDestroySurfaceKHR(surface_.instance, surface_.surface, nullptr);
    surface_.surface = VK_NULL_HANDLE;
    device_ = nullptr;
    status_ = HeadsetStatus::exiting;
  }

  std::string_view name() const override { return "desktop"; }

  gfx::DeviceHooks deviceHooks() override {
    gfx::DeviceHooks hooks;
    hooks.instanceExtensions = DesktopWindow::requiredInstanceExtensions();
    hooks.deviceExtensions = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
    return hooks;
  }

  void start(gfx::Device& device) override {
    device_ = &device;
    surface_.instance = device.instance();
    surface_.surface = window_.createSurface(device.instance());
    swapchain_.emplace(device, surface_.surface);
    VkExtent2D size = window_.framebufferSize();
    if (size.width == 0 || size.height == 0) size = config_.size;
    swapchain_->recreate(size);
    for (std::uint32_t i = 0; i < kFramesInFlight; ++i) {
      acquired_[i] = makeSemaphore(device.device());
      inFlight_[i] = makeFence(device.device(), true);
    }
    status_ = HeadsetStatus::focused;
  }

  std::uint32_t viewCount() const override { return 1; }
  VkExtent2D viewExtent() const override { return swapchain_ ? swapchain_->extent() : config_.size; }

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
    imageAcquired_ = false;

    const VkExtent2D size = window_.framebufferSize();
    if (size.width == 0 || size.height == 0) {
      // Minimised: no swapchain work at 0x0; sleep on events so we do not spin.
      status_ = HeadsetStatus::idle;
      window_.waitBriefly();
      return true;
    }
    status_ = HeadsetStatus::focused;
    if (needsRecreate_ || size.width != swapchain_->extent().width || size.height != swapchain_->extent().height) {
      swapchain_->recreate(size);
      needsRecreate_ = false;
    }

    VkFence fence = inFlight_[slot_].get();
    OVERUM_VK(vkWaitForFences(device_->device(), 1, &fence, VK_TRUE, UINT64_MAX));
    const VkResult r = vkAcquireNextImageKHR(device_->device(), swapchain_->handle(), UINT64_MAX,
                                             acquired_[slot_].get(), VK_NULL_HANDLE, &imageIndex_);
    if (r == VK_ERROR_OUT_OF_DATE_KHR) {
      needsRecreate_ = true;  // skip this frame; the next one gets a fresh swapchain
      return true;
    }
    if (r == VK_SUBOPTIMAL_KHR) needsRecreate_ = true;  // still presentable: draw, then recreate
    else OVERUM_VK(r);
    OVERUM_VK(vkResetFences(device_->device(), 1, &fence));
    imageAcquired_ = true;

    SeatedViewParams p;
    p.count = 1;
    p.verticalFov = config_.verticalFov;
    p.aspect = static_cast<float>(swapchain_->extent().width) / static_cast<float>(swapchain_->extent().height);
    p.nearZ = config_.nearZ;
    p.farZ = config_.farZ;
    frame.shouldRender = true;
    frame.views = seatedViews(head(), p);
    frame.target.image = swapchain_->image(imageIndex_);
    frame.target.format = swapchain_->format();
    frame.target.extent = swapchain_->extent();
    frame.target.layers = 1;
    frame.target.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    frame.target.finalLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
    frame.sync.waitSemaphore = acquired_[slot_].get();
    frame.sync.signalSemaphore = swapchain_->renderFinished(imageIndex_);
    frame.sync.fence = fence;
    return true;
  }

  void endFrame(const HeadsetFrame& frame) override {
    if (!device_ || !imageAcquired_ || !frame.shouldRender) return;
    VkSemaphore wait = swapchain_->renderFinished(imageIndex_);
    VkSwapchainKHR swapchain = swapchain_->handle();
    auto present = vkStruct<VkPresentInfoKHR>(VK_STRUCTURE_TYPE_PRESENT_INFO_KHR);
    present.waitSemaphoreCount = 1;
    present.pWaitSemaphores = &wait;
    present.swapchainCount = 1;
    present.pSwapchains = &swapchain;
    present.pImageIndices = &imageIndex_;
    const VkResult r = vkQueuePresentKHR(device_->queue(), &present);
    if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) needsRecreate_ = true;
    else OVERUM_VK(r);
    imageAcquired_ = false;
    slot_ = (slot_ + 1) % kFramesInFlight;
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
  OwnedSurface surface_;
  std::optional<DesktopSwapchain> swapchain_;
  std::array<OwnedSemaphore, kFramesInFlight> acquired_;
  std::array<OwnedFence, kFramesInFlight> inFlight_;
  std::uint32_t slot_ = 0;
  std::uint32_t imageIndex_ = 0;
  std::uint64_t index_ = 0;
  bool imageAcquired_ = false;
  bool needsRecreate_ = false;
  bool exitRequested_ = false;
  WindowInput input_;
  HeadsetStatus status_ = HeadsetStatus::starting;
};

}  // namespace

std::unique_ptr<Headset> makeDesktopHeadset(const HeadsetConfig& config) {
  return std::make_unique<DesktopHeadset>(config);
}

void desktopResizeForTest(Headset& headset, VkExtent2D size) {
  if (auto* desktop = dynamic_cast<DesktopHeadset*>(&headset)) desktop->window().resize(size);
}

void desktopCloseForTest(Headset& headset) {
  if (auto* desktop = dynamic_cast<DesktopHeadset*>(&headset)) desktop->window().requestClose();
}

void desktopKeyForTest(Headset& headset, int glfwKey, int mods) {
  if (auto* desktop = dynamic_cast<DesktopHeadset*>(&headset)) desktop->window().injectKey(glfwKey, mods);
}

void desktopMinimiseForTest(Headset& headset, bool minimised) {
  if (auto* desktop = dynamic_cast<DesktopHeadset*>(&headset)) desktop->window().simulateMinimised(minimised);
}

void desktopDragForTest(Headset& headset, double dx, double dy) {
  if (auto* desktop = dynamic_cast<DesktopHeadset*>(&headset)) desktop->window().injectDrag(dx, dy);
}

}  // namespace overum::xr
