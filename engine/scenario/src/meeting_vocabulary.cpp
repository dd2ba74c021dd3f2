// SPDX-License-Identifier: GPL-3.0-or-later
// The meeting vocabulary: what the Øverum host runs for <<commands>> and the variables it fills in.
#include <overum/scenario/meeting_vocabulary.h>

namespace overum::scenario {

namespace {
template <std::size_t N>
std::vector<std::string> words(const char* const (&list)[N]) {
  return {list, list + N};
}
}  // namespace

Vocabulary meetingVocabulary() {
  Vocabulary v;
  v.maxLineCharacters = kMaxSpokenCharacters;
  const ArgSpec who{"who", ArgKind::Character, {"borger"}};
  v.addCommand({"mood", {who, {"how", ArgKind::Word, words(kMoods)}}, "a character's mood (face and voice)"});
  v.addCommand({"look", {who, {"at", ArgKind::Character, words(kLookTargets)}}, "where a character looks"});
  v.addCommand({"gesture", {who, {"what", ArgKind::Word, words(kGestures)}}, "a character's gesture"});
  v.addCommand({"wait", {{"seconds", ArgKind::Number, {}}}, "pause the scene for some seconds"});
  v.addCommand({"statement", {}, "the citizen presents the personal statement"});
  v.addCommand({"listen", {{"seconds", ArgKind::Number, {}}}, "open spoken answer, at most SECONDS"});
  v.addCommand({"facilitator", {{"hint", ArgKind::String, {}}}, "a hint shown to the facilitator"});
  v.addCommand({"pause", {}, "wait until the facilitator resumes"});
  v.addCommand({"uro", {}, "ask how uneasy the citizen is now (0-10); the meeting waits for the answer"});
  // Filled from the citizen's statement by the session; these are placeholders for `overum play`.
  v.variables["statement_intro"] = Value::fromString("");
  v.variables["statement_important"] = Value::fromString("");
  v.variables["statement_help"] = Value::fromString("");
  v.variables["statement_so_that"] = Value::fromString("");
  v.variables["borger_navn"] = Value::fromString("");
  // Declared by the scenes; the session sets them from the facilitator's choices.
  v.settable["svaerhed"] = Type::String;  // "stoettende" | "neutral" | "presset"
  v.settable["bisidder"] = Type::Bool;
  return v;
}

}  // namespace overum::scenario
