// SPDX-License-Identifier: GPL-3.0-or-later
// Cost of the speech analysis: share of one core per second of audio (target <= 2 %), median of 7 runs,
// and the worst time to feed one 10 ms chunk (must be far under a frame: < 1 ms), at 16 and 48 kHz.
#include "bench_stats.h"
#include "speech_fixtures.h"

#include <overum/speech/turn_analyser.h>

#include <chrono>
#include <cstdio>

using namespace overum;
using Clock = std::chrono::steady_clock;

int main() {
  for (int sr : {16000, 48000}) {
    const auto turn = test::statementTurn(sr, 1.0, {1.0, 1.0}, 160, 50, {}, 1.0);
    const double audioSeconds = double(turn.pcm.size()) / sr;
    const std::size_t chunk = std::size_t(sr / 100);
    std::vector<double> shares, worstChunkMs, finishMs;
    for (int run = 0; run < 7; ++run) {
      speech::AnalyserConfig c;
      c.sampleRate = sr;
      speech::TurnAnalyser a(c);
      double worst = 0.0;
      const auto start = Clock::now();
      for (std::size_t at = 0; at < turn.pcm.size(); at += chunk) {
        const auto t0 = Clock::now();
        a.feed(std::span(turn.pcm).subspan(at, std::min(chunk, turn.pcm.size() - at)));
        worst = std::max(worst, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
      const auto t1 = Clock::now();
      const auto m = a.finish();
      const auto end = Clock::now();
      (void)m;
      shares.push_back(std::chrono::duration<double>(end - start).count() / audioSeconds * 100.0);
      worstChunkMs.push_back(worst);
      finishMs.push_back(std::chrono::duration<double, std::milli>(end - t1).count());
    }
    std::printf(
        "speech analysis %d Hz: %.2f %% of one core per second of audio (target <= 2 %%), "
        "worst 10 ms chunk feed %.3f ms (must be < 1 ms), finish() %.2f ms for %.1f s  [medians of 7]\n",
        sr, testing::median(shares), testing::median(worstChunkMs), testing::median(finishMs), audioSeconds);
  }
}
