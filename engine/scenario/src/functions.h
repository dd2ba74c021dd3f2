// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in Yarn functions: their signatures for the type checker and their code for the runner.
#pragma once
#include <overum/scenario/value.h>

#include <cstdint>
#include <string_view>

namespace overum::scenario {

struct FunctionSpec {
  const char* name;
  std::uint8_t arity;
  Type params[2];
  Type result;
};

enum class Fn : std::uint8_t {
  Visited,
  VisitedCount,
  Random,
  RandomRange,
  Dice,
  Round,
  RoundPlaces,
  Floor,
  Ceil,
  Inc,
  Dec,
  Decimal,
  Int,
  String,
  Number,
  Bool,
  Count
};

const FunctionSpec& functionSpec(Fn fn);
int findFunction(std::string_view name);  // -1 when unknown
// Runs the deterministic part of a function; visited*/random* are done by the runner (they need state).
Value callPure(Fn fn, const Value* args);

}  // namespace overum::scenario
