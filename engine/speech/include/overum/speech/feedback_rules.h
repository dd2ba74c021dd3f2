// SPDX-License-Identifier: GPL-3.0-or-later
// The feedback rules table (measure, threshold, Danish and English sentence, reason) and the chooser
// that picks what went well first and exactly one thing to try next time. Documented in docs/feedback-rules.md.
#pragma once
#include <overum/speech/turn_measures.h>

#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace overum::speech {

// The personligt statement's four parts, in the cue card's order.
enum class StatementPart { Introduktion = 0, Vigtigt = 1, Hjaelp = 2, SaaJegKan = 3 };

struct TurnContext {
  TurnMeasures measures;
  bool statement = false;             // the citizen's statement (not an answer)
  bool afterHardestQuestion = false;  // the answer to the meeting's hardest question
  // Share of the turn the citizen's head was turned to the one who asked (0..1), as a headset can know
  // eye contact; empty without a headset (a window's view direction is not where the eyes are).
  std::optional<double> headsetGazeShare;
};

struct FeedbackInput {
  std::vector<TurnContext> turns;
  std::array<bool, 4> partsPresented{};  // indexed by StatementPart
  // False when nothing followed the statement's parts (no cue card stepped through them): then no rule
  // praises a part or suggests a missing one; unknown is not "not presented". Default true.
  bool partsKnown = true;
  bool statementGiven() const;  // a statement turn, or any part presented
  int partCount() const;
};

enum class RuleKind { Strength, TryNext };

struct FeedbackRule {
  std::string_view id;  // stable, for the journal and the facilitator's edits
  RuleKind kind;
  std::string_view measure;    // what it looks at, in words
  std::string_view threshold;  // when it applies, in words
  bool (*applies)(const FeedbackInput&);
  std::string_view da;      // what the citizen reads (Danish)
  std::string_view en;      // the same in English (--language en)
  std::string_view reason;  // the threshold's source or reason
};

// Strengths first, then the suggestions, each group in priority order.
std::span<const FeedbackRule> feedbackRules();

struct Feedback {
  std::vector<const FeedbackRule*> strengths;  // 1..maxStrengths, most concrete first
  const FeedbackRule* tryNext = nullptr;       // exactly one, never null
};

Feedback chooseFeedback(const FeedbackInput& input, int maxStrengths = 3);

}  // namespace overum::speech
