// SPDX-License-Identifier: GPL-3.0-or-later
// Operator semantics shared by the runner and the compiler's constant evaluation, so both agree.
#pragma once
#include <overum/scenario/program.h>

#include <cmath>

namespace overum::scenario {

// Types are checked at compile time; here operands are known to fit.
inline void applyBinary(Op op, Value& l, const Value& r) {
  switch (op) {
    case Op::Add:
      if (l.type == Type::String) l.string += r.string;
      else l.number += r.number;
      return;
    case Op::Sub: l.number -= r.number; return;
    case Op::Mul: l.number *= r.number; return;
    // A divisor that becomes 0 only while the meeting runs gives 0: a character must never say
    // "Infinity" or "NaN" (a constant 0 divisor is a compile error).
    case Op::Div: l.number = r.number != 0 ? l.number / r.number : 0; return;
    case Op::Mod: l.number = r.number != 0 ? std::fmod(l.number, r.number) : 0; return;
    case Op::Eq:
    case Op::Neq: {
      const bool eq = l == r;
      l.type = Type::Bool;
      l.number = (op == Op::Eq) == eq;
      l.string.clear();
      return;
    }
    case Op::Lt:
      l.type = Type::Bool;
      l.number = l.number < r.number;
      return;
    case Op::Le:
      l.type = Type::Bool;
      l.number = l.number <= r.number;
      return;
    case Op::Gt:
      l.type = Type::Bool;
      l.number = l.number > r.number;
      return;
    case Op::Ge:
      l.type = Type::Bool;
      l.number = l.number >= r.number;
      return;
    case Op::And: l.number = (l.number != 0) && (r.number != 0); return;
    case Op::Or: l.number = (l.number != 0) || (r.number != 0); return;
    case Op::Xor: l.number = (l.number != 0) != (r.number != 0); return;
    default: return;
  }
}

inline const char* opSymbol(Op op) {
  switch (op) {
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Mod: return "%";
    case Op::Eq: return "==";
    case Op::Neq: return "!=";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::Xor: return "xor";
    case Op::Not: return "not";
    case Op::Neg: return "-";
    default: return "?";
  }
}

}  // namespace overum::scenario
