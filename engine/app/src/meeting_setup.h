// SPDX-License-Identifier: GPL-3.0-or-later
// Everything a meeting needs before its first frame: the scenario compiled against its cast, the
// citizen's statement turned into scenario variables, the difficulty and the bisidder choice.
#pragma once
#include "command_line.h"

#include <overum/meeting/director.h>
#include <overum/scene/cast.h>
#include <overum/session/statement.h>

#include <optional>

namespace overum::app {

struct MeetingPlan {
  std::shared_ptr<const scenario::Program> program;
  scene::MeetingCast cast;  // only those present: an optional bisidder only when asked for
  std::vector<meeting::Speaker> speakers;
  std::vector<std::pair<std::string, scenario::Value>> variables;  // statement, name, difficulty, bisidder
  std::vector<std::string> personalTexts;  // the citizen's own words: never written to the speech cache
  session::Statement statement;            // as loaded, for the cue card and the facilitator's console
  // The meeting's files (.yarn and cast.json) by name, and their fingerprint: what a replay must run again.
  std::vector<std::pair<std::string, std::string>> sourceFiles;
  std::string scenarioHash;
};

struct MeetingSetup {
  std::optional<MeetingPlan> plan;
  std::string error;  // what is wrong, with file:line, and what to do
  std::vector<std::string> warnings;
};

inline constexpr const char* kDefaultMeeting = "myndighedsmoede";           // its folder under scenarios/
inline constexpr const char* kExampleStatement = "statement-eksempel.txt";  // under scenarios/

// How journals and checkpoints name a meeting: the folder's name when it lies in scenariosRoot (as
// the console lists them), else its absolute path, so that a meeting kept elsewhere can be resumed.
// `scenario`: the --scenario paths (a folder, or .yarn files in it); none = the default meeting.
std::string meetingId(const std::vector<std::filesystem::path>& scenario, const std::filesystem::path& scenariosRoot);
// The folder of the meeting a meetingId() names.
std::filesystem::path meetingFolder(std::string_view id, const std::filesystem::path& scenariosRoot);

// scenariosRoot holds the default meeting and the sample statement (the repository's scenarios/).
// `given`: the citizen's statement as the console or the vault holds it, instead of options.statement.
MeetingSetup prepareMeeting(const Options& options, const std::filesystem::path& scenariosRoot,
                            const session::Statement* given = nullptr);

// The bundled example statement (scenarios/statement-eksempel.txt), used when the citizen has none
// yet; it is never kept as theirs. Empty when it cannot be read.
std::optional<session::Statement> exampleStatement(const std::filesystem::path& scenariosRoot);

}  // namespace overum::app
