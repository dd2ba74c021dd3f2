// SPDX-License-Identifier: GPL-3.0-or-later
// readbackImage: image layer -> host buffer -> RGBA8 bytes, swizzling BGRA formats.
#include <overum/core/check.h>
#include <overum/gfx/readback.h>
#include <overum/gfx/vk_check.h>
#include <overum/gfx/vk_resources.h>

#include <cstring>
#include <utility>

namespace overum::gfx {
namespace {

// Whether the 8-bit format stores blue first; throws for formats readback does not handle.
bool isBgra(VkFormat format) {
  switch (format) {
    case VK_FORMAT_R8G8B8A8_SRGB:
    case VK_FORMAT_R8G8B8A8_UNORM: return false;
    case VK_FORMAT_B8G8R8A8_SRGB:
    case VK_FORMAT_B8G8R8A8_UNORM: return true;
    default: throw Error(overum::format("readback: format {} is not 8-bit RGBA/BGRA", static_cast<int>(format)));
  }
}

}  // namespace

ImageRGBA8 readbackImage(const Device& device, VkImage image, VkFormat format, VkExtent2D extent, std::uint32_t layer,
                         VkImageLayout layout) {
  const bool bgra = isBgra(format);
  const VkDeviceSize bytes = VkDeviceSize(extent.width) * extent.height * 4;
  Buffer host(device, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, true);
  device.runOneShot([&](VkCommandBuffer cmd) {
    // Earlier submissions on this queue (the frame) wrote the image: wait for all of them.
    imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, 1, layout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                 VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_ACCESS_2_MEMORY_WRITE_BIT, VK_PIPELINE_STAGE_2_COPY_BIT,
                 VK_ACCESS_2_TRANSFER_READ_BIT, layer);

    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
    region.imageExtent = {extent.width, extent.height, 1};
    vkCmdCopyImageToBuffer(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, host.handle(), 1, &region);

    imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, 1, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, layout,
                 VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_NONE, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                 VK_ACCESS_2_MEMORY_READ_BIT | VK_ACCESS_2_MEMORY_WRITE_BIT, layer);

    auto toHost = vkStruct<VkMemoryBarrier2>(VK_STRUCTURE_TYPE_MEMORY_BARRIER_2);
    toHost.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
    toHost.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
    toHost.dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT;
    toHost.dstAccessMask = VK_ACCESS_2_HOST_READ_BIT;
    auto hostDep = vkStruct<VkDependencyInfo>(VK_STRUCTURE_TYPE_DEPENDENCY_INFO);
    hostDep.memoryBarrierCount = 1;
    hostDep.pMemoryBarriers = &toHost;
    vkCmdPipelineBarrier2(cmd, &hostDep);
  });

  ImageRGBA8 out;
  out.width = extent.width;
  out.height = extent.height;
  out.pixels.resize(bytes);
  std::memcpy(out.pixels.data(), host.mapped(), bytes);
  if (bgra)
    for (std::size_t i = 0; i < out.pixels.size(); i += 4) std::swap(out.pixels[i], out.pixels[i + 2]);
  return out;
}

}  // namespace overum::gfx
