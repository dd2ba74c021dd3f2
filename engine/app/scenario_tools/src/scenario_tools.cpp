// SPDX-License-Identifier: GPL-3.0-or-later
// `overum check|play|graph|lines|tag`: dispatch, help texts, and `check`.
#include <overum/app/scenario_tools.h>

#include "scenario_files.h"
#include "tools.h"

#include <ostream>

namespace overum {

namespace {

constexpr const char* kHelp =
    "Scenario tools for .yarn files (Yarn Spinner 2 syntax). FILES may be .yarn files or folders;\n"
    "a folder with cast.json checks speakers against the cast and starts at its \"start\" node.\n"
    "\n"
    "  overum check FILES...                          report every error; exit 0 only if there are none\n"
    "  overum play FILES... [--start NODE] [--choose 1,2,...] [--seed N] [--set NAME=VALUE]\n"
    "                                                 run in the terminal (interactive without --choose)\n"
    "  overum graph FILES... [--format dot|mermaid]   the node graph\n"
    "  overum lines FILES... [--csv]                  every line with ID, node, speaker and text\n"
    "  overum tag FILES...                            add missing #line: IDs in place\n";

}  // namespace

namespace tools {

int checkCommand(const Args& args, std::ostream& out, std::ostream& err) {
  ToolArgs a;
  if (!parseArgs(args, {"--start"}, {}, a, err)) return 2;
  Scenario s;
  if (!loadScenario(a.paths, s, err)) return a.paths.empty() ? 2 : 1;
  const auto result = compileScenario(s, a.options["--start"], out);
  const int errors = result.errors(), warnings = result.warnings();
  if (errors == 0) {
    const auto& p = *result.program;
    out << "ok: " << s.files.size() << (s.files.size() == 1 ? " file, " : " files, ") << p.nodes.size() << " nodes, "
        << p.lines.size() << " lines" << (warnings ? ", " + std::to_string(warnings) + " warnings" : "") << "\n";
    return 0;
  }
  out << errors << (errors == 1 ? " error" : " errors") << ", " << warnings
      << (warnings == 1 ? " warning" : " warnings") << "\n";
  return 1;
}

}  // namespace tools

int runScenarioCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, std::istream& in) {
  try {
    if (args.empty()) {
      err << kHelp;
      return 2;
    }
    for (const auto& a : args)
      if (a == "--help" || a == "-h") {
        out << kHelp;
        return 0;
      }
    const std::string& cmd = args[0];
    if (cmd == "check") return tools::checkCommand(args, out, err);
    if (cmd == "play") return tools::playCommand(args, out, err, in);
    if (cmd == "graph") return tools::graphCommand(args, out, err);
    if (cmd == "lines") return tools::linesCommand(args, out, err);
    if (cmd == "tag") return tools::tagCommand(args, out, err);
    err << "unknown scenario command " << cmd << "\n" << kHelp;
    return 2;
  } catch (const std::exception& e) {
    err << "overum " << (args.empty() ? "" : args[0]) << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace overum
