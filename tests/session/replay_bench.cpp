// SPDX-License-Identifier: GPL-3.0-or-later
// What keeping a meeting for its replay costs: the journal's bytes per minute (sealed, as on disk) for a
// meeting's events alone and with the replay track (a still head, and a head that moves as a seated person's
// does), and the time one append takes on the frame thread (a sealed, fsync'ed record once a second). Medians.
#include "bench_stats.h"

#include <overum/session/journal.h>
#include <overum/session/replay_track.h>
#include <overum/session/vault.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>

using namespace overum;
using namespace overum::session;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

constexpr double kMinutes = 5.0;

// Five minutes of a meeting at 90 frames a second: a line every 6 s, a turn of the citizen every 40 s in which
// their voice comes and goes, and (with a track) their head, still or moving.
struct Written {
  std::uintmax_t bytes = 0;
  std::vector<double> appendMs;
};

Written writeMeeting(Vault& vault, const fs::path& dir, const std::string& session, bool track, bool moving) {
  Written out;
  JournalWriter journal(vault, "bench", session);
  ReplayRecorder recorder;
  auto append = [&](const JournalRecord& r) {
    const auto t0 = Steady::now();
    journal.append(r);
    out.appendMs.push_back(std::chrono::duration<double, std::milli>(Steady::now() - t0).count());
  };
  append({0.0, "start", "myndighedsmoede"});
  if (track) append(replayStartRecord({0.0, "", 1, "0123456789abcdef0123456789abcdef", "myndighedsmoede", {}}));
  std::size_t line = 0;
  for (int frame = 0; frame < int(kMinutes * 60 * 90); ++frame) {
    const double t = frame / 90.0;
    if (frame % (6 * 90) == 0) {
      append({t, "line", "Mette: Hvad er vigtigt for dig, når vi taler om arbejde?"});
      if (track) recorder.lineDone(line++, t + 3.0);
    }
    if (frame % (40 * 90) == 20 * 90) append({t, "answer", "12.5 s, 8 s spoken", {{"latency_s", "1.2"}}});
    if (track) {
      const double inTurn = std::fmod(t, 40.0);
      recorder.voice(inTurn > 8.0 && inTurn < 20.0 && std::fmod(t, 3.0) < 2.2, t);
      Pose head;
      head.position = {0.0f, 1.2f, 0.13f};
      if (moving) {  // looking from one face to another, and the small sway of someone seated
        head.position += glm::vec3(0.01f * std::sin(t * 0.7), 0.005f * std::sin(t * 1.3), 0.008f * std::sin(t * 0.5));
        head.orientation = glm::angleAxis(float(0.35 * std::sin(t * 0.4)), glm::vec3(0, 1, 0)) *
                           glm::angleAxis(float(-0.1 + 0.05 * std::sin(t * 0.9)), glm::vec3(1, 0, 0));
      }
      recorder.head(head, t);
      if (auto r = recorder.take(t)) append(*r);
    }
  }
  if (auto r = recorder.take(kMinutes * 60, true)) append(*r);
  append({kMinutes * 60, "end", "the meeting ended"});
  out.bytes = fs::file_size(dir / "citizens" / "bench" / (session + ".journal"));
  return out;
}

}  // namespace

int main() {
  const fs::path dir = fs::temp_directory_path() / ("overum-replay-bench-" + std::to_string(std::random_device{}()));
  auto vault = Vault::open(dir, "bench-kode", KdfLimits{1, 8192}).vault;
  if (!vault) return 1;
  const Written events = writeMeeting(*vault, dir, "events", false, false);
  const Written still = writeMeeting(*vault, dir, "still", true, false);
  const Written moving = writeMeeting(*vault, dir, "moving", true, true);
  std::printf("replay track: journal bytes per minute of meeting (sealed, on disk)\n");
  std::printf("  events only (before replays)   %8.1f KB/min\n", events.bytes / kMinutes / 1000.0);
  std::printf("  with the track, a still head   %8.1f KB/min\n", still.bytes / kMinutes / 1000.0);
  std::printf("  with the track, a moving head  %8.1f KB/min\n", moving.bytes / kMinutes / 1000.0);
  std::printf("  one append (sealed, fsync'ed): median %.3f ms, p99 %.3f ms over %zu\n",
              testing::median(moving.appendMs), testing::percentile(moving.appendMs, 0.99), moving.appendMs.size());
  fs::remove_all(dir);
  return 0;
}
