// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers for the scenario tests: compile a string, list its messages, run a transcript.
#pragma once
#include <overum/scenario/compiler.h>
#include <overum/scenario/meeting_vocabulary.h>
#include <overum/scenario/runner.h>

#include <string>
#include <vector>

namespace overum::scenario::test {

inline CompileResult compileText(const std::string& text, const Vocabulary& vocab = meetingVocabulary(),
                                 const CompileOptions& options = {}) {
  const std::vector<SourceFile> files{{"t.yarn", text}};
  return compile(files, vocab, options);
}

inline std::string messages(const CompileResult& r) {
  std::string s;
  for (const auto& d : r.diagnostics) s += formatDiagnostic(d) + "\n";
  return s;
}

// The `overum play` transcript, made with the Runner directly; choices are 1-based.
inline std::string transcript(const std::shared_ptr<const Program>& p, const std::vector<int>& choices = {},
                              std::uint64_t seed = 0, const std::string& start = "") {
  Runner r(p);
  if (!r.start(start, seed)) return "no start";
  std::string out;
  std::size_t next = 0;
  for (int guard = 0; guard < 100000; ++guard) {
    const Event& e = r.next();
    switch (e.kind) {
      case EventKind::Node: out += "node: " + p->nodes[e.node].title + "\n"; break;
      case EventKind::Line: {
        const auto& l = p->lines[e.line];
        out += "line: " + (l.speaker.empty() ? "" : l.speaker + ": ") + std::string(e.text) + "\n";
        break;
      }
      case EventKind::Command:
        out += "command: " + p->commands[e.command].name;
        for (const auto& a : e.args) out += " " + a.asString();
        out += "\n";
        break;
      case EventKind::Options:
        for (const auto& o : e.options) out += "option: " + o.text + (o.available ? "" : " [unavailable]") + "\n";
        if (next >= choices.size() || !r.choose(static_cast<std::size_t>(choices[next] - 1)))
          return out + "(no choice)\n";
        out += "select: " + std::to_string(choices[next++]) + "\n";
        break;
      case EventKind::End: return out + (e.error.empty() ? "stop\n" : "error: " + std::string(e.error) + "\n");
      case EventKind::None: return out + "(none)\n";
    }
  }
  return out + "(loop)\n";
}

// Compiles (must succeed) and runs.
inline std::string play(const std::string& text, const std::vector<int>& choices = {}, std::uint64_t seed = 0) {
  const auto r = compileText(text);
  if (!r.ok()) return "compile failed:\n" + messages(r);
  return transcript(r.program, choices, seed);
}

}  // namespace overum::scenario::test
