// SPDX-License-Identifier: GPL-3.0-or-later
// `overum data list|export|erase`: the facilitator's tools for the citizens' stored data — see who has
// what, hand a citizen their data as a password-protected page, and erase a citizen (crypto-erase).
#pragma once
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace overum::app {

// args[0] is "data". Exit codes: 0 done, 1 refused or failed (the message says why), 2 bad usage.
int runDataCommand(const std::vector<std::string>& args, const std::filesystem::path& vaultDir, std::ostream& out,
                   std::ostream& err);

}  // namespace overum::app
