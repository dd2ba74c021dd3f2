// SPDX-License-Identifier: GPL-3.0-or-later
// Overlays drawn on lavapipe with the validation layer on, over a cleared target or a gfx::Renderer
// frame, and read back: dark caption backing with bright text at the bottom centre, æøå visible,
// sizes growing, dimmed unavailable cards, the pause veil, and stereo parallax in world space.
#include <catch2/catch.hpp>
#include <overum/core/check.h>
#include <overum/gfx/draw_list.h>
#include <overum/gfx/offscreen_target.h>
#include <overum/gfx/readback.h>
#include <overum/gfx/renderer.h>
#include <overum/ui/overlay_renderer.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "gpu_clear.h"

using namespace overum;
using namespace overum::ui;

namespace {

constexpr VkExtent2D kExtent{1280, 720};
constexpr VkFormat kFormat = VK_FORMAT_R8G8B8A8_SRGB;

std::unique_ptr<gfx::Device> makeDevice() {
  return std::make_unique<gfx::Device>(gfx::DeviceConfig{.validation = true, .hooks = {}});
}

// OffscreenTarget allows transfers only, so the overlay goes through its scratch image.
OverlayRendererConfig offscreenConfig() {
  OverlayRendererConfig c;
  c.drawDirectly = false;
  return c;
}

// Writes the image when OVERUM_TEST_IMAGES names a folder: handy when a test fails.
void maybeSave(const gfx::ImageRGBA8& image, const std::string& name) {
  if (const char* dir = std::getenv("OVERUM_TEST_IMAGES")) gfx::writePng(std::string(dir) + "/" + name + ".png", image);
}

float srgbToLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

// Clears every layer to an sRGB grey and leaves the image in the target's final layout
// (TRANSFER_SRC_OPTIMAL), as gfx::Renderer would. A UNORM image holds sRGB bytes as they are.
void clear(gfx::Device& device, VkImage image, std::uint32_t layers, int srgbGrey, bool srgbFormat = true) {
  // An SRGB image encodes the linear value it is given; a UNORM one stores it as it is.
  const float v = srgbFormat ? srgbToLinear(float(srgbGrey) / 255.0f) : float(srgbGrey) / 255.0f;
  testing::clearImage(device, image, layers, VkClearColorValue{{v, v, v, 1.0f}}, VK_IMAGE_LAYOUT_UNDEFINED,
                      VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
}

struct Fixture {
  std::unique_ptr<gfx::Device> device = makeDevice();
  gfx::OffscreenTarget target{*device, kExtent, 1, kFormat};
  OverlayRenderer overlay{*device, kFormat, 1, offscreenConfig()};
  gfx::View view;

  gfx::ImageRGBA8 draw(const OverlayContent& content, int grey = 110) {
    clear(*device, target.image(), 1, grey);
    overlay.render(std::span(&view, 1), content, target.target(), {});
    return target.readback();
  }
  ~Fixture() { CHECK(device->validationErrorCount() == 0); }
};

int luminance(const std::uint8_t* p) { return (2 * p[0] + 5 * p[1] + p[2]) / 8; }

struct Rect {
  int x0, y0, x1, y1;
};

// A panel's pixel rectangle (screen placement).
Rect pixels(const Panel& p, VkExtent2D extent) {
  const glm::vec4 a = p.T_out_panel * glm::vec4(0, 0, 0, 1), b = p.T_out_panel * glm::vec4(p.size, 0, 1);
  return {int(std::lround((a.x + 1) * 0.5f * extent.width)), int(std::lround((a.y + 1) * 0.5f * extent.height)),
          int(std::lround((b.x + 1) * 0.5f * extent.width)), int(std::lround((b.y + 1) * 0.5f * extent.height))};
}

template <typename F>
int count(const gfx::ImageRGBA8& img, Rect r, F&& predicate) {
  int n = 0;
  for (int y = std::max(r.y0, 0); y < std::min(r.y1, int(img.height)); ++y)
    for (int x = std::max(r.x0, 0); x < std::min(r.x1, int(img.width)); ++x) n += predicate(img.at(x, y)) ? 1 : 0;
  return n;
}

bool bright(const std::uint8_t* p) { return p[0] > 225 && p[1] > 225 && p[2] > 225; }
bool differs(const std::uint8_t* p, int grey) {
  return std::abs(p[0] - grey) > 6 || std::abs(p[1] - grey) > 6 || std::abs(p[2] - grey) > 6;
}

Caption caption(std::string text, CaptionSize size = CaptionSize::medium) {
  return Caption{true, "Mette (sagsbehandler)", std::move(text), size};
}

}  // namespace

TEST_CASE("caption: dark backing at the bottom centre with bright text, nothing else touched", "[ui][render]") {
  Fixture f;
  OverlayContent content;
  content.caption = caption("Velkommen. Vi skal tale om dit forløb og om, hvad der er vigtigt for dig.");
  const gfx::ImageRGBA8 img = f.draw(content);
  maybeSave(img, "ui_caption");

  const Panel* panel = f.overlay.lastMesh().find(PanelKind::caption);
  REQUIRE(panel != nullptr);
  const Rect r = pixels(*panel, kExtent);
  CHECK(std::abs((r.x0 + r.x1) / 2 - 640) <= 1);
  CHECK(r.y1 > 650);
  // Bottom centre, inside the backing's padding: dark.
  const std::uint8_t* p = img.at(640, std::uint32_t(r.y1 - 4));
  CHECK(luminance(p) < 40);
  // Mostly dark inside, with plenty of white text pixels.
  const int area = (r.x1 - r.x0) * (r.y1 - r.y0);
  CHECK(count(img, r, [](const std::uint8_t* q) { return luminance(q) < 40; }) > area / 2);
  CHECK(count(img, r, bright) > 800);
  // Outside the overlay the frame is untouched.
  CHECK(count(img, {0, 0, 1280, 300}, [](const std::uint8_t* q) { return differs(q, 110); }) == 0);
  CHECK(luminance(img.at(10, 710)) == Approx(110).margin(2));
}

TEST_CASE("æ ø å render as themselves, not as a o a", "[ui][render]") {
  Fixture f;
  OverlayContent content;
  content.caption = Caption{true, "", "æøå ÆØÅ", CaptionSize::large};
  const gfx::ImageRGBA8 danish = f.draw(content);
  CHECK(f.overlay.lastMesh().fallbackGlyphs == 0);
  content.caption.text = "aoa AOA";
  const gfx::ImageRGBA8 plain = f.draw(content);
  maybeSave(danish, "ui_aeoeaa");
  int differing = 0;
  for (std::size_t i = 0; i < danish.pixels.size(); i += 4)
    differing += std::abs(int(danish.pixels[i]) - int(plain.pixels[i])) > 40 ? 1 : 0;
  CHECK(differing > 150);
  CHECK(count(danish, {0, 500, 1280, 720}, bright) > 300);
}

TEST_CASE("the three caption sizes grow on screen", "[ui][render]") {
  Fixture f;
  OverlayContent content;
  int last = 0, lastText = 0;
  for (CaptionSize size : {CaptionSize::small, CaptionSize::medium, CaptionSize::large}) {
    content.caption = caption("Hvad tænker du om det?", size);
    const gfx::ImageRGBA8 img = f.draw(content);
    const int covered = count(img, {0, 0, 1280, 720}, [](const std::uint8_t* q) { return differs(q, 110); });
    const int text = count(img, {0, 0, 1280, 720}, bright);
    CHECK(covered > last);
    CHECK(text > lastText);
    last = covered, lastText = text;
  }
}

TEST_CASE("option cards: numbered, the unavailable one dimmer, the highlighted one outlined", "[ui][render]") {
  Fixture f;
  OverlayContent content;
  content.options.cards = {{"Jeg vil gerne fortælle om mig selv.", true},
                           {"Jeg vil gerne have min bisidder med.", false},
                           {"Kan du sige det med andre ord?", true}};
  content.options.highlighted = 2;
  const gfx::ImageRGBA8 img = f.draw(content, 60);
  maybeSave(img, "ui_options");
  const OverlayMesh& mesh = f.overlay.lastMesh();
  REQUIRE(mesh.find(PanelKind::option, 2) != nullptr);
  const Rect available = pixels(*mesh.find(PanelKind::option, 0), kExtent);
  const Rect unavailable = pixels(*mesh.find(PanelKind::option, 1), kExtent);
  const Rect highlighted = pixels(*mesh.find(PanelKind::option, 2), kExtent);
  CHECK(available.x1 <= unavailable.x0);
  CHECK(unavailable.x1 <= highlighted.x0);
  CHECK(available.y1 > 600);  // no caption: the cards sit at the bottom

  // How bright the card's text and badge are: the 97th percentile of luminance.
  auto textLuminance = [&](Rect r) {
    std::vector<int> l;
    for (int y = r.y0; y < r.y1; ++y)
      for (int x = r.x0; x < r.x1; ++x) l.push_back(luminance(img.at(x, y)));
    std::sort(l.begin(), l.end());
    return l[l.size() * 97 / 100];
  };
  CHECK(count(img, available, bright) > 200);
  CHECK(count(img, unavailable, bright) == 0);  // dimmed text, grey badge
  CHECK(textLuminance(unavailable) + 50 < textLuminance(available));
  // The outline is a warm yellow just outside the highlighted card.
  const std::uint8_t* edge =
      img.at(std::uint32_t((highlighted.x0 + highlighted.x1) / 2), std::uint32_t(highlighted.y0 - 2));
  CHECK(edge[0] > 200);
  CHECK(edge[2] < 120);
}

TEST_CASE("microphone indicator: red while open, a different colour when voice is heard", "[ui][render]") {
  Fixture f;
  OverlayContent content;
  content.microphone = {true, false};
  auto reddish = [](const std::uint8_t* p) { return p[0] > 180 && p[1] < 110; };
  auto greenish = [](const std::uint8_t* p) { return p[1] > 170 && p[0] < 120; };
  gfx::ImageRGBA8 img = f.draw(content);
  const Rect corner{0, 600, 400, 720};  // bottom left, in the band below the faces
  CHECK(count(img, corner, reddish) > 100);
  CHECK(count(img, corner, greenish) == 0);
  content.microphone.voiceDetected = true;
  img = f.draw(content);
  CHECK(count(img, corner, greenish) > 100);
  CHECK(count(img, corner, reddish) == 0);
  content.microphone.open = false;
  img = f.draw(content);
  CHECK(count(img, {0, 0, 1280, 720}, [](const std::uint8_t* q) { return differs(q, 110); }) == 0);
}

TEST_CASE("the statement cue card and the færdig hint show on screen", "[ui][render]") {
  Fixture f;
  OverlayContent content;
  content.statement = {true, "Jeg hedder Ali og er 34 år.", "blive hørt.", "at finde et arbejde.",
                       "få en god hverdag."};
  content.done = {true, "Enter"};
  const gfx::ImageRGBA8 img = f.draw(content);
  maybeSave(img, "ui_statement");
  const OverlayMesh& mesh = f.overlay.lastMesh();
  CHECK(mesh.fallbackGlyphs == 0);
  const Rect card = pixels(*mesh.find(PanelKind::statement), kExtent);
  CHECK(card.y1 > 360);  // in the lower half, where no face is
  // A light paper card with dark ink.
  CHECK(count(img, card, [](const std::uint8_t* q) { return luminance(q) > 230; }) >
        (card.x1 - card.x0) * (card.y1 - card.y0) / 2);
  CHECK(count(img, card, [](const std::uint8_t* q) { return luminance(q) < 60; }) > 500);
  const Rect done = pixels(*mesh.find(PanelKind::done), kExtent);
  CHECK(count(img, done, bright) > 50);

  // Presenting part by part (→): a warm marker beside the part being presented, none before.
  auto warm = [](const std::uint8_t* q) { return q[0] > 200 && q[1] > 130 && q[1] < 190 && q[2] < 90; };
  CHECK(count(img, card, warm) == 0);
  content.statement.current = 2;
  const gfx::ImageRGBA8 marked = f.draw(content);
  maybeSave(marked, "ui_statement_part");
  CHECK(count(marked, card, warm) > 40);
}

TEST_CASE("the pause screen darkens the whole image and says how to go on", "[ui][render]") {
  Fixture f;
  OverlayContent content;
  content.caption = caption("Denne tekst skal ikke ses under pausen.");
  content.paused = true;
  const gfx::ImageRGBA8 img = f.draw(content, 200);
  maybeSave(img, "ui_pause");
  const int all = int(kExtent.width * kExtent.height);
  CHECK(count(img, {0, 0, 1280, 720}, [](const std::uint8_t* q) { return luminance(q) < 120; }) > all * 95 / 100);
  for (auto [x, y] : {std::pair{0u, 0u}, {1279u, 0u}, {0u, 719u}, {1279u, 719u}}) CHECK(luminance(img.at(x, y)) < 90);
  // Words in the middle, lighter than the veil.
  CHECK(count(img, {340, 260, 940, 460}, [](const std::uint8_t* q) { return luminance(q) > 150; }) > 300);
  CHECK(f.overlay.lastMesh().find(PanelKind::caption) == nullptr);

  content.language = Language::en;
  f.draw(content, 200);
  CHECK(f.overlay.lastMesh().find(PanelKind::pause) != nullptr);
}

TEST_CASE("drawn directly over a gfx::Renderer frame in a colour-attachment target", "[ui][render]") {
  auto device = makeDevice();
  // A target like the swapchains' (COLOR_ATTACHMENT usage), plus TRANSFER_SRC to read it back.
  VkImageCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = kFormat;
  info.extent = {640, 360, 1};
  info.mipLevels = 1;
  info.arrayLayers = 1;
  info.samples = VK_SAMPLE_COUNT_1_BIT;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  VkImage image = VK_NULL_HANDLE;
  REQUIRE(vkCreateImage(device->device(), &info, nullptr, &image) == VK_SUCCESS);
  VkMemoryRequirements req{};
  vkGetImageMemoryRequirements(device->device(), image, &req);
  VkMemoryAllocateInfo alloc{};
  alloc.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = device->memoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  VkDeviceMemory memory = VK_NULL_HANDLE;
  REQUIRE(vkAllocateMemory(device->device(), &alloc, nullptr, &memory) == VK_SUCCESS);
  REQUIRE(vkBindImageMemory(device->device(), image, memory, 0) == VK_SUCCESS);
  {
    gfx::RenderTarget target;
    target.image = image;
    target.format = kFormat;
    target.extent = {640, 360};
    target.layers = 1;
    target.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    target.finalLayout = VK_IMAGE_LAYOUT_GENERAL;

    gfx::Renderer renderer(*device, gfx::RendererConfig{1, {640, 360}, VK_SAMPLE_COUNT_1_BIT, 2});
    OverlayRenderer overlay(*device, kFormat, 1);  // draws directly
    gfx::DrawList scene;
    scene.clearColor = glm::vec3(0.5f, 0.6f, 0.7f);
    gfx::View view;
    OverlayContent content;
    content.caption = caption("Tak fordi du kom.");
    for (int frame = 0; frame < 3; ++frame) {  // frames in flight rotate
      renderer.render(std::span(&view, 1), scene, target, {});
      overlay.render(std::span(&view, 1), content, target, {});
    }
    const gfx::ImageRGBA8 img = gfx::readbackImage(*device, image, kFormat, {640, 360}, 0, VK_IMAGE_LAYOUT_GENERAL);
    maybeSave(img, "ui_direct");
    // Scene colour at the top, caption at the bottom.
    CHECK(std::abs(int(img.at(320, 20)[2]) - int(std::lround(0.7 * 255))) <= 3);
    const Rect r = pixels(*overlay.lastMesh().find(PanelKind::caption), {640, 360});
    CHECK(luminance(img.at(320, std::uint32_t(r.y1 - 3))) < 40);
    CHECK(count(img, r, bright) > 100);
    overlay.waitIdle();
    renderer.waitIdle();
  }
  vkDestroyImage(device->device(), image, nullptr);
  vkFreeMemory(device->device(), memory, nullptr);
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("world space, stereo: the caption is in both eyes, shifted by parallax", "[ui][render][world]") {
  auto device = makeDevice();
  const VkExtent2D extent{640, 640};
  gfx::OffscreenTarget target(*device, extent, 2, kFormat);
  OverlayRenderer overlay(*device, kFormat, 2, offscreenConfig());

  const Pose head = seatedHeadPose({0.0f, 1.2f, 0.0f}, 0.0f, 0.0f);
  const float ipd = 0.064f;
  gfx::View views[2];
  const glm::mat4 projection = projectionFromFov(symmetricFov(glm::radians(90.0f), 1.0f), 0.05f, 100.0f);
  for (int e = 0; e < 2; ++e) {
    const Pose T_world_eye = head * Pose{glm::quat(1, 0, 0, 0), glm::vec3(e == 0 ? -0.5f * ipd : 0.5f * ipd, 0, 0)};
    views[e].viewFromWorld = T_world_eye.inverse().matrix();
    views[e].projection = projection;
  }
  OverlayContent content;
  content.placement = Placement::world;
  content.caption = caption("Hvordan har du haft det siden sidst?");

  clear(*device, target.image(), 2, 110);
  overlay.render(views, content, target.target(), {});
  const gfx::ImageRGBA8 left = target.readback(0), right = target.readback(1);
  maybeSave(left, "ui_world_left");
  maybeSave(right, "ui_world_right");

  auto centroidX = [&](const gfx::ImageRGBA8& img, int& n) {
    double sum = 0.0;
    n = 0;
    for (std::uint32_t y = 0; y < img.height; ++y)
      for (std::uint32_t x = 0; x < img.width; ++x)
        if (differs(img.at(x, y), 110)) sum += x + 0.5, ++n;
    return n > 0 ? sum / n : -1.0;
  };
  int nLeft = 0, nRight = 0;
  const double cxLeft = centroidX(left, nLeft), cxRight = centroidX(right, nRight);
  CHECK(nLeft > 2000);
  CHECK(nRight == Approx(nLeft).epsilon(0.1));
  // Below the centre of the view (15° down) and bright text in each eye.
  CHECK(count(left, {0, 330, 640, 640}, bright) > 40);
  CHECK(count(right, {0, 330, 640, 640}, bright) > 40);
  CHECK(count(left, {0, 0, 640, 300}, [](const std::uint8_t* q) { return differs(q, 110); }) == 0);
  // Parallax: the left eye sees it further right. Expected shift: focal length * ipd / depth.
  const double focal = 0.5 * extent.width / std::tan(glm::radians(45.0));
  const double depth = 1.6 * std::cos(glm::radians(15.0));
  const double expected = focal * ipd / depth;
  CHECK(cxLeft - cxRight == Approx(expected).epsilon(0.2));

  // Options, cue card, microphone and pause in the world also draw cleanly.
  content.options.cards = {{"Ja", true}, {"Nej", false}, {"Måske", true}};
  content.statement = {true, "Ali", "blive hørt", "et arbejde", "klare mig selv"};
  content.microphone = {true, true};
  content.anchors.T_world_cardOnTable = Pose{glm::quat(1, 0, 0, 0), glm::vec3(-0.15f, 0.75f, -0.4f)};
  clear(*device, target.image(), 2, 110);
  overlay.render(views, content, target.target(), {});
  const gfx::ImageRGBA8 all = target.readback(0);
  maybeSave(all, "ui_world_all");
  CHECK(count(all, {0, 0, 640, 640}, bright) > nLeft / 20);
  CHECK(overlay.lastMesh().find(PanelKind::statement) != nullptr);
  content.paused = true;
  clear(*device, target.image(), 2, 200);
  overlay.render(views, content, target.target(), {});
  for (std::uint32_t layer = 0; layer < 2; ++layer) {
    const gfx::ImageRGBA8 img = target.readback(layer);
    CHECK(count(img, {0, 0, 640, 640}, [](const std::uint8_t* q) { return luminance(q) < 120; }) > 640 * 640 * 9 / 10);
  }
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("UNORM BGRA targets get the same sRGB bytes, a fence and semaphores are honoured", "[ui][render]") {
  auto device = makeDevice();
  const VkExtent2D extent{640, 360};
  OverlayContent content;
  content.caption = caption("Det lyder godt.");
  gfx::View view;

  gfx::OffscreenTarget srgb(*device, extent, 1, VK_FORMAT_R8G8B8A8_SRGB);
  OverlayRenderer srgbOverlay(*device, VK_FORMAT_R8G8B8A8_SRGB, 1, offscreenConfig());
  clear(*device, srgb.image(), 1, 110);
  srgbOverlay.render(std::span(&view, 1), content, srgb.target(), {});
  const gfx::ImageRGBA8 a = srgb.readback();

  gfx::OffscreenTarget unorm(*device, extent, 1, VK_FORMAT_B8G8R8A8_UNORM);
  OverlayRenderer unormOverlay(*device, VK_FORMAT_B8G8R8A8_UNORM, 1, offscreenConfig());
  clear(*device, unorm.image(), 1, 110, false);

  // Signal a semaphore and a fence from the first frame, wait on the semaphore in the second.
  VkSemaphoreCreateInfo semInfo{};
  semInfo.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
  VkSemaphore semaphore = VK_NULL_HANDLE;
  REQUIRE(vkCreateSemaphore(device->device(), &semInfo, nullptr, &semaphore) == VK_SUCCESS);
  VkFenceCreateInfo fenceInfo{};
  fenceInfo.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
  VkFence fence = VK_NULL_HANDLE;
  REQUIRE(vkCreateFence(device->device(), &fenceInfo, nullptr, &fence) == VK_SUCCESS);
  unormOverlay.render(std::span(&view, 1), content, unorm.target(), {VK_NULL_HANDLE, semaphore, fence});
  CHECK(vkWaitForFences(device->device(), 1, &fence, VK_TRUE, 5'000'000'000ull) == VK_SUCCESS);
  clear(*device, unorm.image(), 1, 110, false);
  unormOverlay.render(std::span(&view, 1), content, unorm.target(), {semaphore, VK_NULL_HANDLE, VK_NULL_HANDLE});
  const gfx::ImageRGBA8 b = unorm.readback();
  unormOverlay.waitIdle();
  vkDestroyFence(device->device(), fence, nullptr);
  vkDestroySemaphore(device->device(), semaphore, nullptr);

  // Same picture where the overlay covers the frame: backing and text bytes agree within blending
  // differences (UNORM blends sRGB values, SRGB blends linear light).
  const Rect r = pixels(*srgbOverlay.lastMesh().find(PanelKind::caption), extent);
  CHECK(luminance(b.at(320, std::uint32_t(r.y1 - 3))) < 40);
  CHECK(std::abs(luminance(a.at(320, std::uint32_t(r.y1 - 3))) - luminance(b.at(320, std::uint32_t(r.y1 - 3)))) < 20);
  CHECK(count(b, r, bright) > 0.6 * count(a, r, bright));
  CHECK(count(b, r, bright) < 1.4 * count(a, r, bright));
  CHECK(luminance(b.at(10, 10)) == Approx(110).margin(2));
  CHECK(device->validationErrorCount() == 0);
}

TEST_CASE("a very long caption grows the vertex buffers, frames keep rotating", "[ui][render]") {
  Fixture f;
  OverlayContent content;
  std::string text;
  for (int i = 0; i < 260; ++i) text += "Sætning nummer " + std::to_string(i) + " er her. ";
  content.caption = caption(text, CaptionSize::small);
  for (int frame = 0; frame < 4; ++frame) {
    content.caption.text = frame % 2 == 0 ? text : "Kort.";
    const gfx::ImageRGBA8 img = f.draw(content);
    CHECK(count(img, {0, 0, 1280, 720}, bright) > 0);
  }
  content.caption.text = text;
  f.draw(content);
  CHECK(f.overlay.lastStats().quads > 4096);
}

TEST_CASE("nothing to show still submits and signals, wrong views or formats are refused", "[ui][render]") {
  Fixture f;
  VkFenceCreateInfo fenceInfo{};
  fenceInfo.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
  VkFence fence = VK_NULL_HANDLE;
  REQUIRE(vkCreateFence(f.device->device(), &fenceInfo, nullptr, &fence) == VK_SUCCESS);
  clear(*f.device, f.target.image(), 1, 110);
  f.overlay.render(std::span(&f.view, 1), OverlayContent{}, f.target.target(), {VK_NULL_HANDLE, VK_NULL_HANDLE, fence});
  CHECK(vkWaitForFences(f.device->device(), 1, &fence, VK_TRUE, 5'000'000'000ull) == VK_SUCCESS);
  vkDestroyFence(f.device->device(), fence, nullptr);
  CHECK(f.overlay.lastStats().quads == 0);
  CHECK(count(f.target.readback(), {0, 0, 1280, 720}, [](const std::uint8_t* q) { return differs(q, 110); }) == 0);

  gfx::View two[2];
  CHECK_THROWS_AS(f.overlay.render(two, OverlayContent{}, f.target.target(), {}), Error);
  gfx::RenderTarget wrongFormat = f.target.target();
  wrongFormat.format = VK_FORMAT_B8G8R8A8_UNORM;
  CHECK_THROWS_AS(f.overlay.render(std::span(&f.view, 1), OverlayContent{}, wrongFormat, {}), Error);
  CHECK_THROWS_AS(OverlayRenderer(*f.device, kFormat, 3), Error);
}

TEST_CASE("a how-do-you-feel question: the calm screen, every number legible, the marked one outlined",
          "[ui][render]") {
  Fixture f;
  OverlayContent content;
  content.caption = caption("Hej, og velkommen.");  // the question takes the screen alone
  content.question.visible = true;
  content.question.text = "Hvor urolig er du lige nu?";
  content.question.lowWords = "helt rolig";
  content.question.highWords = "meget urolig";
  content.question.marked = 4;
  const gfx::ImageRGBA8 img = f.draw(content, 200);  // a light room behind it
  maybeSave(img, "ui_question");
  const OverlayMesh& mesh = f.overlay.lastMesh();
  CHECK(mesh.find(PanelKind::caption) == nullptr);
  // The veil darkens the room everywhere outside the question.
  CHECK(luminance(img.at(10, 10)) < 130);
  const Rect words = pixels(*mesh.find(PanelKind::question), kExtent);
  CHECK(count(img, words, bright) > 300);  // the question itself, bright on its dark backing
  for (int v = 0; v <= 10; ++v) {
    INFO("value " << v);
    const Rect cell = pixels(*mesh.find(PanelKind::scaleValue, v), kExtent);
    CHECK(count(img, cell, bright) > 20);  // its number
  }
  // The marked value's outline is the warm yellow of the option cards.
  const Rect marked = pixels(*mesh.find(PanelKind::scaleValue, 4), kExtent);
  const std::uint8_t* edge = img.at(std::uint32_t((marked.x0 + marked.x1) / 2), std::uint32_t(marked.y0 - 2));
  CHECK(edge[0] > 200);
  CHECK(edge[2] < 120);
  const Rect unmarked = pixels(*mesh.find(PanelKind::scaleValue, 6), kExtent);
  const std::uint8_t* plain = img.at(std::uint32_t((unmarked.x0 + unmarked.x1) / 2), std::uint32_t(unmarked.y0 - 2));
  CHECK(plain[0] < 120);
}
