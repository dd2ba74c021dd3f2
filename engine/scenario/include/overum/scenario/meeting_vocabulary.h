// SPDX-License-Identifier: GPL-3.0-or-later
// The meeting command vocabulary (<<mood>>, <<look>>, <<gesture>>, <<wait>>, <<statement>>, <<listen>>,
// <<facilitator>>, <<pause>>, <<uro>>) and the host variables ($statement_*, $borger_navn). See scenarios/README.md.
#pragma once
#include <overum/scenario/vocabulary.h>

#include <cstddef>
#include <string_view>

namespace overum::scenario {

inline constexpr const char* kMoods[] = {"venlig", "neutral", "travl", "bekymret", "irriteret", "glad"};
inline constexpr const char* kGestures[] = {"nik",          "smil",        "ryst_hovedet", "laen_frem",
                                            "laen_tilbage", "kig_papirer", "skriv_noter",  "haand_op"};
inline constexpr const char* kLookTargets[] = {"borger", "bord", "ingen"};  // besides character ids
inline constexpr const char* kCitizenSpeaker = "Borger";
// The header that gives a meeting's node its readable Danish heading ("overskrift: Velkommen igen"):
// the facilitator's console shows it instead of the node's title. Required in meeting folders.
inline constexpr std::string_view kNodeHeading = "overskrift";

// The most characters one spoken line, or one part of the citizen's statement, may have. 600
// characters are about 90 words: some 40 seconds of speech at the cast's 150-165 words a minute,
// longer than any turn in a real meeting (the longest line in scenarios/ has under 200) and more
// than a statement part the citizen can say in one breath. espeak-ng needs 0.2-0.7 ms a character,
// so such a line is ready within half a second. `overum check` and the statement reader enforce
// it; the voice cuts anything longer (a line quoting several parts).
inline constexpr std::size_t kMaxSpokenCharacters = 600;

// Commands and host variables, with no cast (speakers unchecked) until the caller adds one.
Vocabulary meetingVocabulary();

}  // namespace overum::scenario
