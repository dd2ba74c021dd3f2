// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing and writing the personligt statement file: "navn: …", then "## <heading>" sections.
#include <overum/core/utf8.h>
#include <overum/session/statement.h>

#include <overum/core/format.h>
#include <overum/scenario/meeting_vocabulary.h>

#include <algorithm>
#include <cctype>

namespace overum::session {
namespace {

struct PartInfo {
  StatementPart part;
  std::string_view heading;
  std::string_view variable;
  std::array<std::string_view, 3> accepted;  // lower-case, trailing dots and ellipsis removed
};

constexpr std::array<PartInfo, 4> kParts{{
    {StatementPart::introduction,
     "Sådan vil jeg introducere mig selv",
     "$statement_intro",
     {"sådan vil jeg introducere mig selv", "this is how i introduce myself", "introduktion"}},
    {StatementPart::important,
     "Det er vigtigt for mig at…",
     "$statement_important",
     {"det er vigtigt for mig at", "it is important to me that", "vigtigt"}},
    {StatementPart::helpWith,
     "Jeg vil gerne have hjælp til",
     "$statement_help",
     {"jeg vil gerne have hjælp til", "i would like help with", "hjælp"}},
    {StatementPart::soThatICan, "Så jeg kan", "$statement_so_that", {"så jeg kan", "so that i can", "mål"}},
}};

// ASCII lower-casing plus the three Danish capitals, enough to compare headings.
std::string normaliseHeading(std::string_view heading) {
  std::string out(heading);
  for (std::string_view suffix : {"…", "...", ":", "."})
    while (out.size() >= suffix.size() && out.compare(out.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.erase(out.size() - suffix.size());
  std::string lower;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const unsigned char c = out[i];
    if (c == 0xC3 && i + 1 < out.size()) {
      const unsigned char next = out[i + 1];
      lower += char(c);
      lower += char((next == 0x86 || next == 0x98 || next == 0x85) ? next + 0x20 : next);  // Æ Ø Å
      ++i;
    } else {
      lower += char(std::tolower(c));
    }
  }
  return std::string(trimSpace(lower));
}

const PartInfo* findPart(std::string_view heading) {
  const std::string key = normaliseHeading(heading);
  for (const auto& info : kParts)
    if (std::find(info.accepted.begin(), info.accepted.end(), key) != info.accepted.end()) return &info;
  return nullptr;
}

std::string allHeadings() {
  std::string out;
  for (const auto& info : kParts) out += format("{}\"## {}\"", out.empty() ? "" : ", ", info.heading);
  return out;
}

}  // namespace

std::string_view headingOf(StatementPart part) { return kParts[static_cast<int>(part)].heading; }
std::string_view variableNameOf(StatementPart part) { return kParts[static_cast<int>(part)].variable; }

StatementParseResult parseStatement(std::string_view text) {
  StatementParseResult result;
  Statement statement;
  std::array<int, 4> headingLine{};  // 0: not seen
  const PartInfo* current = nullptr;
  std::vector<std::string> currentLines;
  auto error = [&](int line, std::string field, std::string message) {
    result.issues.push_back({line, std::move(field), std::move(message), true});
  };
  auto closeSection = [&] {
    if (!current) return;
    while (!currentLines.empty() && trimSpace(currentLines.back()).empty()) currentLines.pop_back();
    std::string joined;
    for (const auto& l : currentLines) joined += (joined.empty() ? "" : "\n") + l;
    statement.text(current->part) = std::move(joined);
    currentLines.clear();
  };

  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM from some editors
  int lineNumber = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view raw = text.substr(start, end - start);
    start = end + 1;
    ++lineNumber;
    const std::string_view line = trimSpace(raw);
    if (!isValidUtf8(raw)) {
      error(lineNumber, "", "the line is not valid UTF-8 text; save the file as UTF-8 (æ, ø and å then work)");
      continue;
    }
    if (line.starts_with("## ") || line == "##") {
      const std::string_view heading = trimSpace(line.substr(2));
      const PartInfo* part = findPart(heading);
      if (!part) {
        error(lineNumber, std::string(heading),
              format("unknown heading \"{}\"; use one of {}", heading, allHeadings()));
        closeSection();
        current = nullptr;
        continue;
      }
      const int index = static_cast<int>(part->part);
      if (headingLine[index] != 0) {
        error(lineNumber, std::string(part->heading),
              format("\"{}\" appears twice (first on line {}); merge the two into one section", part->heading,
                     headingLine[index]));
      }
      closeSection();
      headingLine[index] = lineNumber;
      current = part;
      continue;
    }
    if (current) {
      if (!(currentLines.empty() && line.empty())) currentLines.emplace_back(trimSpace(raw));
      continue;
    }
    if (line.empty() || line.starts_with("#")) continue;  // title line or blank before the first section
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && trimSpace(line.substr(0, colon)) == "navn") {
      statement.name = std::string(trimSpace(line.substr(colon + 1)));
      continue;
    }
    error(lineNumber, "",
          format("text before the first heading; start each part with a heading such as \"## {}\"", kParts[0].heading));
  }
  closeSection();

  for (const auto& info : kParts) {
    const int index = static_cast<int>(info.part);
    if (headingLine[index] == 0)
      error(
          0, std::string(info.heading),
          format("the part \"{}\" is missing; add a line \"## {}\" followed by its text", info.heading, info.heading));
    else if (statement.parts[index].empty())
      result.issues.push_back({headingLine[index], std::string(info.heading),
                               "this part is empty; the characters cannot refer to it until it has some text", false});
    else if (const std::size_t length = utf8Length(statement.parts[index]); length > scenario::kMaxSpokenCharacters)
      error(headingLine[index], std::string(info.heading),
            format("this part has {} characters; the characters quote it aloud, so it may have at most {} (about 90 "
                   "words); keep what matters most",
                   length, scenario::kMaxSpokenCharacters));
  }
  const bool hasError = std::any_of(result.issues.begin(), result.issues.end(), [](auto& i) { return i.isError; });
  if (!hasError) result.statement = std::move(statement);
  return result;
}

std::string formatStatement(const Statement& statement) {
  std::string out = "# Personligt statement\n";
  if (!statement.name.empty()) out += "navn: " + statement.name + "\n";
  for (const auto& info : kParts) out += "\n## " + std::string(info.heading) + "\n" + statement.text(info.part) + "\n";
  return out;
}

namespace {

// A capital letter: ASCII, or Latin-1's À–Þ (Æ, Ø, Å …) in UTF-8.
bool startsWithCapital(std::string_view s) {
  if (s.empty()) return false;
  const auto c = static_cast<unsigned char>(s[0]);
  if (c >= 'A' && c <= 'Z') return true;
  return c == 0xC3 && s.size() > 1 && static_cast<unsigned char>(s[1]) >= 0x80 &&
         static_cast<unsigned char>(s[1]) <= 0x9E;
}

bool endsSentence(std::string_view s) {
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?' || s.ends_with("…"));
}

}  // namespace

std::string spokenText(std::string_view part) {
  // The lines, without list marks; each a sentence of its own or a piece of the one before.
  std::vector<std::vector<std::string_view>> sentences;
  for (std::size_t start = 0; start <= part.size();) {
    const std::size_t end = std::min(part.find('\n', start), part.size());
    std::string_view line = trimSpace(part.substr(start, end - start));
    start = end + 1;
    for (std::string_view mark : {"- ", "* ", "• "})
      if (line.starts_with(mark)) line = trimSpace(line.substr(mark.size()));
    if (line.empty()) continue;
    if (sentences.empty() || startsWithCapital(line)) sentences.emplace_back();
    sentences.back().push_back(line);
  }
  std::string out;
  for (const auto& pieces : sentences) {
    std::string sentence;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      std::string_view piece = pieces[i];
      // A full stop or comma at a piece's end belongs to the line, not to the sentence it joins.
      if (i + 1 < pieces.size())
        while (!piece.empty() && (piece.back() == '.' || piece.back() == ',')) piece.remove_suffix(1);
      if (i > 0) sentence += pieces[i - 1].ends_with(':') ? " " : i + 1 == pieces.size() ? " og " : ", ";
      sentence += piece;
    }
    if (!endsSentence(sentence)) sentence += '.';
    out += (out.empty() ? "" : " ") + sentence;
  }
  return out;
}

std::string describeIssues(std::string_view fileName, const std::vector<StatementIssue>& issues) {
  std::string out;
  for (const auto& i : issues) {
    out += std::string(fileName);
    if (i.line > 0) out += format(":{}", i.line);
    out += i.isError ? ": error: " : ": warning: ";
    if (!i.field.empty()) out += format("{}: ", i.field);
    out += i.message + "\n";
  }
  return out;
}

}  // namespace overum::session
