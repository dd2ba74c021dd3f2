// SPDX-License-Identifier: GPL-3.0-or-later
// Diagnostic formatting and the "did you mean" suggestion (capped Levenshtein distance).
#include <overum/scenario/diagnostics.h>

#include <algorithm>
#include <cctype>

namespace overum::scenario {

std::string formatDiagnostic(const Diagnostic& d) {
  std::string s = d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": ";
  s += d.severity == Severity::Error ? "error: " : "warning: ";
  s += d.message;
  if (!d.fix.empty()) s += "; " + d.fix;
  return s;
}

int editDistance(std::string_view a, std::string_view b, int cap) {
  // Optimal string alignment: like Levenshtein, but swapping two neighbours (Strat/Start) costs 1.
  const int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > cap) return cap + 1;
  std::vector<int> prev2(lb + 1), prev(lb + 1), cur(lb + 1);
  for (int j = 0; j <= lb; ++j) prev[j] = j;
  for (int i = 1; i <= la; ++i) {
    cur[0] = i;
    int rowMin = cur[0];
    for (int j = 1; j <= lb; ++j) {
      const int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      rowMin = std::min(rowMin, cur[j]);
    }
    if (rowMin > cap) return cap + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[lb];
}

std::string closestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  // Close enough: at most a third of the word's letters wrong (at least 1, at most 3).
  const int cap = std::clamp(static_cast<int>(word.size()) / 3, 1, 3);
  std::string best;
  int bestDist = cap + 1;
  std::size_t bestPrefix = 0;
  for (const auto& c : candidates) {
    if (c == word) continue;
    const int d = editDistance(word, c, cap);
    // On a tie, the word sharing the longer beginning is the likelier intent (bordet: bord, not borger).
    std::size_t prefix = 0;
    while (prefix < c.size() && prefix < word.size() && c[prefix] == word[prefix]) ++prefix;
    if (d < bestDist || (d == bestDist && d <= cap && prefix > bestPrefix)) {
      bestDist = d;
      best = c;
      bestPrefix = prefix;
    }
  }
  return best;
}

}  // namespace overum::scenario
