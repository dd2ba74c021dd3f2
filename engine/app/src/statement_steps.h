// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen presenting their statement part by part (→ steps to the next part): which part the cue
// card marks, and how long each part had — for the journal and the feedback on which parts were said.
#pragma once
#include <array>
#include <string>
#include <utility>
#include <vector>

namespace overum::app {

class StatementSteps {
 public:
  static constexpr double kPresentedSeconds = 2.0;  // a part given at least this long counts as presented

  void begin(double now);                           // the statement turn starts: the first part is on
  void next(double now);                            // →: the next part (the last one stays on)
  void end(double now);                             // the turn is over
  int current() const { return on_ ? part_ : -1; }  // 0..3 while the turn is on, else -1
  // Whether the citizen stepped at all this turn: without a step the parts are unknown, not unsaid.
  bool stepped() const { return stepped_; }
  const std::array<double, 4>& seconds() const { return seconds_; }
  std::array<bool, 4> presented() const;
  // The journal's fields for the statement turn ("part_1_s" … "part_4_s"); none when it never stepped.
  std::vector<std::pair<std::string, std::string>> fields() const;

 private:
  bool on_ = false, stepped_ = false;
  int part_ = 0;
  double since_ = 0.0;
  std::array<double, 4> seconds_{};
};

}  // namespace overum::app
