// SPDX-License-Identifier: GPL-3.0-or-later
// Vocabulary helpers: the usage line shown in messages about a command's arguments.
#include <overum/scenario/vocabulary.h>

#include <cctype>

namespace overum::scenario {

std::string Vocabulary::usage(const CommandSpec& spec) {
  std::string s = "<<" + spec.name;
  for (const auto& a : spec.args) {
    s += ' ';
    for (char c : a.name) s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return s + ">>";
}

}  // namespace overum::scenario
