// SPDX-License-Identifier: GPL-3.0-or-later
// `overum graph` (dot/mermaid), `overum lines` (text or CSV) and `overum tag` (adds #line: IDs in place).
#include "scenario_files.h"
#include "tools.h"

#include <algorithm>
#include <fstream>
#include <ostream>
#include <set>

namespace overum::tools {

namespace {

std::string csv(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::uint64_t fnv(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

int graphCommand(const Args& args, std::ostream& out, std::ostream& err) {
  ToolArgs a;
  if (!parseArgs(args, {"--format", "--start"}, {}, a, err)) return 2;
  const std::string format = a.options.count("--format") ? a.options["--format"] : "dot";
  if (format != "dot" && format != "mermaid") {
    err << "overum graph: --format is dot or mermaid\n";
    return 2;
  }
  Scenario s;
  if (!loadScenario(a.paths, s, err)) return a.paths.empty() ? 2 : 1;
  const auto result = compileScenario(s, a.options["--start"], err);
  if (!result.ok()) return 1;
  const auto& p = *result.program;
  const auto edges = p.jumps();
  if (format == "dot") {
    out << "digraph scenario {\n  node [shape=box];\n";
    for (const auto& n : p.nodes)
      out << "  \"" << n.title << "\"" << (n.title == p.start ? " [style=bold]" : "") << ";\n";
    for (const auto& [from, to] : edges)
      out << "  \"" << p.nodes[from].title << "\" -> \"" << p.nodes[to].title << "\";\n";
    out << "}\n";
  } else {
    out << "graph TD\n";
    for (const auto& n : p.nodes) out << "  " << n.title << "[" << n.title << "]\n";
    for (const auto& [from, to] : edges) out << "  " << p.nodes[from].title << " --> " << p.nodes[to].title << "\n";
  }
  return 0;
}

int linesCommand(const Args& args, std::ostream& out, std::ostream& err) {
  ToolArgs a;
  if (!parseArgs(args, {"--start"}, {"--csv"}, a, err)) return 2;
  Scenario s;
  if (!loadScenario(a.paths, s, err)) return a.paths.empty() ? 2 : 1;
  const auto result = compileScenario(s, a.options["--start"], err);
  if (!result.ok()) return 1;
  const auto& p = *result.program;
  const bool asCsv = a.options.count("--csv") > 0;
  if (asCsv) out << "id,node,speaker,text,kind,file,line\n";
  for (const auto& l : p.lines) {
    const char* kind = l.kind == 0 ? "line" : l.kind == 1 ? "option" : "group";
    if (asCsv)
      out << csv(l.id) << ',' << csv(p.nodes[l.node].title) << ',' << csv(l.speaker) << ',' << csv(l.source) << ','
          << kind << ',' << csv(p.files[l.loc.file]) << ',' << l.loc.line << "\n";
    else
      out << (l.id.empty() ? "(no id)" : l.id) << "\t" << p.nodes[l.node].title << "\t"
          << (l.speaker.empty() ? "" : l.speaker + ": ") << l.source << "\n";
  }
  return 0;
}

int tagCommand(const Args& args, std::ostream& out, std::ostream& err) {
  ToolArgs a;
  if (!parseArgs(args, {}, {}, a, err)) return 2;
  Scenario s;
  if (!loadScenario(a.paths, s, err)) return a.paths.empty() ? 2 : 1;
  // Scan all files first: IDs must be unique across the scenario, and a file with syntax errors
  // is left untouched (its line positions cannot be trusted).
  std::vector<scenario::ScanResult> scans;
  std::set<std::string> ids;
  bool broken = false;
  for (const auto& f : s.files) {
    scans.push_back(scenario::scanLines(f));
    for (const auto& d : scans.back().diagnostics) {
      err << scenario::formatDiagnostic(d) << "\n";
      broken = broken || d.severity == scenario::Severity::Error;
    }
    ids.insert(scans.back().existingIds.begin(), scans.back().existingIds.end());
  }
  if (broken) {
    err << "overum tag: nothing changed; fix the errors first\n";
    return 1;
  }
  for (std::size_t i = 0; i < s.files.size(); ++i) {
    auto& untagged = scans[i].untagged;
    if (untagged.empty()) continue;
    std::string text = s.files[i].text;
    // IDs are derived from node and text, so re-tagging the same file gives the same IDs.
    std::vector<std::string> newIds;
    for (const auto& u : untagged) {
      std::uint64_t h = fnv(u.text, fnv(u.node));
      std::string id;
      for (int salt = 0;; ++salt) {
        char buf[17];
        std::snprintf(buf, sizeof buf, "%08llx", static_cast<unsigned long long>((h >> 16) & 0xFFFFFFFFull));
        id = buf;
        if (ids.insert(id).second) break;
        h = fnv(std::to_string(salt), h);
      }
      newIds.push_back(id);
    }
    for (std::size_t k = untagged.size(); k-- > 0;)  // from the back, so earlier offsets stay valid
      text.insert(untagged[k].offset, " #line:" + newIds[k]);
    std::ofstream f(s.files[i].path, std::ios::binary | std::ios::trunc);
    if (!f || !(f << text)) {
      err << s.files[i].path << ": cannot write the file\n";
      return 1;
    }
    out << s.files[i].path << ": added " << untagged.size() << " line IDs\n";
  }
  return 0;
}

}  // namespace overum::tools
