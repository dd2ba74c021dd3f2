// SPDX-License-Identifier: GPL-3.0-or-later
// Moods, gestures and gaze targets as the meeting's types: parsed once from the scenario's and the console's
// words (scenario/meeting_vocabulary.h is the one list), and named back with them for logs and string keys.
#pragma once
#include <overum/core/body_language.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace overum::meeting {

std::optional<Mood> parseMood(std::string_view word);        // "travl" → Mood::busy
std::optional<Gesture> parseGesture(std::string_view word);  // "nik" → Gesture::nod
std::string_view wordOf(Mood mood);                          // Mood::busy → "travl"
std::string_view wordOf(Gesture gesture);                    // Gesture::nod → "nik"

// Where a character looks: at the citizen, the table, away into the room, or at another character.
struct GazeTarget {
  enum class Kind : std::uint8_t { citizen, table, away, character };  // scenario::kLookTargets, then ids
  Kind kind = Kind::citizen;
  std::string characterId;  // Kind::character only

  static GazeTarget citizen() { return {}; }
  static GazeTarget atCharacter(std::string id) { return {Kind::character, std::move(id)}; }
  bool operator==(const GazeTarget&) const = default;
};
// "borger", "bord", "ingen"; nullopt for anything else (the director resolves character ids and names).
std::optional<GazeTarget> parseGazeTarget(std::string_view word);
std::string_view wordOf(const GazeTarget& target);  // the word, or the character's id

}  // namespace overum::meeting
