// SPDX-License-Identifier: GPL-3.0-or-later
// The OpenXR instance, system and XR_KHR_vulkan_enable2 calls (see openxr_instance.h).
#include "openxr_instance.h"

#include <overum/core/log.h>
#include <overum/xr/vulkan_feature_chain.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "xr_check.h"

namespace overum::xr {
namespace {

constexpr const char* kValidationLayer = "XR_APILAYER_LUNARG_core_validation";

// The active runtime's extensions. Throws a one-line reason for the user when there is no runtime: the
// loader answers XR_ERROR_RUNTIME_UNAVAILABLE (or FAILURE) here when none is installed or active.
std::vector<XrExtensionProperties> runtimeExtensions() {
  std::uint32_t count = 0;
  XrResult r = xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr);
  std::vector<XrExtensionProperties> props(count, xrStruct<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
  if (XR_SUCCEEDED(r)) r = xrEnumerateInstanceExtensionProperties(nullptr, count, &count, props.data());
  if (XR_FAILED(r))
    throw Error(format("no OpenXR runtime is installed or active ({}); install one (e.g. Monado) or start SteamVR",
                       xrResultName(r)));
  return props;
}

bool offers(const std::vector<XrExtensionProperties>& props, const char* name) {
  return std::any_of(props.begin(), props.end(),
                     [&](const XrExtensionProperties& p) { return std::strcmp(p.extensionName, name) == 0; });
}

// The core validation layer, unless it is missing or XR_ENABLE_API_LAYERS already turns it on.
bool wantValidationLayer() {
  const char* env = std::getenv("XR_ENABLE_API_LAYERS");
  if (env && std::strstr(env, kValidationLayer)) return false;
  std::uint32_t count = 0;
  if (XR_FAILED(xrEnumerateApiLayerProperties(0, &count, nullptr))) return false;
  std::vector<XrApiLayerProperties> layers(count, xrStruct<XrApiLayerProperties>(XR_TYPE_API_LAYER_PROPERTIES));
  if (XR_FAILED(xrEnumerateApiLayerProperties(count, &count, layers.data()))) return false;
  const bool found = std::any_of(layers.begin(), layers.end(), [](const XrApiLayerProperties& l) {
    return std::strcmp(l.layerName, kValidationLayer) == 0;
  });
  if (!found) log::warn("xr", "{} not installed; OpenXR calls are not validated", kValidationLayer);
  return found;
}

template <typename Fn>
void loadFunction(XrInstance instance, const char* name, Fn& out) {
  OVERUM_XR(xrGetInstanceProcAddr(instance, name, reinterpret_cast<PFN_xrVoidFunction*>(&out)));
}

// The runtime creates our device through the vkGetInstanceProcAddr we hand it, after adding feature
// structs of its own (Monado: timeline semaphores) to our chain, which already enables them through
// VkPhysicalDeviceVulkan12Features: Vulkan forbids the overlap, so the final chain is merged here.
VKAPI_ATTR VkResult VKAPI_CALL createMergedDevice(VkPhysicalDevice physical, const VkDeviceCreateInfo* info,
                                                  const VkAllocationCallbacks* allocator, VkDevice* out) {
  const MergedFeatureChain merged(*info);
  if (merged.changed()) log::info("xr", "Vulkan device: the runtime's feature structs merged into the engine's");
  return vkCreateDevice(physical, &merged.info(), allocator, out);
}

VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL getInstanceProcAddrForRuntime(VkInstance instance, const char* name) {
  if (name && std::strcmp(name, "vkCreateDevice") == 0)
    return reinterpret_cast<PFN_vkVoidFunction>(&createMergedDevice);
  return vkGetInstanceProcAddr(instance, name);
}

}  // namespace

OpenXrInstance::OpenXrInstance(bool validation) {
  const std::vector<XrExtensionProperties> available = runtimeExtensions();
  if (!offers(available, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME))
    throw Error(format("the OpenXR runtime has no {} (Vulkan) support", XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME));
  // HP Reverb G2 controllers have their own interaction profile, behind an extension.
  hpControllers_ = offers(available, XR_EXT_HP_MIXED_REALITY_CONTROLLER_EXTENSION_NAME);

  std::vector<const char*> layers;
  if (validation && wantValidationLayer()) layers.push_back(kValidationLayer);
  std::vector<const char*> extensions = {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME};
  if (hpControllers_) extensions.push_back(XR_EXT_HP_MIXED_REALITY_CONTROLLER_EXTENSION_NAME);

  auto info = xrStruct<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
  std::strncpy(info.applicationInfo.applicationName, "Overum", XR_MAX_APPLICATION_NAME_SIZE - 1);
  info.applicationInfo.applicationVersion = 1;
  std::strncpy(info.applicationInfo.engineName, "overum", XR_MAX_ENGINE_NAME_SIZE - 1);
  info.applicationInfo.engineVersion = 1;
  info.applicationInfo.apiVersion = XR_CURRENT_API_VERSION;
  info.enabledApiLayerCount = static_cast<std::uint32_t>(layers.size());
  info.enabledApiLayerNames = layers.data();
  info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
  info.enabledExtensionNames = extensions.data();
  const XrResult r = xrCreateInstance(&info, &instance_);
  if (XR_FAILED(r)) throw Error(format("the OpenXR runtime refused to start ({})", xrResultName(r)));

  try {
    auto props = xrStruct<XrInstanceProperties>(XR_TYPE_INSTANCE_PROPERTIES);
    OVERUM_XR(xrGetInstanceProperties(instance_, &props));
    log::info("xr", "OpenXR runtime {} {}.{}.{}", props.runtimeName, XR_VERSION_MAJOR(props.runtimeVersion),
              XR_VERSION_MINOR(props.runtimeVersion), XR_VERSION_PATCH(props.runtimeVersion));
    loadFunction(instance_, "xrGetVulkanGraphicsRequirements2KHR", getRequirements_);
    loadFunction(instance_, "xrCreateVulkanInstanceKHR", createInstance_);
    loadFunction(instance_, "xrGetVulkanGraphicsDevice2KHR", getDevice_);
    loadFunction(instance_, "xrCreateVulkanDeviceKHR", createDevice_);
    if (!refreshSystem()) throw Error("no VR headset connected to the OpenXR runtime");

    std::uint32_t count = 0;
    OVERUM_XR(xrEnumerateViewConfigurations(instance_, system_, 0, &count, nullptr));
    std::vector<XrViewConfigurationType> types(count);
    OVERUM_XR(xrEnumerateViewConfigurations(instance_, system_, count, &count, types.data()));
    if (std::find(types.begin(), types.end(), XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) == types.end())
      throw Error("the headset has no stereo view configuration");
    checkGraphicsRequirements();
  } catch (...) {
    xrDestroyInstance(instance_);
    throw;
  }
}

OpenXrInstance::~OpenXrInstance() {
  if (instance_) xrDestroyInstance(instance_);
}

bool OpenXrInstance::refreshSystem() {
  auto info = xrStruct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
  info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  const XrResult r = xrGetSystem(instance_, &info, &system_);
  if (r == XR_ERROR_FORM_FACTOR_UNAVAILABLE) {
    system_ = XR_NULL_SYSTEM_ID;
    return false;
  }
  OVERUM_XR(r);
  return true;
}

std::vector<XrViewConfigurationView> OpenXrInstance::stereoViews() const {
  std::uint32_t count = 0;
  OVERUM_XR(xrEnumerateViewConfigurationViews(instance_, system_, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &count,
                                              nullptr));
  std::vector<XrViewConfigurationView> views(count, xrStruct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW));
  OVERUM_XR(xrEnumerateViewConfigurationViews(instance_, system_, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, count,
                                              &count, views.data()));
  OVERUM_CHECK(views.size() == 2, "stereo view configuration has {} views", views.size());
  return views;
}

void OpenXrInstance::checkGraphicsRequirements() const {
  auto req = xrStruct<XrGraphicsRequirementsVulkan2KHR>(XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR);
  OVERUM_XR(getRequirements_(instance_, system_, &req));
  const XrVersion ours = XR_MAKE_VERSION(1, 3, 0);
  if (ours < req.minApiVersionSupported)
    throw Error(format("the OpenXR runtime needs Vulkan {}.{}", XR_VERSION_MAJOR(req.minApiVersionSupported),
                       XR_VERSION_MINOR(req.minApiVersionSupported)));
}

bool OpenXrInstance::pollEvent(XrEventDataBuffer& event) const {
  event = xrStruct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
  const XrResult r = xrPollEvent(instance_, &event);
  if (r == XR_EVENT_UNAVAILABLE) return false;
  OVERUM_XR(r);
  return true;
}

VkResult OpenXrInstance::createVulkanInstance(const VkInstanceCreateInfo& vkInfo, VkInstance& out) const {
  auto info = xrStruct<XrVulkanInstanceCreateInfoKHR>(XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR);
  info.systemId = system_;
  info.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
  info.vulkanCreateInfo = &vkInfo;
  VkResult vkResult = VK_SUCCESS;
  OVERUM_XR(createInstance_(instance_, &info, &out, &vkResult));
  return vkResult;
}

VkPhysicalDevice OpenXrInstance::vulkanPhysicalDevice(VkInstance vkInstance) const {
  auto info = xrStruct<XrVulkanGraphicsDeviceGetInfoKHR>(XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR);
  info.systemId = system_;
  info.vulkanInstance = vkInstance;
  VkPhysicalDevice physical = VK_NULL_HANDLE;
  OVERUM_XR(getDevice_(instance_, &info, &physical));
  return physical;
}

VkResult OpenXrInstance::createVulkanDevice(VkPhysicalDevice physical, const VkDeviceCreateInfo& vkInfo,
                                            VkDevice& out) const {
  auto info = xrStruct<XrVulkanDeviceCreateInfoKHR>(XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR);
  info.systemId = system_;
  info.pfnGetInstanceProcAddr = &getInstanceProcAddrForRuntime;
  info.vulkanPhysicalDevice = physical;
  info.vulkanCreateInfo = &vkInfo;
  VkResult vkResult = VK_SUCCESS;
  OVERUM_XR(createDevice_(instance_, &info, &out, &vkResult));
  return vkResult;
}

}  // namespace overum::xr
