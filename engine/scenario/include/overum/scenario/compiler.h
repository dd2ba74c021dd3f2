// SPDX-License-Identifier: GPL-3.0-or-later
// Compile .yarn sources into a Program, checking everything the issue lists. Never throws: a broken
// input gives diagnostics and no program (never a half-loaded one).
#pragma once
#include <overum/scenario/diagnostics.h>
#include <overum/scenario/program.h>
#include <overum/scenario/vocabulary.h>

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace overum::scenario {

struct SourceFile {
  std::string path;  // used in messages
  std::string text;  // UTF-8
};

struct CompileOptions {
  std::string start;          // start node for the reachability check; "" = "Start" if present
  bool checkCommands = true;  // false: unknown commands pass (for generic Yarn files)
  struct Place {
    std::string file;
    int line = 0;
  };
  Place startNamedAt;  // where `start` was named (cast.json), blamed when no node has that
                       // title; default {}: the first .yarn file's first line
};

struct CompileResult {
  std::shared_ptr<const Program> program;  // null when there is any error
  std::vector<Diagnostic> diagnostics;     // sorted by file, line, column
  int errors() const;
  int warnings() const;
  bool ok() const { return program != nullptr; }
};

CompileResult compile(std::span<const SourceFile> files, const Vocabulary& vocabulary,
                      const CompileOptions& options = {});

// Where `overum tag` inserts line IDs: every line/option/line-group item without a #line: tag.
struct UntaggedLine {
  std::size_t offset;  // byte offset in the file text where " #line:xxxx" goes
  std::string node;
  std::string text;  // its source text, for a stable ID
};
struct ScanResult {
  std::vector<UntaggedLine> untagged;
  std::vector<std::string> existingIds;
  std::vector<Diagnostic> diagnostics;  // syntax errors only
};
ScanResult scanLines(const SourceFile& file);

}  // namespace overum::scenario
