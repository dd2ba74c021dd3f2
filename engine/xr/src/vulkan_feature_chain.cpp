// SPDX-License-Identifier: GPL-3.0-or-later
// Merges a device create info's feature structs (see vulkan_feature_chain.h).
#include <overum/xr/vulkan_feature_chain.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>

namespace overum::xr {
namespace {

// Every feature struct is {sType, pNext, VkBool32...}; the booleans start right after the header.
constexpr std::size_t kBoolsAt = sizeof(VkBaseOutStructure);

// A feature struct and where its booleans live: in itself, and (for one a Vulkan 1.x struct covers)
// as a run of the same booleans, in the same order, inside that container.
struct Known {
  VkStructureType type;
  std::size_t size;
  std::size_t boolsAt;  // in this struct
  std::size_t count;
  VkStructureType container = VK_STRUCTURE_TYPE_MAX_ENUM;  // none
  std::size_t inContainer = 0;
};

#define OVERUM_RUN(Container, first, last) \
  offsetof(Container, first), (offsetof(Container, last) - offsetof(Container, first)) / sizeof(VkBool32) + 1
#define OVERUM_COVERED(TYPE, Struct, CONTAINER, Container, first, last)                  \
  Known {                                                                                \
    VK_STRUCTURE_TYPE_##TYPE, sizeof(Struct), kBoolsAt,                                  \
        (offsetof(Container, last) - offsetof(Container, first)) / sizeof(VkBool32) + 1, \
        VK_STRUCTURE_TYPE_##CONTAINER, offsetof(Container, first)                        \
  }
#define OVERUM_V11(TYPE, Struct, first, last) \
  OVERUM_COVERED(TYPE, Struct, PHYSICAL_DEVICE_VULKAN_1_1_FEATURES, VkPhysicalDeviceVulkan11Features, first, last)
#define OVERUM_V12(TYPE, Struct, first, last) \
  OVERUM_COVERED(TYPE, Struct, PHYSICAL_DEVICE_VULKAN_1_2_FEATURES, VkPhysicalDeviceVulkan12Features, first, last)
#define OVERUM_V13(TYPE, Struct, first, last) \
  OVERUM_COVERED(TYPE, Struct, PHYSICAL_DEVICE_VULKAN_1_3_FEATURES, VkPhysicalDeviceVulkan13Features, first, last)

// The containers first: they are linked first, and covered structs fold into them.
constexpr std::array kKnown{
    Known{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, sizeof(VkPhysicalDeviceFeatures2),
          offsetof(VkPhysicalDeviceFeatures2, features), sizeof(VkPhysicalDeviceFeatures) / sizeof(VkBool32)},
    Known{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES, sizeof(VkPhysicalDeviceVulkan13Features),
          OVERUM_RUN(VkPhysicalDeviceVulkan13Features, robustImageAccess, maintenance4)},
    Known{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES, sizeof(VkPhysicalDeviceVulkan12Features),
          OVERUM_RUN(VkPhysicalDeviceVulkan12Features, samplerMirrorClampToEdge, subgroupBroadcastDynamicId)},
    Known{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES, sizeof(VkPhysicalDeviceVulkan11Features),
          OVERUM_RUN(VkPhysicalDeviceVulkan11Features, storageBuffer16BitAccess, shaderDrawParameters)},
    OVERUM_V11(PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES, VkPhysicalDevice16BitStorageFeatures, storageBuffer16BitAccess,
               storageInputOutput16),
    OVERUM_V11(PHYSICAL_DEVICE_MULTIVIEW_FEATURES, VkPhysicalDeviceMultiviewFeatures, multiview,
               multiviewTessellationShader),
    OVERUM_V11(PHYSICAL_DEVICE_VARIABLE_POINTERS_FEATURES, VkPhysicalDeviceVariablePointersFeatures,
               variablePointersStorageBuffer, variablePointers),
    OVERUM_V11(PHYSICAL_DEVICE_PROTECTED_MEMORY_FEATURES, VkPhysicalDeviceProtectedMemoryFeatures, protectedMemory,
               protectedMemory),
    OVERUM_V11(PHYSICAL_DEVICE_SAMPLER_YCBCR_CONVERSION_FEATURES, VkPhysicalDeviceSamplerYcbcrConversionFeatures,
               samplerYcbcrConversion, samplerYcbcrConversion),
    OVERUM_V11(PHYSICAL_DEVICE_SHADER_DRAW_PARAMETERS_FEATURES, VkPhysicalDeviceShaderDrawParametersFeatures,
               shaderDrawParameters, shaderDrawParameters),
    OVERUM_V12(PHYSICAL_DEVICE_8BIT_STORAGE_FEATURES, VkPhysicalDevice8BitStorageFeatures, storageBuffer8BitAccess,
               storagePushConstant8),
    OVERUM_V12(PHYSICAL_DEVICE_SHADER_ATOMIC_INT64_FEATURES, VkPhysicalDeviceShaderAtomicInt64Features,
               shaderBufferInt64Atomics, shaderSharedInt64Atomics),
    OVERUM_V12(PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES, VkPhysicalDeviceShaderFloat16Int8Features, shaderFloat16,
               shaderInt8),
    OVERUM_V12(PHYSICAL_DEVICE_DESCRIPTOR_INDEXING_FEATURES, VkPhysicalDeviceDescriptorIndexingFeatures,
               shaderInputAttachmentArrayDynamicIndexing, runtimeDescriptorArray),
    OVERUM_V12(PHYSICAL_DEVICE_SCALAR_BLOCK_LAYOUT_FEATURES, VkPhysicalDeviceScalarBlockLayoutFeatures,
               scalarBlockLayout, scalarBlockLayout),
    OVERUM_V12(PHYSICAL_DEVICE_IMAGELESS_FRAMEBUFFER_FEATURES, VkPhysicalDeviceImagelessFramebufferFeatures,
               imagelessFramebuffer, imagelessFramebuffer),
    OVERUM_V12(PHYSICAL_DEVICE_UNIFORM_BUFFER_STANDARD_LAYOUT_FEATURES,
               VkPhysicalDeviceUniformBufferStandardLayoutFeatures, uniformBufferStandardLayout,
               uniformBufferStandardLayout),
    OVERUM_V12(PHYSICAL_DEVICE_SHADER_SUBGROUP_EXTENDED_TYPES_FEATURES,
               VkPhysicalDeviceShaderSubgroupExtendedTypesFeatures, shaderSubgroupExtendedTypes,
               shaderSubgroupExtendedTypes),
    OVERUM_V12(PHYSICAL_DEVICE_SEPARATE_DEPTH_STENCIL_LAYOUTS_FEATURES,
               VkPhysicalDeviceSeparateDepthStencilLayoutsFeatures, separateDepthStencilLayouts,
               separateDepthStencilLayouts),
    OVERUM_V12(PHYSICAL_DEVICE_HOST_QUERY_RESET_FEATURES, VkPhysicalDeviceHostQueryResetFeatures, hostQueryReset,
               hostQueryReset),
    OVERUM_V12(PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_FEATURES, VkPhysicalDeviceTimelineSemaphoreFeatures,
               timelineSemaphore, timelineSemaphore),
    OVERUM_V12(PHYSICAL_DEVICE_BUFFER_DEVICE_ADDRESS_FEATURES, VkPhysicalDeviceBufferDeviceAddressFeatures,
               bufferDeviceAddress, bufferDeviceAddressMultiDevice),
    OVERUM_V12(PHYSICAL_DEVICE_VULKAN_MEMORY_MODEL_FEATURES, VkPhysicalDeviceVulkanMemoryModelFeatures,
               vulkanMemoryModel, vulkanMemoryModelAvailabilityVisibilityChains),
    OVERUM_V13(PHYSICAL_DEVICE_IMAGE_ROBUSTNESS_FEATURES, VkPhysicalDeviceImageRobustnessFeatures, robustImageAccess,
               robustImageAccess),
    OVERUM_V13(PHYSICAL_DEVICE_INLINE_UNIFORM_BLOCK_FEATURES, VkPhysicalDeviceInlineUniformBlockFeatures,
               inlineUniformBlock, descriptorBindingInlineUniformBlockUpdateAfterBind),
    OVERUM_V13(PHYSICAL_DEVICE_PIPELINE_CREATION_CACHE_CONTROL_FEATURES,
               VkPhysicalDevicePipelineCreationCacheControlFeatures, pipelineCreationCacheControl,
               pipelineCreationCacheControl),
    OVERUM_V13(PHYSICAL_DEVICE_PRIVATE_DATA_FEATURES, VkPhysicalDevicePrivateDataFeatures, privateData, privateData),
    OVERUM_V13(PHYSICAL_DEVICE_SHADER_DEMOTE_TO_HELPER_INVOCATION_FEATURES,
               VkPhysicalDeviceShaderDemoteToHelperInvocationFeatures, shaderDemoteToHelperInvocation,
               shaderDemoteToHelperInvocation),
    OVERUM_V13(PHYSICAL_DEVICE_SHADER_TERMINATE_INVOCATION_FEATURES, VkPhysicalDeviceShaderTerminateInvocationFeatures,
               shaderTerminateInvocation, shaderTerminateInvocation),
    OVERUM_V13(PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_FEATURES, VkPhysicalDeviceSubgroupSizeControlFeatures,
               subgroupSizeControl, computeFullSubgroups),
    OVERUM_V13(PHYSICAL_DEVICE_SYNCHRONIZATION_2_FEATURES, VkPhysicalDeviceSynchronization2Features, synchronization2,
               synchronization2),
    OVERUM_V13(PHYSICAL_DEVICE_TEXTURE_COMPRESSION_ASTC_HDR_FEATURES, VkPhysicalDeviceTextureCompressionASTCHDRFeatures,
               textureCompressionASTC_HDR, textureCompressionASTC_HDR),
    OVERUM_V13(PHYSICAL_DEVICE_ZERO_INITIALIZE_WORKGROUP_MEMORY_FEATURES,
               VkPhysicalDeviceZeroInitializeWorkgroupMemoryFeatures, shaderZeroInitializeWorkgroupMemory,
               shaderZeroInitializeWorkgroupMemory),
    OVERUM_V13(PHYSICAL_DEVICE_DYNAMIC_RENDERING_FEATURES, VkPhysicalDeviceDynamicRenderingFeatures, dynamicRendering,
               dynamicRendering),
    OVERUM_V13(PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES, VkPhysicalDeviceShaderIntegerDotProductFeatures,
               shaderIntegerDotProduct, shaderIntegerDotProduct),
    OVERUM_V13(PHYSICAL_DEVICE_MAINTENANCE_4_FEATURES, VkPhysicalDeviceMaintenance4Features, maintenance4,
               maintenance4),
};
#undef OVERUM_V13
#undef OVERUM_V12
#undef OVERUM_V11
#undef OVERUM_COVERED
#undef OVERUM_RUN

// A covered struct holds exactly its run of booleans: the same run as in its container.
constexpr bool runsMatch() {
  for (const Known& k : kKnown) {
    const std::size_t end = k.boolsAt + k.count * sizeof(VkBool32);
    if (k.container != VK_STRUCTURE_TYPE_MAX_ENUM && (end > k.size || (end + 7) / 8 * 8 != k.size)) return false;
  }
  return true;
}
static_assert(runsMatch(), "a covered feature struct is not a plain run of its container's booleans");

const Known* known(VkStructureType type) {
  for (const Known& k : kKnown)
    if (k.type == type) return &k;
  return nullptr;
}

void orBools(void* to, std::size_t toAt, const void* from, std::size_t fromAt, std::size_t count) {
  auto* out = reinterpret_cast<VkBool32*>(static_cast<std::byte*>(to) + toAt);
  const auto* in = reinterpret_cast<const VkBool32*>(static_cast<const std::byte*>(from) + fromAt);
  for (std::size_t i = 0; i < count; ++i) out[i] = (out[i] || in[i]) ? VK_TRUE : VK_FALSE;
}

}  // namespace

MergedFeatureChain::MergedFeatureChain(const VkDeviceCreateInfo& in) : info_(in) {
  std::vector<const VkBaseInStructure*> chain;
  for (auto* s = static_cast<const VkBaseInStructure*>(in.pNext); s; s = s->pNext) {
    if (!known(s->sType)) return;
    chain.push_back(s);
  }
  std::vector<const VkBaseInStructure*> copiedFrom;  // the original of each copy
  const auto copyOf = [&](VkStructureType type) -> VkBaseOutStructure* {
    for (const auto& s : structs_)
      if (s->sType == type) return s.get();
    return nullptr;
  };
  const auto copy = [&](const VkBaseInStructure* s, std::size_t size) {
    structs_.emplace_back(static_cast<VkBaseOutStructure*>(std::malloc(size)));
    std::memcpy(structs_.back().get(), s, size);
    copiedFrom.push_back(s);
  };
  // Containers first (in table order), then the rest in chain order; a repeat, or a struct whose
  // container is there, folds into the copy already made.
  for (const Known& k : kKnown) {
    if (k.container != VK_STRUCTURE_TYPE_MAX_ENUM) break;
    for (const VkBaseInStructure* s : chain)
      if (s->sType == k.type && !copyOf(k.type)) copy(s, k.size);
  }
  std::size_t folded = 0;
  for (const VkBaseInStructure* s : chain) {
    if (std::find(copiedFrom.begin(), copiedFrom.end(), s) != copiedFrom.end()) continue;
    const Known& k = *known(s->sType);
    if (VkBaseOutStructure* container = copyOf(k.container)) {
      orBools(container, k.inContainer, s, k.boolsAt, k.count);
      ++folded;
    } else if (VkBaseOutStructure* first = copyOf(k.type)) {
      orBools(first, k.boolsAt, s, k.boolsAt, k.count);
      ++folded;
    } else {
      copy(s, k.size);
    }
  }
  if (auto* f2 = reinterpret_cast<VkPhysicalDeviceFeatures2*>(copyOf(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2));
      f2 && in.pEnabledFeatures) {
    orBools(&f2->features, 0, in.pEnabledFeatures, 0, sizeof(VkPhysicalDeviceFeatures) / sizeof(VkBool32));
    info_.pEnabledFeatures = nullptr;
    ++folded;
  }
  changed_ = folded > 0;
  if (!changed_) {
    structs_.clear();
    return;
  }
  for (std::size_t i = 0; i < structs_.size(); ++i)
    structs_[i]->pNext = i + 1 < structs_.size() ? structs_[i + 1].get() : nullptr;
  info_.pNext = structs_.empty() ? nullptr : structs_.front().get();
}

}  // namespace overum::xr
