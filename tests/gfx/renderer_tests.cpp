// SPDX-License-Identifier: GPL-3.0-or-later
// gfx::Renderer on lavapipe with validation on: pictures read back from offscreen targets must show
// the right things in the right places (clear, lighting, sRGB, depth, MSAA, blending, stereo parallax,
// patterns), counters must add up, and any validation error fails the test.
#include <catch2/catch.hpp>
#include <overum/gfx/draw_list.h>
#include <overum/gfx/offscreen_target.h>
#include <overum/gfx/renderer.h>
#include <overum/gfx/vk_resources.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "test_scenes.h"

using namespace overum::gfx;
using namespace overum::gfx::test;

namespace {

constexpr float kFov = 1.0471976f;  // 60 degrees vertical

// Validation with synchronisation checks: a missing or wrong barrier fails the test too.
std::unique_ptr<Device> makeDevice() {
  return std::make_unique<Device>(DeviceConfig{.validation = true, .hooks = {}, .synchronizationValidation = true});
}

// Writes the image next to the build when OVERUM_TEST_IMAGES names a folder: handy when a test fails.
void maybeSave(const ImageRGBA8& image, const std::string& name) {
  if (const char* dir = std::getenv("OVERUM_TEST_IMAGES")) writePng(std::string(dir) + "/" + name + ".png", image);
}

// Lighting that makes the lit colour equal the base colour (no sun, white hemisphere).
Lighting flatWhite() {
  Lighting l;
  l.sunColor = glm::vec3(0.0f);
  l.skyColor = l.groundColor = glm::vec3(1.0f);
  return l;
}

double srgbEncode(double linear) {
  return linear <= 0.0031308 ? 12.92 * linear : 1.055 * std::pow(linear, 1.0 / 2.4) - 0.055;
}
double srgbDecode(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }
// The shader's tone map (shaders/lit.frag), for expected values.
double toneMap(double x) {
  x *= 0.6;
  return std::clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
}

// Pixels that differ from the clear colour by more than `tolerance` in any channel.
int countNotClear(const ImageRGBA8& img, glm::ivec3 clear, int tolerance = 3) {
  int n = 0;
  for (std::uint32_t y = 0; y < img.height; ++y)
    for (std::uint32_t x = 0; x < img.width; ++x)
      if (!near(img.at(x, y), clear.r, clear.g, clear.b, tolerance)) ++n;
  return n;
}

// Horizontal centre of what differs from the clear colour, weighted by how much (sub-pixel with MSAA).
double centroidX(const ImageRGBA8& img, glm::ivec3 clear) {
  double sum = 0.0, weight = 0.0;
  for (std::uint32_t y = 0; y < img.height; ++y)
    for (std::uint32_t x = 0; x < img.width; ++x) {
      const std::uint8_t* p = img.at(x, y);
      const double w = std::abs(p[0] - clear.r) + std::abs(p[1] - clear.g) + std::abs(p[2] - clear.b);
      sum += w * (x + 0.5);
      weight += w;
    }
  return weight > 0 ? sum / weight : -1.0;
}

struct Scene {
  GpuGeometry geometry;
  DrawList list;
  std::uint32_t addMesh(const MeshData& m) { return geometry.add(m); }
  std::uint32_t addMaterial(const Material& m) {
    list.materials.push_back(m);
    return static_cast<std::uint32_t>(list.materials.size() - 1);
  }
  void draw(std::uint32_t mesh, std::uint32_t material, const glm::mat4& T_world_object = glm::mat4(1.0f)) {
    list.draws.push_back(Draw{mesh, material, T_world_object});
  }
  void upload(Device& device) {
    geometry.upload(device);
    list.geometry = &geometry;
  }
};

Material plainMaterial(glm::vec3 srgb, float opacity = 1.0f) {
  Material m;
  m.baseColor = srgb;
  m.opacity = opacity;
  return m;
}

ImageRGBA8 renderOnce(Device& device, const DrawList& list, std::uint32_t size, VkSampleCountFlagBits msaa,
                      glm::vec3 eye = {0, 0, 2}, VkFormat format = VK_FORMAT_R8G8B8A8_SRGB,
                      FrameStats* stats = nullptr) {
  Renderer renderer(device, RendererConfig{.viewCount = 1, .extent = {size, size}, .msaa = msaa, .framesInFlight = 2});
  OffscreenTarget target(device, {size, size}, 1, format);
  const View view = viewFrom(eye, kFov, 1.0f);
  const FrameStats s = renderer.render(std::span(&view, 1), list, target.target(), {});
  if (stats != nullptr) *stats = s;
  return target.readback(0);
}

}  // namespace

TEST_CASE("an empty draw list gives the clear colour, sRGB-encoded as given") {
  auto device = makeDevice();
  DrawList list;
  list.clearColor = {0.2f, 0.4f, 0.6f};
  const ImageRGBA8 img = renderOnce(*device, list, 64, VK_SAMPLE_COUNT_4_BIT);
  REQUIRE(img.width == 64);
  for (auto [x, y] : {std::pair{0u, 0u}, {63u, 63u}, {32u, 32u}}) {
    INFO("pixel " << x << "," << y);
    CHECK(near(img.at(x, y), 51, 102, 153, 1));
    CHECK(img.at(x, y)[3] == 255);
  }
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("a lit quad appears where it is placed, the right way up") {
  auto device = makeDevice();
  Scene s;
  const auto mesh = s.addMesh(quad(0.3f, 0.3f));
  s.addMaterial(plainMaterial({0.8f, 0.8f, 0.8f}));
  // Up and to the right of the view axis: must land in the image's top-right quadrant (+Y is up).
  s.draw(mesh, 0, translate({0.5f, 0.5f, 0.0f}));
  s.list.clearColor = {0.0f, 0.0f, 0.0f};
  s.upload(*device);
  const ImageRGBA8 img = renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_4_BIT);
  maybeSave(img, "lit_quad");
  // The quad spans x, y in [0.2, 0.8] m at 2 m: NDC [0.17, 0.69], pixels [37.5, 54.2] horizontally.
  CHECK(countNotClear(img, {0, 0, 0}) > 200);
  CHECK(img.at(46, 17)[0] > 60);            // top right, inside
  CHECK(near(img.at(46, 46), 0, 0, 0, 0));  // bottom right: nothing
  CHECK(near(img.at(17, 17), 0, 0, 0, 0));  // top left: nothing
  CHECK(near(img.at(32, 32), 0, 0, 0, 0));  // centre: nothing
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("the sun lights faces turned towards it and back faces are culled") {
  auto device = makeDevice();
  Scene s;
  const auto mesh = s.addMesh(quad(0.6f, 0.6f));
  s.addMaterial(plainMaterial({0.6f, 0.6f, 0.6f}));
  s.draw(mesh, 0);
  s.list.clearColor = {0.0f, 0.0f, 0.0f};
  s.upload(*device);

  s.list.lighting.towardsSun = {0.0f, 0.0f, 1.0f};  // from behind the camera
  const int front = renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_1_BIT).at(32, 32)[0];
  s.list.lighting.towardsSun = {0.0f, 0.0f, -1.0f};  // from behind the quad
  const int back = renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_1_BIT).at(32, 32)[0];
  CHECK(front > back + 40);
  CHECK(back > 20);  // the hemisphere still lights it

  // Seen from behind, a one-sided quad disappears; a two-sided one stays and is lit as a front.
  // Turning the quad around (not the camera) shows the camera its back face.
  s.list.draws[0].T_world_object = glm::rotate(glm::mat4(1.0f), 3.14159265f, glm::vec3(0, 1, 0));
  CHECK(countNotClear(renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_1_BIT), {0, 0, 0}) == 0);
  s.list.materials[0].twoSided = true;
  CHECK(renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_1_BIT).at(32, 32)[0] > 20);
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("colour is sRGB-correct: linear lighting maths, sRGB-encoded target") {
  auto device = makeDevice();
  Scene s;
  const auto mesh = s.addMesh(quad(1.0f, 1.0f));
  s.addMaterial(plainMaterial({0.5f, 0.5f, 0.5f}));
  s.draw(mesh, 0);
  s.list.lighting = flatWhite();
  s.upload(*device);
  const ImageRGBA8 img = renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_4_BIT);
  const double expected = 255.0 * srgbEncode(toneMap(srgbDecode(0.5)));  // ~117
  INFO("centre " << int(img.at(32, 32)[0]) << ", expected " << expected);
  CHECK(std::abs(img.at(32, 32)[0] - expected) <= 3.0);
  CHECK(img.at(32, 32)[0] == img.at(32, 32)[1]);
  CHECK(img.at(32, 32)[1] == img.at(32, 32)[2]);
  // The classic mistakes land far away: no decode (~174), no encode (~45).
  CHECK(std::abs(img.at(32, 32)[0] - 255.0 * srgbEncode(toneMap(0.5))) > 30);
  CHECK(std::abs(img.at(32, 32)[0] - 255.0 * toneMap(srgbDecode(0.5))) > 30);
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("the depth test keeps the nearer surface whatever the draw order") {
  auto device = makeDevice();
  Scene s;
  const auto mesh = s.addMesh(quad(0.5f, 0.5f));
  const auto red = s.addMaterial(plainMaterial({1.0f, 0.0f, 0.0f}));
  const auto green = s.addMaterial(plainMaterial({0.0f, 1.0f, 0.0f}));
  s.list.lighting = flatWhite();
  s.upload(*device);
  for (bool nearFirst : {true, false}) {
    s.list.draws.clear();
    if (nearFirst) s.draw(mesh, green, translate({0, 0, 0.5f}));
    s.draw(mesh, red);
    if (!nearFirst) s.draw(mesh, green, translate({0, 0, 0.5f}));
    const std::uint8_t* p = renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_4_BIT).at(32, 32);
    INFO("near drawn first: " << nearFirst);
    CHECK(p[1] > 150);
    CHECK(p[0] < 10);
  }
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("MSAA smooths edges (without it edges are hard)") {
  auto device = makeDevice();
  Scene s;
  const auto mesh = s.addMesh(quad(0.5f, 0.5f));
  s.addMaterial(plainMaterial({1.0f, 1.0f, 1.0f}));
  s.draw(mesh, 0, glm::rotate(glm::mat4(1.0f), 0.35f, glm::vec3(0, 0, 1)));  // slanted edges
  s.list.lighting = flatWhite();
  s.list.clearColor = {0.0f, 0.0f, 0.0f};
  s.upload(*device);
  auto intermediate = [](const ImageRGBA8& img) {
    int n = 0;
    for (std::size_t i = 0; i < img.pixels.size(); i += 4) n += img.pixels[i] > 20 && img.pixels[i] < 190;
    return n;
  };
  Renderer probe(
      *device, RendererConfig{.viewCount = 1, .extent = {64, 64}, .msaa = VK_SAMPLE_COUNT_4_BIT, .framesInFlight = 2});
  REQUIRE(probe.msaa() == VK_SAMPLE_COUNT_4_BIT);  // lavapipe supports 4x
  const ImageRGBA8 smooth = renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_4_BIT);
  const ImageRGBA8 hard = renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_1_BIT);
  maybeSave(smooth, "msaa4");
  CHECK(intermediate(smooth) > 40);  // four edges of ~35 px each
  CHECK(intermediate(hard) == 0);
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("transparent materials blend over opaque ones, whatever the list order") {
  auto device = makeDevice();
  Scene s;
  const auto mesh = s.addMesh(quad(0.5f, 0.5f));
  const auto glass = s.addMaterial(plainMaterial({0.0f, 0.0f, 1.0f}, 0.5f));
  const auto red = s.addMaterial(plainMaterial({1.0f, 0.0f, 0.0f}));
  s.list.lighting = flatWhite();
  s.draw(mesh, glass, translate({0, 0, 0.5f}));  // listed first, in front
  s.draw(mesh, red);                             // behind
  s.upload(*device);
  const std::uint8_t* p = renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_4_BIT).at(32, 32);
  INFO("centre " << int(p[0]) << "," << int(p[1]) << "," << int(p[2]));
  CHECK(p[0] > 100);  // red shows through
  CHECK(p[2] > 100);  // the glass tints it
  CHECK(p[1] < 20);
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("stereo multiview: both layers drawn in one pass, offset by the parallax of the IPD") {
  auto device = makeDevice();
  Scene s;
  const auto mesh = s.addMesh(quad(0.15f, 0.15f));
  s.addMaterial(plainMaterial({0.9f, 0.9f, 0.9f}));
  s.draw(mesh, 0);
  s.list.clearColor = {0.0f, 0.0f, 0.0f};
  s.list.lighting = flatWhite();
  s.upload(*device);

  constexpr std::uint32_t size = 128;
  constexpr float ipd = 0.064f, distance = 0.8f;
  Renderer renderer(
      *device,
      RendererConfig{.viewCount = 2, .extent = {size, size}, .msaa = VK_SAMPLE_COUNT_4_BIT, .framesInFlight = 2});
  OffscreenTarget target(*device, {size, size}, 2);
  const View views[2] = {viewFrom({-ipd / 2, 0, distance}, kFov, 1.0f), viewFrom({ipd / 2, 0, distance}, kFov, 1.0f)};
  const FrameStats stats = renderer.render(views, s.list, target.target(), {});
  CHECK(stats.drawCalls == 1);
  CHECK(stats.triangles == 2);  // per view
  const ImageRGBA8 left = target.readback(0), right = target.readback(1);
  maybeSave(left, "stereo_left");
  maybeSave(right, "stereo_right");
  CHECK(countNotClear(left, {0, 0, 0}) > 500);
  CHECK(countNotClear(right, {0, 0, 0}) > 500);
  // Disparity in pixels: focal length in pixels * IPD / depth; the left eye sees the quad further right.
  const double focalPx = (size / 2.0) / std::tan(kFov / 2.0);
  const double expected = focalPx * ipd / distance;  // ~8.9 px
  const double measured = centroidX(left, {0, 0, 0}) - centroidX(right, {0, 0, 0});
  INFO("disparity " << measured << " px, expected " << expected);
  CHECK(std::abs(measured - expected) < 0.5);
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("counters: draw calls, triangles per view and pipeline binds (opaque grouped, blended last)") {
  auto device = makeDevice();
  Scene s;
  const auto q = s.addMesh(quad(0.1f, 0.1f));      // 2 triangles
  const auto b = s.addMesh(box(glm::vec3(0.1f)));  // 12 triangles
  const auto opaque = s.addMaterial(plainMaterial({0.5f, 0.5f, 0.5f}));
  Material twoSided = plainMaterial({0.5f, 0.6f, 0.5f});
  twoSided.twoSided = true;
  const auto opaque2 = s.addMaterial(twoSided);
  const auto glass = s.addMaterial(plainMaterial({0.5f, 0.5f, 0.9f}, 0.3f));
  // Interleaved on purpose: the renderer must group them to bind each pipeline once.
  s.draw(b, opaque, translate({-0.5f, 0, 0}));
  s.draw(q, glass, translate({0, 0, 0.3f}));
  s.draw(q, opaque2, translate({0.5f, 0, 0}));
  s.draw(b, opaque, translate({0, 0.5f, 0}));
  s.draw(q, glass, translate({0, -0.5f, 0.2f}));
  s.draw(b, opaque2, translate({0, -0.5f, 0}));
  s.upload(*device);
  FrameStats stats;
  renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_4_BIT, {0, 0, 2}, VK_FORMAT_R8G8B8A8_SRGB, &stats);
  CHECK(stats.drawCalls == 6);
  CHECK(stats.triangles == 12 + 2 + 2 + 12 + 2 + 12);
  CHECK(stats.pipelineBinds == 3);  // opaque, opaque two-sided, blended
  CHECK(stats.cpuSeconds > 0.0);
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("BGRA UNORM and BGRA sRGB targets get the same bytes as RGBA sRGB") {
  auto device = makeDevice();
  Scene s;
  const auto mesh = s.addMesh(box(glm::vec3(0.4f)));
  s.addMaterial(plainMaterial({0.9f, 0.4f, 0.1f}));  // channels differ, so a swap would show
  s.draw(mesh, 0, glm::rotate(glm::mat4(1.0f), 0.6f, glm::normalize(glm::vec3(1, 1, 0))));
  s.upload(*device);
  const ImageRGBA8 rgba = renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_4_BIT, {0, 0, 2}, VK_FORMAT_R8G8B8A8_SRGB);
  const ImageRGBA8 bgraUnorm =
      renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_4_BIT, {0, 0, 2}, VK_FORMAT_B8G8R8A8_UNORM);
  const ImageRGBA8 bgraSrgb =
      renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_4_BIT, {0, 0, 2}, VK_FORMAT_B8G8R8A8_SRGB);
  const ImageRGBA8 rgbaUnorm =
      renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_4_BIT, {0, 0, 2}, VK_FORMAT_R8G8B8A8_UNORM);
  CHECK(rgba.at(32, 32)[0] > rgba.at(32, 32)[2] + 50);
  CHECK(bgraUnorm.pixels == rgba.pixels);
  CHECK(bgraSrgb.pixels == rgba.pixels);
  CHECK(rgbaUnorm.pixels == rgba.pixels);
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("resize, and targets of another size, keep rendering the whole image") {
  auto device = makeDevice();
  Scene s;
  const auto mesh = s.addMesh(quad(0.5f, 0.5f));
  s.addMaterial(plainMaterial({0.8f, 0.8f, 0.8f}));
  s.draw(mesh, 0);
  s.list.clearColor = {0.0f, 0.0f, 0.0f};
  s.upload(*device);
  Renderer renderer(
      *device, RendererConfig{.viewCount = 1, .extent = {64, 64}, .msaa = VK_SAMPLE_COUNT_4_BIT, .framesInFlight = 2});
  for (VkExtent2D size : {VkExtent2D{64, 64}, VkExtent2D{96, 48}, VkExtent2D{128, 128}}) {
    if (size.width == 128) renderer.resize(size);
    OffscreenTarget target(*device, size, 1);
    const View view = viewFrom({0, 0, 2}, kFov, float(size.width) / float(size.height));
    renderer.render(std::span(&view, 1), s.list, target.target(), {});
    CHECK(renderer.extent().width == size.width);
    CHECK(renderer.extent().height == size.height);
    const ImageRGBA8 img = target.readback(0);
    INFO(size.width << "x" << size.height);
    CHECK(img.at(size.width / 2, size.height / 2)[0] > 60);  // the quad is centred at every size
    CHECK(near(img.at(1, size.height / 2), 0, 0, 0, 0));
    CHECK(near(img.at(size.width - 2, size.height / 2), 0, 0, 0, 0));
  }
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("frames in flight honour the backend's semaphores and fence") {
  auto device = makeDevice();
  Scene s;
  const auto mesh = s.addMesh(box(glm::vec3(0.3f)));
  s.addMaterial(plainMaterial({0.8f, 0.8f, 0.8f}));
  s.draw(mesh, 0);
  s.upload(*device);
  const VkDevice d = device->device();
  VkSemaphoreCreateInfo semInfo{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO, nullptr, 0};
  VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO, nullptr, 0};
  VkSemaphore chain[2]{};
  VkFence fence = VK_NULL_HANDLE;
  REQUIRE(vkCreateSemaphore(d, &semInfo, nullptr, &chain[0]) == VK_SUCCESS);
  REQUIRE(vkCreateSemaphore(d, &semInfo, nullptr, &chain[1]) == VK_SUCCESS);
  REQUIRE(vkCreateFence(d, &fenceInfo, nullptr, &fence) == VK_SUCCESS);
  {
    Renderer renderer(
        *device,
        RendererConfig{.viewCount = 1, .extent = {64, 64}, .msaa = VK_SAMPLE_COUNT_4_BIT, .framesInFlight = 2});
    OffscreenTarget target(*device, {64, 64}, 1);
    // Each frame waits on the semaphore the previous one signalled, like acquire/present would.
    for (int frame = 0; frame < 6; ++frame) {
      const View view = viewFrom({0.1f * frame, 0, 2}, kFov, 1.0f);
      FrameSync sync;
      sync.waitSemaphore = frame > 0 ? chain[(frame - 1) % 2] : VK_NULL_HANDLE;
      sync.signalSemaphore = frame < 5 ? chain[frame % 2] : VK_NULL_HANDLE;
      sync.fence = frame == 5 ? fence : VK_NULL_HANDLE;
      renderer.render(std::span(&view, 1), s.list, target.target(), sync);
    }
    CHECK(vkWaitForFences(d, 1, &fence, VK_TRUE, 5'000'000'000ull) == VK_SUCCESS);
    CHECK(countNotClear(target.readback(0), {204, 204, 204}) > 100);
  }
  vkDestroyFence(d, fence, nullptr);
  vkDestroySemaphore(d, chain[0], nullptr);
  vkDestroySemaphore(d, chain[1], nullptr);
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("procedural patterns: wood planks, window view and paper have structure") {
  auto device = makeDevice();
  Scene s;
  MeshData floor = quad(1.5f, 1.5f);
  const auto mesh = s.addMesh(floor);
  for (Pattern p : {Pattern::woodPlanks, Pattern::windowView, Pattern::paper, Pattern::plain}) {
    Material m = plainMaterial(p == Pattern::windowView ? glm::vec3(1.0f) : glm::vec3(0.7f, 0.6f, 0.5f));
    m.pattern = p;
    if (p == Pattern::windowView) m.emissive = 1.0f;
    s.addMaterial(m);
  }
  s.upload(*device);
  // Spread of the red channel over the centre of the image: patterns vary, plain does not.
  auto spread = [](const ImageRGBA8& img) {
    int lo = 255, hi = 0;
    for (std::uint32_t y = 16; y < 48; ++y)
      for (std::uint32_t x = 16; x < 48; ++x) {
        lo = std::min<int>(lo, img.at(x, y)[0]);
        hi = std::max<int>(hi, img.at(x, y)[0]);
      }
    return hi - lo;
  };
  s.list.lighting = flatWhite();
  int spreads[4]{};
  for (std::uint32_t material = 0; material < 4; ++material) {
    s.list.draws.clear();
    // Floor and paper lie flat (normal +Y) seen from above; the window stands upright.
    const glm::mat4 T = material == 1 ? glm::mat4(1.0f) : glm::rotate(glm::mat4(1.0f), -1.5707963f, glm::vec3(1, 0, 0));
    s.draw(mesh, material, T);
    // Paper is looked at from 8 cm so its 7 mm lines are several pixels apart.
    const glm::vec3 eye = material == 1 ? glm::vec3(0, 0, 1.0f) : glm::vec3(0, material == 2 ? 0.08f : 0.6f, 0.0f);
    View view = viewFrom(eye, kFov, 1.0f);
    if (material != 1)  // look straight down
      view.viewFromWorld = glm::inverse(translate(eye) * glm::rotate(glm::mat4(1.0f), -1.5707963f, glm::vec3(1, 0, 0)));
    Renderer renderer(
        *device,
        RendererConfig{.viewCount = 1, .extent = {64, 64}, .msaa = VK_SAMPLE_COUNT_4_BIT, .framesInFlight = 2});
    OffscreenTarget target(*device, {64, 64}, 1);
    renderer.render(std::span(&view, 1), s.list, target.target(), {});
    const ImageRGBA8 img = target.readback(0);
    maybeSave(img, "pattern" + std::to_string(material));
    spreads[material] = spread(img);
    if (material == 1) {
      CHECK(img.at(32, 5)[2] > img.at(32, 5)[0]);    // sky above: blue
      CHECK(img.at(32, 5)[2] > 120);                 // and bright
      CHECK(img.at(32, 60)[1] > img.at(32, 60)[2]);  // land below: green
    }
  }
  INFO("spreads " << spreads[0] << " " << spreads[1] << " " << spreads[2] << " " << spreads[3]);
  CHECK(spreads[0] > 15);
  CHECK(spreads[1] > 30);
  CHECK(spreads[2] > 10);
  CHECK(spreads[3] <= 2);
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("multiview with two identical views gives the mono picture in both layers") {
  auto device = makeDevice();
  Scene s;
  const auto mesh = s.addMesh(box(glm::vec3(0.4f)));
  s.addMaterial(plainMaterial({0.7f, 0.5f, 0.3f}));
  s.draw(mesh, 0, glm::rotate(glm::mat4(1.0f), 0.5f, glm::normalize(glm::vec3(1, 2, 0))));
  s.upload(*device);
  const ImageRGBA8 mono = renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_4_BIT);
  Renderer renderer(
      *device, RendererConfig{.viewCount = 2, .extent = {64, 64}, .msaa = VK_SAMPLE_COUNT_4_BIT, .framesInFlight = 2});
  OffscreenTarget target(*device, {64, 64}, 2);
  const View view = viewFrom({0, 0, 2}, kFov, 1.0f);
  const View views[2] = {view, view};
  renderer.render(views, s.list, target.target(), {});
  CHECK(target.readback(0).pixels == mono.pixels);
  CHECK(target.readback(1).pixels == mono.pixels);
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("misuse is reported with a message, not a crash or a validation error") {
  auto device = makeDevice();
  Scene s;
  const auto mesh = s.addMesh(quad(0.5f, 0.5f));
  s.addMaterial(plainMaterial({0.5f, 0.5f, 0.5f}));
  s.draw(mesh, 0);
  Renderer renderer(
      *device, RendererConfig{.viewCount = 1, .extent = {64, 64}, .msaa = VK_SAMPLE_COUNT_4_BIT, .framesInFlight = 2});
  OffscreenTarget target(*device, {64, 64}, 1);
  OffscreenTarget stereoTarget(*device, {64, 64}, 2);
  const View views[2] = {viewFrom({0, 0, 2}, kFov, 1.0f), viewFrom({0, 0, 2}, kFov, 1.0f)};
  s.list.geometry = &s.geometry;  // not uploaded yet
  CHECK_THROWS_WITH(renderer.render(std::span(views, 1), s.list, target.target(), {}), Catch::Contains("GpuGeometry"));
  s.upload(*device);
  CHECK_THROWS_WITH(renderer.render(views, s.list, target.target(), {}), Catch::Contains("2 views"));
  CHECK_THROWS_WITH(renderer.render(std::span(views, 1), s.list, stereoTarget.target(), {}),
                    Catch::Contains("2 layers"));
  s.list.draws[0].material = 7;
  CHECK_THROWS_WITH(renderer.render(std::span(views, 1), s.list, target.target(), {}), Catch::Contains("material 7"));
  s.list.draws[0].material = 0;
  renderer.render(std::span(views, 1), s.list, target.target(), {});  // still works after the errors
  CHECK(target.readback(0).at(32, 32)[0] != 204);
  CHECK_THROWS(Renderer(
      *device, RendererConfig{.viewCount = 3, .extent = {64, 64}, .msaa = VK_SAMPLE_COUNT_4_BIT, .framesInFlight = 2}));
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("frustum culling drops only what no view can see") {
  auto device = makeDevice();
  Scene s;
  const auto b = s.addMesh(box(glm::vec3(0.2f)));
  s.addMaterial(plainMaterial({0.8f, 0.8f, 0.8f}));
  s.list.clearColor = {0.0f, 0.0f, 0.0f};
  s.draw(b, 0, translate({0, 0, 5.0f}));    // behind the camera at z = 2
  s.draw(b, 0, translate({-30.0f, 0, 0}));  // far off to the left
  s.draw(b, 0, translate({1.35f, 0, 0}));   // mostly off the right edge, a sliver visible
  s.draw(b, 0, translate({0, 0, -60.0f}));  // beyond the far plane (50 m)
  s.upload(*device);
  FrameStats stats;
  const ImageRGBA8 img =
      renderOnce(*device, s.list, 64, VK_SAMPLE_COUNT_4_BIT, {0, 0, 2}, VK_FORMAT_R8G8B8A8_SRGB, &stats);
  CHECK(stats.culledDraws == 3);
  CHECK(stats.drawCalls == 1);
  CHECK(img.at(63, 32)[0] > 40);  // the sliver on the right edge is there

  // In stereo a draw is kept when either eye sees it: a box just outside the left eye's right edge.
  s.list.draws = {Draw{b, 0, translate({1.37f, 0, 0})}};
  Renderer renderer(
      *device, RendererConfig{.viewCount = 2, .extent = {64, 64}, .msaa = VK_SAMPLE_COUNT_4_BIT, .framesInFlight = 2});
  OffscreenTarget target(*device, {64, 64}, 2);
  const View views[2] = {viewFrom({-0.3f, 0, 2}, kFov, 1.0f), viewFrom({0.3f, 0, 2}, kFov, 1.0f)};
  stats = renderer.render(views, s.list, target.target(), {});
  CHECK(stats.drawCalls == 1);
  CHECK(countNotClear(target.readback(0), {0, 0, 0}) == 0);
  CHECK(countNotClear(target.readback(1), {0, 0, 0}) > 0);
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("a skinned draw bends where its two joints meet, as the same mesh skinned on the CPU") {
  // A bar along X: its left end follows joint 0, its right end joint 1, which turns 50 degrees about Z
  // at the middle; across the middle the vertices blend the two.
  MeshData bar = sphere(0.2f, 48, 24);
  for (Vertex& v : bar.vertices) {
    v.position.x *= 3.0f;
    v.normal = glm::normalize(glm::vec3(v.normal.x / 3.0f, v.normal.y, v.normal.z));
    v.joints[0] = 0;
    v.joints[1] = 1;
    v.weight = glm::smoothstep(-0.15f, 0.15f, v.position.x);
  }
  const glm::mat4 bent = glm::rotate(glm::mat4(1.0f), glm::radians(50.0f), glm::vec3(0, 0, 1));
  // The draw's joints sit past the buffer's first 256 (it must grow), among decoys that would show.
  constexpr std::int32_t kFirst = 300;
  std::vector<glm::mat4> joints(kFirst + 2, translate({0, 40.0f, 0}));
  joints[kFirst] = glm::mat4(1.0f);
  joints[kFirst + 1] = bent;

  MeshData onCpu = bar;  // the same blend, done here: what the shader must give
  for (Vertex& v : onCpu.vertices) {
    const glm::mat4 m = joints[kFirst] * (1.0f - v.weight) + joints[kFirst + 1] * v.weight;
    v.position = glm::vec3(m * glm::vec4(v.position, 1.0f));
    v.normal = glm::normalize(glm::mat3(m) * v.normal);
  }

  auto device = makeDevice();
  Scene s;
  const auto skinnedMesh = s.addMesh(bar), cpuMesh = s.addMesh(onCpu);
  s.addMaterial(plainMaterial({0.8f, 0.5f, 0.3f}));
  s.list.clearColor = {0.0f, 0.0f, 0.0f};
  s.list.joints = joints;
  s.upload(*device);
  const auto picture = [&](std::uint32_t mesh, std::int32_t firstJoint) {
    s.list.draws = {Draw{mesh, 0, glm::mat4(1.0f), firstJoint}};
    return renderOnce(*device, s.list, 96, VK_SAMPLE_COUNT_1_BIT, {0, 0, 1.6f});
  };
  const ImageRGBA8 skinned = picture(skinnedMesh, kFirst), cpu = picture(cpuMesh, -1),
                   straight = picture(skinnedMesh, -1);
  maybeSave(skinned, "skinned_bar");
  maybeSave(straight, "straight_bar");
  const auto differing = [](const ImageRGBA8& a, const ImageRGBA8& b) {
    int n = 0;
    for (std::uint32_t y = 0; y < a.height; ++y)
      for (std::uint32_t x = 0; x < a.width; ++x)
        if (!near(a.at(x, y), b.at(x, y)[0], b.at(x, y)[1], b.at(x, y)[2], 6)) ++n;
    return n;
  };
  CHECK(differing(skinned, cpu) < 20);             // the shader blends as the CPU does (edge pixels may round apart)
  CHECK(differing(skinned, straight) > 400);       // and it does bend: the right half is up, not level
  CHECK(countNotClear(skinned, {0, 0, 0}) > 800);  // all of it is there: no vertex took a decoy joint
  CHECK(skinned.at(66, 28)[0] > 40);               // the right end raised (image y down): up and to the right …
  CHECK(straight.at(66, 28)[0] < 10);              // … where the straight bar is not
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("a skinned draw whose joints are not all in the list is refused with a message") {
  auto device = makeDevice();
  Scene s;
  MeshData m = box(glm::vec3(0.2f));
  for (Vertex& v : m.vertices) v.joints[1] = 3;  // needs four joints
  const auto mesh = s.addMesh(m);
  s.addMaterial(plainMaterial({0.8f, 0.8f, 0.8f}));
  s.list.joints.assign(5, glm::mat4(1.0f));
  s.list.draws = {Draw{mesh, 0, glm::mat4(1.0f), 2}};
  s.upload(*device);
  CHECK_THROWS_WITH(renderOnce(*device, s.list, 32, VK_SAMPLE_COUNT_1_BIT), Catch::Contains("joints 2..6 of 5"));
  s.list.draws[0].firstJoint = 1;
  CHECK(countNotClear(renderOnce(*device, s.list, 32, VK_SAMPLE_COUNT_1_BIT), {204, 204, 204}) > 20);
  CHECK(device->validationErrorCount() == 0);
}

namespace {

// A colour image like an XR swapchain's: a 2D array the backend keeps in COLOR_ATTACHMENT_OPTIMAL.
struct SwapchainLikeImage {
  const Device& device;
  Image owned;
  VkImage image = owned.handle();

  SwapchainLikeImage(const Device& d, VkFormat format, VkExtent2D extent, std::uint32_t layers)
      : device(d),
        owned(d, {.format = format,
                  .extent = extent,
                  .layers = layers,
                  .usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                           VK_IMAGE_USAGE_TRANSFER_SRC_BIT}) {}
  ~SwapchainLikeImage() { vkQueueWaitIdle(device.queue()); }
  void toLayout(VkImageLayout layout, std::uint32_t layers) {
    device.runOneShot([&](VkCommandBuffer cmd) {
      imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, layers, VK_IMAGE_LAYOUT_UNDEFINED, layout,
                   VK_PIPELINE_STAGE_2_NONE, VK_ACCESS_2_NONE, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                   VK_ACCESS_2_MEMORY_READ_BIT | VK_ACCESS_2_MEMORY_WRITE_BIT);
    });
  }
};

}  // namespace

TEST_CASE("XR-like targets: a 2-layer image kept in COLOR_ATTACHMENT_OPTIMAL, and one left in GENERAL") {
  auto device = makeDevice();
  Scene s;
  const auto mesh = s.addMesh(box(glm::vec3(0.3f)));
  s.addMaterial(plainMaterial({0.6f, 0.7f, 0.8f}));
  s.draw(mesh, 0, glm::rotate(glm::mat4(1.0f), 0.7f, glm::vec3(0, 1, 0)));
  s.upload(*device);
  const View views[2] = {viewFrom({-0.032f, 0, 1.5f}, kFov, 1.0f), viewFrom({0.032f, 0, 1.5f}, kFov, 1.0f)};
  Renderer renderer(
      *device, RendererConfig{.viewCount = 2, .extent = {64, 64}, .msaa = VK_SAMPLE_COUNT_4_BIT, .framesInFlight = 2});

  OffscreenTarget reference(*device, {64, 64}, 2);
  renderer.render(views, s.list, reference.target(), {});

  SwapchainLikeImage xr(*device, VK_FORMAT_R8G8B8A8_SRGB, {64, 64}, 2);
  xr.toLayout(VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, 2);
  RenderTarget target;
  target.image = xr.image;
  target.format = VK_FORMAT_R8G8B8A8_SRGB;
  target.extent = {64, 64};
  target.layers = 2;
  target.initialLayout = target.finalLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  for (int frame = 0; frame < 3; ++frame) renderer.render(views, s.list, target, {});
  for (std::uint32_t layer = 0; layer < 2; ++layer) {
    const ImageRGBA8 img =
        readbackImage(*device, xr.image, target.format, target.extent, layer, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
    CHECK(img.pixels == reference.readback(layer).pixels);
  }

  SwapchainLikeImage general(*device, VK_FORMAT_B8G8R8A8_SRGB, {64, 64}, 2);
  target.image = general.image;
  target.format = VK_FORMAT_B8G8R8A8_SRGB;
  target.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  target.finalLayout = VK_IMAGE_LAYOUT_GENERAL;
  renderer.render(views, s.list, target, {});
  CHECK(readbackImage(*device, general.image, target.format, target.extent, 1, VK_IMAGE_LAYOUT_GENERAL).pixels ==
        reference.readback(1).pixels);
  CHECK(device->validationErrorCount() == 0);
}
