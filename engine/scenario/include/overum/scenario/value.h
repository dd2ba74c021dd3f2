// SPDX-License-Identifier: GPL-3.0-or-later
// A scenario value (number, string or bool) and its static type, shared by compiler and runner.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace overum::scenario {

// Error marks an expression whose type could not be worked out (already reported), so one mistake
// gives one message instead of a cascade.
enum class Type : std::uint8_t { Number, String, Bool, Any, Error };

std::string_view typeName(Type type);  // "number", "string", "bool", ...

struct Value {
  Type type = Type::Number;
  double number = 0;   // Number; Bool uses 0/1 here too
  std::string string;  // String

  static Value fromNumber(double n) { return Value{Type::Number, n, {}}; }
  static Value fromBool(bool b) { return Value{Type::Bool, b ? 1.0 : 0.0, {}}; }
  static Value fromString(std::string s) { return Value{Type::String, 0, std::move(s)}; }

  bool asBool() const;      // bool(): numbers are true when non-zero, strings when non-empty
  double asNumber() const;  // number(): strings parse, bad text gives 0
  std::string asString() const;
  void appendTo(std::string& out) const;  // appends the text form without a temporary
  bool operator==(const Value& o) const;
};

// Numbers print like Yarn Spinner prints them: 3, 2.5, -0.25 (invariant, shortest round-trip).
void appendNumber(std::string& out, double n);

}  // namespace overum::scenario
