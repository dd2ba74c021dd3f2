// SPDX-License-Identifier: GPL-3.0-or-later
// PNG writing and reading through Debian's stb headers; the only translation unit that holds
// stb's implementations.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <overum/core/check.h>
#include <overum/gfx/readback.h>
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

namespace overum::gfx {

void writePng(const std::string& path, const ImageRGBA8& image) {
  OVERUM_CHECK(image.pixels.size() == std::size_t(image.width) * image.height * 4, "writePng {}: bad image", path);
  if (stbi_write_png(path.c_str(), static_cast<int>(image.width), static_cast<int>(image.height), 4,
                     image.pixels.data(), static_cast<int>(image.width * 4)) == 0)
    throw Error(format("could not write PNG {} (does the folder exist and is it writable?)", path));
}

ImageRGBA8 readPng(const std::string& path) {
  int width = 0, height = 0, channels = 0;
  stbi_uc* data = stbi_load(path.c_str(), &width, &height, &channels, 4);
  if (data == nullptr) throw Error(format("could not read PNG {}: {}", path, stbi_failure_reason()));
  ImageRGBA8 out;
  out.width = static_cast<std::uint32_t>(width);
  out.height = static_cast<std::uint32_t>(height);
  out.pixels.assign(data, data + std::size_t(width) * height * 4);
  stbi_image_free(data);
  return out;
}

}  // namespace overum::gfx
