// SPDX-License-Identifier: GPL-3.0-or-later
// Built-in function table and the pure functions (rounding, conversions).
#include "functions.h"

#include <algorithm>
#include <cmath>

namespace overum::scenario {

namespace {
constexpr Type N = Type::Number, S = Type::String, B = Type::Bool, A = Type::Any;
const FunctionSpec kSpecs[] = {
    {"visited", 1, {S, N}, B},      {"visited_count", 1, {S, N}, N}, {"random", 0, {N, N}, N},
    {"random_range", 2, {N, N}, N}, {"dice", 1, {N, N}, N},          {"round", 1, {N, N}, N},
    {"round_places", 2, {N, N}, N}, {"floor", 1, {N, N}, N},         {"ceil", 1, {N, N}, N},
    {"inc", 1, {N, N}, N},          {"dec", 1, {N, N}, N},           {"decimal", 1, {N, N}, N},
    {"int", 1, {N, N}, N},          {"string", 1, {A, N}, S},        {"number", 1, {A, N}, N},
    {"bool", 1, {A, N}, B},
};
static_assert(std::size(kSpecs) == static_cast<std::size_t>(Fn::Count));
}  // namespace

const FunctionSpec& functionSpec(Fn fn) { return kSpecs[static_cast<int>(fn)]; }

int findFunction(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kSpecs); ++i)
    if (name == kSpecs[i].name) return static_cast<int>(i);
  return -1;
}

Value callPure(Fn fn, const Value* a) {
  switch (fn) {
    case Fn::Round: return Value::fromNumber(std::round(a[0].number));
    case Fn::RoundPlaces: {
      const double places = std::clamp(std::trunc(a[1].number), 0.0, 15.0);
      const double f = std::pow(10.0, places);
      return Value::fromNumber(std::round(a[0].number * f) / f);
    }
    case Fn::Floor: return Value::fromNumber(std::floor(a[0].number));
    case Fn::Ceil: return Value::fromNumber(std::ceil(a[0].number));
    // inc/dec: the next/previous whole number (Yarn: inc(1.5) == 2, inc(2) == 3).
    case Fn::Inc: {
      const double n = a[0].number;
      return Value::fromNumber(std::trunc(n) == n ? n + 1 : std::ceil(n));
    }
    case Fn::Dec: {
      const double n = a[0].number;
      return Value::fromNumber(std::trunc(n) == n ? n - 1 : std::floor(n));
    }
    case Fn::Decimal: return Value::fromNumber(a[0].number - std::trunc(a[0].number));
    case Fn::Int: return Value::fromNumber(std::trunc(a[0].number));
    case Fn::String: return Value::fromString(a[0].asString());
    case Fn::Number: return Value::fromNumber(a[0].asNumber());
    case Fn::Bool: return Value::fromBool(a[0].asBool());
    default: return Value::fromNumber(0);
  }
}

}  // namespace overum::scenario
