// SPDX-License-Identifier: GPL-3.0-or-later
// The headless backend: fixed 1/90 s clock, mono and multiview offscreen targets, lastFrame() for
// read-back, identical pixels for identical inputs, stereo parallax, and a clean Vulkan validation log.
#include <catch2/catch.hpp>
#include <overum/gfx/device.h>
#include <overum/xr/headset.h>

#include <memory>

#include "xr_test_support.h"

using namespace overum;
using namespace overum::xr;

namespace {

// Owns device and headset in the order the app uses: painter, then headset->stop(), then device.
struct Headless {
  std::unique_ptr<Headset> headset;
  std::unique_ptr<gfx::Device> device;
  std::unique_ptr<test::ScenePainter> painter;

  explicit Headless(const HeadsetConfig& config) {
    std::string whyNot;
    headset = createHeadlessHeadset(config, whyNot);
    INFO(whyNot);
    REQUIRE(headset);
    device = std::make_unique<gfx::Device>(gfx::DeviceConfig{true, headset->deviceHooks()});
    REQUIRE(device->validationEnabled());
    headset->start(*device);
    painter = std::make_unique<test::ScenePainter>(*device, headset->viewCount(), headset->viewExtent());
  }
  ~Headless() {
    painter.reset();
    headset->stop();
    device.reset();
  }

  // Renders n frames and returns each view of the last one.
  std::vector<test::Rgba> run(int n) {
    for (int i = 0; i < n; ++i) {
      HeadsetFrame f;
      REQUIRE(headset->beginFrame(f));
      REQUIRE(f.shouldRender);
      painter->paint(f);
      headset->endFrame(f);
    }
    const gfx::RenderTarget* last = headset->lastFrame();
    REQUIRE(last != nullptr);
    std::vector<test::Rgba> views;
    for (std::uint32_t v = 0; v < last->layers; ++v)
      views.push_back(test::readLayer(*device, last->image, last->format, last->extent, v, last->finalLayout));
    return views;
  }
};

HeadsetConfig smallConfig(std::uint32_t views) {
  HeadsetConfig c;
  c.size = {200, 120};
  c.validation = true;
  c.headlessViews = views;
  return c;
}

}  // namespace

TEST_CASE("headless: the clock steps exactly 1/90 s per frame", "[xr][headless]") {
  Headless h(smallConfig(1));
  CHECK(h.headset->name() == "headless");
  CHECK(h.headset->lastFrame() == nullptr);  // nothing rendered yet
  for (int i = 0; i < 5; ++i) {
    HeadsetFrame f;
    REQUIRE(h.headset->beginFrame(f));
    CHECK(f.index == std::uint64_t(i));
    CHECK(f.displayTime == Approx(i / 90.0).margin(1e-12));
    CHECK(f.views.size() == 1);
    CHECK(f.target.layers == 1);
    CHECK(f.target.extent.width == 200);
    CHECK(f.target.extent.height == 120);
    h.painter->paint(f);
    h.headset->endFrame(f);
  }
  CHECK(h.headset->status() == HeadsetStatus::focused);
  CHECK(h.headset->input().head.position.y == Approx(1.2f));
  h.headset->requestExit();
  HeadsetFrame f;
  CHECK_FALSE(h.headset->beginFrame(f));
  CHECK(h.headset->input().quitRequested);
  CHECK(h.device->validationErrorCount() == 0);
}

TEST_CASE("headless: the same inputs give identical pixels", "[xr][headless][render]") {
  std::vector<test::Rgba> first, second;
  {
    Headless h(smallConfig(2));
    first = h.run(3);
    CHECK(h.device->validationErrorCount() == 0);
  }
  {
    Headless h(smallConfig(2));
    second = h.run(3);
    CHECK(h.device->validationErrorCount() == 0);
  }
  REQUIRE(first.size() == 2);
  REQUIRE(second.size() == 2);
  for (int v = 0; v < 2; ++v) {
    CHECK(test::foreground(first[v]).count > 0);  // something was drawn
    CHECK(first[v].pixels == second[v].pixels);
  }
}

TEST_CASE("headless: stereo eyes see the box with the expected parallax", "[xr][headless][render]") {
  Headless h(smallConfig(2));
  CHECK(h.headset->viewCount() == 2);
  HeadsetFrame probe;
  REQUIRE(h.headset->beginFrame(probe));  // the views the painter will draw with
  h.painter->paint(probe);
  h.headset->endFrame(probe);
  const std::vector<test::Rgba> eyes = h.run(1);
  REQUIRE(eyes.size() == 2);
  const test::Blob left = test::foreground(eyes[0]);
  const test::Blob right = test::foreground(eyes[1]);
  REQUIRE(left.count > 0);
  REQUIRE(right.count > 0);
  CHECK(eyes[0].pixels != eyes[1].pixels);
  // The box is straight ahead: the left eye (at -IPD/2) sees it right of where the right eye does,
  // by the disparity the two projections predict.
  const glm::vec2 expectL = test::projectToPixels(probe.views[0], probe.target.extent, test::kBoxCentre);
  const glm::vec2 expectR = test::projectToPixels(probe.views[1], probe.target.extent, test::kBoxCentre);
  INFO("left centroid " << left.cx << " expected " << expectL.x << ", right " << right.cx << " expected " << expectR.x);
  CHECK(expectL.x - expectR.x > 2.0f);
  CHECK(left.cx - right.cx == Approx(expectL.x - expectR.x).margin(1.5));
  CHECK(left.cx == Approx(expectL.x).margin(3.0));
  CHECK(left.cy == Approx(expectL.y).margin(3.0));
  CHECK(h.device->validationErrorCount() == 0);
}

TEST_CASE("headless: a zero size is refused with a reason", "[xr][headless]") {
  HeadsetConfig c;
  c.size = {0, 0};
  std::string whyNot;
  CHECK(createHeadlessHeadset(c, whyNot) == nullptr);
  CHECK_FALSE(whyNot.empty());
}
