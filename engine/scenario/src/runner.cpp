// SPDX-License-Identifier: GPL-3.0-or-later
// The runner's instruction loop. Values live on a reused stack; text is built into reused buffers,
// so a warm runner does not allocate for number/bool work and short texts.
#include <overum/scenario/runner.h>

#include "functions.h"
#include "ops.h"

#include <algorithm>
#include <cmath>

namespace overum::scenario {

namespace {
std::string q(std::string_view s) { return "`" + std::string(s) + "`"; }
}  // namespace

Runner::Runner(std::shared_ptr<const Program> program) : program_(std::move(program)) {
  stack_.reserve(32);
  candidates_.reserve(8);
  detours_.reserve(kMaxDetours);
}

bool Runner::start(std::string_view node, std::uint64_t seed) {
  const Program& p = *program_;
  const int index = p.findNode(node.empty() ? std::string_view(p.start) : node);
  if (index < 0) return false;
  vars_.clear();
  for (const auto& v : p.variables) vars_.push_back(v.initial);
  visits_.assign(p.nodes.size(), 0);
  once_.assign(p.onceSlots, 0);
  detours_.clear();
  error_.clear();
  rng_ = seed;
  node_ = static_cast<std::uint32_t>(index);
  pc_ = p.nodes[index].entry;
  status_ = Status::Running;
  lastKind_ = EventKind::None;
  optionCount_ = argCount_ = 0;
  stack_.clear();
  candidates_.clear();
  event_ = Event{};
  return true;
}

double Runner::random01() {
  // splitmix64: one 64-bit word of state, saved with the rest.
  std::uint64_t z = (rng_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

void Runner::buildText(const std::vector<std::string>& pieces, const Value* values, std::string& out) {
  out += pieces[0];
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    values[i - 1].appendTo(out);
    out += pieces[i];
  }
}

void Runner::emitLine(std::uint32_t line) {
  const LineInfo& li = program_->lines[line];
  const std::size_t n = li.interpolations();
  lineText_.clear();
  buildText(li.pieces, stack_.data() + stack_.size() - n, lineText_);
  stack_.resize(stack_.size() - n);
  lastKind_ = EventKind::Line;
  event_.kind = EventKind::Line;
  event_.node = node_;
  event_.line = line;
  event_.text = lineText_;
}

void Runner::emitCommand(std::uint32_t command) {
  const CommandInfo& ci = program_->commands[command];
  std::size_t at = stack_.size() - ci.interpolations();
  const std::size_t base = at;
  if (args_.size() < ci.args.size()) args_.resize(ci.args.size());
  argCount_ = ci.args.size();
  for (std::size_t i = 0; i < ci.args.size(); ++i) {
    const CommandArg& a = ci.args[i];
    Value& out = args_[i];
    const std::size_t holes = a.pieces.size() - 1;
    if (holes == 1 && a.pieces[0].empty() && a.pieces[1].empty() && !a.quoted) {
      out = stack_[at];  // a lone {expression} keeps its type
    } else {
      out.type = Type::String;
      out.string.clear();
      buildText(a.pieces, stack_.data() + at, out.string);
    }
    at += holes;
    if (a.numeric && out.type != Type::Number) {
      const double n = out.asNumber();
      out.type = Type::Number;
      out.number = n;
      out.string.clear();
    }
  }
  stack_.resize(base);
  lastKind_ = EventKind::Command;
  event_.kind = EventKind::Command;
  event_.node = node_;
  event_.command = command;
  event_.args = std::span<const Value>(args_.data(), argCount_);
}

void Runner::publishOptions() {
  lastKind_ = EventKind::Options;
  event_.kind = EventKind::Options;
  event_.node = node_;
  event_.options = std::span<const OptionEvent>(options_.data(), optionCount_);
}

void Runner::finishNode() {
  if (node_ < visits_.size()) ++visits_[node_];
}

// Leaving for good (stop, or a jump that forgets the detours): the nodes detoured from are left too.
void Runner::leaveAll() {
  finishNode();
  for (const Detour& d : detours_)
    if (d.node < visits_.size()) ++visits_[d.node];
  detours_.clear();
}

void Runner::fail(std::string message) {
  leaveAll();
  error_ = std::move(message);
  status_ = Status::Ended;
  lastKind_ = EventKind::End;
  event_.kind = EventKind::End;
  event_.error = error_;
  stack_.clear();
}

// A jump or a detour into node n (-1: there is no node titled `title`). `computed`: the title came
// from <<jump {expr}>> / <<detour {expr}>>. False when it ended the dialogue with an error instead.
bool Runner::enter(int n, bool detour, bool computed, std::string_view title, std::uint32_t sourceLine) {
  const Program& p = *program_;
  if (n < 0 || (detour && detours_.size() >= kMaxDetours)) {
    const NodeInfo& here = p.nodes[node_];
    const std::string statement = computed ? std::string(detour ? "<<detour>>" : "<<jump>>") + " to " + q(title)
                                           : "<<detour " + std::string(title) + ">>";
    fail((here.loc.file < p.files.size() ? p.files[here.loc.file] : std::string()) + ":" + std::to_string(sourceLine) +
         ": " + statement + " in node " + q(here.title) +
         (n < 0 ? ": there is no node with that title"
                : ": detours are nested too deeply (does a node detour into itself?)"));
    return false;
  }
  if (detour) detours_.push_back({pc_, node_});
  else leaveAll();  // a jump out of a detoured node does not come back (as in Yarn Spinner 3)
  pc_ = p.nodes[n].entry;
  return true;
}

const Event& Runner::next() {
  switch (status_) {
    case Status::Idle: event_.kind = EventKind::None; return event_;
    case Status::Choosing: return event_;
    case Status::Ended: event_.kind = EventKind::End; return event_;
    case Status::Running: break;
  }
  const Program& p = *program_;
  const Instr* code = p.code.data();
  for (;;) {
    const Instr& in = code[pc_++];
    switch (in.op) {
      case Op::EnterNode:
        node_ = in.a;
        lastKind_ = EventKind::Node;
        event_.kind = EventKind::Node;
        event_.node = node_;
        return event_;
      case Op::Line: emitLine(in.a); return event_;
      case Op::Command: emitCommand(in.a); return event_;
      case Op::AddOption: {
        const LineInfo& li = p.lines[in.a];
        bool available = true;
        if (li.hasCondition) {
          available = stack_.back().number != 0;
          stack_.pop_back();
        }
        if (optionCount_ == options_.size()) options_.emplace_back();
        OptionEvent& o = options_[optionCount_++];
        o.line = in.a;
        o.target = in.b;
        o.available = available;
        o.text.clear();
        const std::size_t n = li.interpolations();
        buildText(li.pieces, stack_.data() + stack_.size() - n, o.text);
        stack_.resize(stack_.size() - n);
        break;
      }
      case Op::ShowOptions: {
        bool any = false;
        for (std::size_t i = 0; i < optionCount_; ++i) any = any || options_[i].available;
        if (!any) {  // nothing to choose: go on after the options
          optionCount_ = 0;
          break;
        }
        status_ = Status::Choosing;
        publishOptions();
        return event_;
      }
      case Op::AddCandidate: {
        bool available = true;
        if (p.lines[in.a].hasCondition) {
          available = stack_.back().number != 0;
          stack_.pop_back();
        }
        if (available) candidates_.push_back(in.b);
        break;
      }
      case Op::SelectCandidate:
        if (!candidates_.empty()) {
          const auto pick = static_cast<std::size_t>(random01() * static_cast<double>(candidates_.size()));
          pc_ = candidates_[pick < candidates_.size() ? pick : 0];
          candidates_.clear();
        }
        break;
      case Op::Push: stack_.push_back(p.constants[in.a]); break;
      case Op::Load: stack_.push_back(vars_[in.a]); break;
      case Op::Store:
        vars_[in.a] = std::move(stack_.back());
        stack_.pop_back();
        break;
      case Op::Pop: stack_.pop_back(); break;
      case Op::Neg: stack_.back().number = -stack_.back().number; break;
      case Op::Not: stack_.back().number = stack_.back().number == 0; break;
      case Op::Add:
      case Op::Sub:
      case Op::Mul:
      case Op::Div:
      case Op::Mod:
      case Op::Eq:
      case Op::Neq:
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge:
      case Op::And:
      case Op::Or:
      case Op::Xor: {
        Value& l = stack_[stack_.size() - 2];
        applyBinary(in.op, l, stack_.back());
        stack_.pop_back();
        break;
      }
      case Op::Call: {
        const auto fn = static_cast<Fn>(in.a);
        Value* args = stack_.data() + stack_.size() - in.b;
        Value result;
        switch (fn) {
          case Fn::Visited:
          case Fn::VisitedCount: {
            const int n = p.findNode(args[0].string);
            const std::uint32_t count = n < 0 ? 0 : visits_[n];
            result = fn == Fn::Visited ? Value::fromBool(count > 0) : Value::fromNumber(count);
            break;
          }
          case Fn::Random: result = Value::fromNumber(random01()); break;
          case Fn::RandomRange: {
            const double lo = std::ceil(std::min(args[0].number, args[1].number));
            const double hi = std::floor(std::max(args[0].number, args[1].number));
            const double span = hi >= lo ? hi - lo + 1 : 1;
            result = Value::fromNumber(lo + std::floor(random01() * span));
            break;
          }
          case Fn::Dice: {
            const double sides = std::max(1.0, std::floor(args[0].number));
            result = Value::fromNumber(1 + std::floor(random01() * sides));
            break;
          }
          default: result = callPure(fn, args); break;
        }
        stack_.resize(stack_.size() - in.b);
        stack_.push_back(std::move(result));
        break;
      }
      case Op::Jump: pc_ = in.a; break;
      case Op::JumpIfFalse: {
        const bool v = stack_.back().number != 0;
        stack_.pop_back();
        if (!v) pc_ = in.a;
        break;
      }
      case Op::OnceTest: stack_.push_back(Value::fromBool(!once_[in.a])); break;
      case Op::OnceMark: once_[in.a] = 1; break;
      case Op::JumpNode:
      case Op::Detour:
        if (!enter(int(in.a), in.op == Op::Detour, false, p.nodes[in.a].title, in.b)) return event_;
        break;
      case Op::JumpTitle:
      case Op::DetourTitle:
        // The title is on the stack; an error clears the stack, so it is popped only after success.
        if (!enter(p.findNode(stack_.back().string), in.op == Op::DetourTitle, true, stack_.back().string, in.b))
          return event_;
        stack_.pop_back();
        break;
      case Op::Return:
        if (!detours_.empty()) {
          finishNode();
          pc_ = detours_.back().pc;
          node_ = detours_.back().node;
          detours_.pop_back();
          break;
        }
        [[fallthrough]];
      case Op::Stop:
        leaveAll();
        status_ = Status::Ended;
        lastKind_ = EventKind::End;
        event_.kind = EventKind::End;
        event_.error = {};
        stack_.clear();
        return event_;
    }
  }
}

bool Runner::choose(std::size_t index) {
  if (status_ != Status::Choosing || index >= optionCount_ || !options_[index].available) return false;
  pc_ = options_[index].target;
  status_ = Status::Running;
  lastKind_ = EventKind::None;
  optionCount_ = 0;
  return true;
}

bool Runner::setVariable(std::string_view name, const Value& value) {
  const int i = program_->findVariable(name);
  if (i < 0 || static_cast<std::size_t>(i) >= vars_.size() || vars_[i].type != value.type) return false;
  const auto& cases = program_->variables[i].cases;
  if (!cases.empty() && std::find(cases.begin(), cases.end(), value.string) == cases.end()) return false;
  vars_[i] = value;
  return true;
}

const Value* Runner::variable(std::string_view name) const {
  const int i = program_->findVariable(name);
  return i < 0 || static_cast<std::size_t>(i) >= vars_.size() ? nullptr : &vars_[i];
}

std::uint32_t Runner::visitCount(std::string_view node) const {
  const int i = program_->findNode(node);
  return i < 0 || static_cast<std::size_t>(i) >= visits_.size() ? 0 : visits_[i];
}

}  // namespace overum::scenario
