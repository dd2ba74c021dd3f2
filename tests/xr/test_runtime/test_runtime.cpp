// SPDX-License-Identifier: GPL-3.0-or-later
// A headless OpenXR runtime for tests: the subset of OpenXR 1.0 Øverum uses, behind the real Khronos
// loader, with Vulkan (XR_KHR_vulkan_enable2) on whatever device the app runs (lavapipe on CI).
// It reads submitted eye images back on xrEndFrame and takes injected state changes and losses
// through the C control API in test_runtime_control.h.
//
// Sections: state and handles · control API · instance and system · Vulkan (enable2) · session and
// frame loop · spaces and views · swapchains · actions · dispatch (xrGetInstanceProcAddr) · loader
//
// Every entry point is static: exported names like xrCreateInstance would bind to the loader's own
// symbols. Only xrNegotiateLoaderRuntimeInterface and the control functions are exported.
#define XR_USE_GRAPHICS_API_VULKAN
#include <vulkan/vulkan.h>  // before openxr_platform.h, which uses its types

#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>
#include <openxr/openxr_reflection.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "test_runtime_control.h"

#define RT_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

// ---- state and handles --------------------------------------------------------------------------

constexpr XrSystemId kSystem = 1;
constexpr XrTime kFirstDisplayTime = 1'000'000'000;  // 1 s: nonzero so "0" can never pass for a time
constexpr XrDuration kFramePeriod = 11'111'111;      // 90 Hz
constexpr float kIpd = 0.064f;

struct Quat {
  float x = 0, y = 0, z = 0, w = 1;
};
struct Vec3 {
  float x = 0, y = 0, z = 0;
};
Quat mul(Quat a, Quat b) {
  return {a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y, a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
          a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w, a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z};
}
Quat conj(Quat q) { return {-q.x, -q.y, -q.z, q.w}; }
Vec3 rotate(Quat q, Vec3 v) {
  const Quat p = mul(mul(q, Quat{v.x, v.y, v.z, 0}), conj(q));
  return {p.x, p.y, p.z};
}
struct Pose {
  Quat q;
  Vec3 p;
};
Pose compose(const Pose& a, const Pose& b) {  // T_a_c = T_a_b * T_b_c
  const Vec3 r = rotate(a.q, b.p);
  return {mul(a.q, b.q), {a.p.x + r.x, a.p.y + r.y, a.p.z + r.z}};
}
Pose inverse(const Pose& a) {
  const Quat c = conj(a.q);
  const Vec3 r = rotate(c, a.p);
  return {c, {-r.x, -r.y, -r.z}};
}
Pose fromXr(const XrPosef& x) {
  return {{x.orientation.x, x.orientation.y, x.orientation.z, x.orientation.w},
          {x.position.x, x.position.y, x.position.z}};
}
XrPosef toXr(const Pose& p) {
  XrPosef x;
  x.orientation = {p.q.x, p.q.y, p.q.z, p.q.w};
  x.position = {p.p.x, p.p.y, p.p.z};
  return x;
}
Quat yaw(float radians) { return {0, std::sin(radians / 2), 0, std::cos(radians / 2)}; }

// Tracking, all in the LOCAL frame. STAGE sits 1.1 m below and turned 0.5 rad, so an app that
// assumes either is identity draws from the wrong place.
const Pose kLocalFromStage{yaw(0.5f), {0.3f, -1.1f, 0.2f}};
const Pose kLocalFromHead{};
const Pose kLocalFromGrip[2] = {Pose{{}, {-0.2f, -0.4f, -0.3f}}, Pose{{}, {0.2f, -0.4f, -0.3f}}};

struct Instance;
struct Session;

struct Swapchain {
  Session* session = nullptr;
  VkFormat format = VK_FORMAT_UNDEFINED;
  std::uint32_t width = 0, height = 0, layers = 1;
  std::vector<VkImage> images;
  std::vector<VkDeviceMemory> memory;
  std::deque<std::uint32_t> acquired;  // acquired, not yet released, oldest first
  bool waited = false;
  std::uint32_t next = 0;
  int lastReleased = -1;
};

struct ActionSet;
struct Action {
  ActionSet* set = nullptr;
  XrActionType type = XR_ACTION_TYPE_BOOLEAN_INPUT;
  std::string name;
  std::vector<XrPath> subactions;
  bool current = false;  // boolean state after the latest sync
  bool changed = false;
};
struct ActionSet {
  Instance* instance = nullptr;
  std::string name;
  std::vector<Action*> actions;
  bool attached = false;
};

struct Space {
  Session* session = nullptr;
  XrReferenceSpaceType type = XR_REFERENCE_SPACE_TYPE_LOCAL;  // for reference spaces
  Action* action = nullptr;                                   // for action spaces
  XrPath subaction = XR_NULL_PATH;
  Pose offset;
};

struct Session {
  Instance* instance = nullptr;
  XrSessionState state = XR_SESSION_STATE_UNKNOWN;  // the latest state queued to the app
  bool running = false;
  bool exitRequested = false;
  bool lost = false;
  bool shown = false;  // has been VISIBLE once (startup is automatic, the rest is the tests' doing)
  VkPhysicalDevice physical = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;
  std::uint32_t family = 0;
  VkCommandPool pool = VK_NULL_HANDLE;
  // Frame loop
  std::deque<XrTime> predicted;  // waited, not yet begun
  bool frameBegun = false;
  bool frameShouldRender = false;
  XrTime frameTime = 0;
  std::uint64_t waits = 0;
  std::set<Swapchain*> swapchains;
  std::set<Space*> spaces;
  std::vector<ActionSet*> attached;
};

struct Instance {
  std::deque<XrEventDataBuffer> events;
  bool lost = false;
  bool requirementsQueried = false;
  VkInstance vulkanInstance = VK_NULL_HANDLE;  // from xrGetVulkanGraphicsDevice2KHR
  bool hpControllers = false;                  // XR_EXT_hp_mixed_reality_controller enabled
  std::set<Session*> sessions;
  std::set<ActionSet*> actionSets;
  std::map<std::string, std::vector<std::pair<Action*, XrPath>>> bindings;  // profile -> suggestions
};

struct EyeImage {
  std::uint32_t width = 0, height = 0;
  std::vector<std::uint8_t> rgba;
};

// Everything below is guarded by g_mutex: the loader may be driven from any thread.
std::recursive_mutex g_mutex;
std::set<Instance*> g_instances;
std::vector<std::string> g_paths;  // XrPath n is g_paths[n - 1]
// Control state, kept across instances (a test injects before or after the app starts).
bool g_systemAvailable = true;
std::set<std::string> g_pressed;
OverumTestRuntimeStats g_stats{};
EyeImage g_eyes[2];
std::string g_profile = "/interaction_profiles/khr/simple_controller";

// Handles are fresh numbers, never addresses: a new object at a freed object's address must not
// look like the old handle (the core validation layer tracks handles by value).
std::map<std::uint64_t, void*> g_byHandle;
std::map<const void*, std::uint64_t> g_byObject;
std::uint64_t g_nextHandle = 0x1000;
// Handles of spaces and swapchains destroyed with their session: destroying one of them later is
// the app's mistake (children go before their parent), which real runtimes answer with
// XR_ERROR_HANDLE_INVALID; it is counted so that tests see it even when the app ignores the result.
std::set<std::uint64_t> g_destroyedWithSession;

template <typename H>
H handleFor(const void* object) {
  auto it = g_byObject.find(object);
  if (it == g_byObject.end()) {
    it = g_byObject.emplace(object, g_nextHandle).first;
    g_byHandle[g_nextHandle++] = const_cast<void*>(object);
  }
  return reinterpret_cast<H>(it->second);
}
template <typename H>
void* objectFor(H handle) {
  const auto it = g_byHandle.find(reinterpret_cast<std::uint64_t>(handle));
  return it == g_byHandle.end() ? nullptr : it->second;
}
void forget(const void* object) {
  const auto it = g_byObject.find(object);
  if (it == g_byObject.end()) return;
  g_byHandle.erase(it->second);
  g_byObject.erase(it);
}

template <typename T>
bool live(const std::set<T*>& set, T* p) {
  return p != nullptr && set.count(p) != 0;
}

Instance* instanceOf(XrInstance h) {
  auto* p = static_cast<Instance*>(objectFor(h));
  return g_instances.count(p) ? p : nullptr;
}
Session* sessionOf(XrSession h) {
  auto* p = static_cast<Session*>(objectFor(h));
  for (Instance* i : g_instances)
    if (i->sessions.count(p)) return p;
  return nullptr;
}
Space* spaceOf(XrSpace h) {
  auto* p = static_cast<Space*>(objectFor(h));
  for (Instance* i : g_instances)
    for (Session* s : i->sessions)
      if (s->spaces.count(p)) return p;
  return nullptr;
}
Swapchain* swapchainOf(XrSwapchain h) {
  auto* p = static_cast<Swapchain*>(objectFor(h));
  for (Instance* i : g_instances)
    for (Session* s : i->sessions)
      if (s->swapchains.count(p)) return p;
  return nullptr;
}
ActionSet* actionSetOf(XrActionSet h) {
  auto* p = static_cast<ActionSet*>(objectFor(h));
  for (Instance* i : g_instances)
    if (i->actionSets.count(p)) return p;
  return nullptr;
}
Action* actionOf(XrAction h) {
  auto* p = static_cast<Action*>(objectFor(h));
  for (Instance* i : g_instances)
    for (ActionSet* s : i->actionSets)
      if (std::find(s->actions.begin(), s->actions.end(), p) != s->actions.end()) return p;
  return nullptr;
}

// The one session the control API talks to: the newest one.
Session* currentSession() {
  Session* found = nullptr;
  for (Instance* i : g_instances)
    for (Session* s : i->sessions) found = s;
  return found;
}

void queueState(Session* s, XrSessionState state) {
  s->state = state;
  g_stats.sessionState = state;
  XrEventDataBuffer buffer{};
  auto* e = reinterpret_cast<XrEventDataSessionStateChanged*>(&buffer);
  e->type = XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED;
  e->session = handleFor<XrSession>(s);
  e->state = state;
  e->time = kFirstDisplayTime + static_cast<XrTime>(s->waits) * kFramePeriod;
  s->instance->events.push_back(buffer);
}

void queueProfileChanged(Session* s) {
  XrEventDataBuffer buffer{};
  auto* e = reinterpret_cast<XrEventDataInteractionProfileChanged*>(&buffer);
  e->type = XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED;
  e->session = handleFor<XrSession>(s);
  s->instance->events.push_back(buffer);
}

// Session calls fail once the session or its instance is lost; destruction always works.
XrResult sessionCheck(XrSession h, Session*& s) {
  s = sessionOf(h);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (s->instance->lost) return XR_ERROR_INSTANCE_LOST;
  if (s->lost) return XR_ERROR_SESSION_LOST;
  return XR_SUCCESS;
}

template <typename T>
XrResult twoCall(std::uint32_t capacity, std::uint32_t* count, T* out, const std::vector<T>& values) {
  if (!count) return XR_ERROR_VALIDATION_FAILURE;
  *count = static_cast<std::uint32_t>(values.size());
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < values.size()) return XR_ERROR_SIZE_INSUFFICIENT;
  std::copy(values.begin(), values.end(), out);
  return XR_SUCCESS;
}

XrPath internPath(const std::string& text) {
  auto it = std::find(g_paths.begin(), g_paths.end(), text);
  if (it != g_paths.end()) return static_cast<XrPath>(it - g_paths.begin() + 1);
  g_paths.push_back(text);
  return static_cast<XrPath>(g_paths.size());
}
std::string pathText(XrPath p) { return p >= 1 && p <= g_paths.size() ? g_paths[p - 1] : std::string(); }

void viewSize(std::uint32_t& w, std::uint32_t& h) {
  w = 320;
  h = 288;  // not square, so a swapped width/height shows
  if (const char* env = std::getenv("OVERUM_TEST_RUNTIME_SIZE")) std::sscanf(env, "%ux%u", &w, &h);
}

// ---- control API ----------------------------------------------------------------------------------

}  // namespace

RT_EXPORT int overumTestRuntimeEyeImage(uint32_t eye, uint32_t* width, uint32_t* height, uint8_t* rgba,
                                        uint64_t capacity) {
  std::lock_guard lock(g_mutex);
  if (eye > 1 || g_eyes[eye].rgba.empty()) return 0;
  *width = g_eyes[eye].width;
  *height = g_eyes[eye].height;
  if (rgba) std::memcpy(rgba, g_eyes[eye].rgba.data(), std::min<uint64_t>(capacity, g_eyes[eye].rgba.size()));
  return 1;
}

RT_EXPORT void overumTestRuntimeStats(OverumTestRuntimeStats* out) {
  std::lock_guard lock(g_mutex);
  *out = g_stats;
}

RT_EXPORT void overumTestRuntimeSetState(int32_t state) {
  std::lock_guard lock(g_mutex);
  if (Session* s = currentSession()) queueState(s, static_cast<XrSessionState>(state));
}

RT_EXPORT void overumTestRuntimeLoseSession(int systemAvailable) {
  std::lock_guard lock(g_mutex);
  g_systemAvailable = systemAvailable != 0;
  if (Session* s = currentSession()) {
    queueState(s, XR_SESSION_STATE_LOSS_PENDING);
    s->lost = true;
  }
}

RT_EXPORT void overumTestRuntimeLoseInstance() {
  std::lock_guard lock(g_mutex);
  for (Instance* i : g_instances) {
    XrEventDataBuffer buffer{};
    auto* e = reinterpret_cast<XrEventDataInstanceLossPending*>(&buffer);
    e->type = XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING;
    e->lossTime = kFirstDisplayTime;
    i->events.push_back(buffer);
    i->lost = true;
  }
}

RT_EXPORT void overumTestRuntimeSetButton(const char* path, int pressed) {
  std::lock_guard lock(g_mutex);
  if (pressed) g_pressed.insert(path);
  else g_pressed.erase(path);
}

RT_EXPORT void overumTestRuntimeSetProfile(const char* profile) {
  std::lock_guard lock(g_mutex);
  g_profile = profile;
  if (Session* s = currentSession(); s && !s->attached.empty()) queueProfileChanged(s);
}

RT_EXPORT void overumTestRuntimeReset() {
  std::lock_guard lock(g_mutex);
  g_systemAvailable = true;
  g_profile = "/interaction_profiles/khr/simple_controller";
  g_pressed.clear();
  g_stats = {};
  g_eyes[0] = g_eyes[1] = {};
  g_destroyedWithSession.clear();
}

namespace {

// ---- instance and system ------------------------------------------------------------------------

const char* const kExtensions[] = {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME,
                                   XR_EXT_HP_MIXED_REALITY_CONTROLLER_EXTENSION_NAME};

XrResult XRAPI_CALL rtEnumerateInstanceExtensionProperties(const char* layer, uint32_t capacity, uint32_t* count,
                                                           XrExtensionProperties* props) {
  if (layer) return XR_ERROR_API_LAYER_NOT_PRESENT;
  std::vector<XrExtensionProperties> values;
  for (const char* name : kExtensions) {
    XrExtensionProperties p{};
    p.type = XR_TYPE_EXTENSION_PROPERTIES;
    std::snprintf(p.extensionName, sizeof p.extensionName, "%s", name);
    p.extensionVersion = 1;
    values.push_back(p);
  }
  return twoCall(capacity, count, props, values);
}

XrResult XRAPI_CALL rtCreateInstance(const XrInstanceCreateInfo* info, XrInstance* out) {
  std::lock_guard lock(g_mutex);
  if (!info || info->type != XR_TYPE_INSTANCE_CREATE_INFO || !out) return XR_ERROR_VALIDATION_FAILURE;
  for (uint32_t i = 0; i < info->enabledExtensionCount; ++i) {
    const bool known = std::any_of(std::begin(kExtensions), std::end(kExtensions),
                                   [&](const char* e) { return std::strcmp(e, info->enabledExtensionNames[i]) == 0; });
    if (!known) return XR_ERROR_EXTENSION_NOT_PRESENT;
  }
  auto* instance = new Instance;
  for (uint32_t i = 0; i < info->enabledExtensionCount; ++i)
    instance->hpControllers =
        instance->hpControllers ||
        std::strcmp(info->enabledExtensionNames[i], XR_EXT_HP_MIXED_REALITY_CONTROLLER_EXTENSION_NAME) == 0;
  g_instances.insert(instance);
  *out = handleFor<XrInstance>(instance);
  return XR_SUCCESS;
}

void destroySwapchain(Swapchain* sc);
void destroySession(Session* s);

XrResult XRAPI_CALL rtDestroyInstance(XrInstance h) {
  std::lock_guard lock(g_mutex);
  Instance* i = instanceOf(h);
  if (!i) return XR_ERROR_HANDLE_INVALID;
  while (!i->sessions.empty()) destroySession(*i->sessions.begin());
  for (ActionSet* set : i->actionSets) {
    for (Action* a : set->actions) {
      forget(a);
      delete a;
    }
    forget(set);
    delete set;
  }
  g_instances.erase(i);
  forget(i);
  delete i;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtGetInstanceProperties(XrInstance h, XrInstanceProperties* props) {
  std::lock_guard lock(g_mutex);
  Instance* i = instanceOf(h);
  if (!i) return XR_ERROR_HANDLE_INVALID;
  if (i->lost) return XR_ERROR_INSTANCE_LOST;
  props->runtimeVersion = XR_MAKE_VERSION(0, 1, 0);
  std::snprintf(props->runtimeName, sizeof props->runtimeName, "Overum headless test runtime");
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtPollEvent(XrInstance h, XrEventDataBuffer* event) {
  std::lock_guard lock(g_mutex);
  Instance* i = instanceOf(h);
  if (!i) return XR_ERROR_HANDLE_INVALID;
  if (i->events.empty()) return i->lost ? XR_ERROR_INSTANCE_LOST : XR_EVENT_UNAVAILABLE;
  *event = i->events.front();
  i->events.pop_front();
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtResultToString(XrInstance, XrResult value, char buffer[XR_MAX_RESULT_STRING_SIZE]) {
  const char* name = nullptr;
  switch (value) {
#define RT_RESULT_CASE(n, v) \
  case n: name = #n; break;
    XR_LIST_ENUM_XrResult(RT_RESULT_CASE)
#undef RT_RESULT_CASE
        default : break;
  }
  if (name) std::snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "%s", name);
  else std::snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "XR_UNKNOWN_%d", static_cast<int>(value));
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtStructureTypeToString(XrInstance, XrStructureType value,
                                            char buffer[XR_MAX_STRUCTURE_NAME_SIZE]) {
  const char* name = nullptr;
  switch (value) {
#define RT_TYPE_CASE(n, v) \
  case n: name = #n; break;
    XR_LIST_ENUM_XrStructureType(RT_TYPE_CASE)
#undef RT_TYPE_CASE
        default : break;
  }
  if (name) std::snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "%s", name);
  else std::snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "XR_UNKNOWN_STRUCTURE_TYPE_%d", static_cast<int>(value));
  return XR_SUCCESS;
}

XrResult checkSystem(XrInstance h, XrSystemId system, Instance*& i) {
  i = instanceOf(h);
  if (!i) return XR_ERROR_HANDLE_INVALID;
  if (i->lost) return XR_ERROR_INSTANCE_LOST;
  if (system != kSystem) return XR_ERROR_SYSTEM_INVALID;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtGetSystem(XrInstance h, const XrSystemGetInfo* info, XrSystemId* out) {
  std::lock_guard lock(g_mutex);
  Instance* i = instanceOf(h);
  if (!i) return XR_ERROR_HANDLE_INVALID;
  if (i->lost) return XR_ERROR_INSTANCE_LOST;
  if (info->formFactor != XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY) return XR_ERROR_FORM_FACTOR_UNSUPPORTED;
  if (!g_systemAvailable || std::getenv("OVERUM_TEST_RUNTIME_NO_HMD")) return XR_ERROR_FORM_FACTOR_UNAVAILABLE;
  *out = kSystem;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtGetSystemProperties(XrInstance h, XrSystemId system, XrSystemProperties* props) {
  std::lock_guard lock(g_mutex);
  Instance* i = nullptr;
  if (XrResult r = checkSystem(h, system, i); XR_FAILED(r)) return r;
  props->systemId = kSystem;
  props->vendorId = 0;
  std::snprintf(props->systemName, sizeof props->systemName, "Overum test HMD");
  props->graphicsProperties.maxSwapchainImageWidth = 4096;
  props->graphicsProperties.maxSwapchainImageHeight = 4096;
  props->graphicsProperties.maxLayerCount = 16;
  props->trackingProperties.orientationTracking = XR_TRUE;
  props->trackingProperties.positionTracking = XR_TRUE;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtEnumerateViewConfigurations(XrInstance h, XrSystemId system, uint32_t capacity, uint32_t* count,
                                                  XrViewConfigurationType* out) {
  std::lock_guard lock(g_mutex);
  Instance* i = nullptr;
  if (XrResult r = checkSystem(h, system, i); XR_FAILED(r)) return r;
  return twoCall(capacity, count, out, std::vector<XrViewConfigurationType>{XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO});
}

XrResult XRAPI_CALL rtGetViewConfigurationProperties(XrInstance h, XrSystemId system, XrViewConfigurationType type,
                                                     XrViewConfigurationProperties* props) {
  std::lock_guard lock(g_mutex);
  Instance* i = nullptr;
  if (XrResult r = checkSystem(h, system, i); XR_FAILED(r)) return r;
  if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  props->viewConfigurationType = type;
  props->fovMutable = XR_FALSE;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtEnumerateViewConfigurationViews(XrInstance h, XrSystemId system, XrViewConfigurationType type,
                                                      uint32_t capacity, uint32_t* count,
                                                      XrViewConfigurationView* out) {
  std::lock_guard lock(g_mutex);
  Instance* i = nullptr;
  if (XrResult r = checkSystem(h, system, i); XR_FAILED(r)) return r;
  if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  *count = 2;
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < 2) return XR_ERROR_SIZE_INSUFFICIENT;
  for (int v = 0; v < 2; ++v) {
    viewSize(out[v].recommendedImageRectWidth, out[v].recommendedImageRectHeight);
    out[v].maxImageRectWidth = out[v].maxImageRectHeight = 4096;
    out[v].recommendedSwapchainSampleCount = 1;
    out[v].maxSwapchainSampleCount = 4;
  }
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtEnumerateEnvironmentBlendModes(XrInstance h, XrSystemId system, XrViewConfigurationType,
                                                     uint32_t capacity, uint32_t* count, XrEnvironmentBlendMode* out) {
  std::lock_guard lock(g_mutex);
  Instance* i = nullptr;
  if (XrResult r = checkSystem(h, system, i); XR_FAILED(r)) return r;
  return twoCall(capacity, count, out, std::vector<XrEnvironmentBlendMode>{XR_ENVIRONMENT_BLEND_MODE_OPAQUE});
}

// ---- Vulkan (XR_KHR_vulkan_enable2) -----------------------------------------------------------------

XrResult XRAPI_CALL rtGetVulkanGraphicsRequirements2KHR(XrInstance h, XrSystemId system,
                                                        XrGraphicsRequirementsVulkan2KHR* req) {
  std::lock_guard lock(g_mutex);
  Instance* i = nullptr;
  if (XrResult r = checkSystem(h, system, i); XR_FAILED(r)) return r;
  req->minApiVersionSupported = XR_MAKE_VERSION(1, 1, 0);
  req->maxApiVersionSupported = XR_MAKE_VERSION(1, 3, 0);
  i->requirementsQueried = true;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtCreateVulkanInstanceKHR(XrInstance h, const XrVulkanInstanceCreateInfoKHR* info, VkInstance* out,
                                              VkResult* vkResult) {
  std::lock_guard lock(g_mutex);
  Instance* i = nullptr;
  if (XrResult r = checkSystem(h, info->systemId, i); XR_FAILED(r)) return r;
  // The app's create info as it is: this runtime needs no instance extensions of its own.
  auto create =
      reinterpret_cast<PFN_vkCreateInstance>(info->pfnGetInstanceProcAddr(VK_NULL_HANDLE, "vkCreateInstance"));
  *vkResult = create(info->vulkanCreateInfo, info->vulkanAllocator, out);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtGetVulkanGraphicsDevice2KHR(XrInstance h, const XrVulkanGraphicsDeviceGetInfoKHR* info,
                                                  VkPhysicalDevice* out) {
  std::lock_guard lock(g_mutex);
  Instance* i = nullptr;
  if (XrResult r = checkSystem(h, info->systemId, i); XR_FAILED(r)) return r;
  uint32_t count = 0;
  vkEnumeratePhysicalDevices(info->vulkanInstance, &count, nullptr);
  std::vector<VkPhysicalDevice> devices(count);
  vkEnumeratePhysicalDevices(info->vulkanInstance, &count, devices.data());
  // lavapipe first: the tests' pixels must not depend on which GPU a machine has.
  VkPhysicalDevice chosen = VK_NULL_HANDLE;
  for (VkPhysicalDevice d : devices) {
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(d, &props);
    if (props.apiVersion < VK_API_VERSION_1_3) continue;
    if (props.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU) {
      chosen = d;
      break;
    }
    if (!chosen) chosen = d;
  }
  if (!chosen) return XR_ERROR_RUNTIME_FAILURE;
  i->vulkanInstance = info->vulkanInstance;
  *out = chosen;
  return XR_SUCCESS;
}

// The structs VkPhysicalDeviceVulkan12Features covers: Vulkan forbids enabling through both
// (VUID-VkDeviceCreateInfo-pNext-02830).
bool coveredByVulkan12(VkStructureType type) {
  switch (type) {
    case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_8BIT_STORAGE_FEATURES:
    case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_ATOMIC_INT64_FEATURES:
    case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES:
    case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DESCRIPTOR_INDEXING_FEATURES:
    case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SCALAR_BLOCK_LAYOUT_FEATURES:
    case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGELESS_FRAMEBUFFER_FEATURES:
    case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_UNIFORM_BUFFER_STANDARD_LAYOUT_FEATURES:
    case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_SUBGROUP_EXTENDED_TYPES_FEATURES:
    case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SEPARATE_DEPTH_STENCIL_LAYOUTS_FEATURES:
    case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_HOST_QUERY_RESET_FEATURES:
    case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_FEATURES:
    case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_BUFFER_DEVICE_ADDRESS_FEATURES:
    case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_MEMORY_MODEL_FEATURES: return true;
    default: return false;
  }
}

bool vulkan12Overlap(const VkDeviceCreateInfo& info) {
  bool v12 = false, covered = false;
  for (auto* s = static_cast<const VkBaseInStructure*>(info.pNext); s; s = s->pNext) {
    v12 = v12 || s->sType == VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES;
    covered = covered || coveredByVulkan12(s->sType);
  }
  return v12 && covered;
}

// As Monado does: the runtime puts a timeline-semaphore feature struct of its own (it needs them for
// its compositor) in front of the app's chain and calls vkCreateDevice through the app's
// vkGetInstanceProcAddr. When that is the loader's own, the chain reaches Vulkan as built here, so
// an overlap with the app's VkPhysicalDeviceVulkan12Features is refused (counted) rather than left to
// the validation layer; an app that hands over its own vkCreateDevice gets the chain to fix.
XrResult XRAPI_CALL rtCreateVulkanDeviceKHR(XrInstance h, const XrVulkanDeviceCreateInfoKHR* info, VkDevice* out,
                                            VkResult* vkResult) {
  std::lock_guard lock(g_mutex);
  Instance* i = nullptr;
  if (XrResult r = checkSystem(h, info->systemId, i); XR_FAILED(r)) return r;
  if (!i->vulkanInstance) return XR_ERROR_VALIDATION_FAILURE;  // xrGetVulkanGraphicsDevice2KHR comes first
  VkPhysicalDeviceTimelineSemaphoreFeatures timeline{};
  timeline.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_FEATURES;
  timeline.pNext = const_cast<void*>(info->vulkanCreateInfo->pNext);
  timeline.timelineSemaphore = VK_TRUE;
  VkDeviceCreateInfo create = *info->vulkanCreateInfo;
  create.pNext = &timeline;
  const auto viaApp =
      reinterpret_cast<PFN_vkCreateDevice>(info->pfnGetInstanceProcAddr(i->vulkanInstance, "vkCreateDevice"));
  const auto loaders = reinterpret_cast<PFN_vkCreateDevice>(vkGetInstanceProcAddr(i->vulkanInstance, "vkCreateDevice"));
  if (!viaApp) return XR_ERROR_VALIDATION_FAILURE;
  if (viaApp == loaders && vulkan12Overlap(create)) {
    ++g_stats.deviceChainOverlaps;
    std::fprintf(stderr,
                 "test runtime: VkPhysicalDeviceVulkan12Features together with a struct it covers "
                 "(VUID-VkDeviceCreateInfo-pNext-02830): device refused\n");
    *vkResult = VK_ERROR_FEATURE_NOT_PRESENT;
    return XR_SUCCESS;
  }
  *vkResult = viaApp(info->vulkanPhysicalDevice, &create, info->vulkanAllocator, out);
  return XR_SUCCESS;
}

// Records with `record`, submits on the app's queue and waits. The spec lets a runtime use the
// queue inside xrEndFrame and friends; the app does not touch it during those calls.
template <typename Record>
VkResult oneShot(Session* s, Record record) {
  VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO, nullptr, s->pool,
                                    VK_COMMAND_BUFFER_LEVEL_PRIMARY, 1};
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  if (VkResult r = vkAllocateCommandBuffers(s->device, &alloc, &cmd); r != VK_SUCCESS) return r;
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO, nullptr,
                                 VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT, nullptr};
  vkBeginCommandBuffer(cmd, &begin);
  record(cmd);
  vkEndCommandBuffer(cmd);
  VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO, nullptr, 0};
  VkFence fence = VK_NULL_HANDLE;
  vkCreateFence(s->device, &fenceInfo, nullptr, &fence);
  VkSubmitInfo submit{};
  submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  VkResult r = vkQueueSubmit(s->queue, 1, &submit, fence);
  if (r == VK_SUCCESS) r = vkWaitForFences(s->device, 1, &fence, VK_TRUE, UINT64_MAX);
  vkDestroyFence(s->device, fence, nullptr);
  vkFreeCommandBuffers(s->device, s->pool, 1, &cmd);
  return r;
}

VkImageMemoryBarrier layoutBarrier(VkImage image, VkImageLayout from, VkImageLayout to, VkAccessFlags srcAccess,
                                   VkAccessFlags dstAccess, uint32_t baseLayer, uint32_t layers) {
  VkImageMemoryBarrier b{};
  b.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
  b.srcAccessMask = srcAccess;
  b.dstAccessMask = dstAccess;
  b.oldLayout = from;
  b.newLayout = to;
  b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.image = image;
  b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, baseLayer, layers};
  return b;
}

// ---- session and frame loop -----------------------------------------------------------------------

XrResult XRAPI_CALL rtCreateSession(XrInstance h, const XrSessionCreateInfo* info, XrSession* out) {
  std::lock_guard lock(g_mutex);
  Instance* i = nullptr;
  if (XrResult r = checkSystem(h, info->systemId, i); XR_FAILED(r)) return r;
  if (!g_systemAvailable) return XR_ERROR_SYSTEM_INVALID;
  if (!i->requirementsQueried) return XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING;
  const auto* binding = static_cast<const XrGraphicsBindingVulkan2KHR*>(info->next);
  if (!binding || binding->type != XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR) return XR_ERROR_GRAPHICS_DEVICE_INVALID;
  if (!binding->device || !binding->physicalDevice) return XR_ERROR_GRAPHICS_DEVICE_INVALID;
  auto* s = new Session;
  s->instance = i;
  s->physical = binding->physicalDevice;
  s->device = binding->device;
  s->family = binding->queueFamilyIndex;
  vkGetDeviceQueue(s->device, s->family, binding->queueIndex, &s->queue);
  VkCommandPoolCreateInfo pool{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO, nullptr,
                               VK_COMMAND_POOL_CREATE_TRANSIENT_BIT, s->family};
  if (vkCreateCommandPool(s->device, &pool, nullptr, &s->pool) != VK_SUCCESS) {
    forget(s);
    delete s;
    return XR_ERROR_RUNTIME_FAILURE;
  }
  i->sessions.insert(s);
  ++g_stats.sessionsCreated;
  queueState(s, XR_SESSION_STATE_IDLE);
  queueState(s, XR_SESSION_STATE_READY);
  *out = handleFor<XrSession>(s);
  return XR_SUCCESS;
}

void destroySession(Session* s) {
  for (Swapchain* sc : s->swapchains) g_destroyedWithSession.insert(g_byObject[sc]);
  while (!s->swapchains.empty()) destroySwapchain(*s->swapchains.begin());
  for (Space* sp : s->spaces) {
    g_destroyedWithSession.insert(g_byObject[sp]);
    forget(sp);
    delete sp;
  }
  if (s->pool) vkDestroyCommandPool(s->device, s->pool, nullptr);
  // Events of a destroyed session must not reach the app.
  auto& ev = s->instance->events;
  ev.erase(std::remove_if(ev.begin(), ev.end(),
                          [&](const XrEventDataBuffer& e) {
                            // Both event types carry the session right after type and next.
                            return (e.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED ||
                                    e.type == XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED) &&
                                   reinterpret_cast<const XrEventDataSessionStateChanged&>(e).session ==
                                       handleFor<XrSession>(s);
                          }),
           ev.end());
  s->instance->sessions.erase(s);
  ++g_stats.sessionsDestroyed;
  g_stats.sessionState = 0;
  forget(s);
  delete s;
}

XrResult XRAPI_CALL rtDestroySession(XrSession h) {
  std::lock_guard lock(g_mutex);
  Session* s = sessionOf(h);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  destroySession(s);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtBeginSession(XrSession h, const XrSessionBeginInfo* info) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  if (info->primaryViewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  if (s->running) return XR_ERROR_SESSION_RUNNING;
  if (s->state != XR_SESSION_STATE_READY) return XR_ERROR_SESSION_NOT_READY;
  s->running = true;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtEndSession(XrSession h) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  if (s->state != XR_SESSION_STATE_STOPPING) return XR_ERROR_SESSION_NOT_STOPPING;
  s->running = false;
  s->predicted.clear();
  s->frameBegun = false;
  queueState(s, XR_SESSION_STATE_IDLE);
  if (s->exitRequested) queueState(s, XR_SESSION_STATE_EXITING);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtRequestExitSession(XrSession h) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  s->exitRequested = true;
  queueState(s, XR_SESSION_STATE_STOPPING);
  return XR_SUCCESS;
}

bool visible(const Session* s) { return s->state == XR_SESSION_STATE_VISIBLE || s->state == XR_SESSION_STATE_FOCUSED; }

// Never blocks: the tests run as fast as lavapipe draws, and the predicted times still advance by
// exactly one 90 Hz period per frame.
XrResult XRAPI_CALL rtWaitFrame(XrSession h, const XrFrameWaitInfo*, XrFrameState* state) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  const XrTime t = kFirstDisplayTime + static_cast<XrTime>(s->waits++) * kFramePeriod;
  s->predicted.push_back(t);
  state->predictedDisplayTime = t;
  state->predictedDisplayPeriod = kFramePeriod;
  state->shouldRender = visible(s) ? XR_TRUE : XR_FALSE;
  s->frameShouldRender = state->shouldRender == XR_TRUE;
  ++g_stats.waitFrames;
  g_stats.lastPredictedDisplayTime = t;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtBeginFrame(XrSession h, const XrFrameBeginInfo*) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  if (s->predicted.empty()) return XR_ERROR_CALL_ORDER_INVALID;
  const bool discarded = s->frameBegun;
  s->frameBegun = true;
  s->frameTime = s->predicted.front();
  s->predicted.pop_front();
  return discarded ? XR_FRAME_DISCARDED : XR_SUCCESS;
}

void readBack(Session* s, const XrCompositionLayerProjection& layer);

XrResult XRAPI_CALL rtEndFrame(XrSession h, const XrFrameEndInfo* info) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  if (!s->frameBegun) return XR_ERROR_CALL_ORDER_INVALID;
  if (info->displayTime <= 0) return XR_ERROR_TIME_INVALID;
  if (info->environmentBlendMode != XR_ENVIRONMENT_BLEND_MODE_OPAQUE)
    return XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED;
  s->frameBegun = false;
  ++g_stats.endFrames;
  // For runs of the whole app, which cannot reach the control API: the headset goes away for good
  // after this many frames, as when the runtime's service dies.
  const char* loseAfter = std::getenv("OVERUM_TEST_RUNTIME_LOSE_AFTER");
  if (loseAfter && g_stats.endFrames == std::strtoull(loseAfter, nullptr, 10)) overumTestRuntimeLoseSession(0);
  if (info->displayTime != s->frameTime) ++g_stats.displayTimeMismatches;
  for (uint32_t l = 0; l < info->layerCount; ++l) {
    const XrCompositionLayerBaseHeader* base = info->layers[l];
    if (!base) return XR_ERROR_LAYER_INVALID;
    if (base->type != XR_TYPE_COMPOSITION_LAYER_PROJECTION) continue;
    const auto& proj = *reinterpret_cast<const XrCompositionLayerProjection*>(base);
    if (proj.viewCount != 2) return XR_ERROR_VALIDATION_FAILURE;
    Space* space = spaceOf(proj.space);
    if (!space) return XR_ERROR_HANDLE_INVALID;
    for (uint32_t v = 0; v < 2; ++v) {
      Swapchain* sc = swapchainOf(proj.views[v].subImage.swapchain);
      if (!sc || sc->lastReleased < 0) return XR_ERROR_LAYER_INVALID;
      if (proj.views[v].subImage.imageArrayIndex >= sc->layers) return XR_ERROR_VALIDATION_FAILURE;
    }
    ++g_stats.framesWithLayers;
    if (!s->frameShouldRender) ++g_stats.layersWithoutRender;
    g_stats.lastSubmittedDisplayTime = info->displayTime;
    g_stats.referenceSpaceOfLayer = space->type;
    readBack(s, proj);
  }
  // The compositor "shows" a new session: after its first frame it is synchronised, after its
  // second it is visible and has input focus. Later state changes come from the control API only.
  if (s->state == XR_SESSION_STATE_READY) queueState(s, XR_SESSION_STATE_SYNCHRONIZED);
  else if (s->state == XR_SESSION_STATE_SYNCHRONIZED && !s->shown) {
    queueState(s, XR_SESSION_STATE_VISIBLE);
    queueState(s, XR_SESSION_STATE_FOCUSED);
    s->shown = true;
  }
  return XR_SUCCESS;
}

// ---- spaces and views -----------------------------------------------------------------------------

Pose localFromReference(XrReferenceSpaceType type) {
  switch (type) {
    case XR_REFERENCE_SPACE_TYPE_VIEW: return kLocalFromHead;
    case XR_REFERENCE_SPACE_TYPE_STAGE: return kLocalFromStage;
    default: return Pose{};
  }
}

// false when the space is not tracked (an action space whose action has no binding).
bool localFromSpace(const Space* sp, Pose& out) {
  if (!sp->action) {
    out = compose(localFromReference(sp->type), sp->offset);
    return true;
  }
  const std::string hand = pathText(sp->subaction);
  const auto& suggestions = sp->session->instance->bindings[g_profile];
  for (const auto& [action, path] : suggestions) {
    if (action != sp->action) continue;
    const std::string text = pathText(path);
    if (!hand.empty() && text.rfind(hand, 0) != 0) continue;
    const int side = text.rfind("/user/hand/left", 0) == 0 ? 0 : 1;
    out = compose(kLocalFromGrip[side], sp->offset);
    return true;
  }
  return false;
}

XrResult XRAPI_CALL rtEnumerateReferenceSpaces(XrSession h, uint32_t capacity, uint32_t* count,
                                               XrReferenceSpaceType* out) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  std::vector<XrReferenceSpaceType> types{XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL};
  // STAGE is optional in OpenXR; OVERUM_TEST_RUNTIME_NO_STAGE=1 plays a runtime without one.
  if (!std::getenv("OVERUM_TEST_RUNTIME_NO_STAGE")) types.push_back(XR_REFERENCE_SPACE_TYPE_STAGE);
  return twoCall(capacity, count, out, types);
}

XrResult XRAPI_CALL rtCreateReferenceSpace(XrSession h, const XrReferenceSpaceCreateInfo* info, XrSpace* out) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  if (info->referenceSpaceType < XR_REFERENCE_SPACE_TYPE_VIEW ||
      info->referenceSpaceType > XR_REFERENCE_SPACE_TYPE_STAGE ||
      (info->referenceSpaceType == XR_REFERENCE_SPACE_TYPE_STAGE && std::getenv("OVERUM_TEST_RUNTIME_NO_STAGE")))
    return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
  auto* sp = new Space{s, info->referenceSpaceType, nullptr, XR_NULL_PATH, fromXr(info->poseInReferenceSpace)};
  s->spaces.insert(sp);
  *out = handleFor<XrSpace>(sp);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtGetReferenceSpaceBoundsRect(XrSession h, XrReferenceSpaceType, XrExtent2Df* bounds) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  *bounds = {0, 0};
  return XR_SPACE_BOUNDS_UNAVAILABLE;
}

// A destroy call for a handle its session already took with it: counted, and refused.
XrResult destroyedWithSession(std::uint64_t handle, const char* call) {
  if (g_destroyedWithSession.count(handle)) {
    ++g_stats.childrenDestroyedAfterSession;
    std::fprintf(stderr, "test runtime: %s after its session was destroyed: XR_ERROR_HANDLE_INVALID\n", call);
  }
  return XR_ERROR_HANDLE_INVALID;
}

XrResult XRAPI_CALL rtDestroySpace(XrSpace h) {
  std::lock_guard lock(g_mutex);
  Space* sp = spaceOf(h);
  if (!sp) return destroyedWithSession(reinterpret_cast<std::uint64_t>(h), "xrDestroySpace");
  sp->session->spaces.erase(sp);
  forget(sp);
  delete sp;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtLocateSpace(XrSpace h, XrSpace baseH, XrTime time, XrSpaceLocation* location) {
  std::lock_guard lock(g_mutex);
  Space* sp = spaceOf(h);
  Space* base = spaceOf(baseH);
  if (!sp || !base) return XR_ERROR_HANDLE_INVALID;
  Session* s = nullptr;
  if (XrResult r = sessionCheck(handleFor<XrSession>(sp->session), s); XR_FAILED(r)) return r;
  if (time <= 0) return XR_ERROR_TIME_INVALID;
  Pose localFromSp, localFromBase;
  if (!localFromSpace(sp, localFromSp) || !localFromSpace(base, localFromBase)) {
    location->locationFlags = 0;
    return XR_SUCCESS;
  }
  location->pose = toXr(compose(inverse(localFromBase), localFromSp));
  location->locationFlags = XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT |
                            XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT | XR_SPACE_LOCATION_POSITION_TRACKED_BIT;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtLocateViews(XrSession h, const XrViewLocateInfo* info, XrViewState* state, uint32_t capacity,
                                  uint32_t* count, XrView* views) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  if (info->viewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  if (info->displayTime <= 0) return XR_ERROR_TIME_INVALID;
  Space* base = spaceOf(info->space);
  if (!base) return XR_ERROR_HANDLE_INVALID;
  *count = 2;
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < 2) return XR_ERROR_SIZE_INSUFFICIENT;
  Pose localFromBase;
  localFromSpace(base, localFromBase);
  // Slightly asymmetric FOVs (wider outwards), as real headsets have.
  const XrFovf fov[2] = {{-0.80f, 0.70f, 0.72f, -0.78f}, {-0.70f, 0.80f, 0.72f, -0.78f}};
  for (int eye = 0; eye < 2; ++eye) {
    const Pose headFromEye{{}, {eye == 0 ? -kIpd / 2 : kIpd / 2, 0, 0}};
    views[eye].pose = toXr(compose(inverse(localFromBase), compose(kLocalFromHead, headFromEye)));
    views[eye].fov = fov[eye];
  }
  state->viewStateFlags = XR_VIEW_STATE_ORIENTATION_VALID_BIT | XR_VIEW_STATE_POSITION_VALID_BIT |
                          XR_VIEW_STATE_ORIENTATION_TRACKED_BIT | XR_VIEW_STATE_POSITION_TRACKED_BIT;
  return XR_SUCCESS;
}

// ---- swapchains -------------------------------------------------------------------------------------

const std::vector<int64_t> kFormats = {VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_R8G8B8A8_UNORM};

XrResult XRAPI_CALL rtEnumerateSwapchainFormats(XrSession h, uint32_t capacity, uint32_t* count, int64_t* out) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  return twoCall(capacity, count, out, kFormats);
}

XrResult XRAPI_CALL rtCreateSwapchain(XrSession h, const XrSwapchainCreateInfo* info, XrSwapchain* out) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  if (std::find(kFormats.begin(), kFormats.end(), info->format) == kFormats.end())
    return XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED;
  if (info->faceCount != 1 || info->mipCount != 1 || info->sampleCount != 1 || info->arraySize < 1 ||
      info->width == 0 || info->height == 0)
    return XR_ERROR_VALIDATION_FAILURE;
  VkImageUsageFlags usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT;  // for the read-back
  if (info->usageFlags & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) usage |= VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
  if (info->usageFlags & XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT) usage |= VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  if (info->usageFlags & XR_SWAPCHAIN_USAGE_SAMPLED_BIT) usage |= VK_IMAGE_USAGE_SAMPLED_BIT;
  if (info->usageFlags & XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT) usage |= VK_IMAGE_USAGE_STORAGE_BIT;

  auto* sc = new Swapchain;
  sc->session = s;
  sc->format = static_cast<VkFormat>(info->format);
  sc->width = info->width;
  sc->height = info->height;
  sc->layers = info->arraySize;
  VkPhysicalDeviceMemoryProperties mem;
  vkGetPhysicalDeviceMemoryProperties(s->physical, &mem);
  bool ok = true;
  for (int n = 0; n < 3 && ok; ++n) {
    VkImageCreateInfo ici{};
    ici.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
    ici.imageType = VK_IMAGE_TYPE_2D;
    ici.format = sc->format;
    ici.extent = {sc->width, sc->height, 1};
    ici.mipLevels = 1;
    ici.arrayLayers = sc->layers;
    ici.samples = VK_SAMPLE_COUNT_1_BIT;
    ici.tiling = VK_IMAGE_TILING_OPTIMAL;
    ici.usage = usage;
    ici.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    VkImage image = VK_NULL_HANDLE;
    ok = vkCreateImage(s->device, &ici, nullptr, &image) == VK_SUCCESS;
    if (!ok) break;
    sc->images.push_back(image);
    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(s->device, image, &req);
    uint32_t type = UINT32_MAX;
    for (uint32_t t = 0; t < mem.memoryTypeCount && type == UINT32_MAX; ++t)
      if ((req.memoryTypeBits & (1u << t)) && (mem.memoryTypes[t].propertyFlags & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT))
        type = t;
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, nullptr, req.size, type};
    VkDeviceMemory memory = VK_NULL_HANDLE;
    ok = type != UINT32_MAX && vkAllocateMemory(s->device, &alloc, nullptr, &memory) == VK_SUCCESS;
    if (!ok) break;
    sc->memory.push_back(memory);
    ok = vkBindImageMemory(s->device, image, memory, 0) == VK_SUCCESS;
  }
  s->swapchains.insert(sc);
  if (!ok) {
    destroySwapchain(sc);
    return XR_ERROR_RUNTIME_FAILURE;
  }
  // Images are handed out in COLOR_ATTACHMENT_OPTIMAL, as XR_KHR_vulkan_enable2 promises.
  oneShot(s, [&](VkCommandBuffer cmd) {
    for (VkImage image : sc->images) {
      const VkImageMemoryBarrier b =
          layoutBarrier(image, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, 0,
                        VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT, 0, sc->layers);
      vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0,
                           nullptr, 0, nullptr, 1, &b);
    }
  });
  *out = handleFor<XrSwapchain>(sc);
  return XR_SUCCESS;
}

void destroySwapchain(Swapchain* sc) {
  Session* s = sc->session;
  vkQueueWaitIdle(s->queue);
  for (VkImage image : sc->images) vkDestroyImage(s->device, image, nullptr);
  for (VkDeviceMemory m : sc->memory) vkFreeMemory(s->device, m, nullptr);
  s->swapchains.erase(sc);
  forget(sc);
  delete sc;
}

XrResult XRAPI_CALL rtDestroySwapchain(XrSwapchain h) {
  std::lock_guard lock(g_mutex);
  Swapchain* sc = swapchainOf(h);
  if (!sc) return destroyedWithSession(reinterpret_cast<std::uint64_t>(h), "xrDestroySwapchain");
  destroySwapchain(sc);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtEnumerateSwapchainImages(XrSwapchain h, uint32_t capacity, uint32_t* count,
                                               XrSwapchainImageBaseHeader* out) {
  std::lock_guard lock(g_mutex);
  Swapchain* sc = swapchainOf(h);
  if (!sc) return XR_ERROR_HANDLE_INVALID;
  *count = static_cast<uint32_t>(sc->images.size());
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < sc->images.size()) return XR_ERROR_SIZE_INSUFFICIENT;
  auto* images = reinterpret_cast<XrSwapchainImageVulkan2KHR*>(out);
  for (size_t n = 0; n < sc->images.size(); ++n) {
    if (images[n].type != XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR) return XR_ERROR_VALIDATION_FAILURE;
    images[n].image = sc->images[n];
  }
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtAcquireSwapchainImage(XrSwapchain h, const XrSwapchainImageAcquireInfo*, uint32_t* index) {
  std::lock_guard lock(g_mutex);
  Swapchain* sc = swapchainOf(h);
  if (!sc) return XR_ERROR_HANDLE_INVALID;
  Session* s = nullptr;
  if (XrResult r = sessionCheck(handleFor<XrSession>(sc->session), s); XR_FAILED(r)) return r;
  if (sc->acquired.size() >= sc->images.size()) return XR_ERROR_CALL_ORDER_INVALID;
  if (s->frameBegun && !s->frameShouldRender) ++g_stats.acquiresWithoutRender;
  *index = sc->next;
  sc->acquired.push_back(sc->next);
  sc->next = (sc->next + 1) % static_cast<uint32_t>(sc->images.size());
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtWaitSwapchainImage(XrSwapchain h, const XrSwapchainImageWaitInfo*) {
  std::lock_guard lock(g_mutex);
  Swapchain* sc = swapchainOf(h);
  if (!sc) return XR_ERROR_HANDLE_INVALID;
  Session* s = nullptr;
  if (XrResult r = sessionCheck(handleFor<XrSession>(sc->session), s); XR_FAILED(r)) return r;
  if (sc->acquired.empty() || sc->waited) return XR_ERROR_CALL_ORDER_INVALID;
  sc->waited = true;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtReleaseSwapchainImage(XrSwapchain h, const XrSwapchainImageReleaseInfo*) {
  std::lock_guard lock(g_mutex);
  Swapchain* sc = swapchainOf(h);
  if (!sc) return XR_ERROR_HANDLE_INVALID;
  Session* s = nullptr;
  if (XrResult r = sessionCheck(handleFor<XrSession>(sc->session), s); XR_FAILED(r)) return r;
  if (sc->acquired.empty() || !sc->waited) return XR_ERROR_CALL_ORDER_INVALID;
  sc->lastReleased = static_cast<int>(sc->acquired.front());
  sc->acquired.pop_front();
  sc->waited = false;
  return XR_SUCCESS;
}

// Copies each eye's sub-image of the submitted layer to the CPU. Ordered after the app's rendering
// by queue submission order; the barrier makes its colour writes visible to the copy.
void readBack(Session* s, const XrCompositionLayerProjection& layer) {
  for (uint32_t eye = 0; eye < 2; ++eye) {
    const XrSwapchainSubImage& sub = layer.views[eye].subImage;
    Swapchain* sc = swapchainOf(sub.swapchain);
    const VkImage image = sc->images[static_cast<size_t>(sc->lastReleased)];
    const uint32_t w = static_cast<uint32_t>(sub.imageRect.extent.width);
    const uint32_t hgt = static_cast<uint32_t>(sub.imageRect.extent.height);
    const VkDeviceSize size = VkDeviceSize(w) * hgt * 4;

    VkBufferCreateInfo bci{};
    bci.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
    bci.size = size;
    bci.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    VkBuffer buffer = VK_NULL_HANDLE;
    if (vkCreateBuffer(s->device, &bci, nullptr, &buffer) != VK_SUCCESS) return;
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(s->device, buffer, &req);
    VkPhysicalDeviceMemoryProperties mem;
    vkGetPhysicalDeviceMemoryProperties(s->physical, &mem);
    const VkMemoryPropertyFlags want = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    uint32_t type = UINT32_MAX;
    for (uint32_t t = 0; t < mem.memoryTypeCount && type == UINT32_MAX; ++t)
      if ((req.memoryTypeBits & (1u << t)) && (mem.memoryTypes[t].propertyFlags & want) == want) type = t;
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, nullptr, req.size, type};
    VkDeviceMemory memory = VK_NULL_HANDLE;
    if (type == UINT32_MAX || vkAllocateMemory(s->device, &alloc, nullptr, &memory) != VK_SUCCESS) {
      vkDestroyBuffer(s->device, buffer, nullptr);
      return;
    }
    vkBindBufferMemory(s->device, buffer, memory, 0);
    oneShot(s, [&](VkCommandBuffer cmd) {
      const VkImageMemoryBarrier toSrc =
          layoutBarrier(image, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                        VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT,
                        VK_ACCESS_TRANSFER_READ_BIT, sub.imageArrayIndex, 1);
      vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                           VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 1, &toSrc);
      VkBufferImageCopy region{};
      region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, sub.imageArrayIndex, 1};
      region.imageOffset = {sub.imageRect.offset.x, sub.imageRect.offset.y, 0};
      region.imageExtent = {w, hgt, 1};
      vkCmdCopyImageToBuffer(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer, 1, &region);
      const VkImageMemoryBarrier back =
          layoutBarrier(image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, 0,
                        VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT, sub.imageArrayIndex, 1);
      vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0,
                           nullptr, 0, nullptr, 1, &back);
    });
    void* mapped = nullptr;
    vkMapMemory(s->device, memory, 0, size, 0, &mapped);
    EyeImage& out = g_eyes[eye];
    out.width = w;
    out.height = hgt;
    out.rgba.assign(static_cast<const uint8_t*>(mapped), static_cast<const uint8_t*>(mapped) + size);
    if (sc->format == VK_FORMAT_B8G8R8A8_SRGB)
      for (size_t p = 0; p < out.rgba.size(); p += 4) std::swap(out.rgba[p], out.rgba[p + 2]);
    vkUnmapMemory(s->device, memory);
    vkFreeMemory(s->device, memory, nullptr);
    vkDestroyBuffer(s->device, buffer, nullptr);
  }
}

// ---- actions ----------------------------------------------------------------------------------------

XrResult XRAPI_CALL rtStringToPath(XrInstance h, const char* text, XrPath* out) {
  std::lock_guard lock(g_mutex);
  Instance* i = instanceOf(h);
  if (!i) return XR_ERROR_HANDLE_INVALID;
  if (i->lost) return XR_ERROR_INSTANCE_LOST;
  if (!text || text[0] != '/') return XR_ERROR_PATH_FORMAT_INVALID;
  *out = internPath(text);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtPathToString(XrInstance h, XrPath path, uint32_t capacity, uint32_t* count, char* buffer) {
  std::lock_guard lock(g_mutex);
  if (!instanceOf(h)) return XR_ERROR_HANDLE_INVALID;
  const std::string text = pathText(path);
  if (text.empty()) return XR_ERROR_PATH_INVALID;
  std::vector<char> chars(text.begin(), text.end());
  chars.push_back('\0');
  return twoCall(capacity, count, buffer, chars);
}

XrResult XRAPI_CALL rtCreateActionSet(XrInstance h, const XrActionSetCreateInfo* info, XrActionSet* out) {
  std::lock_guard lock(g_mutex);
  Instance* i = instanceOf(h);
  if (!i) return XR_ERROR_HANDLE_INVALID;
  if (i->lost) return XR_ERROR_INSTANCE_LOST;
  auto* set = new ActionSet{i, info->actionSetName, {}, false};
  i->actionSets.insert(set);
  *out = handleFor<XrActionSet>(set);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtDestroyActionSet(XrActionSet h) {
  std::lock_guard lock(g_mutex);
  ActionSet* set = actionSetOf(h);
  if (!set) return XR_ERROR_HANDLE_INVALID;
  // Bindings first: they point at the actions about to be freed.
  for (auto& [profile, list] : set->instance->bindings)
    list.erase(std::remove_if(list.begin(), list.end(), [&](const auto& b) { return b.first->set == set; }),
               list.end());
  for (Action* a : set->actions) {
    forget(a);
    delete a;
  }
  set->instance->actionSets.erase(set);
  forget(set);
  delete set;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtCreateAction(XrActionSet h, const XrActionCreateInfo* info, XrAction* out) {
  std::lock_guard lock(g_mutex);
  ActionSet* set = actionSetOf(h);
  if (!set) return XR_ERROR_HANDLE_INVALID;
  if (set->attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
  auto* a = new Action;
  a->set = set;
  a->type = info->actionType;
  a->name = info->actionName;
  a->subactions.assign(info->subactionPaths, info->subactionPaths + info->countSubactionPaths);
  set->actions.push_back(a);
  *out = handleFor<XrAction>(a);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtDestroyAction(XrAction h) {
  std::lock_guard lock(g_mutex);
  Action* a = actionOf(h);
  if (!a) return XR_ERROR_HANDLE_INVALID;
  auto& list = a->set->actions;
  list.erase(std::remove(list.begin(), list.end(), a), list.end());
  forget(a);
  delete a;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtSuggestInteractionProfileBindings(XrInstance h,
                                                        const XrInteractionProfileSuggestedBinding* info) {
  std::lock_guard lock(g_mutex);
  Instance* i = instanceOf(h);
  if (!i) return XR_ERROR_HANDLE_INVALID;
  if (i->lost) return XR_ERROR_INSTANCE_LOST;
  const std::string profile = pathText(info->interactionProfile);
  static const std::set<std::string> known = {
      "/interaction_profiles/khr/simple_controller", "/interaction_profiles/oculus/touch_controller",
      "/interaction_profiles/valve/index_controller", "/interaction_profiles/htc/vive_controller",
      "/interaction_profiles/microsoft/motion_controller"};
  // An extension's profile exists only when the app enabled the extension (as the spec says).
  const bool hp = profile == "/interaction_profiles/hp/mixed_reality_controller" && i->hpControllers;
  if (!known.count(profile) && !hp) return XR_ERROR_PATH_UNSUPPORTED;
  std::vector<std::pair<Action*, XrPath>> list;
  for (uint32_t n = 0; n < info->countSuggestedBindings; ++n) {
    Action* a = actionOf(info->suggestedBindings[n].action);
    if (!a) return XR_ERROR_HANDLE_INVALID;
    if (pathText(info->suggestedBindings[n].binding).rfind("/user/hand/", 0) != 0) return XR_ERROR_PATH_UNSUPPORTED;
    list.emplace_back(a, info->suggestedBindings[n].binding);
  }
  i->bindings[profile] = list;  // a later suggestion for the same profile replaces the earlier one
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtAttachSessionActionSets(XrSession h, const XrSessionActionSetsAttachInfo* info) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  if (!s->attached.empty()) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
  for (uint32_t n = 0; n < info->countActionSets; ++n) {
    ActionSet* set = actionSetOf(info->actionSets[n]);
    if (!set) return XR_ERROR_HANDLE_INVALID;
    set->attached = true;
    s->attached.push_back(set);
  }
  queueProfileChanged(s);  // the controllers' profile becomes known once bindings are attached
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtGetCurrentInteractionProfile(XrSession h, XrPath topLevel, XrInteractionProfileState* state) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  if (s->attached.empty()) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  const std::string hand = pathText(topLevel);
  if (hand != "/user/hand/left" && hand != "/user/hand/right") return XR_ERROR_PATH_UNSUPPORTED;
  state->interactionProfile = s->instance->bindings.count(g_profile) ? internPath(g_profile) : XR_NULL_PATH;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtCreateActionSpace(XrSession h, const XrActionSpaceCreateInfo* info, XrSpace* out) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  Action* a = actionOf(info->action);
  if (!a) return XR_ERROR_HANDLE_INVALID;
  if (a->type != XR_ACTION_TYPE_POSE_INPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
  auto* sp = new Space{s, XR_REFERENCE_SPACE_TYPE_LOCAL, a, info->subactionPath, fromXr(info->poseInActionSpace)};
  s->spaces.insert(sp);
  *out = handleFor<XrSpace>(sp);
  return XR_SUCCESS;
}

bool pressedNow(Instance* i, Action* a, XrPath subaction) {
  const std::string hand = pathText(subaction);
  for (const auto& [action, path] : i->bindings[g_profile]) {
    if (action != a) continue;
    const std::string text = pathText(path);
    if (!hand.empty() && text.rfind(hand, 0) != 0) continue;
    if (g_pressed.count(text)) return true;
  }
  return false;
}

XrResult XRAPI_CALL rtSyncActions(XrSession h, const XrActionsSyncInfo* info) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  if (s->attached.empty()) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  if (s->state != XR_SESSION_STATE_FOCUSED) return XR_SESSION_NOT_FOCUSED;
  for (uint32_t n = 0; n < info->countActiveActionSets; ++n) {
    ActionSet* set = actionSetOf(info->activeActionSets[n].actionSet);
    if (!set || !set->attached) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    for (Action* a : set->actions) {
      const bool now = pressedNow(s->instance, a, XR_NULL_PATH);
      a->changed = now != a->current;
      a->current = now;
    }
  }
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtGetActionStateBoolean(XrSession h, const XrActionStateGetInfo* info,
                                            XrActionStateBoolean* state) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  Action* a = actionOf(info->action);
  if (!a) return XR_ERROR_HANDLE_INVALID;
  if (a->type != XR_ACTION_TYPE_BOOLEAN_INPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
  const auto& list = s->instance->bindings[g_profile];
  state->isActive =
      std::any_of(list.begin(), list.end(), [&](const auto& b) { return b.first == a; }) ? XR_TRUE : XR_FALSE;
  state->currentState = a->current ? XR_TRUE : XR_FALSE;
  state->changedSinceLastSync = a->changed ? XR_TRUE : XR_FALSE;
  state->lastChangeTime = kFirstDisplayTime;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL rtGetActionStatePose(XrSession h, const XrActionStateGetInfo* info, XrActionStatePose* state) {
  std::lock_guard lock(g_mutex);
  Session* s = nullptr;
  if (XrResult r = sessionCheck(h, s); XR_FAILED(r)) return r;
  Action* a = actionOf(info->action);
  if (!a) return XR_ERROR_HANDLE_INVALID;
  const auto& list = s->instance->bindings[g_profile];
  state->isActive =
      std::any_of(list.begin(), list.end(), [&](const auto& b) { return b.first == a; }) ? XR_TRUE : XR_FALSE;
  return XR_SUCCESS;
}

// ---- dispatch (xrGetInstanceProcAddr) ---------------------------------------------------------------

XrResult XRAPI_CALL rtGetInstanceProcAddr(XrInstance, const char* name, PFN_xrVoidFunction* function);

#define RT_FN(name, impl) \
  { name, reinterpret_cast<PFN_xrVoidFunction>(impl) }
const std::map<std::string, PFN_xrVoidFunction>& functionTable() {
  static const std::map<std::string, PFN_xrVoidFunction> table = {
      RT_FN("xrGetInstanceProcAddr", rtGetInstanceProcAddr),
      RT_FN("xrEnumerateInstanceExtensionProperties", rtEnumerateInstanceExtensionProperties),
      RT_FN("xrCreateInstance", rtCreateInstance),
      RT_FN("xrDestroyInstance", rtDestroyInstance),
      RT_FN("xrGetInstanceProperties", rtGetInstanceProperties),
      RT_FN("xrPollEvent", rtPollEvent),
      RT_FN("xrResultToString", rtResultToString),
      RT_FN("xrStructureTypeToString", rtStructureTypeToString),
      RT_FN("xrGetSystem", rtGetSystem),
      RT_FN("xrGetSystemProperties", rtGetSystemProperties),
      RT_FN("xrEnumerateViewConfigurations", rtEnumerateViewConfigurations),
      RT_FN("xrGetViewConfigurationProperties", rtGetViewConfigurationProperties),
      RT_FN("xrEnumerateViewConfigurationViews", rtEnumerateViewConfigurationViews),
      RT_FN("xrEnumerateEnvironmentBlendModes", rtEnumerateEnvironmentBlendModes),
      RT_FN("xrGetVulkanGraphicsRequirements2KHR", rtGetVulkanGraphicsRequirements2KHR),
      RT_FN("xrCreateVulkanInstanceKHR", rtCreateVulkanInstanceKHR),
      RT_FN("xrGetVulkanGraphicsDevice2KHR", rtGetVulkanGraphicsDevice2KHR),
      RT_FN("xrCreateVulkanDeviceKHR", rtCreateVulkanDeviceKHR),
      RT_FN("xrCreateSession", rtCreateSession),
      RT_FN("xrDestroySession", rtDestroySession),
      RT_FN("xrBeginSession", rtBeginSession),
      RT_FN("xrEndSession", rtEndSession),
      RT_FN("xrRequestExitSession", rtRequestExitSession),
      RT_FN("xrWaitFrame", rtWaitFrame),
      RT_FN("xrBeginFrame", rtBeginFrame),
      RT_FN("xrEndFrame", rtEndFrame),
      RT_FN("xrEnumerateReferenceSpaces", rtEnumerateReferenceSpaces),
      RT_FN("xrCreateReferenceSpace", rtCreateReferenceSpace),
      RT_FN("xrGetReferenceSpaceBoundsRect", rtGetReferenceSpaceBoundsRect),
      RT_FN("xrDestroySpace", rtDestroySpace),
      RT_FN("xrLocateSpace", rtLocateSpace),
      RT_FN("xrLocateViews", rtLocateViews),
      RT_FN("xrEnumerateSwapchainFormats", rtEnumerateSwapchainFormats),
      RT_FN("xrCreateSwapchain", rtCreateSwapchain),
      RT_FN("xrDestroySwapchain", rtDestroySwapchain),
      RT_FN("xrEnumerateSwapchainImages", rtEnumerateSwapchainImages),
      RT_FN("xrAcquireSwapchainImage", rtAcquireSwapchainImage),
      RT_FN("xrWaitSwapchainImage", rtWaitSwapchainImage),
      RT_FN("xrReleaseSwapchainImage", rtReleaseSwapchainImage),
      RT_FN("xrStringToPath", rtStringToPath),
      RT_FN("xrPathToString", rtPathToString),
      RT_FN("xrCreateActionSet", rtCreateActionSet),
      RT_FN("xrDestroyActionSet", rtDestroyActionSet),
      RT_FN("xrCreateAction", rtCreateAction),
      RT_FN("xrDestroyAction", rtDestroyAction),
      RT_FN("xrSuggestInteractionProfileBindings", rtSuggestInteractionProfileBindings),
      RT_FN("xrAttachSessionActionSets", rtAttachSessionActionSets),
      RT_FN("xrGetCurrentInteractionProfile", rtGetCurrentInteractionProfile),
      RT_FN("xrCreateActionSpace", rtCreateActionSpace),
      RT_FN("xrSyncActions", rtSyncActions),
      RT_FN("xrGetActionStateBoolean", rtGetActionStateBoolean),
      RT_FN("xrGetActionStatePose", rtGetActionStatePose),
  };
  return table;
}
#undef RT_FN

XrResult XRAPI_CALL rtGetInstanceProcAddr(XrInstance, const char* name, PFN_xrVoidFunction* function) {
  const auto& table = functionTable();
  const auto it = table.find(name);
  *function = it == table.end() ? nullptr : it->second;
  return it == table.end() ? XR_ERROR_FUNCTION_UNSUPPORTED : XR_SUCCESS;
}

}  // namespace

// ---- loader -----------------------------------------------------------------------------------------

// The loader/runtime negotiation structs from the OpenXR SDK's loader_interfaces.h (Debian ships no
// copy of that header), interface version 1.
extern "C" {
enum OverumXrLoaderInterfaceStructs {
  OVERUM_XR_LOADER_INTERFACE_STRUCT_UNINTIALIZED = 0,
  OVERUM_XR_LOADER_INTERFACE_STRUCT_LOADER_INFO,
  OVERUM_XR_LOADER_INTERFACE_STRUCT_API_LAYER_REQUEST,
  OVERUM_XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST,
};
struct OverumXrNegotiateLoaderInfo {
  OverumXrLoaderInterfaceStructs structType;
  uint32_t structVersion;
  size_t structSize;
  uint32_t minInterfaceVersion;
  uint32_t maxInterfaceVersion;
  XrVersion minApiVersion;
  XrVersion maxApiVersion;
};
struct OverumXrNegotiateRuntimeRequest {
  OverumXrLoaderInterfaceStructs structType;
  uint32_t structVersion;
  size_t structSize;
  uint32_t runtimeInterfaceVersion;
  XrVersion runtimeApiVersion;
  PFN_xrGetInstanceProcAddr getInstanceProcAddr;
};
}

RT_EXPORT XrResult XRAPI_CALL xrNegotiateLoaderRuntimeInterface(const OverumXrNegotiateLoaderInfo* loaderInfo,
                                                                OverumXrNegotiateRuntimeRequest* request) {
  if (!loaderInfo || !request || loaderInfo->structType != OVERUM_XR_LOADER_INTERFACE_STRUCT_LOADER_INFO ||
      request->structType != OVERUM_XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST)
    return XR_ERROR_INITIALIZATION_FAILED;
  if (loaderInfo->minInterfaceVersion > 1 || loaderInfo->maxInterfaceVersion < 1) return XR_ERROR_INITIALIZATION_FAILED;
  request->runtimeInterfaceVersion = 1;
  request->runtimeApiVersion = XR_CURRENT_API_VERSION;
  request->getInstanceProcAddr = rtGetInstanceProcAddr;
  return XR_SUCCESS;
}
