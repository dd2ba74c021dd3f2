// SPDX-License-Identifier: GPL-3.0-or-later
// The OpenXR backend: session, seated reference space, one 2-layer (multiview) swapchain and the
// wait/begin/locate/end frame loop, driven by the pure session state machine.
//
// Sections: RAII handles · session objects · the headset (hooks, start/stop, frame loop, events,
// loss, input) · factory
#include <overum/core/log.h>
#include <overum/xr/headset.h>
#include <overum/xr/session_state_machine.h>
#include <overum/xr/xr_convert.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "backends.h"
#include "openxr_actions.h"
#include "openxr_instance.h"
#include "openxr_platform.h"
#include "xr_check.h"

namespace overum::xr {
namespace {

// ---- RAII handles -----------------------------------------------------------------------------

// Owns one OpenXR handle destroyed with xrDestroyX(handle). Results of destruction are ignored: after
// a loss the runtime may refuse, and there is nothing left to do about it.
template <typename Handle, XrResult (*Destroy)(Handle)>
class XrOwned {
 public:
  XrOwned() = default;
  explicit XrOwned(Handle h) : handle_(h) {}
  XrOwned(XrOwned&& o) noexcept : handle_(std::exchange(o.handle_, XR_NULL_HANDLE)) {}
  XrOwned& operator=(XrOwned&& o) noexcept {
    if (this != &o) {
      reset();
      handle_ = std::exchange(o.handle_, XR_NULL_HANDLE);
    }
    return *this;
  }
  ~XrOwned() { reset(); }
  void reset() {
    if (handle_ != XR_NULL_HANDLE) Destroy(handle_);
    handle_ = XR_NULL_HANDLE;
  }
  Handle get() const { return handle_; }
  explicit operator bool() const { return handle_ != XR_NULL_HANDLE; }

 private:
  Handle handle_ = XR_NULL_HANDLE;
};

XrResult destroySession(XrSession s) { return xrDestroySession(s); }
XrResult destroySpace(XrSpace s) { return xrDestroySpace(s); }
XrResult destroySwapchain(XrSwapchain s) { return xrDestroySwapchain(s); }

using OwnedSession = XrOwned<XrSession, destroySession>;
using OwnedSpace = XrOwned<XrSpace, destroySpace>;
using OwnedSwapchain = XrOwned<XrSwapchain, destroySwapchain>;

constexpr XrViewConfigurationType kViewConfig = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
constexpr XrSpaceLocationFlags kPoseValid =
    XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT;

// The yaw part of a head pose (position kept): recentring maps only heading and position, never
// roll or pitch, so the horizon stays level whatever the head was doing at that instant.
Pose yawOnly(const Pose& pose) {
  const glm::vec3 forward = pose.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
  const float yaw = std::atan2(-forward.x, -forward.z);
  return Pose{glm::angleAxis(yaw, glm::vec3(0.0f, 1.0f, 0.0f)), pose.position};
}

// ---- session objects --------------------------------------------------------------------------

// Everything that lives and dies with one XrSession. Members are destroyed in reverse order: the
// swapchain and spaces before the session, as OpenXR requires of children. Assignment would release
// them in declaration order (the session first), so there is none: the headset holds an optional.
struct SessionObjects {
  SessionObjects() = default;
  SessionObjects(SessionObjects&&) = default;
  SessionObjects& operator=(SessionObjects&&) = delete;

  OwnedSession session;
  OwnedSpace space;      // the seated space (STAGE or LOCAL) everything is located in
  OwnedSpace viewSpace;  // VIEW: the head
  OwnedSwapchain swapchain;
  std::vector<XrSwapchainImageVulkan2KHR> images;
  XrReferenceSpaceType spaceType = XR_REFERENCE_SPACE_TYPE_LOCAL;
};

// ---- the headset ------------------------------------------------------------------------------

class OpenXrHeadset final : public Headset {
 public:
  explicit OpenXrHeadset(const HeadsetConfig& config)
      : config_(config),
        instance_(std::make_unique<OpenXrInstance>(config.validation)),
        T_world_seat_(config.T_world_head) {
    configViews_ = instance_->stereoViews();
    extent_ = {configViews_[0].recommendedImageRectWidth, configViews_[0].recommendedImageRectHeight};
    OVERUM_CHECK(configViews_[1].recommendedImageRectWidth == extent_.width &&
                     configViews_[1].recommendedImageRectHeight == extent_.height,
                 "the two eyes want different image sizes; one multiview swapchain cannot serve them");
    blendMode_ = pickBlendMode();
    actions_ = std::make_unique<OpenXrActions>(instance_->handle(), instance_->hpControllers());
    input_.head = T_world_seat_;  // until the runtime tracks the head
    log::info("xr", "OpenXR headset: {}x{} per eye", extent_.width, extent_.height);
  }

  ~OpenXrHeadset() override {
    stop();
    actions_.reset();
    instance_.reset();
  }

  std::string_view name() const override { return "openxr"; }
  std::uint32_t viewCount() const override { return 2; }
  VkExtent2D viewExtent() const override { return extent_; }
  HeadsetStatus status() const override { return status_; }
  HeadsetInput input() const override { return input_; }

  // The runtime creates the Vulkan instance and device (XR_KHR_vulkan_enable2) from the engine's own
  // create infos and picks the GPU the headset is on. Failures come back as Vulkan results so no
  // exception crosses into gfx.
  gfx::DeviceHooks deviceHooks() override {
    gfx::DeviceHooks hooks;
    hooks.createInstance = [this](const VkInstanceCreateInfo& info, VkInstance& out) {
      try {
        return instance_->createVulkanInstance(info, out);
      } catch (const Error& e) {
        log::error("xr", "{}", e.what());
        return VK_ERROR_INITIALIZATION_FAILED;
      }
    };
    hooks.pickPhysicalDevice = [this](VkInstance vkInstance) {
      try {
        return instance_->vulkanPhysicalDevice(vkInstance);
      } catch (const Error& e) {
        log::error("xr", "{}", e.what());
        return VkPhysicalDevice{VK_NULL_HANDLE};
      }
    };
    hooks.createDevice = [this](VkPhysicalDevice physical, const VkDeviceCreateInfo& info, VkDevice& out) {
      try {
        return instance_->createVulkanDevice(physical, info, out);
      } catch (const Error& e) {
        log::error("xr", "{}", e.what());
        return VK_ERROR_INITIALIZATION_FAILED;
      }
    };
    return hooks;
  }

  void start(gfx::Device& device) override {
    device_ = &device;
    createSession();
    status_ = HeadsetStatus::starting;
  }

  void stop() override {
    if (!device_) return;
    // The runtime's swapchain images belong to our VkDevice: make sure the GPU is done with them.
    vkDeviceWaitIdle(device_->device());
    destroySession();
    device_ = nullptr;
  }

  void setViewerPose(const Pose& T_world_head) override {
    T_world_seat_ = T_world_head;
    if (recentred_) T_world_space_ = T_world_seat_ * T_space_rest_.inverse();
    else input_.head = T_world_seat_;
  }

  void requestExit() override {
    try {
      apply(stepSessionLogged(machine_, SessionEvent{SessionEventKind::exitRequested}));
    } catch (const XrLost& e) {
      onLost(e.result);
    } catch (const Error& e) {
      fail(e);
    }
  }

  bool beginFrame(HeadsetFrame& frame) override {
    frame.shouldRender = false;
    frame.views.clear();
    frame.target = {};
    frame.sync = {};
    frame.index = index_++;
    frame.displayTime = 0.0;  // until xrWaitFrame predicts one: no frame runs while the session is idle
    frameBegun_ = false;
    imageAcquired_ = false;
    input_.selectPressed = input_.menuPressed = false;
    if (quitNow()) return false;
    try {
      pollEvents();
      if (quitNow()) return false;
      if (!framesRunning_) {
        // Not between xrBeginSession and STOPPING (IDLE, or waiting for EXITING): nothing to wait
        // on, so sleep a little instead of spinning.
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return true;
      }
      auto frameState = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
      const auto waitStart = std::chrono::steady_clock::now();
      OVERUM_XR(xrWaitFrame(session(), nullptr, &frameState));
      pace_.waited(frameState, waitStart);
      OVERUM_XR(xrBeginFrame(session(), nullptr));
      frameBegun_ = true;
      predicted_ = frameState.predictedDisplayTime;
      frame.displayTime = static_cast<double>(predicted_) * 1e-9;
      updateInput();
      if (frameState.shouldRender == XR_TRUE && locateViews()) {
        std::uint32_t index = 0;
        OVERUM_XR(xrAcquireSwapchainImage(objects_->swapchain.get(), nullptr, &index));
        imageAcquired_ = true;
        auto wait = xrStruct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
        wait.timeout = XR_INFINITE_DURATION;
        OVERUM_XR(xrWaitSwapchainImage(objects_->swapchain.get(), &wait));
        frame.shouldRender = true;
        frame.views = views_;
        frame.target.image = objects_->images[index].image;
        frame.target.format = format_;
        frame.target.extent = extent_;
        frame.target.layers = 2;
        // The renderer overwrites every pixel; the runtime expects COLOR_ATTACHMENT_OPTIMAL on release.
        frame.target.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
        frame.target.finalLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
        // No semaphores or fence: work submitted to the queue before xrReleaseSwapchainImage is the
        // runtime's to wait for.
      }
      return true;
    } catch (const XrLost& e) {
      onLost(e.result);
    } catch (const Error& e) {
      fail(e);
    }
    return !quitNow();
  }

  void endFrame(const HeadsetFrame& frame) override {
    if (!frameBegun_ || !objects_) return;
    frameBegun_ = false;
    try {
      const bool submit = imageAcquired_ && frame.shouldRender;
      if (imageAcquired_) {
        auto release = xrStruct<XrSwapchainImageReleaseInfo>(XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO);
        OVERUM_XR(xrReleaseSwapchainImage(objects_->swapchain.get(), &release));
        imageAcquired_ = false;
      }
      std::array<XrCompositionLayerProjectionView, 2> projViews{};
      auto layer = xrStruct<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
      const XrCompositionLayerBaseHeader* layers[] = {reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer)};
      if (submit) {
        for (std::uint32_t eye = 0; eye < 2; ++eye) {
          projViews[eye] = xrStruct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW);
          projViews[eye].pose = xrViews_[eye].pose;
          projViews[eye].fov = xrViews_[eye].fov;
          projViews[eye].subImage.swapchain = objects_->swapchain.get();
          projViews[eye].subImage.imageRect = {
              {0, 0}, {static_cast<std::int32_t>(extent_.width), static_cast<std::int32_t>(extent_.height)}};
          projViews[eye].subImage.imageArrayIndex = eye;  // multiview: layer = eye
        }
        layer.space = objects_->space.get();
        layer.viewCount = 2;
        layer.views = projViews.data();
      }
      auto end = xrStruct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
      end.displayTime = predicted_;  // the time xrWaitFrame predicted, which the views were located for
      end.environmentBlendMode = blendMode_;
      end.layerCount = submit ? 1 : 0;
      end.layers = layers;
      OVERUM_XR(xrEndFrame(session(), &end));
      ++pace_.ended;
      if (submit) ++pace_.withLayers;
    } catch (const XrLost& e) {
      onLost(e.result);
    } catch (const Error& e) {
      fail(e);
    }
  }

 private:
  bool quitNow() const { return machine_.quit || lost_ || failed_; }
  XrSession session() const { return objects_ ? objects_->session.get() : XR_NULL_HANDLE; }

  XrEnvironmentBlendMode pickBlendMode() const {
    std::uint32_t count = 0;
    OVERUM_XR(
        xrEnumerateEnvironmentBlendModes(instance_->handle(), instance_->system(), kViewConfig, 0, &count, nullptr));
    std::vector<XrEnvironmentBlendMode> modes(count);
    OVERUM_XR(xrEnumerateEnvironmentBlendModes(instance_->handle(), instance_->system(), kViewConfig, count, &count,
                                               modes.data()));
    OVERUM_CHECK(!modes.empty(), "the runtime offers no environment blend mode");
    // A meeting room is a fully virtual place: opaque if the runtime has it, else its first choice.
    return std::find(modes.begin(), modes.end(), XR_ENVIRONMENT_BLEND_MODE_OPAQUE) != modes.end()
               ? XR_ENVIRONMENT_BLEND_MODE_OPAQUE
               : modes.front();
  }

  // Session, seated space, head space, swapchain and action attachment; on error nothing is left.
  void createSession() {
    instance_->checkGraphicsRequirements();  // the spec wants this before every xrCreateSession
    SessionObjects o;
    auto binding = xrStruct<XrGraphicsBindingVulkan2KHR>(XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR);
    binding.instance = device_->instance();
    binding.physicalDevice = device_->physicalDevice();
    binding.device = device_->device();
    binding.queueFamilyIndex = device_->queueFamily();
    binding.queueIndex = device_->queueIndex();
    auto info = xrStruct<XrSessionCreateInfo>(XR_TYPE_SESSION_CREATE_INFO);
    info.next = &binding;
    info.systemId = instance_->system();
    XrSession session = XR_NULL_HANDLE;
    OVERUM_XR(xrCreateSession(instance_->handle(), &info, &session));
    o.session = OwnedSession(session);

    // Seated: STAGE when the runtime has it (its floor stays put across recentring), else LOCAL.
    // Either way the first tracked head pose is mapped onto T_world_head (see recentre()).
    std::uint32_t count = 0;
    OVERUM_XR(xrEnumerateReferenceSpaces(session, 0, &count, nullptr));
    std::vector<XrReferenceSpaceType> types(count);
    OVERUM_XR(xrEnumerateReferenceSpaces(session, count, &count, types.data()));
    o.spaceType = std::find(types.begin(), types.end(), XR_REFERENCE_SPACE_TYPE_STAGE) != types.end()
                      ? XR_REFERENCE_SPACE_TYPE_STAGE
                      : XR_REFERENCE_SPACE_TYPE_LOCAL;
    const auto makeSpace = [&](XrReferenceSpaceType type) {
      auto spaceInfo = xrStruct<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
      spaceInfo.referenceSpaceType = type;
      spaceInfo.poseInReferenceSpace.orientation.w = 1.0f;
      XrSpace space = XR_NULL_HANDLE;
      OVERUM_XR(xrCreateReferenceSpace(session, &spaceInfo, &space));
      return OwnedSpace(space);
    };
    o.space = makeSpace(o.spaceType);
    o.viewSpace = makeSpace(XR_REFERENCE_SPACE_TYPE_VIEW);

    format_ = pickFormat(session);
    auto sc = xrStruct<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
    // TRANSFER_DST: the renderer resolves/copies its own image into the target.
    sc.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT;
    sc.format = format_;
    sc.sampleCount = 1;
    sc.width = extent_.width;
    sc.height = extent_.height;
    sc.faceCount = 1;
    sc.arraySize = 2;  // one layer per eye: both drawn in one multiview pass
    sc.mipCount = 1;
    XrSwapchain swapchain = XR_NULL_HANDLE;
    OVERUM_XR(xrCreateSwapchain(session, &sc, &swapchain));
    o.swapchain = OwnedSwapchain(swapchain);
    OVERUM_XR(xrEnumerateSwapchainImages(swapchain, 0, &count, nullptr));
    o.images.assign(count, xrStruct<XrSwapchainImageVulkan2KHR>(XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR));
    OVERUM_XR(xrEnumerateSwapchainImages(swapchain, count, &count,
                                         reinterpret_cast<XrSwapchainImageBaseHeader*>(o.images.data())));

    actions_->attach(session);
    objects_.emplace(std::move(o));
    machine_ = SessionMachine{};
    framesRunning_ = false;
    recentred_ = false;
    log::info("xr", "session created: {} space, swapchain {}x{}x2 format {}, {} images",
              objects_->spaceType == XR_REFERENCE_SPACE_TYPE_STAGE ? "STAGE" : "LOCAL", extent_.width, extent_.height,
              static_cast<int>(format_), count);
  }

  VkFormat pickFormat(XrSession session) const {
    std::uint32_t count = 0;
    OVERUM_XR(xrEnumerateSwapchainFormats(session, 0, &count, nullptr));
    std::vector<std::int64_t> formats(count);
    OVERUM_XR(xrEnumerateSwapchainFormats(session, count, &count, formats.data()));
    OVERUM_CHECK(!formats.empty(), "the runtime offers no swapchain format");
    // sRGB: the renderer writes linear colour and the hardware encodes; else the runtime's first choice.
    for (VkFormat want : {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB})
      if (std::find(formats.begin(), formats.end(), static_cast<std::int64_t>(want)) != formats.end()) return want;
    log::warn("xr", "runtime offers no 8-bit sRGB swapchain format; using format {}", formats.front());
    return static_cast<VkFormat>(formats.front());
  }

  void destroySession() {
    if (!objects_) return;
    pace_.report();
    actions_->detach();
    objects_.reset();  // swapchain, spaces, then session (reverse member order)
    framesRunning_ = false;
    frameBegun_ = imageAcquired_ = false;
  }

  // ---- events and the state machine -----------------------------------------------------------

  void pollEvents() {
    XrEventDataBuffer event;
    while (!quitNow() && instance_->pollEvent(event)) {
      switch (event.type) {
        case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
          const auto& changed = reinterpret_cast<const XrEventDataSessionStateChanged&>(event);
          if (changed.session != session()) break;  // from a session already destroyed
          apply(stepSessionLogged(machine_, SessionEvent{SessionEventKind::stateChanged, changed.state}));
          break;
        }
        case XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED:
          if (reinterpret_cast<const XrEventDataInteractionProfileChanged&>(event).session == session())
            actions_->logProfiles(session());
          break;
        case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING: onLost(XR_ERROR_INSTANCE_LOST); break;
        default: break;  // reference space changes: nothing to do for now
      }
    }
  }

  // Carries out the machine's actions in the documented order.
  void apply(const SessionStep& step) {
    const std::uint32_t a = step.actions;
    machine_ = step.next;
    status_ = statusFor(machine_);
    if (a & kStopFrames) framesRunning_ = false;
    if (a & kEndSession) OVERUM_XR(xrEndSession(session()));
    if (a & kDestroySession) destroySession();
    if (a & kRecreateSession) recreateAfterLoss();
    if (a & kBeginSession) {
      auto begin = xrStruct<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
      begin.primaryViewConfigurationType = kViewConfig;
      OVERUM_XR(xrBeginSession(session(), &begin));
    }
    if (a & kStartFrames) framesRunning_ = true;
    if (a & kRequestExit) OVERUM_XR(xrRequestExitSession(session()));
    if (a & kQuit) {
      input_.quitRequested = true;
      if (!lost_) status_ = HeadsetStatus::exiting;
    }
  }

  static HeadsetStatus statusFor(const SessionMachine& m) {
    if (m.quit) return HeadsetStatus::exiting;
    switch (m.state) {
      case XR_SESSION_STATE_IDLE:
      case XR_SESSION_STATE_SYNCHRONIZED: return HeadsetStatus::idle;  // running but not shown: not worn
      case XR_SESSION_STATE_VISIBLE: return HeadsetStatus::visible;
      case XR_SESSION_STATE_FOCUSED: return HeadsetStatus::focused;
      case XR_SESSION_STATE_STOPPING: return HeadsetStatus::stopping;
      case XR_SESSION_STATE_LOSS_PENDING: return HeadsetStatus::lost;
      case XR_SESSION_STATE_EXITING: return HeadsetStatus::exiting;
      default: return HeadsetStatus::starting;  // UNKNOWN, READY
    }
  }

  // ---- loss -----------------------------------------------------------------------------------

  // LOSS_PENDING or XR_ERROR_SESSION_LOST: one try at a fresh session on the same instance (the
  // runtime may have restarted); if the headset is gone, report lost and let the app fall back.
  void recreateAfterLoss() {
    status_ = HeadsetStatus::lost;
    try {
      if (!instance_->refreshSystem()) {
        log::warn("xr", "headset unavailable after session loss");
        markLost();
        return;
      }
      createSession();
      status_ = HeadsetStatus::starting;
      log::info("xr", "new session after loss");
    } catch (const Error& e) {
      log::warn("xr", "could not recreate the session: {}", e.what());
      destroySession();
      markLost();
    }
  }

  // Gone for good: beginFrame returns false from now on and the app may fall back.
  void markLost() {
    lost_ = true;
    status_ = HeadsetStatus::lost;
    input_.quitRequested = true;
  }

  void onLost(XrResult result) {
    const SessionEventKind kind =
        result == XR_ERROR_INSTANCE_LOST ? SessionEventKind::instanceLost : SessionEventKind::sessionLost;
    const SessionStep step = stepSessionLogged(machine_, SessionEvent{kind});
    try {
      apply(step);
    } catch (const Error& e) {
      // Calls on a lost session or instance may fail too; what matters is that nothing is left.
      log::warn("xr", "while handling loss: {}", e.what());
      destroySession();
      markLost();
    }
    if (kind == SessionEventKind::instanceLost) {
      // Every handle from this instance is dead; the Vulkan device stays valid for the app.
      destroySession();
      markLost();
    }
  }

  void fail(const Error& e) {
    log::error("xr", "{}", e.what());
    failed_ = true;
    status_ = HeadsetStatus::lost;
    input_.quitRequested = true;
  }

  // ---- views and input ------------------------------------------------------------------------

  // Head pose in the seated space now; the first valid one fixes where the seated space sits in the
  // world, so the user's head starts exactly at T_world_head whatever their real height or heading.
  void updateInput() {
    auto head = xrStruct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
    OVERUM_XR(xrLocateSpace(objects_->viewSpace.get(), objects_->space.get(), predicted_, &head));
    if ((head.locationFlags & kPoseValid) == kPoseValid) {
      const Pose T_space_head = toPose(head.pose);
      if (!recentred_) {
        T_space_rest_ = yawOnly(T_space_head);
        T_world_space_ = T_world_seat_ * T_space_rest_.inverse();
        recentred_ = true;
      }
      input_.head = T_world_space_ * T_space_head;
    } else if (!recentred_) {
      input_.head = T_world_seat_;
    }

    const ControllerState c = actions_->sync(session(), objects_->space.get(), predicted_);
    input_.selectPressed = c.selectPressed;
    input_.menuPressed = c.pausePressed;
    for (int i = 0; i < 2; ++i) {
      input_.controllerTracked[i] = c.tracked[i] && recentred_;
      if (input_.controllerTracked[i]) input_.controller[i] = T_world_space_ * c.T_space_grip[i];
    }
  }

  // false when the runtime cannot say where the eyes are (then the frame is ended with no layer).
  bool locateViews() {
    auto info = xrStruct<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
    info.viewConfigurationType = kViewConfig;
    info.displayTime = predicted_;
    info.space = objects_->space.get();
    auto state = xrStruct<XrViewState>(XR_TYPE_VIEW_STATE);
    std::uint32_t count = 0;
    for (auto& v : xrViews_) v = xrStruct<XrView>(XR_TYPE_VIEW);
    OVERUM_XR(xrLocateViews(session(), &info, &state, 2, &count, xrViews_.data()));
    if (count != 2 || (state.viewStateFlags & kPoseValid) != kPoseValid || !recentred_) return false;
    views_.clear();
    for (const XrView& v : xrViews_) {
      const Pose T_world_eye = T_world_space_ * toPose(v.pose);
      views_.push_back(gfx::View{viewFromWorld(T_world_eye), projectionFromXrFov(v.fov, config_.nearZ, config_.farZ)});
    }
    return true;
  }

  // How the frame loop kept pace with the runtime; logged when the session ends, so a run against a
  // real runtime shows the frames it submitted against the runtime's rate and its worst frame.
  struct FramePace {
    std::uint64_t ended = 0, withLayers = 0;
    std::map<XrDuration, std::uint64_t> periods;  // predictedDisplayPeriod -> frames; the commonest: its rate
    XrTime firstDisplay = 0, lastDisplay = 0;
    std::chrono::steady_clock::time_point lastWait{};
    double worstMs = 0.0;  // the longest wall time from one xrWaitFrame return to the next
    double waitMs = 0.0;   // the wall time spent inside xrWaitFrame (the runtime's pacing)
    double totalMs = 0.0;  // the wall time from the first xrWaitFrame return to the last

    void waited(const XrFrameState& state, std::chrono::steady_clock::time_point waitStart) {
      const auto now = std::chrono::steady_clock::now();
      const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
      if (firstDisplay) {
        waitMs += ms(now - waitStart);
        totalMs += ms(now - lastWait);
      }
      if (firstDisplay) worstMs = std::max(worstMs, ms(now - lastWait));
      else firstDisplay = state.predictedDisplayTime;
      lastWait = now;
      lastDisplay = state.predictedDisplayTime;
      // The runtime lengthens the period while the app is late; a bound keeps a jittery runtime's
      // map small over a long meeting.
      if (state.predictedDisplayPeriod > 0 && (periods.size() < 64 || periods.count(state.predictedDisplayPeriod)))
        ++periods[state.predictedDisplayPeriod];
    }
    void report() {
      const auto common = std::max_element(periods.begin(), periods.end(),
                                           [](const auto& a, const auto& b) { return a.second < b.second; });
      if (ended > 1 && lastDisplay > firstDisplay && common != periods.end()) {
        const XrDuration period = common->first;
        const auto tenths = [](double v) { return std::round(v * 10.0) / 10.0; };
        const double span = static_cast<double>(lastDisplay - firstDisplay) * 1e-9;
        log::info("xr",
                  "{} frames ended ({} with layers) in {} s of display time: {} Hz, the runtime's {} Hz "
                  "(its period mostly {} ms, at least {} ms); worst frame {} ms, {}% of the time in xrWaitFrame",
                  ended, withLayers, tenths(span), tenths(static_cast<double>(ended - 1) / span),
                  tenths(1e9 / static_cast<double>(period)), tenths(static_cast<double>(period) * 1e-6),
                  tenths(static_cast<double>(periods.begin()->first) * 1e-6), tenths(worstMs),
                  totalMs > 0.0 ? std::lround(100.0 * waitMs / totalMs) : 0L);
      }
      *this = FramePace{};
    }
  };

  HeadsetConfig config_;
  std::unique_ptr<OpenXrInstance> instance_;
  std::unique_ptr<OpenXrActions> actions_;
  std::vector<XrViewConfigurationView> configViews_;
  VkExtent2D extent_{};
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  XrEnvironmentBlendMode blendMode_ = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  gfx::Device* device_ = nullptr;
  std::optional<SessionObjects> objects_;
  SessionMachine machine_;
  std::array<XrView, 2> xrViews_{};
  std::vector<gfx::View> views_;
  XrTime predicted_ = 0;
  FramePace pace_;

  Pose T_world_seat_;   // where the scene wants the seated head
  Pose T_space_rest_;   // yaw-only head pose in the seated space at recentring
  Pose T_world_space_;  // seated space in the world: T_world_seat * inverse(T_space_rest)
  bool recentred_ = false;

  HeadsetInput input_;
  HeadsetStatus status_ = HeadsetStatus::starting;
  std::uint64_t index_ = 0;
  bool framesRunning_ = false;
  bool frameBegun_ = false;
  bool imageAcquired_ = false;
  bool lost_ = false;    // session or instance gone for good: beginFrame returns false
  bool failed_ = false;  // an unexpected runtime error: same, with the reason logged
};

}  // namespace

// ---- factory ----------------------------------------------------------------------------------

std::unique_ptr<Headset> makeOpenXrHeadset(const HeadsetConfig& config) {
  return std::make_unique<OpenXrHeadset>(config);
}

}  // namespace overum::xr
