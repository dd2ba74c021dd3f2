// SPDX-License-Identifier: GPL-3.0-or-later
// The meeting's director: runs a compiled scenario in time. It speaks lines through a SpeechOutput,
// waits for the citizen (options, the statement, open answers), and keeps what the scene shows —
// captions, option cards, each character's mood, gaze and gestures — and a log for the journal.
// Nothing graphical or audible happens here, so whole meetings are tested in milliseconds.
#pragma once
#include <overum/meeting/character_cues.h>
#include <overum/scenario/runner.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace overum::meeting {

struct Speaker {
  std::string id;    // "sagsbehandler": what commands name
  std::string name;  // "Mette": what lines name and captions show
};

enum class Phase : std::uint8_t {
  notStarted,
  speaking,   // a character's line is playing
  waiting,    // <<wait>> or the beat after a line
  choosing,   // option cards are up
  statement,  // the citizen presents their personligt statement
  listening,  // the citizen answers freely (<<listen>>)
  paused,     // in the pause room
  ended,
};
std::string_view phaseName(Phase phase);

struct CharacterState {
  std::string id;
  std::string name;
  Mood mood = Mood::neutral;
  GazeTarget lookAt;               // the citizen, unless the scenario or the turns say otherwise
  std::optional<Gesture> gesture;  // the latest one-shot gesture; the scene plays it from gestureStart
  double gestureStart = 0.0;
  bool speaking = false;
  bool listening = false;  // attentive to the citizen (nods now and then)
};

struct Caption {
  std::string speaker;  // the character's name; empty for narration
  std::string text;
};

struct OptionCard {
  std::string text;
  bool available = true;
};

// Everything worth keeping about how the meeting went, in order (the journal and the debrief).
struct LogEntry {
  enum class Kind : std::uint8_t {
    node,
    line,
    options,
    choice,
    command,
    statement,
    answer,
    hint,
    paused,
    resumed,
    ended,
    facilitator
  };
  double time = 0.0;
  Kind kind = Kind::node;
  std::string who;             // character name, or "borger"
  std::string text;            // node title, line text, chosen option, command, hint
  double duration = 0.0;       // statement/answer: how long the floor was the citizen's
  double spokenSeconds = 0.0;  // statement/answer: how long the citizen actually spoke
};

// The voice side, implemented with TTS + OpenAL by the app and with a fake by tests.
class SpeechOutput {
 public:
  virtual ~SpeechOutput() = default;
  virtual void speak(const Speaker& who, const std::string& lineId, const std::string& text) = 0;
  virtual bool busy() const = 0;  // the last line is still playing
  virtual void stop() = 0;        // silence at once (pause)
};

struct DirectorInput {
  bool citizenSpeaking = false;       // voice activity now (microphone)
  std::optional<std::size_t> choice;  // an option picked (0-based), by card, key, voice or facilitator
  bool finished = false;              // "færdig": the citizen ends the statement or answer
  bool pause = false;                 // go to the pause room
  bool resume = false;                // come back from it
};

struct DirectorConfig {
  double silenceToFinish = 2.5;           // seconds of quiet after speaking that end the statement/answer; default 2.5
  double statementMaxSeconds = 600.0;     // the statement ends by itself after this; default 10 minutes
  double beatAfterLine = 0.35;            // pause between one line and the next; default 350 ms
  double narrationSecondsPerChar = 0.06;  // how long a caption without a voice stays; default 60 ms per character
};

class Director {
 public:
  Director(std::shared_ptr<const scenario::Program> program, std::vector<Speaker> cast, SpeechOutput& speech,
           DirectorConfig config = {});

  // Starts at `node` ("" = the program's start) with the host's variables (statement, difficulty,
  // bisidder …). Returns the problems (unknown node, a variable the scenario lacks); empty = fine.
  std::vector<std::string> start(std::string_view node, std::uint64_t seed,
                                 const std::vector<std::pair<std::string, scenario::Value>>& variables, double now);
  void update(double now, const DirectorInput& input);

  // The facilitator's controls. Each works in every phase; they are logged like everything else.
  void skipLine(double now);                       // cut the current line short and go on
  bool jumpTo(std::string_view node, double now);  // continue from another node, keeping variables
  bool setVariable(std::string_view name, const scenario::Value& value, double now);  // e.g. $svaerhed
  // Speaks a typed line through a character (captioned, in their voice), then the meeting carries
  // on where it was. False when there is no such character.
  bool say(std::string_view characterIdOrName, const std::string& text, double now);
  // The last line a character spoke, once more in their voice ("sig replikken igen"), then on as
  // after say(). False before any character has spoken, or once the meeting is over.
  bool repeatLine(double now);
  bool canRepeatLine() const {
    return lineSpeaker_.has_value() && phase_ != Phase::ended && phase_ != Phase::notStarted;
  }
  void end(double now);  // end the meeting now, with a goodbye from the cast's first character
  // Continues a meeting saved by checkpoint() (after a crash, in a new process): from the start of the
  // node it was in, with the variables, visits and random state it had then. False (nothing changes)
  // when the bytes are damaged or from another version of the scenario.
  bool resumeFrom(std::string_view checkpoint, double now);
  // A character's mood or a one-off gesture, as the scenario's <<mood>> and <<gesture>> would; false
  // when there is no such character.
  bool setMood(std::string_view characterIdOrName, Mood mood, double now);
  bool gesture(std::string_view characterIdOrName, Gesture what, double now);

  Phase phase() const { return phase_; }
  bool interjecting() const { return interjection_.has_value(); }  // a facilitator line is playing
  const std::optional<Caption>& caption() const { return caption_; }
  const std::vector<OptionCard>& options() const { return options_; }
  const std::vector<CharacterState>& characters() const { return characters_; }
  std::string_view currentNode() const;
  std::vector<LogEntry> takeLog() { return std::exchange(log_, {}); }
  // The runner's state as the current node was entered (empty before the first node): what
  // resumeFrom() needs. It changes only when a node is entered, so hosts store it then.
  const std::string& checkpoint() const { return checkpoint_; }
  const scenario::Runner& runner() const { return runner_; }

 private:
  void advance(double now);
  void onLine(const scenario::Event& event, double now);
  bool onCommand(const scenario::Event& event, double now);  // true: the meeting waits (turn, <<wait>>, pause)
  bool interject(std::string_view characterIdOrName, const std::string& lineId, const std::string& text, double now);
  void beginCitizenTurn(Phase phase, double maxSeconds, double now);
  void giveTurnBack(double now);  // after a pause: the citizen's turn continues as it stood
  void updateCitizenTurn(double now, const DirectorInput& input);
  CharacterState* character(std::string_view idOrName);
  void everyoneLooksAt(const GazeTarget& target, const std::string& except = {});
  void logEntry(LogEntry::Kind kind, double now, std::string who, std::string text);

  scenario::Runner runner_;
  std::vector<Speaker> cast_;
  SpeechOutput& speech_;
  DirectorConfig config_;
  Phase phase_ = Phase::notStarted;
  Phase beforePause_ = Phase::notStarted;
  double pausedAt_ = 0.0;
  std::optional<Caption> caption_;
  std::vector<OptionCard> options_;
  std::vector<CharacterState> characters_;
  std::vector<LogEntry> log_;
  std::string checkpoint_;
  // The line being spoken (to repeat it after a pause) and timers.
  std::optional<Speaker> lineSpeaker_;
  std::string lineId_, lineText_;
  double waitUntil_ = 0.0;
  // The citizen's turn.
  double turnStart_ = 0.0, turnMax_ = 0.0, spokenSeconds_ = 0.0, lastVoice_ = -1.0, lastUpdate_ = 0.0;
  bool turnHeardVoice_ = false;
  // A facilitator's line interrupting the scenario, and what to restore after it.
  struct Interjection {
    Phase resumePhase;
    std::optional<Caption> caption;
  };
  std::optional<Interjection> interjection_;
};

}  // namespace overum::meeting
