// SPDX-License-Identifier: GPL-3.0-or-later
// A meeting's files as the app and the scenario tools both load them: the .yarn files named (a folder
// stands for all the .yarn files in it, sorted) and the cast.json beside the first, by the one strict
// cast reader. What `overum check` accepts is what a meeting can start with.
#pragma once
#include <overum/scenario/compiler.h>
#include <overum/scenario/vocabulary.h>
#include <overum/scene/cast.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace overum::app {

struct MeetingFolder {
  std::vector<scenario::SourceFile> files;
  // The meeting vocabulary; with a cast, its speakers, and every node must have a Danish heading.
  scenario::Vocabulary vocabulary;
  std::optional<scene::MeetingCast> cast;  // none when there is no cast.json
  std::filesystem::path castFile;          // where it is, or would be
  std::vector<std::string> warnings;       // the cast's, each with file:line
  std::string error;                       // what could not be read and what to do; empty: loaded
};

MeetingFolder loadMeetingFolder(const std::vector<std::filesystem::path>& named);

}  // namespace overum::app
