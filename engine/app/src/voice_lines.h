// SPDX-License-Identifier: GPL-3.0-or-later
// The lines a character speaks in a meeting, as an actor records them: each with its context (the
// node's Danish heading, the line before and after) and whether it can be recorded at all. Pure: the
// recorder and `overum voices status` share it, and tests check it without audio or files.
#pragma once
#include <overum/scenario/program.h>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace overum::app {

enum class LineVoice {
  recordable,       // one fixed text with a #line: id: an actor records it once
  quotesCitizen,    // quotes the citizen's statement or name: always synthesised (it is theirs, and differs)
  variesByMeeting,  // shows a meeting's value ({$timer_tekst}): one recording cannot say every value
  untagged,         // no #line: id yet (`overum tag` adds them): nothing to name a recording by
};

struct CharacterLine {
  std::string id;       // the #line: id, empty when untagged
  std::string text;     // as written, {expressions} and all
  std::string heading;  // the node's `overskrift:` (else its title)
  std::string before;   // "Speaker: text" of the line before in the same node; empty at its start
  std::string after;    // the same for the line after
  LineVoice voice = LineVoice::recordable;
};

// The lines (and line-group items) a character speaks, in the scenario's order: those whose speaker is
// the character's id or name, as the director matches them.
std::vector<CharacterLine> linesOf(const scenario::Program& program, const std::string& characterId,
                                   const std::string& characterName);

// How a line is voiced in the meeting, from what it interpolates.
LineVoice voiceOf(const scenario::LineInfo& line);

struct VoiceCoverage {
  std::size_t recorded = 0;          // recordable lines with a recording
  std::size_t recordable = 0;        // recordable lines in all
  std::size_t synthetic = 0;         // quoting the citizen or varying by meeting: synthesised, always
  std::size_t untagged = 0;          // without an id: `overum tag` first
  std::vector<std::string> missing;  // the recordable lines' ids without a recording, in order
};

// `recorded(id)` says whether a recording for the line id exists.
VoiceCoverage coverageOf(const std::vector<CharacterLine>& lines,
                         const std::function<bool(const std::string&)>& recorded);

// Recordable lines' ids that more than one character speaks, across the meetings given (name, program): `overum tag`
// makes ids unique within a meeting only, and one <id>.wav would play for every one of them. Each id with
// its speakers, "Name (meeting)", sorted.
std::map<std::string, std::vector<std::string>> sharedLineIds(
    const std::vector<std::pair<std::string, const scenario::Program*>>& meetings);

// Where the line's recording is, in the first of `folders` that has one (<id>.wav); empty when none.
std::filesystem::path recordingOf(const std::string& lineId, const std::vector<std::filesystem::path>& folders);

}  // namespace overum::app
