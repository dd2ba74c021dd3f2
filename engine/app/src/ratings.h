// SPDX-License-Identifier: GPL-3.0-or-later
// How the citizen feels, in their own numbers: SUDS (0–10) and confidence before and after a meeting,
// SUDS at the hardest moment, and after a headset session the comfort check (the SSQ's core items).
// Which questions wait, their words for the calm screen, and what an answer keeps in the journal.
#pragma once
#include <overum/ui/overlay.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace overum::app {

enum class Scale : std::uint8_t { suds, confidence, nausea, eyeStrain, dizziness };
enum class Moment : std::uint8_t { before, hardest, after };

struct Rating {
  Scale scale = Scale::suds;
  Moment moment = Moment::before;
  std::optional<int> value;  // none: skipped
};

std::string_view scaleName(Scale scale);     // the journal's words: "suds", "confidence", "eye_strain" …
std::string_view momentName(Moment moment);  // "before", "hardest", "after"
// The journal record's fields: scale, moment, and the value or "skipped".
std::vector<std::pair<std::string, std::string>> ratingFields(const Rating& rating);

std::vector<Scale> questionsBefore();
std::vector<Scale> questionsAfter(bool headset);  // the comfort check only after a headset session

class RatingQuestions {
 public:
  void ask(const std::vector<Scale>& scales, Moment moment);  // after those already waiting
  bool asking() const { return !waiting_.empty(); }
  std::size_t answered() const { return answered_; }  // how many were answered or skipped: which one is on screen
  void clear() { waiting_.clear(); }
  // The question on the screen, in the UI's language; `marked` and dwell are the caller's to fill.
  ui::Question question() const;
  int highest() const;  // the top of the scale on the screen (10, or 3 for the comfort items); 0 when none
  // ← / →: moves the mark along the scale (from the middle when nothing was marked).
  void step(int delta);
  int marked() const { return marked_; }
  // The citizen's answer to the question on the screen (a value outside its scale is ignored),
  // the marked value, or a skip; the answer moves on to the next question.
  std::optional<Rating> answer(int value);
  std::optional<Rating> confirmMarked();
  std::optional<Rating> skip();

 private:
  std::optional<Rating> take(std::optional<int> value);
  std::deque<std::pair<Scale, Moment>> waiting_;
  int marked_ = -1;
  std::size_t answered_ = 0;
};

}  // namespace overum::app
