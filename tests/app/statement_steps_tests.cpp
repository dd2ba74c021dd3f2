// SPDX-License-Identifier: GPL-3.0-or-later
// The statement part by part: → moves the cue card's mark, each part's time is kept, and a statement
// never stepped through leaves its parts unknown rather than unsaid.
#include "statement_steps.h"

#include <catch2/catch.hpp>

using overum::app::StatementSteps;

TEST_CASE("stepping through the statement's parts keeps each part's time") {
  StatementSteps steps;
  CHECK(steps.current() == -1);
  steps.begin(10.0);
  CHECK(steps.current() == 0);
  steps.next(14.0);  // 4 s on "Sådan vil jeg introducere mig selv"
  steps.next(15.0);  // 1 s on "Det er vigtigt for mig at…": too short to count as said
  steps.next(21.0);
  steps.next(25.0);  // past the last part: it stays on
  CHECK(steps.current() == 3);
  steps.end(30.0);
  CHECK(steps.current() == -1);
  CHECK(steps.stepped());
  CHECK(steps.seconds() == std::array<double, 4>{4.0, 1.0, 6.0, 9.0});
  CHECK(steps.presented() == std::array<bool, 4>{true, false, true, true});
  const auto fields = steps.fields();
  REQUIRE(fields.size() == 4);
  CHECK(fields[0] == std::pair<std::string, std::string>{"part_1_s", "4"});
  CHECK(fields[3] == std::pair<std::string, std::string>{"part_4_s", "9"});
}

TEST_CASE("a statement never stepped through says nothing about its parts") {
  StatementSteps steps;
  steps.begin(0.0);
  steps.end(60.0);
  CHECK_FALSE(steps.stepped());
  CHECK(steps.presented() == std::array<bool, 4>{});
  CHECK(steps.fields().empty());
  steps.next(61.0);  // after the turn: nothing changes
  CHECK(steps.current() == -1);
}
