// SPDX-License-Identifier: GPL-3.0-or-later
// Loading a scenario for the tools: files and folders to SourceFiles, cast.json to a Vocabulary,
// and the shared argument parsing of the subcommands.
#pragma once
#include <overum/scenario/compiler.h>
#include <overum/scenario/vocabulary.h>

#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace overum::tools {

struct ToolArgs {
  std::vector<std::string> paths;
  std::map<std::string, std::string> options;  // "--start" -> "Start"; flags map to ""
  std::vector<std::string> sets;               // --set name=value, in order
};

// Parses `args` (without the subcommand). valueOptions take a value, flags do not. False: bad usage
// (already reported on err).
bool parseArgs(const std::vector<std::string>& args, const std::vector<std::string>& valueOptions,
               const std::vector<std::string>& flags, ToolArgs& out, std::ostream& err);

struct Scenario {
  std::vector<scenario::SourceFile> files;
  scenario::Vocabulary vocabulary;  // meeting vocabulary, plus the cast when cast.json exists
  std::string castPath;             // "" when there is none
  std::string start;                // from cast.json, "" when none
  int startLine = 0;                // the line of "start" in cast.json
};

// Reads files and folders (a folder gives its *.yarn files, sorted). False if something cannot be
// read; the reason is on err.
bool loadScenario(const std::vector<std::string>& paths, Scenario& out, std::ostream& err);

// Compiles and prints diagnostics to `to`. Returns the result.
scenario::CompileResult compileScenario(const Scenario& s, const std::string& start, std::ostream& to);

}  // namespace overum::tools
