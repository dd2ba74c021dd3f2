// SPDX-License-Identifier: GPL-3.0-or-later
// Render tests compare read-back frames with reference PNGs under tests/: a per-channel tolerance and
// a budget of differing pixels, so lavapipe's tiny rounding differences pass and real changes fail.
#pragma once
#include <overum/gfx/readback.h>

#include <string>

namespace overum::testing {

struct ImageTolerance {
  int channelDelta = 8;                // a pixel differs when any channel is off by more than this
  double maxDifferingFraction = 0.01;  // the images match while at most this share of pixels differ
};

struct ImageComparison {
  bool matches = false;
  double differingFraction = 1.0;
  int maxDelta = 255;
  std::string message;  // what differed and where the actual and diff images were written
};

// Compares `actual` with the PNG at `referencePath`. With OVERUM_UPDATE_REFERENCES=1 in the
// environment it (re)writes the reference instead and reports a match. On a mismatch it writes
// <name>.actual.png and <name>.diff.png into OVERUM_TEST_OUTPUT (default: the system temp folder).
ImageComparison compareWithReference(const gfx::ImageRGBA8& actual, const std::string& referencePath,
                                     const ImageTolerance& tolerance = {});

// Mean absolute difference over all channels (0..255), for "these two images differ" checks.
double meanAbsoluteDifference(const gfx::ImageRGBA8& a, const gfx::ImageRGBA8& b);

}  // namespace overum::testing
