// SPDX-License-Identifier: GPL-3.0-or-later
// The fuzz body: compile the input (with and without a cast), and when it compiles, run it with
// choices taken from the input, checking that saved state restores exactly and that damaged state
// is refused without harm.
#include "scenario_fuzz_entry.h"

#include <overum/scenario/compiler.h>
#include <overum/scenario/meeting_vocabulary.h>
#include <overum/scenario/runner.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace overum::scenario::fuzz {

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

void run(const std::shared_ptr<const Program>& program, const std::uint8_t* data, std::size_t size) {
  Runner runner(program);
  if (!runner.start("", size ? data[0] : 0) && !runner.start(program->nodes.empty() ? "" : program->nodes[0].title, 1))
    return;
  std::size_t at = 0;
  for (int step = 0; step < 2000; ++step) {
    const std::uint8_t b = size ? data[at++ % size] : 0;
    if (b % 16 == 0) {
      // Resume from saved state in a fresh runner: must continue identically.
      const std::string saved = runner.saveState();
      Runner copy(program);
      require(copy.restoreState(saved));
      require(copy.saveState() == saved);
      std::string damaged = saved;
      if (!damaged.empty()) damaged[b % damaged.size()] ^= static_cast<char>(b | 1);
      copy.restoreState(damaged);  // may be refused, must not crash
      require(runner.restoreState(saved));
    }
    const Event& e = runner.next();
    if (e.kind == EventKind::End || e.kind == EventKind::None) return;
    if (e.kind == EventKind::Options) {
      bool chosen = false;
      for (std::size_t k = 0; k < e.options.size() && !chosen; ++k) chosen = runner.choose((b + k) % e.options.size());
      require(chosen);  // options are only shown when one is available
    }
  }
}

}  // namespace

int runOne(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Vocabulary vocab = meetingVocabulary();
  const std::vector<SourceFile> files{{"fuzz.yarn", text}};
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) vocab.speakers = std::set<std::string, std::less<>>{"Borger", "Mette", "sagsbehandler"};
    const CompileResult r = compile(files, vocab);
    require(r.ok() == (r.errors() == 0));
    for (const auto& d : r.diagnostics) require(d.line >= 0 && d.column >= 0 && !d.message.empty());
    if (r.ok() && pass == 0) run(r.program, data, size);
  }
  const ScanResult scan = scanLines(files[0]);
  for (const auto& u : scan.untagged) require(u.offset <= text.size());
  return 0;
}

}  // namespace overum::scenario::fuzz
