// SPDX-License-Identifier: GPL-3.0-or-later
// The headset's meeting clock: predicted display times while frames run, the wall clock in between.
#include <catch2/catch.hpp>
#include <overum/xr/display_clock.h>

using overum::xr::DisplayClock;

TEST_CASE("display clock: display times drive it while frames run, the wall clock across gaps", "[xr][clock]") {
  DisplayClock clock;
  CHECK(clock.update(5.0, 0.0) == 0.0);                // starts at 0, whatever the wall says
  CHECK(clock.update(5.5, 0.0) == Approx(0.5));        // idle before the session runs: wall time
  CHECK(clock.update(5.6, 1000.0) == Approx(0.6));     // the first predicted frame: still the wall
  CHECK(clock.update(5.61, 1000.05) == Approx(0.65));  // then the runtime's step, not the wall's
  CHECK(clock.update(5.9, 1000.10) == Approx(0.70));   // a late app: its frame shows one period on
  CHECK(clock.update(6.9, 0.0) == Approx(1.70));       // the session idles: wall time again
  CHECK(clock.update(7.0, 2000.0) == Approx(1.80));    // a new session's times are not a jump
  CHECK(clock.update(7.05, 1999.0) == Approx(1.80));   // never backwards
}
