// SPDX-License-Identifier: GPL-3.0-or-later
// The quality tiers benchmark (issue 15, "Performance on modest machines"): in one run, frames per
// second of the meeting room at 1280x720 mono at each tier (high, medium, low) and of the same
// geometry with a trivial shader (unlit, no MSAA, full size), each the median of N frames, and the
// ratios; also the low tier rendered at 3/4 size and scaled up. The configurations take turns frame
// by frame, so a busy machine slows them all alike.
// Targets: low >= 0.6 x trivial and >= 25 fps on lavapipe; <= 100 draws and <= 100k triangles per view.
//
//   quality_bench [--frames N] [--size WxH] [--meeting NAME]
//   defaults: 15 frames each, 1280x720, the job centre's room with the default cast; --meeting
//   opfoelgning: that meeting's own room with its whole cast
#include "bench_stats.h"
#include "shipped_rooms.h"
#include <overum/core/pose.h>
#include <overum/gfx/offscreen_target.h>
#include <overum/gfx/renderer.h>
#include <overum/scene/meeting_room.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

using overum::testing::median;
using namespace overum;
using Steady = std::chrono::steady_clock;

namespace {

struct Config {
  std::string name;
  gfx::QualitySettings settings;
  std::unique_ptr<gfx::Renderer> renderer;
  std::vector<double> seconds;
  gfx::FrameStats stats;
};

}  // namespace

int main(int argc, char** argv) {
  int frames = 15;
  VkExtent2D size{1280, 720};
  std::string meeting;  // empty: the job centre's room with the default cast
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--frames") == 0) frames = std::max(1, std::atoi(argv[i + 1]));
    else if (std::strcmp(argv[i], "--size") == 0) std::sscanf(argv[i + 1], "%ux%u", &size.width, &size.height);
    else if (std::strcmp(argv[i], "--meeting") == 0) meeting = argv[i + 1];
  }
  std::vector<scene::CastMember> cast = scene::defaultCast();
  scene::RoomLayout layout;
  if (meeting.empty()) {
    layout = testing::jobCentreRoom();
  } else {
    const scene::CastLoad load = scene::loadCast("scenarios/" + meeting + "/cast.json");
    if (!load.cast) {
      std::fprintf(stderr, "%s\n", load.error.c_str());
      return 1;
    }
    cast = load.cast->characters;  // the bisidder too: the fullest table
    layout = load.cast->room;
  }

  gfx::Device device(gfx::DeviceConfig{false, {}});
  scene::MeetingRoom room(device, cast, layout);
  gfx::OffscreenTarget target(device, size, 1);
  gfx::View view;
  view.viewFromWorld = room.viewerHeadPose().inverse().matrix();
  view.projection = projectionFromFov(symmetricFov(1.0f, float(size.width) / float(size.height)), 0.05f, 100.0f);

  std::vector<Config> configs;
  for (gfx::Quality q : {gfx::Quality::high, gfx::Quality::medium, gfx::Quality::low})
    configs.push_back({std::string(gfx::qualityName(q)), gfx::settingsFor(q), nullptr, {}, {}});
  // What the render scale buys on this device (scaling up is a filtered blit: not free on a CPU).
  configs.push_back({"low, 3/4 size", {VK_SAMPLE_COUNT_1_BIT, gfx::Shading::simple, 0.75f}, nullptr, {}, {}});
  configs.push_back({"trivial shader", {VK_SAMPLE_COUNT_1_BIT, gfx::Shading::unlit, 1.0f}, nullptr, {}, {}});
  for (Config& c : configs) {
    c.renderer = std::make_unique<gfx::Renderer>(device, gfx::RendererConfig{1, size});
    c.renderer->setQualitySettings(c.settings);
  }

  for (int round = 0; round < frames + 2; ++round) {
    room.animate(double(round) / 30.0, {});
    for (Config& c : configs) {
      const auto start = Steady::now();
      c.stats = c.renderer->render({&view, 1}, room.drawList(), target.target(), {});
      c.renderer->waitIdle();
      if (round >= 2)
        c.seconds.push_back(std::chrono::duration<double>(Steady::now() - start).count());  // after warm-up
    }
  }

  const double trivialFps = 1.0 / median(configs.back().seconds);
  std::printf("quality tiers, %s %ux%u mono, median of %d frames each:\n",
              meeting.empty() ? "meeting room" : layout.kind.c_str(), size.width, size.height, frames);
  for (const Config& c : configs) {
    const double fps = 1.0 / median(c.seconds);
    std::printf(
        "  %-15s %6.1f fps (median frame %6.1f ms) | %.2f x trivial | MSAA %dx, shading %u, %ux%u shaded | "
        "%u draws, %llu triangles/view\n",
        c.name.c_str(), fps, median(c.seconds) * 1000.0, fps / trivialFps, int(c.stats.samples),
        unsigned(c.stats.shading), c.stats.renderExtent.width, c.stats.renderExtent.height, c.stats.drawCalls,
        static_cast<unsigned long long>(c.stats.triangles));
  }
  const double lowFps = 1.0 / median(configs[2].seconds);
  const gfx::FrameStats& s = configs[2].stats;
  std::printf(
      "  targets: low >= 0.6 x trivial: %.2f %s | low >= 25 fps: %.1f %s | <= 100 draws: %u %s | "
      "<= 100k triangles/view: %llu %s\n",
      lowFps / trivialFps, lowFps / trivialFps >= 0.6 ? "met" : "MISSED", lowFps, lowFps >= 25.0 ? "met" : "MISSED",
      s.drawCalls, s.drawCalls <= 100 ? "met" : "MISSED", static_cast<unsigned long long>(s.triangles),
      s.triangles <= 100'000 ? "met" : "MISSED");
  return 0;
}
