// SPDX-License-Identifier: GPL-3.0-or-later
// OffscreenTarget: a colour image usable as a transfer destination (render) and source (read-back).
#include <overum/core/check.h>
#include <overum/gfx/offscreen_target.h>

namespace overum::gfx {

OffscreenTarget::OffscreenTarget(Device& device, VkExtent2D extent, std::uint32_t layers, VkFormat format)
    : device_(device), extent_(extent), layers_(layers), format_(format) {
  OVERUM_CHECK(extent.width > 0 && extent.height > 0 && layers > 0, "offscreen target {}x{}x{}", extent.width,
               extent.height, layers);
  ImageDesc desc;
  desc.format = format;
  desc.extent = extent;
  desc.layers = layers;
  desc.usage = VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
  image_ = Image(device, desc);
}

OffscreenTarget::~OffscreenTarget() = default;

RenderTarget OffscreenTarget::target() const {
  RenderTarget t;
  t.image = image_.handle();
  t.format = format_;
  t.extent = extent_;
  t.layers = layers_;
  t.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  t.finalLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  return t;
}

ImageRGBA8 OffscreenTarget::readback(std::uint32_t layer) const {
  OVERUM_CHECK(layer < layers_, "readback of layer {} of {}", layer, layers_);
  return readbackImage(device_, image_.handle(), format_, extent_, layer, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
}

}  // namespace overum::gfx
