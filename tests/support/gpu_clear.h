// SPDX-License-Identifier: GPL-3.0-or-later
// Render tests' image clears: every layer of a colour image cleared to one colour, with the layout
// transitions around it, recorded into the caller's command buffer or run once on the device's queue.
#pragma once
#include <overum/gfx/device.h>

#include <cstdint>

namespace overum::testing {

// Records `from` -> TRANSFER_DST_OPTIMAL (after any earlier work), the clear, then -> `to`, made
// visible to any later command. `color` is what vkCmdClearColorImage takes (linear for SRGB formats).
void recordClear(VkCommandBuffer cmd, VkImage image, std::uint32_t layers, const VkClearColorValue& color,
                 VkImageLayout from, VkImageLayout to);

// recordClear in a one-shot submission; returns when the queue has finished it.
void clearImage(const gfx::Device& device, VkImage image, std::uint32_t layers, const VkClearColorValue& color,
                VkImageLayout from, VkImageLayout to);

}  // namespace overum::testing
