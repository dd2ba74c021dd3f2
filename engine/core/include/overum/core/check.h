// SPDX-License-Identifier: GPL-3.0-or-later
// Error type and CHECK macros: a failed check names the expression, the result and file:line.
#pragma once
#include <overum/core/format.h>

#include <stdexcept>
#include <string>

namespace overum {

// Thrown inside a module when something cannot go on; callers at module borders turn it into a
// user-facing message or a fallback.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

[[noreturn]] inline void failCheck(const char* what, const std::string& detail, const char* file, int line) {
  throw Error(format("{} failed{}{} ({}:{})", what, detail.empty() ? "" : ": ", detail, file, line));
}

}  // namespace overum

#define OVERUM_CHECK(cond, ...)                                                                 \
  do {                                                                                          \
    if (!(cond)) ::overum::failCheck(#cond, ::overum::format(__VA_ARGS__), __FILE__, __LINE__); \
  } while (false)
