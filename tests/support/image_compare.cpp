// SPDX-License-Identifier: GPL-3.0-or-later
// Reference-image comparison for render tests; see image_compare.h.
#include "image_compare.h"

#include <overum/core/check.h>
#include <overum/core/format.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

namespace overum::testing {
namespace fs = std::filesystem;

ImageComparison compareWithReference(const gfx::ImageRGBA8& actual, const std::string& referencePath,
                                     const ImageTolerance& tolerance) {
  ImageComparison result;
  const char* update = std::getenv("OVERUM_UPDATE_REFERENCES");
  if (update && std::string(update) == "1") {
    fs::create_directories(fs::path(referencePath).parent_path());
    gfx::writePng(referencePath, actual);
    result.matches = true;
    result.differingFraction = 0.0;
    result.maxDelta = 0;
    result.message = "reference written: " + referencePath;
    return result;
  }
  gfx::ImageRGBA8 reference;
  try {
    reference = gfx::readPng(referencePath);
  } catch (const Error& e) {
    result.message = format("{}; run the test with OVERUM_UPDATE_REFERENCES=1 to create it", e.what());
    return result;
  }
  const gfx::ImageDifference difference = gfx::compareImages(actual, reference, tolerance.channelDelta);
  if (!difference.sameSize) {
    result.message = format("size {}x{} differs from the reference's {}x{}", actual.width, actual.height,
                            reference.width, reference.height);
    return result;
  }
  result.maxDelta = difference.maxChannelDelta;
  result.differingFraction = difference.differingFraction;
  result.matches = result.differingFraction <= tolerance.maxDifferingFraction;
  if (result.matches) return result;

  const char* outputDir = std::getenv("OVERUM_TEST_OUTPUT");
  const fs::path dir = outputDir ? fs::path(outputDir) : fs::temp_directory_path() / "overum-test-output";
  fs::create_directories(dir);
  const std::string stem = fs::path(referencePath).stem().string();
  gfx::writePng((dir / (stem + ".actual.png")).string(), actual);
  gfx::writePng((dir / (stem + ".diff.png")).string(), difference.diff);
  result.message =
      format("{}% of pixels differ by more than {} (max {}); wrote {} and {}",
             std::round(result.differingFraction * 10000.0) / 100.0, tolerance.channelDelta, result.maxDelta,
             (dir / (stem + ".actual.png")).string(), (dir / (stem + ".diff.png")).string());
  return result;
}

double meanAbsoluteDifference(const gfx::ImageRGBA8& a, const gfx::ImageRGBA8& b) {
  if (a.pixels.size() != b.pixels.size() || a.pixels.empty()) return 255.0;
  double sum = 0.0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i)
    if (i % 4 != 3) sum += std::abs(int(a.pixels[i]) - int(b.pixels[i]));
  return sum / double(a.pixels.size() / 4 * 3);
}

}  // namespace overum::testing
