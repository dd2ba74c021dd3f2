// SPDX-License-Identifier: GPL-3.0-or-later
// The device-chain merge the OpenXR backend applies after the runtime has added its own feature
// structs: one struct per feature set, every enabled bit kept, unknown chains left alone.
#include <overum/xr/vulkan_feature_chain.h>

#include <catch2/catch.hpp>
#include <vector>

using namespace overum::xr;

namespace {

// A zeroed Vulkan struct with its type and next set (brace-initialising only those trips -Wextra).
template <typename T>
T vk(VkStructureType type, const void* next = nullptr) {
  T value{};
  value.sType = type;
  value.pNext = const_cast<void*>(next);
  return value;
}

std::vector<VkStructureType> types(const VkDeviceCreateInfo& info) {
  std::vector<VkStructureType> out;
  for (auto* s = static_cast<const VkBaseInStructure*>(info.pNext); s; s = s->pNext) out.push_back(s->sType);
  return out;
}

template <typename T>
const T* find(const VkDeviceCreateInfo& info, VkStructureType type) {
  for (auto* s = static_cast<const VkBaseInStructure*>(info.pNext); s; s = s->pNext)
    if (s->sType == type) return reinterpret_cast<const T*>(s);
  return nullptr;
}

// The engine's chain (gfx::Device): Features2 -> Vulkan13 -> Vulkan12 -> Vulkan11.
struct EngineChain {
  VkPhysicalDeviceVulkan11Features f11 =
      vk<VkPhysicalDeviceVulkan11Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES);
  VkPhysicalDeviceVulkan12Features f12 =
      vk<VkPhysicalDeviceVulkan12Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES);
  VkPhysicalDeviceVulkan13Features f13 =
      vk<VkPhysicalDeviceVulkan13Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES);
  VkPhysicalDeviceFeatures2 features = vk<VkPhysicalDeviceFeatures2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2);
  VkDeviceCreateInfo info = vk<VkDeviceCreateInfo>(VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO);
  EngineChain() {
    f11.multiview = VK_TRUE;
    f12.pNext = &f11;
    f12.timelineSemaphore = VK_TRUE;
    f13.pNext = &f12;
    f13.dynamicRendering = VK_TRUE;
    f13.synchronization2 = VK_TRUE;
    features.pNext = &f13;
    info.pNext = &features;
  }
};

}  // namespace

TEST_CASE("feature chain: a runtime's timeline struct folds into Vulkan12Features", "[xr][vulkan]") {
  EngineChain engine;
  engine.f12.timelineSemaphore = VK_FALSE;  // the runtime's struct alone asks for it
  // What Monado does: its own struct in front of the app's chain.
  auto timeline =
      vk<VkPhysicalDeviceTimelineSemaphoreFeatures>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_FEATURES);
  timeline.timelineSemaphore = VK_TRUE;
  timeline.pNext = &engine.features;
  VkDeviceCreateInfo info = engine.info;
  info.pNext = &timeline;

  const MergedFeatureChain merged(info);
  CHECK(merged.changed());
  CHECK(types(merged.info()) == std::vector<VkStructureType>{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
                                                             VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES,
                                                             VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES,
                                                             VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES});
  const auto* f12 =
      find<VkPhysicalDeviceVulkan12Features>(merged.info(), VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES);
  REQUIRE(f12);
  CHECK(f12->timelineSemaphore == VK_TRUE);
  CHECK(f12->bufferDeviceAddress == VK_FALSE);
  CHECK(find<VkPhysicalDeviceVulkan11Features>(merged.info(), VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES)
            ->multiview);
  const auto* f13 =
      find<VkPhysicalDeviceVulkan13Features>(merged.info(), VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES);
  CHECK(f13->dynamicRendering == VK_TRUE);
  CHECK(f13->synchronization2 == VK_TRUE);
  // The originals are untouched: the runtime owns them.
  CHECK(engine.f12.timelineSemaphore == VK_FALSE);
  CHECK(timeline.pNext == &engine.features);
}

TEST_CASE("feature chain: structs of every 1.x set fold into their container, field for field", "[xr][vulkan]") {
  EngineChain engine;
  auto multiview = vk<VkPhysicalDeviceMultiviewFeatures>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MULTIVIEW_FEATURES);
  multiview.multiviewGeometryShader = VK_TRUE;
  auto address = vk<VkPhysicalDeviceBufferDeviceAddressFeatures>(
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_BUFFER_DEVICE_ADDRESS_FEATURES, &multiview);
  address.bufferDeviceAddressCaptureReplay = VK_TRUE;
  auto sync2 = vk<VkPhysicalDeviceSynchronization2Features>(
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SYNCHRONIZATION_2_FEATURES, &address);
  auto maintenance4 =
      vk<VkPhysicalDeviceMaintenance4Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_4_FEATURES, &sync2);
  maintenance4.maintenance4 = VK_TRUE;
  engine.f11.pNext = &maintenance4;  // at the end of the chain, after their containers

  const MergedFeatureChain merged(engine.info);
  CHECK(merged.changed());
  CHECK(types(merged.info()).size() == 4);
  const auto* f11 =
      find<VkPhysicalDeviceVulkan11Features>(merged.info(), VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES);
  CHECK(f11->multiview == VK_TRUE);
  CHECK(f11->multiviewGeometryShader == VK_TRUE);
  CHECK(f11->multiviewTessellationShader == VK_FALSE);
  const auto* f12 =
      find<VkPhysicalDeviceVulkan12Features>(merged.info(), VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES);
  CHECK(f12->bufferDeviceAddress == VK_FALSE);
  CHECK(f12->bufferDeviceAddressCaptureReplay == VK_TRUE);
  CHECK(f12->vulkanMemoryModel == VK_FALSE);
  const auto* f13 =
      find<VkPhysicalDeviceVulkan13Features>(merged.info(), VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES);
  CHECK(f13->maintenance4 == VK_TRUE);
  CHECK(f13->shaderIntegerDotProduct == VK_FALSE);
}

TEST_CASE("feature chain: repeats merge, pEnabledFeatures joins Features2, valid chains stay as they are",
          "[xr][vulkan]") {
  SECTION("the engine's own chain is passed on unchanged") {
    EngineChain engine;
    const MergedFeatureChain merged(engine.info);
    CHECK_FALSE(merged.changed());
    CHECK(merged.info().pNext == &engine.features);
  }
  SECTION("two timeline structs without a container become one") {
    auto a =
        vk<VkPhysicalDeviceTimelineSemaphoreFeatures>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_FEATURES);
    auto b = vk<VkPhysicalDeviceTimelineSemaphoreFeatures>(
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_FEATURES, &a);
    b.timelineSemaphore = VK_TRUE;
    auto info = vk<VkDeviceCreateInfo>(VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO, &b);
    const MergedFeatureChain merged(info);
    CHECK(merged.changed());
    REQUIRE(types(merged.info()).size() == 1);
    CHECK(reinterpret_cast<const VkPhysicalDeviceTimelineSemaphoreFeatures*>(merged.info().pNext)->timelineSemaphore);
  }
  SECTION("pEnabledFeatures beside Features2") {
    EngineChain engine;
    VkPhysicalDeviceFeatures core{};
    core.samplerAnisotropy = VK_TRUE;
    engine.info.pEnabledFeatures = &core;
    const MergedFeatureChain merged(engine.info);
    CHECK(merged.changed());
    CHECK(merged.info().pEnabledFeatures == nullptr);
    CHECK(find<VkPhysicalDeviceFeatures2>(merged.info(), VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2)
              ->features.samplerAnisotropy);
  }
  SECTION("a struct it does not know leaves the chain alone") {
    EngineChain engine;
    auto timeline = vk<VkPhysicalDeviceTimelineSemaphoreFeatures>(
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_FEATURES, &engine.features);
    auto privateData = vk<VkDevicePrivateDataCreateInfo>(VK_STRUCTURE_TYPE_DEVICE_PRIVATE_DATA_CREATE_INFO, &timeline);
    engine.info.pNext = &privateData;
    const MergedFeatureChain merged(engine.info);
    CHECK_FALSE(merged.changed());
    CHECK(merged.info().pNext == &privateData);
  }
}
