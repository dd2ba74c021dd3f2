// SPDX-License-Identifier: GPL-3.0-or-later
// The subcommands of the scenario tools, each (args incl. subcommand, out, err, in) -> exit code.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace overum::tools {
using Args = std::vector<std::string>;
int checkCommand(const Args& args, std::ostream& out, std::ostream& err);
int playCommand(const Args& args, std::ostream& out, std::ostream& err, std::istream& in);
int graphCommand(const Args& args, std::ostream& out, std::ostream& err);
int linesCommand(const Args& args, std::ostream& out, std::ostream& err);
int tagCommand(const Args& args, std::ostream& out, std::ostream& err);
}  // namespace overum::tools
