// SPDX-License-Identifier: GPL-3.0-or-later
// The headless backend: an offscreen image, a fixed 1/90 s clock and no input, so the same inputs
// give the same frames. Tests, CI and `--headless` use it.
#include <overum/core/clock.h>
#include <overum/core/log.h>
#include <overum/gfx/vk_resources.h>
#include <overum/xr/headset.h>

#include "backends.h"
#include "seated_views.h"

namespace overum::xr {
namespace {

class HeadlessHeadset final : public Headset {
 public:
  explicit HeadlessHeadset(const HeadsetConfig& config) : config_(config), clock_(config.fixedStep) {}
  ~HeadlessHeadset() override { stop(); }

  void stop() override {
    if (!device_) return;
    vkQueueWaitIdle(device_->queue());
    image_ = {};
    target_ = {};
    rendered_ = false;
    device_ = nullptr;
  }

  std::string_view name() const override { return "headless"; }
  gfx::DeviceHooks deviceHooks() override { return {}; }

  void start(gfx::Device& device) override {
    device_ = &device;
    // TRANSFER_SRC for read-back, SAMPLED so a later consumer (UI preview) could show it.
    image_ = gfx::Image(device, {.format = kFormat,
                                 .extent = config_.size,
                                 .layers = viewCount(),
                                 .usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                                          VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_SAMPLED_BIT});
    target_.image = image_.handle();
    target_.format = kFormat;
    target_.extent = config_.size;
    target_.layers = viewCount();
    target_.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;  // every frame overwrites every pixel
    target_.finalLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    status_ = HeadsetStatus::focused;
    log::info("xr", "headless {}x{} x{} view(s), fixed step {} s", config_.size.width, config_.size.height, viewCount(),
              config_.fixedStep);
  }

  std::uint32_t viewCount() const override { return config_.headlessViews == 2 ? 2u : 1u; }
  VkExtent2D viewExtent() const override { return config_.size; }

  bool beginFrame(HeadsetFrame& frame) override {
    if (exitRequested_ || !device_) return false;
    SeatedViewParams p;
    p.count = viewCount();
    p.ipd = config_.ipd;
    p.verticalFov = config_.verticalFov;
    p.aspect = static_cast<float>(config_.size.width) / static_cast<float>(config_.size.height);
    p.nearZ = config_.nearZ;
    p.farZ = config_.farZ;
    frame.shouldRender = true;
    frame.displayTime = clock_.now();
    frame.views = seatedViews(T_world_head_, p);
    frame.target = target_;
    frame.sync = {};
    frame.index = index_;
    return true;
  }

  void endFrame(const HeadsetFrame& frame) override {
    // Waiting here keeps headless simple and makes lastFrame() readable right away; the engine's
    // CPU time is measured as thread CPU time, so the wait does not count against it.
    if (frame.shouldRender && device_) {
      vkQueueWaitIdle(device_->queue());
      rendered_ = true;
    }
    clock_.tick();
    ++index_;
  }

  HeadsetInput input() const override {
    HeadsetInput in;
    in.head = T_world_head_;
    in.quitRequested = exitRequested_;
    return in;
  }
  HeadsetStatus status() const override { return status_; }
  void setViewerPose(const Pose& T_world_head) override { T_world_head_ = T_world_head; }
  void requestExit() override {
    exitRequested_ = true;
    status_ = HeadsetStatus::exiting;
  }
  const gfx::RenderTarget* lastFrame() const override { return rendered_ ? &target_ : nullptr; }

 private:
  static constexpr VkFormat kFormat = VK_FORMAT_R8G8B8A8_SRGB;
  HeadsetConfig config_;
  FixedStepClock clock_;
  gfx::Device* device_ = nullptr;
  gfx::Image image_;
  gfx::RenderTarget target_;
  Pose T_world_head_ = config_.T_world_head;
  std::uint64_t index_ = 0;
  bool rendered_ = false;
  bool exitRequested_ = false;
  HeadsetStatus status_ = HeadsetStatus::starting;
};

}  // namespace

std::unique_ptr<Headset> makeHeadlessHeadset(const HeadsetConfig& config) {
  return std::make_unique<HeadlessHeadset>(config);
}

}  // namespace overum::xr
