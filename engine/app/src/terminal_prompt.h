// SPDX-License-Identifier: GPL-3.0-or-later
// Questions on the terminal before a meeting starts: the facilitator's vault passphrase (typed
// without echo, or read from a file for scripts) and yes/no or one-letter answers.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace overum::app {

// From the first line of `file` when given, else typed on the controlling terminal without echo.
// Empty, with `error` saying what to do, when neither is possible.
std::optional<std::string> readPassphrase(const std::filesystem::path& file, std::string_view prompt,
                                          std::string& error);

// Prints the question on the terminal and returns the first of `answers` typed (case-insensitive);
// empty when stdin is not a terminal (a script, a test), so the caller falls back to doing nothing.
std::optional<char> askTerminal(std::string_view question, std::string_view answers);

}  // namespace overum::app
