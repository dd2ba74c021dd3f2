// SPDX-License-Identifier: GPL-3.0-or-later
// Loading and checking a meeting's files; see meeting_setup.h.
#include "meeting_setup.h"

#include <overum/app/meeting_folder.h>

#include <overum/core/files.h>
#include <overum/core/format.h>
#include <overum/scenario/compiler.h>
#include <overum/scenario/meeting_vocabulary.h>
#include <overum/session/replay_track.h>
#include <overum/session/statement.h>

#include <algorithm>

namespace overum::app {
namespace fs = std::filesystem;
namespace {

// The citizen's statement becomes $statement_* (as the characters quote it: whole sentences) and
// $borger_navn. Both forms are personal: logs and caches blank either.
void useStatement(MeetingPlan& plan, const session::Statement& statement) {
  for (session::StatementPart part : session::kStatementParts) {
    const std::string& text = statement.text(part);
    const std::string spoken = session::spokenText(text);
    plan.variables.emplace_back(std::string(session::variableNameOf(part).substr(1)),
                                scenario::Value::fromString(spoken));
    if (!text.empty()) plan.personalTexts.push_back(text);
    if (spoken != text && !spoken.empty()) plan.personalTexts.push_back(spoken);
  }
  plan.variables.emplace_back("borger_navn", scenario::Value::fromString(statement.name));
  plan.statement = statement;
  if (!statement.name.empty()) plan.personalTexts.push_back(statement.name);
}

}  // namespace

std::string meetingId(const std::vector<fs::path>& scenario, const fs::path& scenariosRoot) {
  if (scenario.empty()) return kDefaultMeeting;
  std::error_code ec;
  const fs::path folder = fs::weakly_canonical(
      fs::absolute(fs::is_directory(scenario.front(), ec) ? scenario.front() : scenario.front().parent_path()), ec);
  if (folder.parent_path() == fs::weakly_canonical(fs::absolute(scenariosRoot), ec)) return folder.filename().string();
  return folder.string();
}

fs::path meetingFolder(std::string_view id, const fs::path& scenariosRoot) {
  const fs::path named(id);
  return named.is_absolute() ? named : scenariosRoot / named;
}

MeetingSetup prepareMeeting(const Options& options, const fs::path& scenariosRoot, const session::Statement* given) {
  MeetingSetup result;
  MeetingPlan plan;

  // The meeting's files and cast by the loader `overum check` uses: the compiler checks speakers and
  // command arguments against the cast.
  const std::vector<fs::path> named =
      options.scenario.empty() ? std::vector<fs::path>{scenariosRoot / kDefaultMeeting} : options.scenario;
  MeetingFolder folder = loadMeetingFolder(named);
  result.warnings = folder.warnings;
  if (!folder.error.empty()) {
    result.error = folder.error;
    return result;
  }
  scenario::CompileOptions compileOptions;
  if (folder.cast) {
    plan.cast = *folder.cast;
    if (plan.cast.startLine > 0) compileOptions.startNamedAt = {folder.castFile.string(), plan.cast.startLine};
    std::erase_if(plan.cast.characters, [&](const scene::CastMember& c) { return c.optional && !options.bisidder; });
  } else {
    result.warnings.push_back(
        format("{}: no cast file, so nobody is seated and lines are shown as captions only", folder.castFile.string()));
  }
  for (const auto& c : plan.cast.characters) plan.speakers.push_back({c.id, c.name});

  compileOptions.start = plan.cast.start;
  const scenario::CompileResult compiled = scenario::compile(folder.files, folder.vocabulary, compileOptions);
  for (const auto& d : compiled.diagnostics) {
    if (d.severity == scenario::Severity::Error)
      result.error += (result.error.empty() ? "" : "\n") + scenario::formatDiagnostic(d);
    else result.warnings.push_back(scenario::formatDiagnostic(d));
  }
  if (!compiled.ok()) {
    result.error += "\nFix the scenario (overum check shows the same list) and start again.";
    return result;
  }
  plan.program = compiled.program;
  for (const scenario::SourceFile& file : folder.files)
    plan.sourceFiles.emplace_back(fs::path(file.path).filename().string(), file.text);
  if (auto castText = folder.cast ? readTextFile(folder.castFile) : std::nullopt)
    plan.sourceFiles.emplace_back("cast.json", std::move(*castText));
  plan.scenarioHash = session::scenarioHash(plan.sourceFiles);

  if (given) {
    useStatement(plan, *given);
  } else {
    const fs::path statementFile = options.statement.empty() ? scenariosRoot / kExampleStatement : options.statement;
    std::string why;
    const auto statementText = readTextFile(statementFile, &why);
    if (!statementText) {
      result.error = format("{}; give the citizen's statement with --statement FILE", why);
      return result;
    }
    const session::StatementParseResult statement = session::parseStatement(*statementText);
    if (!statement.statement) {
      result.error = session::describeIssues(statementFile.string(), statement.issues);
      return result;
    }
    for (const session::StatementIssue& issue : statement.issues) {  // warnings, such as an empty part
      std::string warning = session::describeIssues(statementFile.string(), {issue});
      if (!warning.empty() && warning.back() == '\n') warning.pop_back();
      result.warnings.push_back(std::move(warning));
    }
    useStatement(plan, *statement.statement);
  }

  const std::string difficulty = options.difficulty.empty() ? "stoettende" : options.difficulty;
  if (plan.program->findVariable("svaerhed") >= 0)
    plan.variables.emplace_back("svaerhed", scenario::Value::fromString(difficulty));
  if (plan.program->findVariable("bisidder") >= 0)
    plan.variables.emplace_back("bisidder", scenario::Value::fromBool(options.bisidder));
  result.plan = std::move(plan);
  return result;
}

std::optional<session::Statement> exampleStatement(const fs::path& scenariosRoot) {
  const auto text = readTextFile(scenariosRoot / kExampleStatement);
  if (!text) return std::nullopt;
  return session::parseStatement(*text).statement;
}

}  // namespace overum::app
