// SPDX-License-Identifier: GPL-3.0-or-later
// A compiled scenario: one flat instruction array for all nodes plus tables of nodes, lines,
// commands, variables and constants. Immutable once compiled; shared by any number of runners.
#pragma once
#include <overum/scenario/value.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace overum::scenario {

enum class Op : std::uint8_t {
  EnterNode,        // a=node: emits the node event
  Line,             // a=line: pops the line's interpolations, emits a line event
  Command,          // a=command: pops its interpolations, emits a command event
  AddOption,        // a=line, b=target pc: pops condition (if the line has one) and interpolations
  ShowOptions,      // emits the gathered options (skipped when none is available)
  AddCandidate,     // a=line, b=target pc: a line-group item (=>); pops its condition if any
  SelectCandidate,  // jumps to one available candidate chosen by the RNG, else falls through
  Push,             // a=constant
  Load,             // a=variable
  Store,            // a=variable (pops)
  Pop,
  Neg,
  Not,
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  Eq,
  Neq,
  Lt,
  Le,
  Gt,
  Ge,
  And,
  Or,
  Xor,
  Call,         // a=function, b=argument count
  Jump,         // a=pc
  JumpIfFalse,  // a=pc (pops)
  OnceTest,     // a=once slot: pushes true the first time only
  OnceMark,     // a=once slot
  JumpNode,     // a=node: leaves the current node (counts the visit), forgets any detours, enters a
  Stop,         // leaves the node (and any it detoured from) and ends the dialogue
  Detour,       // a=node, b=source line: enters a; its end or <<return>> comes back to the next instruction
  JumpTitle,    // b=source line: pops a node title and jumps there; an unknown title ends with an error
  DetourTitle,  // b=source line: pops a node title and detours there, like JumpTitle
  Return,       // leaves the node: back to where it was detoured from, or ends the dialogue like Stop
};

struct Instr {
  Op op;
  std::uint32_t a = 0;
  std::uint32_t b = 0;
};

struct SourceLoc {
  std::uint32_t file = 0;  // index into Program::files
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct NodeInfo {
  std::string title;
  std::vector<std::pair<std::string, std::string>> headers;  // every header but title, in order
  std::vector<std::string> tags;                             // from a `tags:` header
  std::uint32_t entry = 0;                                   // pc of its EnterNode
  SourceLoc loc;
};

// A spoken line, an option or a line-group item.
struct LineInfo {
  std::string id;                   // from #line:..., empty when not tagged
  std::string speaker;              // empty when none
  std::vector<std::string> pieces;  // literal text around the interpolations (interpolations+1)
  std::string source;               // the text as written, with {expressions}, for the lines/graph tools
  std::vector<std::string> tags;    // hashtags without '#', the line id included ("line:abc")
  std::uint32_t node = 0;
  std::uint8_t kind = 0;  // 0 line, 1 option, 2 line-group item
  bool hasCondition = false;
  SourceLoc loc;
  std::uint32_t interpolations() const { return static_cast<std::uint32_t>(pieces.size()) - 1; }
};

// One argument of a command: literal pieces around interpolations, like a line.
struct CommandArg {
  std::vector<std::string> pieces;
  bool numeric = false;  // the host expects a number here
  bool quoted = false;   // written in quotes: always a string
};

struct CommandInfo {
  std::string name;
  std::vector<CommandArg> args;
  std::uint32_t node = 0;
  SourceLoc loc;
  std::uint32_t interpolations() const {
    std::uint32_t n = 0;
    for (const auto& a : args) n += static_cast<std::uint32_t>(a.pieces.size()) - 1;
    return n;
  }
};

struct VariableInfo {
  std::string name;                // without '$'
  Value initial;                   // its type is the variable's type
  bool host = false;               // declared by the host vocabulary
  std::vector<std::string> cases;  // an enum's cases (the only values it may hold); empty otherwise
};

struct Program {
  std::vector<std::string> files;
  std::vector<Instr> code;
  std::vector<Value> constants;
  std::vector<NodeInfo> nodes;
  std::vector<LineInfo> lines;
  std::vector<CommandInfo> commands;
  std::vector<VariableInfo> variables;
  std::uint32_t onceSlots = 0;
  std::string start;              // default start node ("" when none is known)
  std::uint64_t fingerprint = 0;  // guards restoreState against a different program

  int findNode(std::string_view title) const;  // -1 when absent
  // What people see for a node: its `overskrift:` header (kNodeHeading), else its title.
  std::string_view heading(std::string_view title) const;
  int findVariable(std::string_view name) const;  // without '$'; -1 when absent
  // Static node-to-node jumps and detours, (from, to) pairs, deduplicated; for graphs and
  // reachability. A jump to a computed title (<<jump {$x}>>) is not among them.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> jumps() const;
};

}  // namespace overum::scenario
