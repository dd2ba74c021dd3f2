// SPDX-License-Identifier: GPL-3.0-or-later
// Whole-file writes that survive a crash or power loss (temp file, fsync, rename, fsync the folder),
// reads that tell a missing file from one that cannot be read, and folders only their owner can list.
#pragma once
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace overum::session {

// Throws overum::Error naming the path and the reason when the write cannot be completed; the old
// content is then untouched. Files are created readable by the owner only (0600), missing folders 0700.
void writeFileAtomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);
// The same, but never replaces a file that is there: returns false (and writes nothing) when path exists.
bool writeFileExclusively(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);

// Creates the missing folders of dir with mode 0700 (file listings of a vault show pseudonyms and
// session times); throws overum::Error when one cannot be made.
void createPrivateDirectories(const std::filesystem::path& dir);

}  // namespace overum::session
