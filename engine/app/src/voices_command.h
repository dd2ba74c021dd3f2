// SPDX-License-Identifier: GPL-3.0-or-later
// `overum voices record|status`: an actor records a character's lines from the microphone (each trimmed
// and normalised to one loudness), and the organisation sees how many of each character's lines have a voice.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace overum::app {

// args[0] is "voices". Keys for the recorder are read from the file descriptor `keys` (stdin: a terminal,
// read key by key, or a pipe, for scripts and tests). Exit codes: 0 done (also after q), 1 could not run
// (the message names what and what to do), 2 bad usage.
int runVoicesCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, int keys);

}  // namespace overum::app
