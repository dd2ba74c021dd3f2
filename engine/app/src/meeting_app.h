// Runs a meeting: picks the display mode (headset, else window, else headless), then the frame loop.
#pragma once
#include "command_line.h"

namespace overum::app {

int runMeeting(const Options& options);  // the process exit code

}  // namespace overum::app
