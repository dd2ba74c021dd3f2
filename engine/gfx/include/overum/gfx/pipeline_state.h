// SPDX-License-Identifier: GPL-3.0-or-later
// What gfx's Renderer and ui's OverlayRenderer build their pipelines from: ShaderLayout (shader modules,
// set layout, pipeline layout, set pool) and GraphicsPipelineState (the common fixed state).
#pragma once
#include <overum/gfx/device.h>

#include <array>
#include <cstdint>
#include <span>

namespace overum::gfx {

// A vertex + fragment shader pair with a descriptor set layout of one or more bindings (0, 1, …), a
// pipeline layout of that set and one push-constant range, and a pool of `maxSets` such sets. init()
// creates them; the destructor destroys whatever exists (also after a failed init()).
class ShaderLayout {
 public:
  struct Binding {
    VkDescriptorType type;
    VkShaderStageFlags stages;
  };
  struct Desc {
    std::span<const std::uint32_t> vertexCode;  // SPIR-V words (glslc -mfmt=c)
    std::span<const std::uint32_t> fragmentCode;
    std::span<const Binding> bindings;  // binding i is bindings[i]
    VkPushConstantRange push;
    std::uint32_t maxSets;
  };
  explicit ShaderLayout(const Device& device) : device_(device) {}
  ~ShaderLayout();
  ShaderLayout(const ShaderLayout&) = delete;
  ShaderLayout& operator=(const ShaderLayout&) = delete;

  void init(const Desc& desc);
  // One set from the pool (freed with it).
  VkDescriptorSet allocateSet() const;

  VkShaderModule vertexModule() const { return vert_; }
  VkShaderModule fragmentModule() const { return frag_; }
  VkPipelineLayout layout() const { return layout_; }

 private:
  const Device& device_;
  VkShaderModule vert_ = VK_NULL_HANDLE;
  VkShaderModule frag_ = VK_NULL_HANDLE;
  VkDescriptorSetLayout setLayout_ = VK_NULL_HANDLE;
  VkPipelineLayout layout_ = VK_NULL_HANDLE;
  VkDescriptorPool pool_ = VK_NULL_HANDLE;
};

// Defaults: vertex + fragment stage (entry "main"), one per-vertex binding, triangle lists, one dynamic
// viewport and scissor, filled polygons wound counter-clockwise with no culling, 1 sample, no depth
// test, RGBA written without blending, dynamic rendering into one colour attachment (multiview over
// both layers when viewCount is 2) and no depth attachment.
struct GraphicsPipelineState {
  GraphicsPipelineState(const ShaderLayout& shaders, const VkVertexInputBindingDescription& binding,
                        std::span<const VkVertexInputAttributeDescription> attributes, VkFormat colorFormat,
                        std::uint32_t viewCount);

  // Blends "over": colour by source alpha, alpha accumulating coverage.
  void blendAlphaOver();
  // A pipeline from the state as it is now, with the shaders' layout; the caller destroys it. The state
  // stays usable.
  VkPipeline create(const Device& device) const;

  std::array<VkPipelineShaderStageCreateInfo, 2> stages;  // [0] vertex, [1] fragment
  VkVertexInputBindingDescription binding;
  std::span<const VkVertexInputAttributeDescription> attributes;  // must outlive create()
  VkPipelineInputAssemblyStateCreateInfo assembly;
  VkPipelineRasterizationStateCreateInfo raster;
  VkPipelineMultisampleStateCreateInfo multisample;
  VkPipelineDepthStencilStateCreateInfo depth;
  VkPipelineColorBlendAttachmentState blend;
  VkFormat colorFormat;
  VkFormat depthFormat = VK_FORMAT_UNDEFINED;
  std::uint32_t viewMask;  // 0b11 for two views (multiview), else 0
  VkPipelineLayout layout;
};

}  // namespace overum::gfx
