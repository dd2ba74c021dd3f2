// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's turns, measured and journalled (see citizen_turns.h).
#include "citizen_turns.h"

#include <overum/core/log.h>

#include <algorithm>

namespace overum::app {

bool hardestMoment(const meeting::Director& director) {
  for (const scenario::NodeInfo& node : director.runner().program().nodes)
    if (node.title == director.currentNode())
      return std::any_of(node.headers.begin(), node.headers.end(),
                         [](const auto& h) { return h.first == "fase" && h.second == "svaert_moment"; });
  return false;
}

bool CitizenTurns::afterUpdate(const std::vector<meeting::LogEntry>& entries, meeting::Phase phase, double now,
                               bool characterSpeaking, bool hardestMoment) {
  for (const meeting::LogEntry& e : entries) {
    if (e.kind != meeting::LogEntry::Kind::statement && e.kind != meeting::LogEntry::Kind::answer) continue;
    // The turn is over: its measures follow from the worker; its record waits for them.
    PendingTurn ended = open_ ? *open_ : PendingTurn{};
    if (ended.id) worker_.endTurn();
    ended.statement = e.kind == meeting::LogEntry::Kind::statement;
    if (ended.statement) {
      steps_.end(now);
      ended.partFields = steps_.fields();
      if (steps_.stepped()) {
        turns_.partsKnown = true;
        const auto presented = steps_.presented();
        for (std::size_t part = 0; part < presented.size(); ++part)
          turns_.partsPresented[part] = turns_.partsPresented[part] || presented[part];
      }
    }
    pending_.push_back(std::move(ended));
    open_.reset();
  }
  hold(entries);
  // Response latency counts from the end of the question: the last moment a character spoke.
  if (characterSpeaking) characterSpoke_ = true;
  else if (characterSpoke_) characterSpoke_ = false, questionEnd_ = now;
  const bool turnPhase = phase == meeting::Phase::statement || phase == meeting::Phase::listening;
  if (turnPhase && !open_) {
    PendingTurn begun;
    if (measured_) {
      begun.id = nextTurnId_++;
      worker_.beginTurn(*begun.id);
    }
    begun.questionGap = std::max(0.0, now - questionEnd_);
    begun.hardest = hardestMoment && phase == meeting::Phase::listening;
    open_ = begun;
    if (phase == meeting::Phase::statement) steps_.begin(now);
    return true;
  }
  if (open_ && !turnPhase && phase != meeting::Phase::paused) dropOpenTurn();  // "Afslut mødet" mid-turn
  return false;
}

void CitizenTurns::feed(std::vector<std::int16_t> samples) {
  if (open_ && open_->id) worker_.feed(std::move(samples));  // moved into the worker's queue
}

void CitizenTurns::look(bool atAsker, double seconds, bool headset) {
  if (!open_ || seconds <= 0.0) return;
  open_->gazeSeconds += seconds;
  if (atAsker) open_->lookedSeconds += seconds;
  open_->gazeFromHeadset = headset;
}

void CitizenTurns::nextPart(meeting::Phase phase, double now) {
  if (phase == meeting::Phase::statement) steps_.next(now);
}

void CitizenTurns::hold(const std::vector<meeting::LogEntry>& entries) {
  heldForJournal_.insert(heldForJournal_.end(), entries.begin(), entries.end());
}

void CitizenTurns::settle(bool wait, CitizenRecords* records, const meeting::Director& director) {
  if (wait) worker_.drain();
  while (auto finished = worker_.take()) {
    for (PendingTurn& p : pending_)
      if (p.id == finished->turn) p.result = std::move(finished);
  }
  while (!pending_.empty() && (pending_.front().result || !pending_.front().id)) {
    PendingTurn p = std::move(pending_.front());
    pending_.pop_front();
    if (p.result && !p.result->measured) p.result.reset();  // the analyser could not run: kept unmeasured
    if (p.result) {
      speech::TurnMeasures& m = p.result->measures;
      m.turnSeconds += p.questionGap;
      if (m.latencySeconds) *m.latencySeconds += p.questionGap;
      log::debug("speech", "a turn of {} s analysed in {} ms", p.result->audioSeconds,
                 p.result->analysisSeconds * 1000.0);
      std::optional<double> headsetGaze;
      if (p.gazeFromHeadset && p.gazeSeconds > 0.0) headsetGaze = p.lookedSeconds / p.gazeSeconds;
      if (p.logged) turns_.turns.push_back({m, p.statement, p.hardest, headsetGaze});
    }
    if (p.logged) {
      CitizenRecords::Fields fields;
      if (p.result) {
        fields = measureFields(p.result->measures);
        fields.emplace_back("question_gap_s", journalNumber(p.questionGap));
      }
      fields.insert(fields.end(), p.partFields.begin(), p.partFields.end());
      if (p.gazeSeconds > 0.0) {  // labelled: a window's view direction is not where the eyes are
        fields.emplace_back("gaze_share", journalNumber(p.lookedSeconds / p.gazeSeconds));
        fields.emplace_back("gaze_from", p.gazeFromHeadset ? "headset" : "view");
      }
      heldFields_.push_back(std::move(fields));
    }
  }
  if (pending_.empty() && !heldForJournal_.empty()) {
    if (records) records->record(heldForJournal_, director, heldFields_);
    heldForJournal_.clear();
    heldFields_.clear();
  }
}

void CitizenTurns::dropOpenTurn() {
  if (!open_) return;
  if (open_->id) worker_.endTurn();
  open_->logged = false;
  pending_.push_back(*open_);
  open_.reset();
}

void CitizenTurns::reset() {
  turns_ = unknownParts();
  steps_ = {};
  characterSpoke_ = false;
  questionEnd_ = 0.0;
}

}  // namespace overum::app
