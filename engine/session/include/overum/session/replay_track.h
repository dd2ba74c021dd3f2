// SPDX-License-Identifier: GPL-3.0-or-later
// What a replay needs of a meeting, kept in its journal beside the events: how the director started, the
// citizen's inputs and the facilitator's actions at their times, when each line finished playing, when the
// citizen's voice was heard, and the head's pose 30 times a second. Pure: journal records in and out.
#pragma once
#include <overum/core/pose.h>
#include <overum/scenario/value.h>
#include <overum/session/journal.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace overum::session {

// The director's start: where, with which random seed and variables, and the scenario it ran.
struct ReplayStart {
  double time = 0.0;  // meeting clock when the director started (after the questions before it)
  std::string node;   // "" = the scenario's start
  std::uint64_t seed = 1;
  std::string scenarioHash;  // scenarioHash() of the meeting's files as they were
  std::string meeting;       // where they are: a shipped meeting's folder name, else the folder's absolute path
  std::vector<std::pair<std::string, scenario::Value>> variables;
};

// What the director was given at one update: a choice, "færdig", a pause or a resume.
struct ReplayInput {
  double time = 0.0;
  std::optional<std::size_t> choice;
  bool finished = false, pause = false, resume = false;
};

// A facilitator's action applied to the director (console::ConsoleAction, by its kind's name).
struct ReplayAction {
  double time = 0.0;
  std::string kind;  // console::kindName(): "setMood", "sayLine", "jumpTo" …
  std::string target, text;
  int index = -1;
  bool on = false;
};

struct HeadSample {
  double time = 0.0;
  Pose head;  // T_world_head
};

struct ReplayRecording {
  std::string name;  // "recording-<session>-<n>" in the vault
  double start = 0.0;
  double seconds = 0.0;
};

// A moment worth jumping to: a bookmark, a note, a turn of the citizen, or a choice.
struct ReplayMark {
  enum class Kind : std::uint8_t { bookmark, note, turn, choice };
  double time = 0.0;
  Kind kind = Kind::bookmark;
  std::string text;
};

struct ReplayTrack {
  std::string meeting;  // the meeting's id (ReplayStart::meeting; in older tracks the journal's "start" name)
  std::optional<ReplayStart> start;
  std::vector<ReplayInput> inputs;
  std::vector<ReplayAction> actions;
  std::vector<double> lineDone;      // by the director's n-th spoken line: when it had finished (NaN: unknown)
  std::vector<double> voiceToggles;  // the citizen's voice: heard from [0], quiet from [1], heard from [2] …
  std::vector<HeadSample> head;
  std::vector<ReplayRecording> recordings;
  std::vector<ReplayMark> marks;
  std::vector<JournalRecord> lines;  // the journal's "line" records: what the replay must say again, when
  double endTime = 0.0;              // the last record's time
  std::string problem;               // why the replay stops early or cannot start; empty when whole
};

// A replay track from a journal as read (a damaged or cut-off one gives the track up to the damage and
// says so in `problem`; a journal without a "replay-start" cannot be replayed and says why).
ReplayTrack replayTrackOf(const JournalReadResult& journal);

// The records that mark the track's rare events; each is appended as it happens.
JournalRecord replayStartRecord(const ReplayStart& start);
JournalRecord replayInputRecord(const ReplayInput& input);
JournalRecord replayActionRecord(const ReplayAction& action);

// The frequent samples (line ends, voice on/off, the head 30 times a second) gathered into one "track"
// record per second: a crash loses at most the last second of them.
class ReplayRecorder {
 public:
  static constexpr double kHeadInterval = 1.0 / 30.0;
  static constexpr double kBatchSeconds = 1.0;

  void lineDone(std::size_t line, double time);
  void voice(bool heard, double time);       // only changes are kept
  void head(const Pose& head, double time);  // kept at most every kHeadInterval, and only when it moved
  // The gathered samples as one record, once a second has passed since the first (or now, with all).
  std::optional<JournalRecord> take(double now, bool all = false);
  void reset();  // a new session

 private:
  std::vector<std::pair<std::size_t, double>> lineDone_;
  std::vector<double> voiceToggles_;
  std::vector<HeadSample> head_;
  std::optional<double> since_;  // the first sample's time in this batch
  double lastHead_ = -1e9;
  std::optional<std::array<long long, 7>> lastKept_;  // the last head pose kept, as kept
  std::optional<HeadSample> held_;                    // the latest sample equal to it, not kept (yet)
  bool heard_ = false;
};

// A short fingerprint of a meeting's files (their names and bytes, in order): equal fingerprints, equal files.
std::string scenarioHash(const std::vector<std::pair<std::string, std::string>>& namedFiles);

}  // namespace overum::session
