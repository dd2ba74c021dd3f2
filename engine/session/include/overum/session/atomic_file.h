// SPDX-License-Identifier: GPL-3.0-or-later
// Whole-file writes that survive a crash or power loss (temp file, fsync, rename, fsync the folder),
// reads that tell a missing file from one that cannot be read, and folders only their owner can list.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace overum::session {

// Throws overum::Error naming the path and the reason when the write cannot be completed; the old
// content is then untouched. Files are created readable by the owner only (0600), missing folders 0700.
void writeFileAtomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);
// The same, but never replaces a file that is there: returns false (and writes nothing) when path exists.
bool writeFileExclusively(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);

// Empty only when nothing is at path. A file that is there but cannot be read (permissions, an I/O
// error, a folder, a device or a pipe) throws overum::Error naming it and the reason: callers must
// never take an unreadable file for a missing one.
std::optional<std::vector<std::uint8_t>> readWholeFile(const std::filesystem::path& path);

// Creates the missing folders of dir with mode 0700 (file listings of a vault show pseudonyms and
// session times); throws overum::Error when one cannot be made.
void createPrivateDirectories(const std::filesystem::path& dir);

}  // namespace overum::session
