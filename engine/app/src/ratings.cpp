// SPDX-License-Identifier: GPL-3.0-or-later
// The how-do-you-feel questions (see ratings.h).
#include "ratings.h"

#include <overum/core/strings.h>

#include <algorithm>

namespace overum::app {
namespace {

struct ScaleText {
  const char* name;      // in the journal
  const char* question;  // string table keys
  const char* low;
  const char* high;
  int highest;  // the comfort items are the SSQ's none / slight / moderate / severe: 0..3
};

const ScaleText& textOf(Scale scale) {
  static const ScaleText kScales[] = {
      {"suds", "rating.suds.question", "rating.suds.low", "rating.suds.high", 10},
      {"confidence", "rating.confidence.question", "rating.confidence.low", "rating.confidence.high", 10},
      {"nausea", "rating.nausea.question", "rating.comfort.low", "rating.comfort.high", 3},
      {"eye_strain", "rating.eye_strain.question", "rating.comfort.low", "rating.comfort.high", 3},
      {"dizziness", "rating.dizziness.question", "rating.comfort.low", "rating.comfort.high", 3},
  };
  return kScales[std::size_t(scale)];
}

}  // namespace

std::string_view scaleName(Scale scale) { return textOf(scale).name; }

std::string_view momentName(Moment moment) {
  switch (moment) {
    case Moment::before: return "before";
    case Moment::hardest: return "hardest";
    case Moment::after: return "after";
  }
  return "";
}

std::vector<std::pair<std::string, std::string>> ratingFields(const Rating& rating) {
  std::vector<std::pair<std::string, std::string>> out{{"scale", std::string(scaleName(rating.scale))},
                                                       {"moment", std::string(momentName(rating.moment))}};
  if (rating.value) out.emplace_back("value", std::to_string(*rating.value));
  else out.emplace_back("skipped", "1");
  return out;
}

std::vector<Scale> questionsBefore() { return {Scale::suds, Scale::confidence}; }

std::vector<Scale> questionsAfter(bool headset) {
  if (headset) return {Scale::suds, Scale::confidence, Scale::nausea, Scale::eyeStrain, Scale::dizziness};
  return {Scale::suds, Scale::confidence};
}

void RatingQuestions::ask(const std::vector<Scale>& scales, Moment moment) {
  for (Scale s : scales) waiting_.emplace_back(s, moment);
}

ui::Question RatingQuestions::question() const {
  ui::Question q;
  if (waiting_.empty()) return q;
  const ScaleText& t = textOf(waiting_.front().first);
  q.visible = true;
  q.text = std::string(tr(t.question));
  q.lowWords = std::string(tr(t.low));
  q.highWords = std::string(tr(t.high));
  q.highest = t.highest;
  q.marked = marked_;
  return q;
}

int RatingQuestions::highest() const { return waiting_.empty() ? 0 : textOf(waiting_.front().first).highest; }

void RatingQuestions::step(int delta) {
  if (waiting_.empty() || delta == 0) return;
  marked_ = marked_ < 0 ? highest() / 2 : std::clamp(marked_ + delta, 0, highest());
}

std::optional<Rating> RatingQuestions::answer(int value) {
  if (waiting_.empty() || value < 0 || value > highest()) return std::nullopt;
  return take(value);
}

std::optional<Rating> RatingQuestions::confirmMarked() { return marked_ >= 0 ? answer(marked_) : std::nullopt; }

std::optional<Rating> RatingQuestions::skip() { return waiting_.empty() ? std::nullopt : take(std::nullopt); }

std::optional<Rating> RatingQuestions::take(std::optional<int> value) {
  const auto [scale, moment] = waiting_.front();
  waiting_.pop_front();
  marked_ = -1;
  ++answered_;
  return Rating{scale, moment, value};
}

}  // namespace overum::app
