// SPDX-License-Identifier: GPL-3.0-or-later
// The loopback mix stays in step with the frames: after ten minutes of 1/90 s frames exactly ten minutes
// of sound, never rendered twice, and kept only when it is to be written.
#include "loopback_mix.h"

#include <catch2/catch.hpp>

using namespace overum;

TEST_CASE("the loopback mix renders exactly the sound up to each frame's end, over a long run", "[app][audio]") {
  std::string whyNot;
  auto device = audio::AudioDevice::open({true, 48000, false}, whyNot);
  INFO(whyNot);
  REQUIRE(device);
  app::LoopbackMix kept(48000, true);
  for (int frame = 1; frame <= 90; ++frame) kept.renderUntil(*device, frame / 90.0);
  CHECK(kept.renderedFrames() == 48000);
  CHECK(kept.kept().samples.size() == 2 * 48000);
  kept.renderUntil(*device, 0.5);  // the clock never runs back: nothing is rendered twice
  CHECK(kept.renderedFrames() == 48000);

  app::LoopbackMix dropped(48000, false);
  const int frames = 90 * 60 * 10;  // ten minutes of headless frames
  for (int frame = 1; frame <= frames; frame += 97) dropped.renderUntil(*device, frame / 90.0);
  dropped.renderUntil(*device, frames / 90.0);
  CHECK(dropped.renderedFrames() == std::uint64_t(600) * 48000);
  CHECK(dropped.kept().samples.empty());
}
