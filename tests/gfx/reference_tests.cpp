// SPDX-License-Identifier: GPL-3.0-or-later
// A small lit scene (every pattern, vertex colours, blending, two-sided) compared with a reference
// PNG in tests/gfx/reference through overum::testing::compareWithReference (OVERUM_UPDATE_REFERENCES=1
// rewrites it; failures write actual and diff images). Also covers compareImages itself.
#include <catch2/catch.hpp>
#include <overum/gfx/offscreen_target.h>
#include <overum/gfx/renderer.h>

#include <string>

#include "image_compare.h"
#include "test_scenes.h"

using namespace overum::gfx;
using namespace overum::gfx::test;

namespace {

ImageRGBA8 solid(std::uint32_t w, std::uint32_t h, std::uint8_t v) {
  ImageRGBA8 img;
  img.width = w;
  img.height = h;
  img.pixels.assign(std::size_t(w) * h * 4, v);
  return img;
}

}  // namespace

TEST_CASE("compareImages counts pixels beyond the tolerance and draws where they are") {
  ImageRGBA8 a = solid(4, 2, 100), b = solid(4, 2, 100);
  b.pixels[0] = 104;         // pixel 0: within a tolerance of 5
  b.pixels[4 * 5 + 2] = 30;  // pixel 5: far off
  const ImageDifference d = compareImages(a, b, 5);
  CHECK(d.sameSize);
  CHECK(d.differingPixels == 1);
  CHECK(d.differingFraction == Approx(1.0 / 8.0));
  CHECK(d.maxChannelDelta == 70);
  CHECK(d.diff.at(1, 1)[0] == 255);  // pixel 5 is (1, 1): red
  CHECK(d.diff.at(1, 1)[1] == 0);
  CHECK(d.diff.at(0, 0)[1] == 16);  // 4x the delta of 4
  CHECK_FALSE(compareImages(a, solid(2, 4, 100), 5).sameSize);
}

TEST_CASE("a small lit scene matches its reference image") {
  Device device(DeviceConfig{.validation = true, .hooks = {}, .synchronizationValidation = true});
  GpuGeometry geometry;
  DrawList list;
  const auto unitQuad = geometry.add(quad(0.5f, 0.5f));
  MeshData colouredBox = box(glm::vec3(0.2f));
  for (std::size_t i = 0; i < colouredBox.vertices.size(); ++i) {
    colouredBox.vertices[i].color = i < 12 ? glm::vec3(0.9f, 0.3f, 0.2f) : glm::vec3(0.2f, 0.4f, 0.9f);
    colouredBox.vertices[i].occlusion = colouredBox.vertices[i].position.y < 0.0f ? 0.5f : 1.0f;
  }
  const auto boxMesh = geometry.add(colouredBox);
  const auto ball = geometry.add(sphere(0.15f, 24, 12));
  geometry.upload(device);
  list.geometry = &geometry;
  auto material = [&](glm::vec3 c, Pattern p, float opacity, float emissive, bool twoSided) {
    list.materials.push_back(Material{c, 0.5f, emissive, opacity, p, twoSided});
    return std::uint32_t(list.materials.size() - 1);
  };
  const auto wood = material({0.66f, 0.5f, 0.35f}, Pattern::woodPlanks, 1.0f, 0.0f, false);
  const auto wall = material({0.91f, 0.89f, 0.85f}, Pattern::plain, 1.0f, 0.0f, false);
  const auto window = material({0.85f, 0.9f, 0.95f}, Pattern::windowView, 1.0f, 1.0f, false);
  const auto paper = material({0.96f, 0.96f, 0.94f}, Pattern::paper, 1.0f, 0.0f, false);
  const auto white = material({1.0f, 1.0f, 1.0f}, Pattern::plain, 1.0f, 0.0f, false);
  const auto glass = material({0.86f, 0.93f, 0.96f}, Pattern::plain, 0.3f, 0.0f, true);
  const auto leaf = material({0.3f, 0.5f, 0.26f}, Pattern::plain, 1.0f, 0.0f, true);
  const glm::mat4 faceUp = glm::rotate(glm::mat4(1.0f), -1.5707963f, glm::vec3(1, 0, 0));
  list.draws = {
      {unitQuad, wood, faceUp * glm::scale(glm::mat4(1.0f), glm::vec3(3.0f, 3.0f, 1.0f))},
      {unitQuad, wall, translate({0, 1.0f, -1.0f}) * glm::scale(glm::mat4(1.0f), glm::vec3(3.0f, 2.0f, 1.0f))},
      {unitQuad, window, translate({0.3f, 1.1f, -0.99f}) * glm::scale(glm::mat4(1.0f), glm::vec3(0.8f, 0.6f, 1.0f))},
      {boxMesh, white, translate({-0.4f, 0.2f, -0.2f}) * glm::rotate(glm::mat4(1.0f), 0.5f, glm::vec3(0, 1, 0))},
      {unitQuad, paper,
       translate({0.25f, 0.001f, 0.25f}) * faceUp * glm::scale(glm::mat4(1.0f), glm::vec3(0.21f, 0.3f, 1.0f))},
      {ball, glass, translate({0.35f, 0.2f, 0.0f})},
      {unitQuad, leaf,
       translate({-0.1f, 0.35f, 0.3f}) * glm::rotate(glm::mat4(1.0f), 2.5f, glm::vec3(0, 1, 0)) *
           glm::scale(glm::mat4(1.0f), glm::vec3(0.2f, 0.1f, 1.0f))},
  };
  constexpr std::uint32_t size = 128;
  Renderer renderer(
      device,
      RendererConfig{.viewCount = 1, .extent = {size, size}, .msaa = VK_SAMPLE_COUNT_4_BIT, .framesInFlight = 2});
  OffscreenTarget target(device, {size, size}, 1);
  View view = viewFrom({0.0f, 0.9f, 1.6f}, 1.0f, 1.0f);
  view.viewFromWorld = glm::rotate(glm::mat4(1.0f), 0.35f, glm::vec3(1, 0, 0)) * view.viewFromWorld;  // look down
  renderer.render(std::span(&view, 1), list, target.target(), {});
  const ImageRGBA8 actual = target.readback(0);
  CHECK(device.validationErrorCount() == 0);

  const auto comparison =
      overum::testing::compareWithReference(actual, std::string(OVERUM_GFX_REFERENCE_DIR) + "/lit_scene.png",
                                            {.channelDelta = 8, .maxDifferingFraction = 0.005});
  INFO(comparison.message);
  CHECK(comparison.matches);
}
