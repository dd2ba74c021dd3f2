// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's turns measured off the frame thread (speech::TurnAnalyser on a small worker thread),
// their measures as journal fields, and the feedback sentences chosen from a meeting's turns.
#pragma once
#include <overum/console/console.h>
#include <overum/session/journal.h>
#include <overum/speech/feedback_rules.h>
#include <overum/speech/turn_analyser.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace overum::app {

// The frame thread hands each frame's microphone samples over through a mutex-guarded queue: the lock is
// held only to move a block in or out (no analysis, no I/O, no waiting under it), so feed() costs the
// frame a vector move. The worker analyses each turn as it comes (≈ 0.2–2 % of a core) and hands back
// each finished turn's measures, which take() collects on a later frame.
class SpeechWorker {
 public:
  explicit SpeechWorker(speech::AnalyserConfig config = {});
  ~SpeechWorker();  // stops the worker; turns not yet finished are dropped
  SpeechWorker(const SpeechWorker&) = delete;
  SpeechWorker& operator=(const SpeechWorker&) = delete;

  void beginTurn(std::uint64_t turn);            // audio fed from now on is this turn's (the question has ended)
  void feed(std::vector<std::int16_t> samples);  // the microphone's samples since the last feed
  void endTurn();                                // the turn is over: its measures follow from take()

  struct Finished {
    std::uint64_t turn = 0;
    bool measured = false;  // false: the analyser could not run (the measures are empty), the turn still ends
    speech::TurnMeasures measures;
    double audioSeconds = 0.0;     // audio analysed
    double analysisSeconds = 0.0;  // worker time spent on it (feed + finish)
  };
  std::optional<Finished> take();  // a finished turn's measures, in turn order; empty when none is ready
  void drain();                    // waits until everything queued so far is analysed (tests, the end)

 private:
  struct Command {
    enum class Kind : std::uint8_t { begin, samples, end } kind = Kind::samples;
    std::uint64_t turn = 0;
    std::vector<std::int16_t> samples;
  };
  void run();

  speech::AnalyserConfig config_;
  std::mutex mutex_;
  std::condition_variable wake_, idle_;
  std::vector<Command> queue_;        // guarded by mutex_
  std::deque<Finished> finished_;     // guarded by mutex_
  bool busy_ = false, stop_ = false;  // guarded by mutex_
  std::thread thread_;                // last: started once everything above exists
};

// A turn's measures as journal fields ("latency_s" …; seconds, syllables per second, LUFS, semitones),
// and back: what a journal record of a turn holds. Absent values are left out.
std::vector<std::pair<std::string, std::string>> measureFields(const speech::TurnMeasures& m);
// A number as the journal's fields hold it: to 0.001, shortest form ("1.5", not "1.500000").
std::string journalNumber(double v);
std::optional<speech::TurnMeasures> measuresFromFields(const session::JournalRecord& record);

// The sentences for the citizen after a meeting: what went well (one or two) first, then the one thing
// to try, in the program's language; `hidden` is the facilitator's choice per sentence. The console's
// type, so that the console shows the app's sentences as they are.
using FeedbackSentence = console::FeedbackLine;
std::vector<FeedbackSentence> feedbackSentences(const speech::FeedbackInput& input, int maxStrengths = 2);

}  // namespace overum::app
