// SPDX-License-Identifier: GPL-3.0-or-later
// The quality tiers' pure logic (no GPU): what each tier turns off, names, the starting tier from the
// device, and the governor: frame times in, tier out; it steps down while frames stay over budget,
// ignores single slow frames and the frames a change disturbs, never steps back up, and settles.
#include <overum/gfx/quality.h>

#include <catch2/catch.hpp>

using namespace overum::gfx;

namespace {

// Feeds `count` frames of `seconds` each; returns the tier after the last.
Quality feed(QualityGovernor& governor, int count, double seconds) {
  Quality q = governor.quality();
  for (int i = 0; i < count; ++i) q = governor.addFrame(seconds);
  return q;
}

}  // namespace

TEST_CASE("each tier below high turns work off, and the names go both ways") {
  const QualitySettings high = settingsFor(Quality::high), medium = settingsFor(Quality::medium),
                        low = settingsFor(Quality::low);
  CHECK(high.msaa == VK_SAMPLE_COUNT_4_BIT);
  CHECK(high.shading == Shading::full);
  CHECK(high.renderScale == 1.0f);
  CHECK(medium.msaa == VK_SAMPLE_COUNT_1_BIT);
  CHECK(medium.shading == Shading::full);
  CHECK(low.msaa == VK_SAMPLE_COUNT_1_BIT);
  CHECK(low.shading == Shading::simple);
  for (Quality q : {Quality::low, Quality::medium, Quality::high}) CHECK(qualityFromName(qualityName(q)) == q);
  CHECK_FALSE(qualityFromName("auto").has_value());
  CHECK_FALSE(qualityFromName("High").has_value());
}

TEST_CASE("the starting tier: software rasterisers low, integrated GPUs medium, others high") {
  CHECK(startingQuality(VK_PHYSICAL_DEVICE_TYPE_CPU, "llvmpipe (LLVM 15.0.6, 256 bits)") == Quality::low);
  CHECK(startingQuality(VK_PHYSICAL_DEVICE_TYPE_OTHER, "SwiftShader Device (Subzero)") == Quality::low);
  CHECK(startingQuality(VK_PHYSICAL_DEVICE_TYPE_CPU, "some future CPU renderer") == Quality::low);
  CHECK(startingQuality(VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU, "Intel(R) UHD Graphics 620 (KBL GT2)") ==
        Quality::medium);
  CHECK(startingQuality(VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU, "NVIDIA GeForce RTX 3060") == Quality::high);
  CHECK(startingQuality(VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU, "virtio-gpu") == Quality::high);
}

TEST_CASE("fast frames keep the tier, slow ones step down one tier per window, to low at most") {
  QualityGovernor::Config config;  // 30 fps budget, windows of 20, 5 frames skipped after a change
  {
    QualityGovernor g(Quality::high, config);
    CHECK(feed(g, 200, 1.0 / 60.0) == Quality::high);
  }
  QualityGovernor g(Quality::high, config);
  CHECK(feed(g, 5 + 19, 0.1) == Quality::high);  // not before a whole window is measured
  CHECK(g.addFrame(0.1) == Quality::medium);
  CHECK(feed(g, 5 + 19, 0.1) == Quality::medium);  // the change's frames are skipped, then a fresh window
  CHECK(g.addFrame(0.1) == Quality::low);
  CHECK(g.settled());  // nothing lower: the tier is final
  CHECK(feed(g, 200, 0.5) == Quality::low);
}

TEST_CASE("a few slow frames (a hitch, a window being dragged) do not step down") {
  QualityGovernor g(Quality::high);
  for (int i = 0; i < 300; ++i) g.addFrame(i % 3 == 0 ? 0.2 : 0.015);  // a third of the frames slow
  CHECK(g.quality() == Quality::high);
}

TEST_CASE("never back up: after stepping down, fast frames keep the lower tier (no flip-flop)") {
  QualityGovernor g(Quality::high);
  CHECK(feed(g, 25, 0.05) == Quality::medium);
  // The lower tier is fast, as it should be; alternating slow and fast phases must not oscillate.
  Quality last = g.quality();
  int changes = 0;
  for (int phase = 0; phase < 20; ++phase) {
    const Quality q = feed(g, 25, phase % 2 == 0 ? 0.01 : 0.02);
    if (q != last) ++changes;
    last = q;
  }
  CHECK(changes == 0);
  CHECK(g.quality() == Quality::medium);
}

TEST_CASE("after the settling time the tier is final, even if frames get slow later") {
  QualityGovernor g(Quality::high,
                    {.budgetSeconds = 1.0 / 30.0, .window = 20, .skipAfterChange = 5, .settleSeconds = 5.0});
  feed(g, 400, 0.015);  // 6 s of fast frames
  CHECK(g.settled());
  CHECK(feed(g, 100, 0.5) == Quality::high);  // a later slow phase (another program) changes nothing
}
