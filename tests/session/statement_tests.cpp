// SPDX-License-Identifier: GPL-3.0-or-later
// The personligt statement file: parsing, errors with line and field, and round trips.
#include <overum/session/statement.h>

#include <catch2/catch.hpp>
#include <fstream>

using namespace overum::session;

namespace {
const char* kSample = R"(# Personligt statement
navn: Anna

## Sådan vil jeg introducere mig selv
Jeg hedder Anna, jeg er 34 år og bor i Århus.

## Det er vigtigt for mig at…
have ro omkring min økonomi.
Og at blive hørt.

## Jeg vil gerne have hjælp til
at finde et arbejde med få timer.

## Så jeg kan
få en hverdag, der hænger sammen.
)";

bool mentions(const StatementIssue& issue, std::string_view text) {
  return issue.message.find(text) != std::string::npos || issue.field.find(text) != std::string::npos;
}
}  // namespace

TEST_CASE("a complete statement loads with its four parts and name") {
  auto r = parseStatement(kSample);
  REQUIRE(r.statement);
  CHECK(r.issues.empty());
  CHECK(r.statement->name == "Anna");
  CHECK(r.statement->text(StatementPart::introduction) == "Jeg hedder Anna, jeg er 34 år og bor i Århus.");
  CHECK(r.statement->text(StatementPart::important) == "have ro omkring min økonomi.\nOg at blive hørt.");
  CHECK(r.statement->text(StatementPart::helpWith) == "at finde et arbejde med få timer.");
  CHECK(r.statement->text(StatementPart::soThatICan) == "få en hverdag, der hænger sammen.");
}

TEST_CASE("headings are matched without regard to case, dots or ellipsis, and in English") {
  auto r = parseStatement(
      "## SÅDAN VIL JEG INTRODUCERE MIG SELV\na\n## Det er vigtigt for mig at...\nb\n"
      "## I would like help with\nc\n## så jeg kan:\nd\n");
  REQUIRE(r.statement);
  CHECK(r.statement->text(StatementPart::helpWith) == "c");
  CHECK(r.statement->text(StatementPart::soThatICan) == "d");
}

TEST_CASE("formatting and parsing round-trip") {
  auto first = parseStatement(kSample);
  REQUIRE(first.statement);
  auto second = parseStatement(formatStatement(*first.statement));
  REQUIRE(second.statement);
  CHECK(second.statement->parts == first.statement->parts);
  CHECK(second.statement->name == first.statement->name);
}

TEST_CASE("errors name the line and the field and say what to do, nothing is half-loaded") {
  SECTION("unknown heading") {
    auto r = parseStatement("## Sådan vil jeg introducere mig selv\na\n## Det vil jeg gerne\nx\n");
    CHECK_FALSE(r.statement);
    REQUIRE_FALSE(r.issues.empty());
    CHECK(r.issues[0].line == 3);
    CHECK(r.issues[0].field == "Det vil jeg gerne");
    CHECK(mentions(r.issues[0], "use one of"));
  }
  SECTION("missing part") {
    auto r = parseStatement(
        "## Sådan vil jeg introducere mig selv\na\n## Så jeg kan\nb\n## Jeg vil gerne have hjælp til\nc\n");
    CHECK_FALSE(r.statement);
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].line == 0);
    CHECK(r.issues[0].field == "Det er vigtigt for mig at…");
    CHECK(mentions(r.issues[0], "is missing"));
  }
  SECTION("duplicate part") {
    std::string text = std::string(kSample) + "\n## Så jeg kan\nmere\n";
    auto r = parseStatement(text);
    CHECK_FALSE(r.statement);
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].line == 17);
    CHECK(mentions(r.issues[0], "first on line 14"));
  }
  SECTION("text before the first heading") {
    auto r = parseStatement("Hej\n" + std::string(kSample));
    CHECK_FALSE(r.statement);
    CHECK(r.issues.at(0).line == 1);
    CHECK(mentions(r.issues[0], "before the first heading"));
  }
  SECTION("invalid UTF-8 (a Latin-1 file)") {
    std::string text = kSample;
    text.replace(text.find("ø"), 2, "\xF8");
    auto r = parseStatement(text);
    CHECK_FALSE(r.statement);
    CHECK(r.issues.at(0).line == 8);
    CHECK(mentions(r.issues[0], "UTF-8"));
  }
}

TEST_CASE("an empty part is a warning and the statement still loads") {
  auto r = parseStatement(
      "## Sådan vil jeg introducere mig selv\na\n## Det er vigtigt for mig at\n\n"
      "## Jeg vil gerne have hjælp til\nc\n## Så jeg kan\nd\n");
  REQUIRE(r.statement);
  REQUIRE(r.issues.size() == 1);
  CHECK_FALSE(r.issues[0].isError);
  CHECK(r.issues[0].line == 3);
  CHECK(describeIssues("anna.txt", r.issues).starts_with("anna.txt:3: warning: Det er vigtigt for mig at…: "));
}

TEST_CASE("a byte-order mark and Windows line endings are accepted") {
  std::string text = "\xEF\xBB\xBF";
  for (char c : std::string(kSample)) {
    if (c == '\n') text += '\r';
    text += c;
  }
  auto r = parseStatement(text);
  REQUIRE(r.statement);
  CHECK(r.statement->text(StatementPart::soThatICan) == "få en hverdag, der hænger sammen.");
}

TEST_CASE("the sample statement that ships with the scenarios loads clean") {
  std::ifstream in("scenarios/statement-eksempel.txt");
  REQUIRE(in);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  auto r = parseStatement(text);
  INFO(describeIssues("statement-eksempel.txt", r.issues));
  REQUIRE(r.statement);
  CHECK(r.issues.empty());
  CHECK(r.statement->name == "Sara");
}

// Issue #10: a 2 900-character part froze the meeting while a character quoted it.
TEST_CASE("a statement part longer than the characters can quote is an error at its heading", "[faults]") {
  std::string longPart;
  while (longPart.size() < 700) longPart += "at få ro på min økonomi og min hverdag, ";
  const std::string text =
      std::string("## Sådan vil jeg introducere mig selv\nJeg hedder Anna.\n## Det er vigtigt for mig at…\n") +
      longPart + "\n## Jeg vil gerne have hjælp til\nx\n## Så jeg kan\ny\n";
  const StatementParseResult r = parseStatement(text);
  CHECK_FALSE(r.statement);
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues[0].line == 3);
  CHECK(describeIssues("anna.txt", r.issues)
            .starts_with("anna.txt:3: error: Det er vigtigt for mig at…: this part has "));
  CHECK_THAT(r.issues[0].message, Catch::Contains("at most 600"));
}

TEST_CASE("a part is quoted aloud as natural sentences, never with a line break inside one") {
  // Lines that go on the heading's sentence are joined into it.
  CHECK(spokenText("blive mødt som et menneske og ikke kun som en sag.\nhave tid til at tænke, før jeg svarer.") ==
        "blive mødt som et menneske og ikke kun som en sag og have tid til at tænke, før jeg svarer.");
  CHECK(spokenText("- få ro\n- sove bedre\n- finde et arbejde") == "få ro, sove bedre og finde et arbejde.");
  // Lines that are sentences of their own stay sentences.
  CHECK(spokenText("Jeg hedder Sara.\nJeg bor i Odense\n\nØstergade er min gade.") ==
        "Jeg hedder Sara. Jeg bor i Odense. Østergade er min gade.");
  CHECK(spokenText("at finde et praktikforløb") == "at finde et praktikforløb.");
  CHECK(spokenText("hvordan går det?") == "hvordan går det?");
  CHECK(spokenText("Det vigtigste er:\nat blive hørt") == "Det vigtigste er: at blive hørt.");
  CHECK(spokenText("") == "");
  CHECK(spokenText("  \n ") == "");
}
