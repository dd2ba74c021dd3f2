// SPDX-License-Identifier: GPL-3.0-or-later
// The scenario tools behind `overum check|play|graph|lines|tag`: args[0] is the subcommand, the rest
// its arguments. Returns the exit code: 0 clean, 1 errors found, 2 bad usage. Never throws.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace overum {
int runScenarioCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, std::istream& in);
}  // namespace overum
