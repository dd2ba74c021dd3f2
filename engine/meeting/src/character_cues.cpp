// SPDX-License-Identifier: GPL-3.0-or-later
// The meeting's cue types to and from the scenario vocabulary's words (see character_cues.h): an enumerator
// is its word's index in the vocabulary's list, so there is one list of words and nothing to keep in step.
#include <overum/meeting/character_cues.h>
#include <overum/scenario/meeting_vocabulary.h>

#include <iterator>

namespace overum::meeting {
namespace {

static_assert(std::size(scenario::kMoods) == kMoodCount, "one Mood per scenario::kMoods word, in order");
static_assert(std::size(scenario::kGestures) == kGestureCount, "one Gesture per scenario::kGestures word, in order");
static_assert(std::size(scenario::kLookTargets) == std::size_t(GazeTarget::Kind::character),
              "one GazeTarget::Kind per scenario::kLookTargets word, in order");

template <typename Enum, std::size_t N>
std::optional<Enum> parse(const char* const (&words)[N], std::string_view word) {
  for (std::size_t i = 0; i < N; ++i)
    if (word == words[i]) return Enum(i);
  return std::nullopt;
}

}  // namespace

std::optional<Mood> parseMood(std::string_view word) { return parse<Mood>(scenario::kMoods, word); }
std::optional<Gesture> parseGesture(std::string_view word) { return parse<Gesture>(scenario::kGestures, word); }
std::string_view wordOf(Mood mood) { return scenario::kMoods[std::size_t(mood)]; }
std::string_view wordOf(Gesture gesture) { return scenario::kGestures[std::size_t(gesture)]; }

std::optional<GazeTarget> parseGazeTarget(std::string_view word) {
  const auto kind = parse<GazeTarget::Kind>(scenario::kLookTargets, word);
  return kind ? std::optional(GazeTarget{*kind, {}}) : std::nullopt;
}

std::string_view wordOf(const GazeTarget& target) {
  return target.kind == GazeTarget::Kind::character ? std::string_view(target.characterId)
                                                    : scenario::kLookTargets[std::size_t(target.kind)];
}

}  // namespace overum::meeting
