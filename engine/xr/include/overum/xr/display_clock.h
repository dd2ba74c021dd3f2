// SPDX-License-Identifier: GPL-3.0-or-later
// Meeting time for a headset: it advances with the runtime's predicted display times while frames
// run, so what is animated is where it will be when the frame is shown, and with the wall clock while
// none run (before the session starts, while it is idle), never going backwards.
#pragma once

namespace overum::xr {

class DisplayClock {
 public:
  // wallSeconds: a steady clock; displayTime: HeadsetFrame::displayTime (0 when no frame ran).
  // Returns the meeting time for this frame, starting at 0.
  double update(double wallSeconds, double displayTime);

 private:
  double now_ = 0.0;
  double lastWall_ = -1.0;    // none yet
  double lastDisplay_ = 0.0;  // 0: the previous frame had none
};

}  // namespace overum::xr
