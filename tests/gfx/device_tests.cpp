// SPDX-License-Identifier: GPL-3.0-or-later
// gfx::Device on whatever Vulkan device exists (lavapipe in CI): creation, validation, hooks.
#include <catch2/catch.hpp>
#include <overum/gfx/device.h>

using overum::gfx::Device;
using overum::gfx::DeviceConfig;

TEST_CASE("device comes up with validation on and no errors") {
  Device device(DeviceConfig{.validation = true, .hooks = {}});
  CHECK(device.validationEnabled());
  CHECK(device.device() != VK_NULL_HANDLE);
  CHECK(device.queue() != VK_NULL_HANDLE);
  CHECK(device.properties().apiVersion >= VK_API_VERSION_1_3);
  device.runOneShot([](VkCommandBuffer) {});
  CHECK(device.validationErrorCount() == 0);
}

TEST_CASE("device creation goes through the hooks when given") {
  int instanceCalls = 0, pickCalls = 0, deviceCalls = 0;
  DeviceConfig config{.validation = true, .hooks = {}};
  config.hooks.createInstance = [&](const VkInstanceCreateInfo& info, VkInstance& out) {
    ++instanceCalls;
    CHECK(info.pApplicationInfo->apiVersion == VK_API_VERSION_1_3);
    return vkCreateInstance(&info, nullptr, &out);
  };
  config.hooks.pickPhysicalDevice = [&](VkInstance instance) {
    ++pickCalls;
    std::uint32_t count = 1;
    VkPhysicalDevice first = VK_NULL_HANDLE;
    vkEnumeratePhysicalDevices(instance, &count, &first);
    return first;
  };
  config.hooks.createDevice = [&](VkPhysicalDevice physical, const VkDeviceCreateInfo& info, VkDevice& out) {
    ++deviceCalls;
    return vkCreateDevice(physical, &info, nullptr, &out);
  };
  Device device(config);
  CHECK(instanceCalls == 1);
  CHECK(pickCalls == 1);
  CHECK(deviceCalls == 1);
  CHECK(device.validationErrorCount() == 0);
}

TEST_CASE("a device extension that does not exist gives a clear error") {
  DeviceConfig config{.validation = false, .hooks = {}};
  config.hooks.deviceExtensions = {"VK_OVERUM_no_such_extension"};
  REQUIRE_THROWS_WITH(Device(config), Catch::Contains("VK_OVERUM_no_such_extension"));
}
