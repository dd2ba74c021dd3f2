// SPDX-License-Identifier: GPL-3.0-or-later
// A tiny "{}" formatter (GCC 12 has no std::format) used by logging and error messages.
#pragma once
#include <sstream>
#include <string>
#include <string_view>

namespace overum {

namespace detail {
inline void formatInto(std::ostringstream& out, std::string_view pattern) { out << pattern; }

template <typename First, typename... Rest>
void formatInto(std::ostringstream& out, std::string_view pattern, const First& first, const Rest&... rest) {
  const auto at = pattern.find("{}");
  if (at == std::string_view::npos) {
    out << pattern;
    return;
  }
  out << pattern.substr(0, at) << first;
  formatInto(out, pattern.substr(at + 2), rest...);
}
}  // namespace detail

// format("{} of {}", 1, 2) == "1 of 2"; extra arguments are ignored, a missing one leaves "{}" in place.
template <typename... Args>
std::string format(std::string_view pattern, const Args&... args) {
  std::ostringstream out;
  detail::formatInto(out, pattern, args...);
  return out.str();
}

}  // namespace overum
