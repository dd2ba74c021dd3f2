// SPDX-License-Identifier: GPL-3.0-or-later
// Vulkan 1.3 instance + device creation (through the headset's hooks when given), the validation
// messenger that counts errors, and one-shot command submission for uploads and read-backs.
//
// Sections: validation messenger · instance · physical device choice · logical device · accessors
#include <overum/core/check.h>
#include <overum/core/log.h>
#include <overum/gfx/device.h>
#include <overum/gfx/vk_check.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace overum::gfx {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";
constexpr const char* kInstallDriver = "install mesa-vulkan-drivers (or your GPU's Vulkan driver) and libvulkan1";

bool envFlag(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && std::string_view(value) != "" && std::string_view(value) != "0";
}

// ---- validation messenger ---------------------------------------------------------------------

VKAPI_ATTR VkBool32 VKAPI_CALL onDebugMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                              VkDebugUtilsMessageTypeFlagsEXT /*types*/,
                                              const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  const char* message = data != nullptr && data->pMessage != nullptr ? data->pMessage : "(no message)";
  if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
    static_cast<std::atomic<std::uint32_t>*>(user)->fetch_add(1);
    log::error("vulkan", "validation: {}", message);
  } else if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
    log::warn("vulkan", "validation: {}", message);
  }
  return VK_FALSE;  // never abort the call: the count is what fails a test
}

VkDebugUtilsMessengerCreateInfoEXT messengerInfo(std::atomic<std::uint32_t>* counter) {
  auto info = vkStruct<VkDebugUtilsMessengerCreateInfoEXT>(VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT);
  info.messageSeverity =
      VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                     VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  info.pfnUserCallback = onDebugMessage;
  info.pUserData = counter;
  return info;
}

bool hasLayer(const char* name) {
  std::uint32_t count = 0;
  vkEnumerateInstanceLayerProperties(&count, nullptr);
  std::vector<VkLayerProperties> layers(count);
  vkEnumerateInstanceLayerProperties(&count, layers.data());
  return std::any_of(layers.begin(), layers.end(), [&](const auto& l) { return std::strcmp(l.layerName, name) == 0; });
}

// Among the loader's and drivers' instance extensions, or those of `layer` when given.
bool hasInstanceExtension(const char* name, const char* layer = nullptr) {
  std::uint32_t count = 0;
  vkEnumerateInstanceExtensionProperties(layer, &count, nullptr);
  std::vector<VkExtensionProperties> exts(count);
  vkEnumerateInstanceExtensionProperties(layer, &count, exts.data());
  return std::any_of(exts.begin(), exts.end(), [&](const auto& e) { return std::strcmp(e.extensionName, name) == 0; });
}

bool hasDeviceExtension(VkPhysicalDevice physical, const std::string& name) {
  std::uint32_t count = 0;
  vkEnumerateDeviceExtensionProperties(physical, nullptr, &count, nullptr);
  std::vector<VkExtensionProperties> exts(count);
  vkEnumerateDeviceExtensionProperties(physical, nullptr, &count, exts.data());
  return std::any_of(exts.begin(), exts.end(), [&](const auto& e) { return name == e.extensionName; });
}

// ---- physical device choice -------------------------------------------------------------------

// The graphics queue family, or UINT32_MAX.
std::uint32_t graphicsFamily(VkPhysicalDevice physical) {
  std::uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, families.data());
  for (std::uint32_t i = 0; i < count; ++i)
    if (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) return i;
  return UINT32_MAX;
}

// Empty when the device can run Øverum, else why not.
std::string unsuitableBecause(VkPhysicalDevice physical) {
  VkPhysicalDeviceProperties props{};
  vkGetPhysicalDeviceProperties(physical, &props);
  if (props.apiVersion < VK_API_VERSION_1_3) return "Vulkan 1.3 not supported";
  if (graphicsFamily(physical) == UINT32_MAX) return "no graphics queue";
  auto f11 = vkStruct<VkPhysicalDeviceVulkan11Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES);
  auto f12 = vkStruct<VkPhysicalDeviceVulkan12Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES, &f11);
  auto f13 = vkStruct<VkPhysicalDeviceVulkan13Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES, &f12);
  auto features = vkStruct<VkPhysicalDeviceFeatures2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &f13);
  vkGetPhysicalDeviceFeatures2(physical, &features);
  if (!f11.multiview) return "no multiview";
  if (!f12.timelineSemaphore) return "no timeline semaphores";
  if (!f13.dynamicRendering) return "no dynamic rendering";
  if (!f13.synchronization2) return "no synchronization2";
  return {};
}

int typeRank(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 0;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 1;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return 3;  // lavapipe: last choice, but enough for CI
    default: return 4;
  }
}

VkPhysicalDevice pickDefault(VkInstance instance) {
  std::uint32_t count = 0;
  vkEnumeratePhysicalDevices(instance, &count, nullptr);
  std::vector<VkPhysicalDevice> devices(count);
  vkEnumeratePhysicalDevices(instance, &count, devices.data());
  VkPhysicalDevice best = VK_NULL_HANDLE;
  int bestRank = 99;
  std::string reasons;
  for (VkPhysicalDevice d : devices) {
    VkPhysicalDeviceProperties props{};
    vkGetPhysicalDeviceProperties(d, &props);
    const std::string why = unsuitableBecause(d);
    if (!why.empty()) {
      reasons += format(" {}: {};", props.deviceName, why);
      continue;
    }
    if (typeRank(props.deviceType) < bestRank) {
      best = d;
      bestRank = typeRank(props.deviceType);
    }
  }
  if (best == VK_NULL_HANDLE) {
    throw Error(devices.empty() ? format("no Vulkan device: {}", kInstallDriver)
                                : format("no Vulkan 1.3 device with multiview and dynamic rendering ({}): {}", reasons,
                                         kInstallDriver));
  }
  return best;
}

}  // namespace

struct Device::Impl {
  bool validation = false;
  bool syncValidation = false;
  std::atomic<std::uint32_t> validationErrors{0};
  VkInstance instance = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
  VkPhysicalDevice physical = VK_NULL_HANDLE;
  VkPhysicalDeviceProperties properties{};
  VkPhysicalDeviceMemoryProperties memory{};
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;
  std::uint32_t family = 0;
  VkCommandPool oneShotPool = VK_NULL_HANDLE;

  void createInstance(const DeviceHooks& hooks);
  void createDevice(const DeviceHooks& hooks);
  void destroy();
};

// ---- instance ---------------------------------------------------------------------------------

void Device::Impl::createInstance(const DeviceHooks& hooks) {
  std::vector<const char*> layers;
  std::vector<const char*> extensions;
  if (validation) {
    if (!hasLayer(kValidationLayer))
      throw Error(format("Vulkan validation was asked for but {} is missing: install vulkan-validationlayers",
                         kValidationLayer));
    layers.push_back(kValidationLayer);
    if (hasInstanceExtension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME))
      extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    // The layer itself provides VK_EXT_validation_features.
    if (syncValidation && hasInstanceExtension(VK_EXT_VALIDATION_FEATURES_EXTENSION_NAME, kValidationLayer))
      extensions.push_back(VK_EXT_VALIDATION_FEATURES_EXTENSION_NAME);
    else syncValidation = false;
  }
  for (const std::string& ext : hooks.instanceExtensions) {
    if (std::none_of(extensions.begin(), extensions.end(), [&](const char* e) { return ext == e; }))
      extensions.push_back(ext.c_str());
  }

  auto app = vkStruct<VkApplicationInfo>(VK_STRUCTURE_TYPE_APPLICATION_INFO);
  app.pApplicationName = "Øverum";
  app.applicationVersion = VK_MAKE_API_VERSION(0, 0, 1, 0);
  app.pEngineName = "overum";
  app.engineVersion = VK_MAKE_API_VERSION(0, 0, 1, 0);
  app.apiVersion = VK_API_VERSION_1_3;

  // Chained into the create info so instance creation and destruction are validated too.
  VkDebugUtilsMessengerCreateInfoEXT debugInfo = messengerInfo(&validationErrors);
  const bool debugUtils =
      !extensions.empty() && validation && std::any_of(extensions.begin(), extensions.end(), [](const char* e) {
        return std::strcmp(e, VK_EXT_DEBUG_UTILS_EXTENSION_NAME) == 0;
      });

  // Synchronisation checks: hazards between commands that barriers or semaphores fail to order.
  const VkValidationFeatureEnableEXT syncFeature = VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT;
  auto features =
      vkStruct<VkValidationFeaturesEXT>(VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT, debugUtils ? &debugInfo : nullptr);
  features.enabledValidationFeatureCount = 1;
  features.pEnabledValidationFeatures = &syncFeature;
  const bool withSync = validation && syncValidation;

  auto info = vkStruct<VkInstanceCreateInfo>(VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO);
  info.pNext = withSync ? static_cast<const void*>(&features) : (debugUtils ? &debugInfo : nullptr);
  info.pApplicationInfo = &app;
  info.enabledLayerCount = static_cast<std::uint32_t>(layers.size());
  info.ppEnabledLayerNames = layers.data();
  info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();

  const VkResult result =
      hooks.createInstance ? hooks.createInstance(info, instance) : vkCreateInstance(&info, nullptr, &instance);
  if (result == VK_ERROR_INCOMPATIBLE_DRIVER || result == VK_ERROR_INITIALIZATION_FAILED)
    throw Error(format("no Vulkan device: vkCreateInstance gave {}: {}", resultName(result), kInstallDriver));
  if (result == VK_ERROR_EXTENSION_NOT_PRESENT)
    throw Error(
        "vkCreateInstance: an instance extension is missing (surface or debug utils): install "
        "libvulkan1 and mesa-vulkan-drivers");
  OVERUM_VK(result);

  if (debugUtils) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance, "vkCreateDebugUtilsMessengerEXT"));
    if (create != nullptr) OVERUM_VK(create(instance, &debugInfo, nullptr, &messenger));
  }
}

// ---- logical device ---------------------------------------------------------------------------

void Device::Impl::createDevice(const DeviceHooks& hooks) {
  physical = hooks.pickPhysicalDevice ? hooks.pickPhysicalDevice(instance) : pickDefault(instance);
  if (physical == VK_NULL_HANDLE) throw Error(format("no Vulkan device: {}", kInstallDriver));
  const std::string why = unsuitableBecause(physical);
  vkGetPhysicalDeviceProperties(physical, &properties);
  vkGetPhysicalDeviceMemoryProperties(physical, &memory);
  if (!why.empty())
    throw Error(format("Vulkan device {} cannot run Øverum: {}: update the GPU driver (mesa-vulkan-drivers)",
                       properties.deviceName, why));
  family = graphicsFamily(physical);

  std::vector<const char*> extensions;
  for (const std::string& ext : hooks.deviceExtensions) {
    if (!hasDeviceExtension(physical, ext))
      throw Error(format("Vulkan device {} lacks extension {}: update the GPU driver", properties.deviceName, ext));
    extensions.push_back(ext.c_str());
  }

  const float priority = 1.0f;
  auto queueInfo = vkStruct<VkDeviceQueueCreateInfo>(VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO);
  queueInfo.queueFamilyIndex = family;
  queueInfo.queueCount = 1;
  queueInfo.pQueuePriorities = &priority;

  auto f11 = vkStruct<VkPhysicalDeviceVulkan11Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES);
  f11.multiview = VK_TRUE;
  auto f12 = vkStruct<VkPhysicalDeviceVulkan12Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES, &f11);
  f12.timelineSemaphore = VK_TRUE;
  auto f13 = vkStruct<VkPhysicalDeviceVulkan13Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES, &f12);
  f13.dynamicRendering = VK_TRUE;
  f13.synchronization2 = VK_TRUE;
  auto features = vkStruct<VkPhysicalDeviceFeatures2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &f13);

  auto info = vkStruct<VkDeviceCreateInfo>(VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO);
  info.pNext = &features;
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queueInfo;
  info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();

  OVERUM_VK(hooks.createDevice ? hooks.createDevice(physical, info, device)
                               : vkCreateDevice(physical, &info, nullptr, &device));
  vkGetDeviceQueue(device, family, 0, &queue);

  auto poolInfo = vkStruct<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
  poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  poolInfo.queueFamilyIndex = family;
  OVERUM_VK(vkCreateCommandPool(device, &poolInfo, nullptr, &oneShotPool));
  log::info("gfx", "Vulkan device: {} (API {}.{}.{}){}", properties.deviceName,
            VK_API_VERSION_MAJOR(properties.apiVersion), VK_API_VERSION_MINOR(properties.apiVersion),
            VK_API_VERSION_PATCH(properties.apiVersion), validation ? ", validation on" : "");
}

void Device::Impl::destroy() {
  if (device != VK_NULL_HANDLE) {
    vkDeviceWaitIdle(device);
    if (oneShotPool != VK_NULL_HANDLE) vkDestroyCommandPool(device, oneShotPool, nullptr);
    vkDestroyDevice(device, nullptr);
  }
  if (messenger != VK_NULL_HANDLE) {
    auto destroyMessenger = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance, "vkDestroyDebugUtilsMessengerEXT"));
    if (destroyMessenger != nullptr) destroyMessenger(instance, messenger, nullptr);
  }
  if (instance != VK_NULL_HANDLE) vkDestroyInstance(instance, nullptr);
}

Device::Device(const DeviceConfig& config) : impl_(new Impl) {
  impl_->validation = config.validation || envFlag("OVERUM_VULKAN_VALIDATION");
  impl_->syncValidation =
      impl_->validation && (config.synchronizationValidation || envFlag("OVERUM_VULKAN_SYNC_VALIDATION"));
  try {
    impl_->createInstance(config.hooks);
    impl_->createDevice(config.hooks);
  } catch (...) {
    impl_->destroy();
    delete impl_;
    throw;
  }
}

Device::~Device() {
  impl_->destroy();
  delete impl_;
}

// ---- accessors --------------------------------------------------------------------------------

VkInstance Device::instance() const { return impl_->instance; }
VkPhysicalDevice Device::physicalDevice() const { return impl_->physical; }
VkDevice Device::device() const { return impl_->device; }
VkQueue Device::queue() const { return impl_->queue; }
std::uint32_t Device::queueFamily() const { return impl_->family; }
std::uint32_t Device::queueIndex() const { return 0; }
std::uint32_t Device::validationErrorCount() const { return impl_->validationErrors.load(); }
bool Device::validationEnabled() const { return impl_->validation; }
const VkPhysicalDeviceProperties& Device::properties() const { return impl_->properties; }

std::uint32_t Device::memoryType(std::uint32_t typeBits, VkMemoryPropertyFlags required) const {
  for (std::uint32_t i = 0; i < impl_->memory.memoryTypeCount; ++i) {
    if ((typeBits & (1u << i)) && (impl_->memory.memoryTypes[i].propertyFlags & required) == required) return i;
  }
  throw Error(format("no Vulkan memory type with flags {} for bits {}", required, typeBits));
}

void Device::runOneShot(const std::function<void(VkCommandBuffer)>& record) const {
  auto alloc = vkStruct<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
  alloc.commandPool = impl_->oneShotPool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  OVERUM_VK(vkAllocateCommandBuffers(impl_->device, &alloc, &cmd));
  VkFence fence = VK_NULL_HANDLE;
  try {
    auto begin = vkStruct<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    OVERUM_VK(vkBeginCommandBuffer(cmd, &begin));
    record(cmd);
    OVERUM_VK(vkEndCommandBuffer(cmd));
    auto fenceInfo = vkStruct<VkFenceCreateInfo>(VK_STRUCTURE_TYPE_FENCE_CREATE_INFO);
    OVERUM_VK(vkCreateFence(impl_->device, &fenceInfo, nullptr, &fence));
    auto cmdInfo = vkStruct<VkCommandBufferSubmitInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO);
    cmdInfo.commandBuffer = cmd;
    auto submit = vkStruct<VkSubmitInfo2>(VK_STRUCTURE_TYPE_SUBMIT_INFO_2);
    submit.commandBufferInfoCount = 1;
    submit.pCommandBufferInfos = &cmdInfo;
    OVERUM_VK(vkQueueSubmit2(impl_->queue, 1, &submit, fence));
    OVERUM_VK(vkWaitForFences(impl_->device, 1, &fence, VK_TRUE, UINT64_MAX));
  } catch (...) {
    if (fence != VK_NULL_HANDLE) vkDestroyFence(impl_->device, fence, nullptr);
    vkFreeCommandBuffers(impl_->device, impl_->oneShotPool, 1, &cmd);
    throw;
  }
  vkDestroyFence(impl_->device, fence, nullptr);
  vkFreeCommandBuffers(impl_->device, impl_->oneShotPool, 1, &cmd);
}

}  // namespace overum::gfx
