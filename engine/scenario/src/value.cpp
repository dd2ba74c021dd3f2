// SPDX-License-Identifier: GPL-3.0-or-later
// Value conversions and the invariant number format used in line text and command arguments.
#include <overum/scenario/value.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace overum::scenario {

std::string_view typeName(Type type) {
  switch (type) {
    case Type::Number: return "number";
    case Type::String: return "string";
    case Type::Bool: return "bool";
    case Type::Any: return "any";
    case Type::Error: return "error";
  }
  return "?";
}

void appendNumber(std::string& out, double n) {
  if (std::isnan(n)) {
    out += "NaN";
    return;
  }
  if (std::isinf(n)) {
    out += n < 0 ? "-Infinity" : "Infinity";
    return;
  }
  if (n == 0) n = 0;  // no "-0"
  char buf[32];
  // Integers print without decimals; others with the shortest text that reads back the same.
  auto res = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, res.ptr);
}

bool Value::asBool() const {
  switch (type) {
    case Type::String: return !string.empty();
    default: return number != 0 && !std::isnan(number);
  }
}

double Value::asNumber() const {
  if (type != Type::String) return number;
  double out = 0;
  const char* b = string.data();
  const char* e = b + string.size();
  while (b < e && *b == ' ') ++b;
  if (b < e && *b == '+') ++b;
  auto res = std::from_chars(b, e, out);
  return res.ec == std::errc() ? out : 0.0;
}

void Value::appendTo(std::string& out) const {
  switch (type) {
    case Type::String: out += string; break;
    case Type::Bool: out += number != 0 ? "true" : "false"; break;
    default: appendNumber(out, number); break;
  }
}

std::string Value::asString() const {
  std::string s;
  appendTo(s);
  return s;
}

bool Value::operator==(const Value& o) const {
  if (type != o.type) return false;
  if (type == Type::String) return string == o.string;
  return number == o.number;
}

}  // namespace overum::scenario
