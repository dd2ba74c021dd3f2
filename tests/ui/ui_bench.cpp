// SPDX-License-Identifier: GPL-3.0-or-later
// ui benchmark: CPU time to lay out and record one overlay frame (caption, four options, the cue
// card, microphone) at 1280x720 on screen and in the world for two eyes; prints medians.
#include "bench_stats.h"
#include <overum/core/clock.h>
#include <overum/gfx/offscreen_target.h>
#include <overum/ui/overlay_renderer.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using overum::testing::median;

using namespace overum;
using namespace overum::ui;

namespace {

OverlayContent benchContent() {
  OverlayContent c;
  c.caption = {true, "Mette (sagsbehandler)",
               "Velkommen til mødet. Vi skal i dag tale om dit ressourceforløb, og om hvad der er vigtigt for dig "
               "i den kommende tid.",
               CaptionSize::medium};
  c.options.cards = {{"Jeg vil gerne starte med mit statement.", true},
                     {"Kan du forklare, hvad et ressourceforløb er?", true},
                     {"Jeg vil gerne have min bisidder med.", false},
                     {"Jeg har brug for en pause.", true}};
  c.options.highlighted = 1;
  c.statement = {true, "Jeg hedder Ali, jeg er 34 år og bor i Aarhus med min datter.",
                 "blive hørt og selv være med til at bestemme, hvad der skal ske.",
                 "at finde et arbejde med faste rammer og gode kolleger.", "få en hverdag, der hænger sammen."};
  c.microphone = {true, false};
  return c;
}

void run(gfx::Device& device, std::uint32_t views, Placement placement, const char* name) {
  const VkExtent2D extent{1280, 720};
  gfx::OffscreenTarget target(device, extent, views);
  OverlayRendererConfig config;
  config.drawDirectly = false;  // OffscreenTarget is transfer-only
  OverlayRenderer overlay(device, target.format(), views, config);
  std::vector<gfx::View> v(views);
  if (views == 2) {
    for (std::uint32_t e = 0; e < 2; ++e) {
      v[e].viewFromWorld =
          Pose{glm::quat(1, 0, 0, 0), glm::vec3(e == 0 ? -0.032f : 0.032f, 1.2f, 0.0f)}.inverse().matrix();
      v[e].projection = projectionFromFov(symmetricFov(1.6f, 1.0f), 0.05f, 100.0f);
    }
  }
  OverlayContent content = benchContent();
  content.placement = placement;
  std::vector<double> layout, record, total;
  for (int frame = 0; frame < 120; ++frame) {
    const double t0 = threadCpuSeconds();
    overlay.render(v, content, target.target(), {});
    const double t1 = threadCpuSeconds();
    if (frame >= 10) {
      layout.push_back(overlay.lastStats().layoutSeconds);
      record.push_back(overlay.lastStats().recordSeconds);
      total.push_back(t1 - t0);
    }
  }
  overlay.waitIdle();
  std::printf("ui_bench %-28s quads %5u  layout %.3f ms  record+submit %.3f ms  total %.3f ms (median CPU)\n", name,
              overlay.lastStats().quads, 1e3 * median(layout), 1e3 * median(record), 1e3 * median(total));
}

}  // namespace

int main() {
  try {
    gfx::Device device(gfx::DeviceConfig{});
    run(device, 1, Placement::screen, "screen 1280x720 mono");
    run(device, 2, Placement::world, "world 2x1280x720 multiview");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ui_bench: %s\n", e.what());
    return 1;
  }
}
