// SPDX-License-Identifier: GPL-3.0-or-later
// Runs a meeting: picks the display mode (headset, else window, else headless), then the frame loop.
#pragma once
#include "command_line.h"

namespace overum::app {

// The process exit code: 0, 1 when the meeting could not run, kExitNotKept when it ran but part of what
// the citizen agreed to keep could not be written (a full disk), so scripts never take it for success.
inline constexpr int kExitNotKept = 3;
int runMeeting(const Options& options);

}  // namespace overum::app
