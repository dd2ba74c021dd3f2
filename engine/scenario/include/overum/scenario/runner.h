// SPDX-License-Identifier: GPL-3.0-or-later
// The deterministic dialogue runner: a small VM over Program::code. Given a program, a start node and
// a seed it emits node/line/options/command/end events; the host answers choices. The complete state
// saves to a compact byte string and restores exactly. Steps do not allocate once buffers are warm.
#pragma once
#include <overum/scenario/program.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace overum::scenario {

enum class EventKind : std::uint8_t { None, Node, Line, Options, Command, End };

struct OptionEvent {
  std::uint32_t line = 0;    // Program::lines index: id, tags
  std::uint32_t target = 0;  // where the choice leads (internal)
  bool available = true;
  std::string text;  // resolved text
};

// Valid until the next call on the runner. Fields not named for a kind are left as they were.
struct Event {
  EventKind kind = EventKind::None;
  std::uint32_t node = 0;                // Node: entered node; otherwise the current node
  std::uint32_t line = 0;                // Line: Program::lines index (speaker, id, tags)
  std::string_view text;                 // Line: resolved text
  std::span<const OptionEvent> options;  // Options
  std::uint32_t command = 0;             // Command: Program::commands index (name)
  std::span<const Value> args;           // Command: parsed arguments
  std::string_view error;  // End: why the dialogue had to stop (e.g. <<jump {$x}>> to no node); empty normally
};

class Runner {
 public:
  explicit Runner(std::shared_ptr<const Program> program);

  // Resets all state, sets the RNG seed and positions at `node` ("" = program start). False if unknown.
  bool start(std::string_view node, std::uint64_t seed);
  // Runs to the next event. Called after a node, line or command event it means "finished, go on".
  // While options wait for a choice it returns them again; after the end it keeps returning End.
  const Event& next();
  // Answers the current options (0-based). False when there are none, or it is out of range or
  // unavailable; nothing changes then.
  bool choose(std::size_t index);
  const Event& current() const { return event_; }

  // Sets a variable (name with or without `$`) after start(): host values such as $borger_navn, or
  // $svaerhed/$bisidder chosen by the facilitator. False: unknown name, wrong type, or for an enum
  // variable a string that is not one of its cases.
  bool setVariable(std::string_view name, const Value& value);
  const Value* variable(std::string_view name) const;
  std::uint32_t visitCount(std::string_view node) const;
  const Program& program() const { return *program_; }

  std::string saveState() const;
  // False (and the runner unchanged) when the bytes are damaged or from another program.
  bool restoreState(std::string_view bytes);

 private:
  friend struct RunnerStateCodec;
  enum class Status : std::uint8_t { Idle, Running, Choosing, Ended };

  void finishNode();
  void leaveAll();
  bool enter(int node, bool detour, bool computed, std::string_view title, std::uint32_t sourceLine);
  void fail(std::string message);
  void buildText(const std::vector<std::string>& pieces, const Value* values, std::string& out);
  double random01();
  void publishOptions();
  void emitLine(std::uint32_t line);
  void emitCommand(std::uint32_t command);

  std::shared_ptr<const Program> program_;
  // State that saveState covers:
  Status status_ = Status::Idle;
  std::uint32_t pc_ = 0;
  std::uint32_t node_ = 0;
  std::uint64_t rng_ = 0;
  std::vector<Value> vars_;
  std::vector<std::uint32_t> visits_;
  std::vector<std::uint8_t> once_;
  // Where each <<detour>> returns to (innermost last) and the node it was made from. Deeper than
  // kMaxDetours ends with an error: a node that detours into itself must not grow without end.
  static constexpr std::size_t kMaxDetours = 64;
  struct Detour {
    std::uint32_t pc = 0;
    std::uint32_t node = 0;
  };
  std::vector<Detour> detours_;
  std::string error_;                     // the runtime error that ended the dialogue, if any
  EventKind lastKind_ = EventKind::None;  // the event last emitted, restored with its payload
  std::string lineText_;
  std::vector<OptionEvent> options_;  // capacity reused; optionCount_ live ones
  std::size_t optionCount_ = 0;
  std::vector<Value> args_;
  std::size_t argCount_ = 0;
  // Scratch, not state (empty at every suspension point):
  std::vector<Value> stack_;
  std::vector<std::uint32_t> candidates_;
  Event event_;
};

}  // namespace overum::scenario
