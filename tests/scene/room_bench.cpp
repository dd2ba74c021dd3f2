// SPDX-License-Identifier: GPL-3.0-or-later
// The headless meeting room benchmark: engine CPU time per frame (animating the characters, recording
// and submitting; thread CPU time, not waits on the device), frames per second at 1280x720 mono and
// 2x1440x1584 multiview on whatever GPU Vulkan offers (lavapipe on CI), draws and triangles per view,
// time to first frame, and peak RSS; then each meeting's own room at 1280x720. Medians.
#include "bench_stats.h"
#include "shipped_rooms.h"
#include <overum/core/clock.h>
#include <overum/core/pose.h>
#include <overum/gfx/offscreen_target.h>
#include <overum/gfx/renderer.h>
#include <overum/scene/meeting_room.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <sys/resource.h>
#include <vector>

using overum::testing::median;
using overum::testing::percentile;

using namespace overum;
using Steady = std::chrono::steady_clock;

namespace {

std::vector<gfx::View> views(const Pose& head, std::uint32_t count, VkExtent2D size) {
  std::vector<gfx::View> out;
  const float aspect = float(size.width) / float(size.height);
  for (std::uint32_t i = 0; i < count; ++i) {
    const float side = count == 1 ? 0.0f : (i == 0 ? -0.032f : 0.032f);
    gfx::View v;
    v.viewFromWorld = (head * Pose{{1, 0, 0, 0}, {side, 0, 0}}).inverse().matrix();
    v.projection =
        projectionFromFov(count == 1 ? symmetricFov(1.0f, aspect) : Fov{-0.9f, 0.8f, 0.85f, -0.95f}, 0.05f, 100.0f);
    out.push_back(v);
  }
  return out;
}

void run(gfx::Device& device, scene::MeetingRoom& room, const char* label, std::uint32_t viewCount, VkExtent2D size,
         int frames, double firstFrameMs) {
  gfx::Renderer renderer(device, {viewCount, size});
  gfx::OffscreenTarget target(device, size, viewCount);
  const auto v = views(room.viewerHeadPose(), viewCount, size);
  std::vector<double> cpu, wall;
  gfx::FrameStats stats;
  for (int i = 0; i < frames + 2; ++i) {
    const auto start = Steady::now();
    const double cpuStart = threadCpuSeconds();
    room.animate(double(i) / 90.0, {});  // the characters breathe, blink and look: part of every frame
    stats = renderer.render(v, room.drawList(), target.target(), {});
    const double cpuSeconds = threadCpuSeconds() - cpuStart;
    renderer.waitIdle();
    if (i >= 2) {  // the first frames build pipelines and caches
      cpu.push_back(cpuSeconds * 1000.0);
      wall.push_back(std::chrono::duration<double>(Steady::now() - start).count());
    }
  }
  std::printf(
      "%-34s engine CPU median %.3f ms, p99 %.3f ms | %.1f fps (median frame %.1f ms) | %u draws, %llu triangles/view, "
      "%u pipeline binds%s\n",
      label, median(cpu), percentile(cpu, 0.99), 1.0 / median(wall), median(wall) * 1000.0, stats.drawCalls,
      static_cast<unsigned long long>(stats.triangles), stats.pipelineBinds, firstFrameMs > 0 ? "" : "");
}

}  // namespace

int main() {
  const auto processStart = Steady::now();
  gfx::Device device(gfx::DeviceConfig{false, {}});
  scene::MeetingRoom room(device, scene::defaultCast(), testing::jobCentreRoom());
  double firstFrameMs = 0.0;
  {
    gfx::Renderer renderer(device, {1, {1280, 720}});
    gfx::OffscreenTarget target(device, {1280, 720}, 1);
    renderer.render(views(room.viewerHeadPose(), 1, {1280, 720}), room.drawList(), target.target(), {});
    renderer.waitIdle();
    firstFrameMs = std::chrono::duration<double, std::milli>(Steady::now() - processStart).count();
  }
  std::printf("meeting room: time from process start to first frame %.0f ms (device, room, pipelines, one frame)\n",
              firstFrameMs);
  run(device, room, "meeting room 1280x720 mono", 1, {1280, 720}, 30, firstFrameMs);
  run(device, room, "meeting room 2x1440x1584 multiview", 2, {1440, 1584}, 10, firstFrameMs);
  // Each meeting's own room with its whole cast (the bisidder too): the fullest table a citizen sees.
  for (const char* meeting : {"myndighedsmoede", "opfoelgning", "behandlingsmoede"}) {
    const scene::CastLoad cast = scene::loadCast(std::string("scenarios/") + meeting + "/cast.json");
    if (!cast.cast) {
      std::fprintf(stderr, "%s\n", cast.error.c_str());
      return 1;
    }
    scene::MeetingRoom own(device, cast.cast->characters, cast.cast->room);
    run(device, own, (cast.cast->room.kind + " 1280x720 mono").c_str(), 1, {1280, 720}, 15, firstFrameMs);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("meeting room: peak RSS %.0f MB\n", double(usage.ru_maxrss) / 1024.0);
  return 0;
}
