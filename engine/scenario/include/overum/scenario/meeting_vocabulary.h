// The meeting command vocabulary (<<mood>>, <<look>>, <<gesture>>, <<wait>>, <<statement>>, <<listen>>,
// <<facilitator>>, <<pause>>) and the host variables ($statement_*, $borger_navn). See scenarios/README.md.
#pragma once
#include <overum/scenario/vocabulary.h>

namespace overum::scenario {

inline constexpr const char* kMoods[] = {"venlig", "neutral", "travl", "bekymret", "irriteret", "glad"};
inline constexpr const char* kGestures[] = {"nik",         "smil",         "ryst_hovedet", "laen_frem",
                                            "laen_tilbage", "kig_papirer", "skriv_noter",  "haand_op"};
inline constexpr const char* kLookTargets[] = {"borger", "bord", "ingen"};  // besides character ids
inline constexpr const char* kCitizenSpeaker = "Borger";

// Commands and host variables, with no cast (speakers unchecked) until the caller adds one.
Vocabulary meetingVocabulary();

}  // namespace overum::scenario
