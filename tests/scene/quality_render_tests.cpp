// SPDX-License-Identifier: GPL-3.0-or-later
// The quality tiers from pixels (issue 15): every tier renders the meeting room recognisably (close to
// the high tier's reference image, far from another room), the lower tiers really do less (MSAA
// samples, shading, shaded size in the frame's stats), switching tiers on one renderer needs no new
// device and gives what a fresh renderer gives, and the validation layer reports nothing.
#include "image_compare.h"
#include "shipped_rooms.h"

#include <overum/core/pose.h>
#include <overum/gfx/offscreen_target.h>
#include <overum/gfx/renderer.h>
#include <overum/scene/meeting_room.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>
#include <vector>

using namespace overum;

namespace {

constexpr VkExtent2D kSize{320, 180};
constexpr const char* kRoomReference = "tests/scene/reference/meeting_room_320x180.png";
constexpr const char* kPauseReference = "tests/scene/reference/pause_room_320x180.png";

struct TierRender {
  gfx::Device device{gfx::DeviceConfig{true, {}}};
  scene::MeetingRoom room{device, scene::defaultCast(), testing::jobCentreRoom()};
  gfx::OffscreenTarget target{device, kSize, 1};

  gfx::View view() const {
    gfx::View v;
    v.viewFromWorld = room.viewerHeadPose().inverse().matrix();
    v.projection = projectionFromFov(symmetricFov(1.0f, float(kSize.width) / float(kSize.height)), 0.05f, 100.0f);
    return v;
  }
  gfx::ImageRGBA8 render(gfx::Renderer& renderer, gfx::FrameStats* stats = nullptr, bool pauseRoom = false) {
    const gfx::View v = view();
    const gfx::FrameStats s =
        renderer.render({&v, 1}, pauseRoom ? room.pauseDrawList() : room.drawList(), target.target(), {});
    if (stats) *stats = s;
    renderer.waitIdle();
    return target.readback(0);
  }
};

// For a look at the tiers: OVERUM_TEST_OUTPUT=DIR keeps each tier's picture there.
void keep(const gfx::ImageRGBA8& image, const std::string& name) {
  if (const char* dir = std::getenv("OVERUM_TEST_OUTPUT")) gfx::writePng(std::string(dir) + "/" + name + ".png", image);
}

// Share of pixels with a channel more than `delta` away: large areas that changed, not fine detail.
double differingFraction(const gfx::ImageRGBA8& a, const gfx::ImageRGBA8& b, int delta) {
  std::size_t differing = 0;
  for (std::uint32_t y = 0; y < a.height; ++y)
    for (std::uint32_t x = 0; x < a.width; ++x)
      for (int c = 0; c < 3; ++c)
        if (std::abs(int(a.at(x, y)[c]) - int(b.at(x, y)[c])) > delta) {
          ++differing;
          break;
        }
  return double(differing) / double(a.width * a.height);
}

}  // namespace

TEST_CASE("every quality tier renders the meeting room recognisably, and the lower ones do less") {
  TierRender r;
  const gfx::ImageRGBA8 roomReference = gfx::readPng(kRoomReference);
  const gfx::ImageRGBA8 pauseReference = gfx::readPng(kPauseReference);
  REQUIRE(roomReference.width == kSize.width);

  for (gfx::Quality quality : {gfx::Quality::high, gfx::Quality::medium, gfx::Quality::low}) {
    const std::string name(gfx::qualityName(quality));
    INFO("tier " << name);
    gfx::Renderer renderer(r.device, {.viewCount = 1, .extent = kSize, .quality = quality});
    gfx::FrameStats stats;
    const gfx::ImageRGBA8 image = r.render(renderer, &stats);
    keep(image, "quality_" + name);
    const double toRoom = testing::meanAbsoluteDifference(image, roomReference);
    const double toPause = testing::meanAbsoluteDifference(image, pauseReference);
    INFO("mean difference to the high reference " << toRoom << ", to the pause room " << toPause);
    CHECK(toRoom < 6.0);                                        // the same room, the same light
    CHECK(differingFraction(image, roomReference, 64) < 0.03);  // no large area changed
    CHECK(toPause > 4.0 * toRoom);                              // not just any room
    CHECK(stats.drawCalls > 0);
    CHECK(stats.renderExtent.width == kSize.width);

    switch (quality) {
      case gfx::Quality::high:
        CHECK(stats.samples == VK_SAMPLE_COUNT_4_BIT);
        CHECK(stats.shading == gfx::Shading::full);
        CHECK(testing::compareWithReference(image, kRoomReference).matches);  // today's look, unchanged
        break;
      case gfx::Quality::medium:
        CHECK(stats.samples == VK_SAMPLE_COUNT_1_BIT);
        CHECK(stats.shading == gfx::Shading::full);
        break;
      case gfx::Quality::low:
        CHECK(stats.samples == VK_SAMPLE_COUNT_1_BIT);
        CHECK(stats.shading == gfx::Shading::simple);
        CHECK(toRoom > 0.5);  // really a cheaper picture, not the same one
        break;
    }
  }
  CHECK(r.device.validationErrorCount() == 0);
}

TEST_CASE("switching the tier on a running renderer gives what a fresh renderer gives, on the same device") {
  TierRender r;
  gfx::Renderer fresh(r.device, {.viewCount = 1, .extent = kSize, .quality = gfx::Quality::low});
  const gfx::ImageRGBA8 freshLow = r.render(fresh);

  gfx::Renderer renderer(r.device, {.viewCount = 1, .extent = kSize});  // high, the default
  const gfx::ImageRGBA8 high = r.render(renderer);
  renderer.setQuality(gfx::Quality::low);
  gfx::FrameStats stats;
  const gfx::ImageRGBA8 low = r.render(renderer, &stats);
  CHECK(stats.samples == VK_SAMPLE_COUNT_1_BIT);
  CHECK(stats.shading == gfx::Shading::simple);
  CHECK(testing::meanAbsoluteDifference(low, freshLow) < 0.01);
  CHECK(testing::meanAbsoluteDifference(low, high) > 0.5);

  renderer.setQuality(gfx::Quality::high);  // and back: the first picture again
  const gfx::ImageRGBA8 highAgain = r.render(renderer, &stats);
  CHECK(stats.samples == VK_SAMPLE_COUNT_4_BIT);
  CHECK(testing::meanAbsoluteDifference(highAgain, high) < 0.01);
  CHECK(r.device.validationErrorCount() == 0);
}

TEST_CASE("a render scale shades fewer pixels and scales the picture up to the target") {
  TierRender r;
  gfx::Renderer full(r.device, {.viewCount = 1, .extent = kSize, .quality = gfx::Quality::low});
  const gfx::ImageRGBA8 low = r.render(full);

  gfx::Renderer renderer(r.device, {.viewCount = 1, .extent = kSize, .quality = gfx::Quality::low});
  gfx::QualitySettings half = gfx::settingsFor(gfx::Quality::low);
  half.renderScale = 0.5f;
  renderer.setQualitySettings(half);
  gfx::FrameStats stats;
  const gfx::ImageRGBA8 scaled = r.render(renderer, &stats);
  keep(scaled, "quality_low_half_size");
  CHECK(stats.renderExtent.width == kSize.width / 2);
  CHECK(stats.renderExtent.height == kSize.height / 2);
  CHECK(renderer.extent().width == kSize.width);
  CHECK(scaled.width == kSize.width);
  CHECK(testing::meanAbsoluteDifference(scaled, low) < 6.0);  // softer edges, the same picture
  CHECK(testing::meanAbsoluteDifference(scaled, low) > 0.1);
  CHECK(r.device.validationErrorCount() == 0);
}

TEST_CASE("the pause room at the low tier is still the pause room") {
  TierRender r;
  gfx::Renderer renderer(r.device, {.viewCount = 1, .extent = kSize, .quality = gfx::Quality::low});
  const gfx::ImageRGBA8 pause = r.render(renderer, nullptr, true);
  keep(pause, "quality_low_pause_room");
  const gfx::ImageRGBA8 pauseReference = gfx::readPng(kPauseReference);
  const double toPause = testing::meanAbsoluteDifference(pause, pauseReference);
  INFO("mean difference to the pause room's high reference " << toPause);
  CHECK(toPause < 14.0);  // the plain tree line and sky differ in detail, not in kind
  CHECK(testing::meanAbsoluteDifference(pause, gfx::readPng(kRoomReference)) > 2.0 * toPause);
  CHECK(r.device.validationErrorCount() == 0);
}

TEST_CASE("the low tier in a headset: both eyes in one multiview pass, each like the high tier's eye") {
  TierRender r;
  gfx::OffscreenTarget target(r.device, kSize, 2);
  std::vector<gfx::View> views;
  for (float side : {-0.032f, 0.032f}) {
    gfx::View v = r.view();
    v.viewFromWorld = (r.room.viewerHeadPose() * Pose{{1, 0, 0, 0}, {side, 0, 0}}).inverse().matrix();
    views.push_back(v);
  }
  auto eyes = [&](gfx::Quality quality, gfx::FrameStats& stats) {
    gfx::Renderer stereo(r.device, {.viewCount = 2, .extent = kSize, .quality = quality});
    stats = stereo.render(views, r.room.drawList(), target.target(), {});
    stereo.waitIdle();
    return std::array<gfx::ImageRGBA8, 2>{target.readback(0), target.readback(1)};
  };
  gfx::FrameStats highStats, lowStats;
  const auto high = eyes(gfx::Quality::high, highStats);
  const auto low = eyes(gfx::Quality::low, lowStats);
  keep(low[0], "quality_low_left");
  keep(low[1], "quality_low_right");
  CHECK(highStats.samples == VK_SAMPLE_COUNT_4_BIT);
  CHECK(lowStats.samples == VK_SAMPLE_COUNT_1_BIT);
  CHECK(lowStats.shading == gfx::Shading::simple);
  for (int eye = 0; eye < 2; ++eye) {
    INFO("eye " << eye);
    // Looser than in mono: the right eye sees much of the floor, whose wood grain only the high tier has
    // (the table is missing from the right eye at every tier, as at the branch point: a known fault).
    CHECK(testing::meanAbsoluteDifference(low[eye], high[eye]) < 12.0);
    CHECK(testing::meanAbsoluteDifference(low[eye], high[eye]) > 0.5);
  }
  CHECK(testing::meanAbsoluteDifference(low[0], low[1]) > 0.2);  // parallax: not the same picture twice
  CHECK(r.device.validationErrorCount() == 0);
}
