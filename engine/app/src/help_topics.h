// SPDX-License-Identifier: GPL-3.0-or-later
// `overum help [TOPIC] [da|en]`: plain-language guides for facilitators and scenario authors, read from
// the shipped help/ folder (Danish first).
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace overum::app {

int printHelpTopic(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);  // the exit code

}  // namespace overum::app
