// SPDX-License-Identifier: GPL-3.0-or-later
// The statement's parts in time (see statement_steps.h).
#include "statement_steps.h"

#include "speech_worker.h"

namespace overum::app {

void StatementSteps::begin(double now) {
  *this = {};
  on_ = true;
  since_ = now;
}

void StatementSteps::next(double now) {
  if (!on_ || part_ == 3) return;
  seconds_[std::size_t(part_)] += now - since_;
  since_ = now;
  ++part_;
  stepped_ = true;
}

void StatementSteps::end(double now) {
  if (!on_) return;
  seconds_[std::size_t(part_)] += now - since_;
  on_ = false;
}

std::array<bool, 4> StatementSteps::presented() const {
  std::array<bool, 4> out{};
  for (std::size_t i = 0; i < 4; ++i) out[i] = stepped_ && seconds_[i] >= kPresentedSeconds;
  return out;
}

std::vector<std::pair<std::string, std::string>> StatementSteps::fields() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (!stepped_) return out;
  for (std::size_t i = 0; i < 4; ++i)
    out.emplace_back("part_" + std::to_string(i + 1) + "_s", journalNumber(seconds_[i]));
  return out;
}

}  // namespace overum::app
