// SPDX-License-Identifier: GPL-3.0-or-later
// Logging to stderr with a level and a subsystem tag ("xr: session state FOCUSED").
// Logs carry technical events only, never a citizen's words (see DESIGN.md, privacy).
#pragma once
#include <overum/core/format.h>

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace overum::log {

enum class Level { debug, info, warn, error };

void setMinimumLevel(Level level);  // default: info (OVERUM_LOG=debug lowers it)
void write(Level level, std::string_view tag, std::string_view message);

// Libraries (the OpenXR loader, ALSA, Mesa) write straight to stderr. When stderr is a terminal, this
// sends that output to `file` and keeps Øverum's own lines on the terminal only (they may quote a
// line with the citizen's name; the file is plain text). Returns false, changing nothing, when stderr is not a terminal
// (tests and scripts see everything) or the file cannot be written.
bool keepLibraryOutputIn(const std::filesystem::path& file);

// Tests capture log lines by installing a sink; an empty function restores stderr.
using Sink = std::function<void(Level, std::string_view tag, std::string_view message)>;
void setSink(Sink sink);

template <typename... Args>
void debug(std::string_view tag, std::string_view pattern, const Args&... args) {
  write(Level::debug, tag, format(pattern, args...));
}
template <typename... Args>
void info(std::string_view tag, std::string_view pattern, const Args&... args) {
  write(Level::info, tag, format(pattern, args...));
}
template <typename... Args>
void warn(std::string_view tag, std::string_view pattern, const Args&... args) {
  write(Level::warn, tag, format(pattern, args...));
}
template <typename... Args>
void error(std::string_view tag, std::string_view pattern, const Args&... args) {
  write(Level::error, tag, format(pattern, args...));
}

}  // namespace overum::log
