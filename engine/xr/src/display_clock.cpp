// SPDX-License-Identifier: GPL-3.0-or-later
// The headset's meeting clock (see display_clock.h).
#include <overum/xr/display_clock.h>

#include <algorithm>

namespace overum::xr {

double DisplayClock::update(double wallSeconds, double displayTime) {
  // Between two frames that both ran, the runtime's own step (one display period, or more when the
  // app was late); across a gap, the time that passed on the wall.
  double step = lastWall_ < 0.0 ? 0.0 : wallSeconds - lastWall_;
  if (displayTime > 0.0 && lastDisplay_ > 0.0) step = displayTime - lastDisplay_;
  lastWall_ = wallSeconds;
  lastDisplay_ = displayTime;
  now_ += std::max(step, 0.0);
  return now_;
}

}  // namespace overum::xr
