// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a whole file, the one way: a missing file and an unreadable one are never confused.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace overum {

// Empty only when nothing is at path. A file that is there but cannot be read (permissions, an I/O
// error, a folder, a device or a pipe) throws overum::Error naming it and the reason: callers must
// never take an unreadable file for a missing one.
std::optional<std::vector<std::uint8_t>> readWholeFile(const std::filesystem::path& path);

// The file's text, or empty with `why` saying what is wrong ("cannot read F: it does not exist", or the
// reason it cannot be read): for readers whose message is the same either way.
std::optional<std::string> readTextFile(const std::filesystem::path& path, std::string* why = nullptr);

}  // namespace overum
