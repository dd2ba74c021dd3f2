// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's turns as a meeting goes: each turn's audio measured on the speech worker, the meeting's
// journal entries held back until their turn's measures are in (so each turn's record carries them),
// the statement's parts in time, and what the feedback at the end is chosen from.
#pragma once
#include "citizen_records.h"
#include "speech_worker.h"
#include "statement_steps.h"

#include <overum/meeting/director.h>
#include <overum/speech/feedback_rules.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace overum::app {

// Whether the meeting is at its hardest moment: the scenario marks those nodes `fase: svaert_moment`.
bool hardestMoment(const meeting::Director& director);

class CitizenTurns {
 public:
  // `measured`: a microphone (or a sound file) hears the citizen; without one turns are kept unmeasured.
  explicit CitizenTurns(bool measured) : measured_(measured) {}

  // After each director update, with what it logged: a turn that ended goes to the worker and every
  // entry waits for the journal. `characterSpeaking`: a character's line is playing (a question's end
  // is when it stops: latency counts from there). True when a new turn began: the microphone starts
  // afresh with it, so the turn's audio begins when its floor does.
  // `hardestMoment`: the scenario marks where the turn happens as its hardest moment (hardestMoment()).
  bool afterUpdate(const std::vector<meeting::LogEntry>& entries, meeting::Phase phase, double now,
                   bool characterSpeaking, bool hardestMoment = false);
  // The microphone's samples since the last call, while the citizen has the floor.
  void feed(std::vector<std::int16_t> samples);
  // Each frame of the citizen's turn: whether their head (headset) or view (window) was turned to the
  // one who asked, for `seconds`. The turn's record keeps the share ("gaze_share", "gaze_from").
  void look(bool atAsker, double seconds, bool headset);
  // →: the statement's next part.
  void nextPart(meeting::Phase phase, double now);
  int statementPart() const { return steps_.current(); }

  // Entries whose turns' measures are in go to the journal (when there is one); `wait` first lets the
  // worker finish (a restart or the end, never a running meeting).
  void settle(bool wait, CitizenRecords* records, const meeting::Director& director);
  // Entries logged outside afterUpdate (the pause when a headset is lost) wait for the journal too.
  void hold(const std::vector<meeting::LogEntry>& entries);
  // A turn that ends without the director logging it (the meeting ended or restarted, the headset was
  // lost): analysed to the end, but not journalled or used.
  void dropOpenTurn();
  // A new run of the meeting: nothing of the last one counts.
  void reset();
  bool settled() const { return pending_.empty() && !open_; }
  const speech::FeedbackInput& measuredTurns() const { return turns_; }

 private:
  struct PendingTurn {
    std::optional<std::uint64_t> id;  // none: a turn that was not measured (no microphone)
    bool logged = true;               // the director logged it (else the meeting ended or restarted mid-turn)
    bool statement = false;
    CitizenRecords::Fields partFields;  // the statement's parts in time, when the citizen stepped through them
    double questionGap = 0.0;           // the question's end → the turn's start
    double lookedSeconds = 0.0, gazeSeconds = 0.0;  // turned to the one who asked, of all the turn's frames
    bool gazeFromHeadset = false;
    bool hardest = false;  // an answer at the scenario's hardest moment
    std::optional<SpeechWorker::Finished> result;
  };

  bool measured_;
  SpeechWorker worker_;
  std::deque<PendingTurn> pending_;
  std::optional<PendingTurn> open_;
  std::uint64_t nextTurnId_ = 0;
  double questionEnd_ = 0.0;  // when a character last stopped speaking (meeting clock)
  bool characterSpoke_ = false;
  std::vector<meeting::LogEntry> heldForJournal_;
  std::vector<CitizenRecords::Fields> heldFields_;
  speech::FeedbackInput turns_ = unknownParts();
  StatementSteps steps_;

  static speech::FeedbackInput unknownParts() {
    speech::FeedbackInput in;
    in.partsKnown = false;  // known once the citizen steps through their statement's parts (→)
    return in;
  }
};

}  // namespace overum::app
