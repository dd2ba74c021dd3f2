// SPDX-License-Identifier: GPL-3.0-or-later
// What the host tells the compiler: the commands it runs (with argument shapes), the cast, and the
// variables it declares itself. Unknown commands/speakers/variables are reported at check time.
#pragma once
#include <overum/scenario/value.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace overum::scenario {

enum class ArgKind : std::uint8_t {
  Number,     // a number, e.g. seconds
  String,     // any text; quote it when it has spaces: "Spørg ind"
  Word,       // one of `choices`
  Character,  // a cast member (id or name) or one of `choices`; any word when no cast is known
};

struct ArgSpec {
  std::string name;  // shown in messages, e.g. "who"
  ArgKind kind = ArgKind::String;
  std::vector<std::string> choices;  // Word: the allowed words; Character: extra allowed words
};

struct CommandSpec {
  std::string name;
  std::vector<ArgSpec> args;  // exactly these, in order
  std::string help;           // one line for messages and docs
};

struct Vocabulary {
  std::map<std::string, CommandSpec, std::less<>> commands;
  // Cast: when set, speakers and Character arguments are checked against it.
  std::optional<std::set<std::string, std::less<>>> speakers;
  // Host-declared variables (name without `$`) with their type and starting value.
  std::map<std::string, Value, std::less<>> variables;
  // Variables the scenes <<declare>> themselves but the host may set before the start (difficulty,
  // a companion present), with the type they must have. Checks treat their values as unknown.
  std::map<std::string, Type, std::less<>> settable;
  // The most characters a line or option may have, as written; 0 = no limit. Spoken text must stay
  // quick to synthesise (see kMaxSpokenCharacters).
  std::size_t maxLineCharacters = 0;
  // Headers every node must have, with a non-empty value (the meeting's `overskrift:`, the node's
  // readable Danish title for the facilitator's console).
  std::vector<std::string> requiredHeaders;

  void addCommand(CommandSpec spec) {
    auto name = spec.name;
    commands[name] = std::move(spec);
  }
  // Signature for messages: "mood WHO HOW".
  static std::string usage(const CommandSpec& spec);
};

}  // namespace overum::scenario
