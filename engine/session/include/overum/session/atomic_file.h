// Whole-file writes that survive a crash or power loss: temp file, fsync, rename, fsync the folder.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace overum::session {

// Throws overum::Error naming the path and the reason when the write cannot be completed; the old
// content is then untouched. Files are created readable by the owner only (0600).
void writeFileAtomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);
std::optional<std::vector<std::uint8_t>> readWholeFile(const std::filesystem::path& path);

}  // namespace overum::session
