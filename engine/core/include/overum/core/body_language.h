// SPDX-License-Identifier: GPL-3.0-or-later
// A character's mood and one-off gestures as types, here because the meeting sets them and the scene animates
// them, and core is all the two share. Their words live in scenario/meeting_vocabulary.h, in the same order.
#pragma once
#include <cstddef>
#include <cstdint>

namespace overum {

// scenario::kMoods, in order: venlig, neutral, travl, bekymret, irriteret, glad.
enum class Mood : std::uint8_t { friendly, neutral, busy, worried, irritated, happy };
inline constexpr std::size_t kMoodCount = 6;

// scenario::kGestures, in order: nik, smil, ryst_hovedet, laen_frem, laen_tilbage, kig_papirer, skriv_noter, haand_op.
enum class Gesture : std::uint8_t { nod, smile, shakeHead, leanIn, leanBack, lookAtPapers, takeNotes, handUp };
inline constexpr std::size_t kGestureCount = 8;

}  // namespace overum
