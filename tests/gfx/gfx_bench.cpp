// SPDX-License-Identifier: GPL-3.0-or-later
// gfx benchmark: a synthetic meeting-room-like scene (~200 draws, ~100k triangles) rendered offscreen
// at 1280x720 mono and 2x1440x1584 stereo multiview; prints medians of renderer CPU time per frame,
// frame time / fps and the counters. `gfx_bench --png DIR` also writes one frame of each for a look;
// --msaa 1 shows what multisampling costs on the (software) device.
#include "bench_stats.h"
#include <overum/core/clock.h>
#include <overum/gfx/draw_list.h>
#include <overum/gfx/offscreen_target.h>
#include <overum/gfx/renderer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "test_scenes.h"

using overum::testing::median;
using overum::testing::percentile;

using namespace overum::gfx;
using namespace overum::gfx::test;

namespace {

struct BenchScene {
  GpuGeometry geometry;
  DrawList list;
  std::uint32_t material(glm::vec3 srgb, Pattern pattern = Pattern::plain, float opacity = 1.0f,
                         float emissive = 0.0f) {
    Material m;
    m.baseColor = srgb;
    m.pattern = pattern;
    m.opacity = opacity;
    m.emissive = emissive;
    m.roughness = opacity < 1.0f ? 0.1f : 0.7f;
    list.materials.push_back(m);
    return std::uint32_t(list.materials.size() - 1);
  }
  void draw(std::uint32_t mesh, std::uint32_t material, const glm::mat4& T) {
    list.draws.push_back({mesh, material, T});
  }
};

glm::mat4 at(glm::vec3 p, glm::vec3 scale = glm::vec3(1.0f)) { return glm::scale(translate(p), scale); }

MeshData tinted(MeshData m, glm::vec3 color) {
  for (Vertex& v : m.vertices) v.color = color;
  return m;
}

// Room 5.2 x 4.8 x 2.7 m, viewer at the table's near side looking down -Z (like engine/scene's room).
void buildRoom(BenchScene& s) {
  const auto unitBox = s.geometry.add(box(glm::vec3(0.5f)));
  const auto unitQuad = s.geometry.add(quad(0.5f, 0.5f));
  const auto head = s.geometry.add(sphere(0.11f, 64, 32));
  const auto torso = s.geometry.add(tinted(sphere(0.2f, 64, 32), {0.35f, 0.42f, 0.6f}));
  const auto arm = s.geometry.add(tinted(sphere(0.06f, 24, 12), {0.35f, 0.42f, 0.6f}));
  const auto mug = s.geometry.add(sphere(0.045f, 48, 24));
  const auto glassBall = s.geometry.add(sphere(0.04f, 32, 16));
  const auto jug = s.geometry.add(sphere(0.09f, 64, 32));
  const auto leaf = s.geometry.add(sphere(0.06f, 16, 8));

  const auto wood = s.material({0.66f, 0.50f, 0.35f}, Pattern::woodPlanks);
  const auto wall = s.material({0.91f, 0.89f, 0.85f});
  const auto ceiling = s.material({0.95f, 0.95f, 0.94f});
  const auto pane = s.material({0.85f, 0.9f, 0.95f}, Pattern::windowView, 1.0f, 1.0f);
  const auto frame = s.material({0.95f, 0.95f, 0.94f});
  const auto birch = s.material({0.80f, 0.68f, 0.52f});
  const auto metal = s.material({0.30f, 0.31f, 0.33f});
  const auto fabric = s.material({0.33f, 0.45f, 0.47f});
  const auto skin = s.material({0.85f, 0.68f, 0.56f});
  const auto clothes = s.material({1.0f, 1.0f, 1.0f});  // vertex colours
  const auto paper = s.material({0.96f, 0.96f, 0.94f}, Pattern::paper);
  const auto ceramic = s.material({0.93f, 0.91f, 0.86f});
  const auto glass = s.material({0.86f, 0.93f, 0.96f}, Pattern::plain, 0.28f);
  const auto leaves = s.material({0.30f, 0.50f, 0.26f});
  const auto lamp = s.material({1.0f, 0.98f, 0.93f}, Pattern::plain, 1.0f, 1.6f);
  const auto book = s.material({0.55f, 0.25f, 0.2f});
  s.list.materials[wood].roughness = 0.55f;

  const glm::mat4 faceUp = glm::rotate(glm::mat4(1.0f), -1.5707963f, glm::vec3(1, 0, 0));
  const glm::mat4 faceDown = glm::rotate(glm::mat4(1.0f), 1.5707963f, glm::vec3(1, 0, 0));
  auto yaw = [](float a) { return glm::rotate(glm::mat4(1.0f), a, glm::vec3(0, 1, 0)); };
  // Floor, ceiling, walls: inward-facing quads.
  s.draw(unitQuad, wood, at({0, 0, -1.0f}) * faceUp * at({0, 0, 0}, {5.2f, 4.8f, 1}));
  s.draw(unitQuad, ceiling, at({0, 2.7f, -1.0f}) * faceDown * at({0, 0, 0}, {5.2f, 4.8f, 1}));
  s.draw(unitQuad, wall, at({0, 1.35f, -3.4f}) * at({0, 0, 0}, {5.2f, 2.7f, 1}));
  s.draw(unitQuad, wall, at({0, 1.35f, 1.4f}) * yaw(3.14159f) * at({0, 0, 0}, {5.2f, 2.7f, 1}));
  s.draw(unitQuad, wall, at({-2.6f, 1.35f, -1.0f}) * yaw(1.5708f) * at({0, 0, 0}, {4.8f, 2.7f, 1}));
  s.draw(unitQuad, wall, at({2.6f, 1.35f, -1.0f}) * yaw(-1.5708f) * at({0, 0, 0}, {4.8f, 2.7f, 1}));
  // Two windows on the far wall, with frames.
  for (float x : {-1.5f, 1.5f}) {
    s.draw(unitQuad, pane, at({x, 1.55f, -3.39f}) * at({0, 0, 0}, {1.5f, 1.4f, 1}));
    s.draw(unitBox, frame, at({x, 0.85f, -3.36f}, {1.6f, 0.06f, 0.08f}));
    s.draw(unitBox, frame, at({x, 2.25f, -3.36f}, {1.6f, 0.06f, 0.08f}));
    s.draw(unitBox, frame, at({x - 0.77f, 1.55f, -3.36f}, {0.06f, 1.4f, 0.08f}));
    s.draw(unitBox, frame, at({x + 0.77f, 1.55f, -3.36f}, {0.06f, 1.4f, 0.08f}));
  }
  // Table: top and legs.
  s.draw(unitBox, birch, at({0, 0.72f, -0.75f}, {1.9f, 0.04f, 1.0f}));
  for (float x : {-0.85f, 0.85f})
    for (float z : {-1.15f, -0.35f}) s.draw(unitBox, metal, at({x, 0.35f, z}, {0.04f, 0.7f, 0.04f}));
  // Eight chairs: seat, back, four legs.
  for (int i = 0; i < 8; ++i) {
    const float x = -1.05f + 0.7f * float(i % 4);
    const bool far = i < 4;
    const float z = far ? -1.55f : 0.05f;
    const float backZ = far ? z - 0.22f : z + 0.22f;
    s.draw(unitBox, fabric, at({x, 0.45f, z}, {0.45f, 0.06f, 0.45f}));
    s.draw(unitBox, fabric, at({x, 0.75f, backZ}, {0.45f, 0.5f, 0.05f}));
    for (float dx : {-0.2f, 0.2f})
      for (float dz : {-0.2f, 0.2f}) s.draw(unitBox, metal, at({x + dx, 0.21f, z + dz}, {0.03f, 0.42f, 0.03f}));
  }
  // Four seated figures across the table.
  for (int i = 0; i < 4; ++i) {
    const float x = -1.05f + 0.7f * float(i);
    s.draw(head, skin, at({x, 1.25f, -1.5f}));
    s.draw(torso, clothes, at({x, 0.85f, -1.5f}, {1.0f, 1.4f, 0.7f}));
    s.draw(arm, clothes, at({x - 0.22f, 0.85f, -1.4f}, {1.0f, 2.5f, 1.0f}));
    s.draw(arm, clothes, at({x + 0.22f, 0.85f, -1.4f}, {1.0f, 2.5f, 1.0f}));
    s.draw(arm, skin, at({x - 0.2f, 0.76f, -1.15f}, {0.8f, 0.5f, 1.2f}));
    s.draw(arm, skin, at({x + 0.2f, 0.76f, -1.15f}, {0.8f, 0.5f, 1.2f}));
  }
  // Papers, mugs, glasses and a jug on the table.
  for (int i = 0; i < 12; ++i) {
    const float x = -0.8f + 0.145f * float(i);
    const float z = (i % 2 == 0) ? -0.4f : -1.05f;
    s.draw(unitQuad, paper,
           at({x, 0.741f + 0.0005f * float(i), z}) * yaw(0.1f * float(i % 3)) * faceUp *
               at({0, 0, 0}, {0.21f, 0.297f, 1}));
    s.draw(mug, ceramic, at({x + 0.05f, 0.785f, z + 0.2f * (i % 2 == 0 ? -1.0f : 1.0f)}, {1.0f, 1.2f, 1.0f}));
  }
  for (int i = 0; i < 8; ++i)
    s.draw(glassBall, glass, at({-0.7f + 0.2f * float(i), 0.78f, -0.75f}, {1.0f, 1.5f, 1.0f}));
  s.draw(jug, glass, at({0.05f, 0.84f, -0.7f}, {1.0f, 1.5f, 1.0f}));
  // A plant in the corner: 60 leaves.
  for (int i = 0; i < 60; ++i) {
    const float a = 2.399963f * float(i);  // golden angle
    const float r = 0.05f + 0.004f * float(i);
    s.draw(leaf, leaves,
           at({2.1f + r * std::cos(a), 0.5f + 0.012f * float(i), -2.9f + r * std::sin(a)}, {1.6f, 0.5f, 0.8f}));
  }
  // Ceiling lamps and a shelf of books.
  for (float x : {-1.2f, 1.2f})
    for (float z : {-2.0f, 0.0f}) s.draw(unitBox, lamp, at({x, 2.68f, z}, {0.6f, 0.02f, 0.6f}));
  for (int i = 0; i < 20; ++i)
    s.draw(unitBox, i % 3 == 0 ? book : (i % 3 == 1 ? fabric : birch),
           at({-2.5f, 1.0f + 0.4f * float(i / 10), -2.6f + 0.06f * float(i % 10)}, {0.2f, 0.3f, 0.045f}));
  s.list.clearColor = {0.9f, 0.92f, 0.95f};
}

void run(Device& device, BenchScene& scene, std::uint32_t viewCount, VkExtent2D extent, int frames, const char* png,
         VkSampleCountFlagBits msaa) {
  Renderer renderer(device,
                    RendererConfig{.viewCount = viewCount, .extent = extent, .msaa = msaa, .framesInFlight = 2});
  OffscreenTarget target(device, extent, viewCount);
  const float aspect = float(extent.width) / float(extent.height);
  const float ipd = 0.064f;
  std::vector<double> cpu, frameTimes;
  FrameStats last;
  const int warmup = 2;
  auto wallStart = std::chrono::steady_clock::now();
  for (int f = 0; f < warmup + frames; ++f) {
    if (f == warmup) {
      renderer.waitIdle();
      wallStart = std::chrono::steady_clock::now();
    }
    const float sway = 0.05f * std::sin(0.1f * float(f));  // a head that moves a little
    std::vector<View> views;
    for (std::uint32_t v = 0; v < viewCount; ++v) {
      const float eyeX = viewCount == 2 ? (v == 0 ? -ipd / 2 : ipd / 2) : 0.0f;
      View view = viewFrom({eyeX + sway, 1.2f, 0.3f}, 1.2f, aspect);
      view.viewFromWorld =
          glm::rotate(glm::mat4(1.0f), 0.12f, glm::vec3(1, 0, 0)) * view.viewFromWorld;  // look down a bit
      views.push_back(view);
    }
    const auto t0 = std::chrono::steady_clock::now();
    last = renderer.render(views, scene.list, target.target(), {});
    if (f >= warmup) cpu.push_back(last.cpuSeconds * 1e3);
    if (f >= warmup)
      frameTimes.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  renderer.waitIdle();
  const double wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wallStart).count();
  std::printf(
      "gfx_bench %-5s %4ux%-4u x%u MSAA %dx: renderer CPU median %.3f ms (p99 %.3f), frame %.1f ms, %.2f fps "
      "(%d frames, 2 in flight); %u draws (+%u culled), %llu triangles/view, %u pipeline binds\n",
      viewCount == 2 ? "stereo" : "mono", extent.width, extent.height, viewCount, int(renderer.msaa()), median(cpu),
      percentile(cpu, 0.99), wallMs / frames, 1000.0 * frames / wallMs, frames, last.drawCalls, last.culledDraws,
      static_cast<unsigned long long>(last.triangles), last.pipelineBinds);
  if (png != nullptr)
    for (std::uint32_t v = 0; v < viewCount; ++v)
      writePng(std::string(png) + "/gfx_bench_" + (viewCount == 2 ? "stereo" : "mono") + std::to_string(v) + ".png",
               target.readback(v));
}

// Peak resident set size in MiB (VmHWM), or -1 where /proc is missing.
double peakRssMiB() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return -1.0;
  char line[256];
  double kib = -1.0;
  while (std::fgets(line, sizeof line, f) != nullptr)
    if (std::strncmp(line, "VmHWM:", 6) == 0) kib = std::atof(line + 6);
  std::fclose(f);
  return kib < 0 ? -1.0 : kib / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
  const char* png = nullptr;
  int frames = 20;
  VkSampleCountFlagBits msaa = VK_SAMPLE_COUNT_4_BIT;
  VkExtent2D mono{1280, 720}, stereo{1440, 1584};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--png") == 0 && i + 1 < argc) png = argv[++i];
    else if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc) frames = std::max(1, std::atoi(argv[++i]));
    else if (std::strcmp(argv[i], "--size") == 0 && i + 1 < argc &&
             std::sscanf(argv[++i], "%ux%u", &mono.width, &mono.height) == 2 && mono.width > 0 && mono.height > 0)
      stereo = mono;  // one size for both runs: separates per-pixel from per-triangle cost
    else if (std::strcmp(argv[i], "--msaa") == 0 && i + 1 < argc)
      msaa = static_cast<VkSampleCountFlagBits>(std::clamp(std::atoi(argv[++i]), 1, 8));
    else {
      std::fprintf(
          stderr,
          "usage: gfx_bench [--frames N (20)] [--msaa 1|2|4|8 (4)] [--size WxH (1280x720, 1440x1584)] [--png DIR]\n");
      return 2;
    }
  }
  try {
    Device device(DeviceConfig{});
    BenchScene scene;
    buildRoom(scene);
    scene.geometry.upload(device);
    scene.list.geometry = &scene.geometry;
    run(device, scene, 1, mono, frames, png, msaa);
    run(device, scene, 2, stereo, std::max(1, frames / 2), png, msaa);
    std::printf("gfx_bench peak RSS %.0f MiB (device memory of a software renderer counts here)\n", peakRssMiB());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gfx_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
