// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's personligt statement: the four parts of the method, read from and written to a
// plain, human-editable text file (format documented in scenarios/README-statement.md).
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace overum::session {

enum class StatementPart { introduction, important, helpWith, soThatICan };
inline constexpr std::array kStatementParts{StatementPart::introduction, StatementPart::important,
                                            StatementPart::helpWith, StatementPart::soThatICan};

std::string_view headingOf(StatementPart part);       // the Danish heading, e.g. "Så jeg kan"
std::string_view variableNameOf(StatementPart part);  // the scenario variable, e.g. "$statement_so_that"

struct Statement {
  std::string name;                  // "navn:" line; how the citizen wants to be addressed (may be empty)
  std::array<std::string, 4> parts;  // in kStatementParts order; text as written, lines joined by '\n'

  const std::string& text(StatementPart part) const { return parts[static_cast<int>(part)]; }
  std::string& text(StatementPart part) { return parts[static_cast<int>(part)]; }
};

struct StatementIssue {
  int line = 0;         // 1-based; 0 when the issue concerns the whole file
  std::string field;    // the heading or key concerned, e.g. "Så jeg kan"
  std::string message;  // plain words, says what to do
  bool isError = true;  // false: a warning, the statement still loads
};

struct StatementParseResult {
  std::optional<Statement> statement;  // empty when there is an error: never half-loaded
  std::vector<StatementIssue> issues;
};

StatementParseResult parseStatement(std::string_view text);
std::string formatStatement(const Statement& statement);  // parseStatement(formatStatement(s)) == s

// A part as the characters quote it aloud after its heading ("Det er vigtigt for mig at …"): its
// lines as natural sentences, never a line break inside one. A line in lower case goes on the
// sentence before it ("blive hørt" + "have tid" -> "blive hørt og have tid."), one with a capital
// starts a new sentence; list marks ("- ", "• ") go, and the quote ends with a full stop. "" stays "".
std::string spokenText(std::string_view part);

// "file:line: field: message" lines, for the command line and the console.
std::string describeIssues(std::string_view fileName, const std::vector<StatementIssue>& issues);

}  // namespace overum::session
