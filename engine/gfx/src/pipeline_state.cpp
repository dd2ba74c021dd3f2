// SPDX-License-Identifier: GPL-3.0-or-later
// ShaderLayout's create/destroy pairs, GraphicsPipelineState's shared defaults and its one
// vkCreateGraphicsPipelines call (see pipeline_state.h).
#include <overum/gfx/pipeline_state.h>
#include <overum/gfx/vk_check.h>
#include <overum/gfx/vk_resources.h>

#include <vector>

namespace overum::gfx {

ShaderLayout::~ShaderLayout() {
  const VkDevice d = device_.device();
  if (pool_ != VK_NULL_HANDLE) vkDestroyDescriptorPool(d, pool_, nullptr);  // frees its sets
  if (layout_ != VK_NULL_HANDLE) vkDestroyPipelineLayout(d, layout_, nullptr);
  if (setLayout_ != VK_NULL_HANDLE) vkDestroyDescriptorSetLayout(d, setLayout_, nullptr);
  if (vert_ != VK_NULL_HANDLE) vkDestroyShaderModule(d, vert_, nullptr);
  if (frag_ != VK_NULL_HANDLE) vkDestroyShaderModule(d, frag_, nullptr);
}

void ShaderLayout::init(const Desc& desc) {
  const VkDevice d = device_.device();
  vert_ = createShaderModule(device_, desc.vertexCode.data(), desc.vertexCode.size_bytes());
  frag_ = createShaderModule(device_, desc.fragmentCode.data(), desc.fragmentCode.size_bytes());

  std::vector<VkDescriptorSetLayoutBinding> bindings;
  std::vector<VkDescriptorPoolSize> poolSizes;
  for (const Binding& b : desc.bindings) {
    VkDescriptorSetLayoutBinding binding{};
    binding.binding = std::uint32_t(bindings.size());
    binding.descriptorType = b.type;
    binding.descriptorCount = 1;
    binding.stageFlags = b.stages;
    bindings.push_back(binding);
    poolSizes.push_back({b.type, desc.maxSets});
  }
  auto setInfo = vkStruct<VkDescriptorSetLayoutCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO);
  setInfo.bindingCount = std::uint32_t(bindings.size());
  setInfo.pBindings = bindings.data();
  OVERUM_VK(vkCreateDescriptorSetLayout(d, &setInfo, nullptr, &setLayout_));

  auto layoutInfo = vkStruct<VkPipelineLayoutCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO);
  layoutInfo.setLayoutCount = 1;
  layoutInfo.pSetLayouts = &setLayout_;
  layoutInfo.pushConstantRangeCount = 1;
  layoutInfo.pPushConstantRanges = &desc.push;
  OVERUM_VK(vkCreatePipelineLayout(d, &layoutInfo, nullptr, &layout_));

  auto poolInfo = vkStruct<VkDescriptorPoolCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO);
  poolInfo.maxSets = desc.maxSets;
  poolInfo.poolSizeCount = std::uint32_t(poolSizes.size());
  poolInfo.pPoolSizes = poolSizes.data();
  OVERUM_VK(vkCreateDescriptorPool(d, &poolInfo, nullptr, &pool_));
}

VkDescriptorSet ShaderLayout::allocateSet() const {
  auto alloc = vkStruct<VkDescriptorSetAllocateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO);
  alloc.descriptorPool = pool_;
  alloc.descriptorSetCount = 1;
  alloc.pSetLayouts = &setLayout_;
  VkDescriptorSet set = VK_NULL_HANDLE;
  OVERUM_VK(vkAllocateDescriptorSets(device_.device(), &alloc, &set));
  return set;
}

GraphicsPipelineState::GraphicsPipelineState(const ShaderLayout& shaders,
                                             const VkVertexInputBindingDescription& vertexBinding,
                                             std::span<const VkVertexInputAttributeDescription> vertexAttributes,
                                             VkFormat format, std::uint32_t viewCount)
    : binding(vertexBinding),
      attributes(vertexAttributes),
      colorFormat(format),
      viewMask(viewCount == 2 ? 0b11u : 0u),
      layout(shaders.layout()) {
  for (auto& s : stages)
    s = vkStruct<VkPipelineShaderStageCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO);
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = shaders.vertexModule();
  stages[0].pName = "main";
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = shaders.fragmentModule();
  stages[1].pName = "main";

  assembly =
      vkStruct<VkPipelineInputAssemblyStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO);
  assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  raster = vkStruct<VkPipelineRasterizationStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO);
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = VK_CULL_MODE_NONE;
  raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  raster.lineWidth = 1.0f;
  multisample =
      vkStruct<VkPipelineMultisampleStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO);
  multisample.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;
  depth = vkStruct<VkPipelineDepthStencilStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO);
  blend = {};
  blend.colorWriteMask =
      VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
}

void GraphicsPipelineState::blendAlphaOver() {
  blend.blendEnable = VK_TRUE;
  blend.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
  blend.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
  blend.colorBlendOp = VK_BLEND_OP_ADD;
  blend.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
  blend.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
  blend.alphaBlendOp = VK_BLEND_OP_ADD;
}

VkPipeline GraphicsPipelineState::create(const Device& device) const {
  auto vertexInput =
      vkStruct<VkPipelineVertexInputStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO);
  vertexInput.vertexBindingDescriptionCount = 1;
  vertexInput.pVertexBindingDescriptions = &binding;
  vertexInput.vertexAttributeDescriptionCount = static_cast<std::uint32_t>(attributes.size());
  vertexInput.pVertexAttributeDescriptions = attributes.data();

  auto viewport = vkStruct<VkPipelineViewportStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO);
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;

  auto blendInfo =
      vkStruct<VkPipelineColorBlendStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO);
  blendInfo.attachmentCount = 1;
  blendInfo.pAttachments = &blend;

  const std::array<VkDynamicState, 2> dynamic{VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  auto dynamicInfo = vkStruct<VkPipelineDynamicStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO);
  dynamicInfo.dynamicStateCount = static_cast<std::uint32_t>(dynamic.size());
  dynamicInfo.pDynamicStates = dynamic.data();

  auto rendering = vkStruct<VkPipelineRenderingCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO);
  rendering.viewMask = viewMask;
  rendering.colorAttachmentCount = 1;
  rendering.pColorAttachmentFormats = &colorFormat;
  rendering.depthAttachmentFormat = depthFormat;

  auto info = vkStruct<VkGraphicsPipelineCreateInfo>(VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO, &rendering);
  info.stageCount = static_cast<std::uint32_t>(stages.size());
  info.pStages = stages.data();
  info.pVertexInputState = &vertexInput;
  info.pInputAssemblyState = &assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &multisample;
  info.pDepthStencilState = &depth;
  info.pColorBlendState = &blendInfo;
  info.pDynamicState = &dynamicInfo;
  info.layout = layout;
  VkPipeline pipeline = VK_NULL_HANDLE;
  OVERUM_VK(vkCreateGraphicsPipelines(device.device(), VK_NULL_HANDLE, 1, &info, nullptr, &pipeline));
  return pipeline;
}

}  // namespace overum::gfx
