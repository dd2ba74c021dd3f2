// SPDX-License-Identifier: GPL-3.0-or-later
// A character's lines for the voice recorder and its status; see voice_lines.h.
#include "voice_lines.h"

#include <overum/core/strings.h>
#include <overum/session/statement.h>

#include <set>

namespace overum::app {
namespace fs = std::filesystem;
namespace {

// A neighbouring line for context, "Speaker: text" (an option is the citizen's choice of words).
std::string described(const scenario::LineInfo& line) {
  const std::string who = line.kind == 1 ? std::string(tr("voices.option")) : line.speaker;
  return who.empty() ? line.source : who + ": " + line.source;
}

}  // namespace

LineVoice voiceOf(const scenario::LineInfo& line) {
  if (line.interpolations() > 0) {
    // The expressions are only in the source text; a citizen's variable named anywhere makes it theirs.
    bool citizen = line.source.find("$borger_navn") != std::string::npos;
    for (session::StatementPart part : session::kStatementParts)
      citizen = citizen || line.source.find(session::variableNameOf(part)) != std::string::npos;
    return citizen ? LineVoice::quotesCitizen : LineVoice::variesByMeeting;
  }
  return line.id.empty() ? LineVoice::untagged : LineVoice::recordable;
}

std::vector<CharacterLine> linesOf(const scenario::Program& program, const std::string& characterId,
                                   const std::string& characterName) {
  std::vector<CharacterLine> lines;
  const auto& all = program.lines;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const scenario::LineInfo& line = all[i];
    if (line.kind == 1 || line.speaker.empty() || (line.speaker != characterId && line.speaker != characterName))
      continue;
    CharacterLine out;
    out.id = line.id;
    out.text = line.source;
    out.heading = std::string(program.heading(program.nodes[line.node].title));
    if (i > 0 && all[i - 1].node == line.node) out.before = described(all[i - 1]);
    if (i + 1 < all.size() && all[i + 1].node == line.node) out.after = described(all[i + 1]);
    out.voice = voiceOf(line);
    lines.push_back(std::move(out));
  }
  return lines;
}

VoiceCoverage coverageOf(const std::vector<CharacterLine>& lines,
                         const std::function<bool(const std::string&)>& recorded) {
  VoiceCoverage c;
  for (const CharacterLine& line : lines) {
    switch (line.voice) {
      case LineVoice::recordable:
        ++c.recordable;
        if (recorded(line.id)) ++c.recorded;
        else c.missing.push_back(line.id);
        break;
      case LineVoice::quotesCitizen:
      case LineVoice::variesByMeeting: ++c.synthetic; break;
      case LineVoice::untagged: ++c.untagged; break;
    }
  }
  return c;
}

std::map<std::string, std::vector<std::string>> sharedLineIds(
    const std::vector<std::pair<std::string, const scenario::Program*>>& meetings) {
  std::map<std::string, std::set<std::string>> speakers;
  for (const auto& [meeting, program] : meetings)
    for (const scenario::LineInfo& line : program->lines)
      if (line.kind != 1 && !line.speaker.empty() && voiceOf(line) == LineVoice::recordable)
        speakers[line.id].insert(line.speaker + " (" + meeting + ")");
  std::map<std::string, std::vector<std::string>> shared;
  for (const auto& [id, who] : speakers)
    if (who.size() > 1) shared[id] = {who.begin(), who.end()};
  return shared;
}

fs::path recordingOf(const std::string& lineId, const std::vector<fs::path>& folders) {
  std::error_code ec;
  for (const fs::path& folder : folders)
    if (const fs::path file = folder / (lineId + ".wav"); fs::is_regular_file(file, ec)) return file;
  return {};
}

}  // namespace overum::app
