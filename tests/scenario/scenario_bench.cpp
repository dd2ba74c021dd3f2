// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario benchmark: parse+check throughput on a generated 100 000-line scenario (lines/s, target
// >= 1M) and the runner's cost per step (ns/step, target <= 1000). Medians of several runs.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"  // the counting operator new below pairs with free on purpose
#include "bench_stats.h"
#include <overum/scenario/compiler.h>
#include <overum/scenario/meeting_vocabulary.h>
#include <overum/scenario/runner.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <atomic>
#include <cstdlib>
#include <ctime>
#include <new>

using overum::testing::median;

using namespace overum::scenario;
using Clock = std::chrono::steady_clock;

// Counts heap allocations, to show that a warm runner step does not allocate.
static std::atomic<std::size_t> gAllocations{0};
void* operator new(std::size_t n) {
  ++gAllocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

// CPU time of this thread: on a shared machine wall time mostly measures the neighbours.
static double cpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

namespace {

// About 50 lines per node, every construct represented; exactly `lines` lines in all.
std::string generate(int lines) {
  std::string s;
  int count = 0, node = 0;
  auto add = [&](const std::string& l) {
    s += l;
    s += '\n';
    ++count;
  };
  add("title: Start");
  add("---");
  add("<<declare $n = 0>>");
  add("<<declare $svaerhed = \"neutral\">>");
  add("<<declare $bisidder = false>>");
  add("<<jump N0>>");
  add("===");
  while (count < lines - 60) {
    const std::string id = std::to_string(node);
    const std::string next = "N" + std::to_string(node + 1);
    add("title: N" + id);
    add("tags: generated");
    add("---");
    for (int k = 0; k < 4; ++k) {
      const std::string lid = id + "_" + std::to_string(k);
      add("// afsnit " + std::to_string(k));
      add("<<if $n > 3 and $svaerhed == \"presset\">>");
      add("    Sagsbehandler: Vi har travlt, {$borger_navn}, det er runde {$n}. #line:a" + lid);
      add("<<elseif visited(\"Start\") or $bisidder>>");
      add("    Borger: Jeg vil gerne have tid til at tænke. #mood:bekymret #line:b" + lid);
      add("<<else>>");
      add("    Sagsbehandler: Fortæl mig om din hverdag. #line:c" + lid);
      add("<<endif>>");
      add("<<set $n = $n + 1>>");
      add("<<mood Sagsbehandler venlig>>");
      add("-> Jeg vil gerne i praktik <<if $n >= 2>> #line:d" + lid);
      add("    Borger: Gerne med få timer. #line:e" + lid);
      add("    <<listen 30>>");
    }
    add("-> Videre #line:f" + id);
    add("    <<jump " + next + ">>");
    add("-> Stop #line:g" + id);
    add("    <<stop>>");
    add("===");
    ++node;
  }
  add("title: N" + std::to_string(node));
  add("---");
  while (count < lines - 1) add("Sagsbehandler: Farvel. #line:z" + std::to_string(count));
  add("===");
  return s;
}

// `nodes` nodes in one chain, each jumping to the next and only the last one ending: the shape that
// made the "can never end" analysis quadratic (issue #10). Four lines per node, plus the header.
std::string generateChain(int nodes) {
  std::string s = "title: Start\n---\n<<jump N0>>\n===\n";
  for (int i = 0; i < nodes; ++i) {
    s += "title: N" + std::to_string(i) + "\n---\nSagsbehandler: Punkt " + std::to_string(i) + ".\n";
    s += i + 1 < nodes ? "<<jump N" + std::to_string(i + 1) + ">>\n===\n" : "===\n";
  }
  return s;
}

}  // namespace

int main() {
  const int kLines = 100000;
  const std::vector<SourceFile> files{{"generated.yarn", generate(kLines)}};
  const Vocabulary vocab = meetingVocabulary();
  std::vector<double> rates, cpuRates;
  std::shared_ptr<const Program> program;
  std::size_t allocs = 0;
  for (int run = 0; run < 7; ++run) {
    const std::size_t a0 = gAllocations;
    const double c0 = cpuSeconds();
    const auto t0 = Clock::now();
    const CompileResult r = compile(files, vocab);
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    cpuRates.push_back(kLines / (cpuSeconds() - c0));
    if (std::getenv("SCENARIO_BENCH_VERBOSE"))
      std::printf("  run %d: %.2f M lines/s CPU\n", run, cpuRates.back() / 1e6);
    allocs = gAllocations - a0;
    if (!r.ok() || !r.diagnostics.empty()) {
      std::printf("generated scenario does not compile cleanly (%d errors, %d warnings)\n", r.errors(), r.warnings());
      return 1;
    }
    program = r.program;
    rates.push_back(kLines / s);
  }
  std::printf(
      "scenario compile: %d lines, %zu nodes, %zu instructions: %.2f M lines/s wall, %.2f M lines/s CPU "
      "(median of 7; target >= 1); %.1f allocations/line\n",
      kLines, program->nodes.size(), program->code.size(), median(rates) / 1e6, median(cpuRates) / 1e6,
      static_cast<double>(allocs) / kLines);

  // A long chain of nodes: checking it must stay linear in the number of nodes.
  for (const int nodes : {20000, 100000}) {
    const std::vector<SourceFile> chain{{"chain.yarn", generateChain(nodes)}};
    const double chainLines = 4.0 + 4.0 * nodes;
    std::vector<double> seconds;
    for (int run = 0; run < 3; ++run) {
      const double c0 = cpuSeconds();
      const CompileResult r = compile(chain, vocab);
      seconds.push_back(cpuSeconds() - c0);
      if (!r.ok() || !r.diagnostics.empty()) {
        std::printf("generated chain does not compile cleanly (%d errors, %d warnings)\n", r.errors(), r.warnings());
        return 1;
      }
    }
    std::printf("scenario compile: a chain of %d nodes (%.0f lines): %.3f s CPU, %.2f M lines/s CPU (median of 3)\n",
                nodes, chainLines, median(seconds), chainLines / median(seconds) / 1e6);
  }

  // Runner: always take the first available option ("Videre" at the end of each node) so the run
  // walks the whole generated graph; one step = one next() call (plus its choose()).
  std::vector<double> perStep, cpuPerStep;
  std::size_t steps = 0, stepAllocs = 0;
  for (int run = 0; run < 7; ++run) {
    Runner runner(program);
    runner.start("Start", 1);
    runner.setVariable("borger_navn", Value::fromString("Sara"));
    steps = 0;
    const std::size_t a0 = gAllocations;
    const double c0 = cpuSeconds();
    const auto t0 = Clock::now();
    for (;;) {
      const Event& e = runner.next();
      ++steps;
      if (e.kind == EventKind::End) break;
      if (e.kind == EventKind::Options) {
        // "Videre" when offered (it leads to the next node), else the first available option.
        std::size_t pick = e.options.size();
        for (std::size_t i = 0; i < e.options.size(); ++i)
          if (e.options[i].text == "Videre") pick = i;
        for (std::size_t i = 0; pick == e.options.size() && i < e.options.size(); ++i)
          if (e.options[i].available) pick = i;
        runner.choose(pick);
      }
    }
    perStep.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / static_cast<double>(steps));
    cpuPerStep.push_back((cpuSeconds() - c0) * 1e9 / static_cast<double>(steps));
    stepAllocs = gAllocations - a0;
  }
  std::printf(
      "scenario runner: %zu steps per run: %.0f ns/step wall, %.0f ns/step CPU (median of 7; target <= 1000); "
      "%.3f allocations/step\n",
      steps, median(perStep), median(cpuPerStep), static_cast<double>(stepAllocs) / static_cast<double>(steps));
  return 0;
}
