// SPDX-License-Identifier: GPL-3.0-or-later
// Compiler messages for authors: where (file:line:column), what is wrong in plain words, and a fix.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace overum::scenario {

enum class Severity : std::uint8_t { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;
  int line = 0;         // 1-based
  int column = 0;       // 1-based, counted in characters (UTF-8 aware)
  std::string message;  // what is wrong
  std::string fix;      // how to fix it ("did you mean `Afslutning`?"); may be empty
};

// "file:3:7: error: no node named `Afslutnig`; did you mean `Afslutning`?"
std::string formatDiagnostic(const Diagnostic& d);

// Levenshtein distance, capped: returns cap+1 as soon as the distance is known to exceed cap.
int editDistance(std::string_view a, std::string_view b, int cap = 8);

// The candidate closest to `word` when it is close enough to be a likely typo, else empty.
std::string closestMatch(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace overum::scenario
