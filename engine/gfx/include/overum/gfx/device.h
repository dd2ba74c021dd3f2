// SPDX-License-Identifier: GPL-3.0-or-later
// The Vulkan 1.3 instance, physical device, device and graphics queue. Creation goes through hooks
// so a headset backend can create them its own way (XR_KHR_vulkan_enable2) without gfx knowing OpenXR.
#pragma once
#include <vulkan/vulkan.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace overum::gfx {

// Supplied by the headset backend. An empty function means "do it the plain Vulkan way".
struct DeviceHooks {
  // Instead of vkCreateInstance: receives the engine's complete create info (layers, extensions).
  std::function<VkResult(const VkInstanceCreateInfo& info, VkInstance& out)> createInstance;
  // Instead of picking the first suitable GPU (lavapipe on CI): the headset's GPU.
  std::function<VkPhysicalDevice(VkInstance instance)> pickPhysicalDevice;
  // Instead of vkCreateDevice: receives the engine's complete create info (queues, features, extensions).
  std::function<VkResult(VkPhysicalDevice physical, const VkDeviceCreateInfo& info, VkDevice& out)> createDevice;
  std::vector<std::string> instanceExtensions;  // added to the engine's own, e.g. GLFW's surface extensions
  std::vector<std::string> deviceExtensions;    // added to the engine's own, e.g. VK_KHR_swapchain
};

struct DeviceConfig {
  bool validation = false;  // default off; tests and OVERUM_VULKAN_VALIDATION=1 turn the Khronos layer on
  DeviceHooks hooks;        // default: plain Vulkan
  // Also check barriers and semaphores (the layer's synchronisation validation); needs `validation`.
  // Default off (slow); render tests turn it on, as does OVERUM_VULKAN_SYNC_VALIDATION=1.
  bool synchronizationValidation = false;
};

// Owns instance, debug messenger, device and a command pool for one-shot work. Not thread-safe: the
// queue is shared by the renderer and the headset backend, all on the frame-loop thread.
class Device {
 public:
  explicit Device(const DeviceConfig& config);  // throws overum::Error with a message saying what to install
  ~Device();
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  VkInstance instance() const;
  VkPhysicalDevice physicalDevice() const;
  VkDevice device() const;
  VkQueue queue() const;  // graphics queue, also used for transfers and present
  std::uint32_t queueFamily() const;
  std::uint32_t queueIndex() const;  // index within the family (0)

  // Validation messages of severity ERROR seen since creation; tests fail when this is non-zero.
  std::uint32_t validationErrorCount() const;
  bool validationEnabled() const;

  const VkPhysicalDeviceProperties& properties() const;
  // Memory type index matching typeBits with all of `required`; throws when there is none.
  std::uint32_t memoryType(std::uint32_t typeBits, VkMemoryPropertyFlags required) const;
  // Records with `record`, submits on the queue and waits: uploads and read-backs, never per frame.
  void runOneShot(const std::function<void(VkCommandBuffer)>& record) const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace overum::gfx
