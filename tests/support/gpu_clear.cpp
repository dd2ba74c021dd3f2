// SPDX-License-Identifier: GPL-3.0-or-later
// Render tests' image clears; see gpu_clear.h.
#include "gpu_clear.h"

#include <overum/gfx/vk_resources.h>

namespace overum::testing {

void recordClear(VkCommandBuffer cmd, VkImage image, std::uint32_t layers, const VkClearColorValue& color,
                 VkImageLayout from, VkImageLayout to) {
  gfx::imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, layers, from, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_ACCESS_2_MEMORY_WRITE_BIT, VK_PIPELINE_STAGE_2_CLEAR_BIT,
                    VK_ACCESS_2_TRANSFER_WRITE_BIT);
  const VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, layers};
  vkCmdClearColorImage(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &color, 1, &range);
  gfx::imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, layers, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, to,
                    VK_PIPELINE_STAGE_2_CLEAR_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                    VK_ACCESS_2_MEMORY_READ_BIT | VK_ACCESS_2_MEMORY_WRITE_BIT);
}

void clearImage(const gfx::Device& device, VkImage image, std::uint32_t layers, const VkClearColorValue& color,
                VkImageLayout from, VkImageLayout to) {
  device.runOneShot([&](VkCommandBuffer cmd) { recordClear(cmd, image, layers, color, from, to); });
}

}  // namespace overum::testing
