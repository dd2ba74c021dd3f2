// SPDX-License-Identifier: GPL-3.0-or-later
// The vault fuzz body for CI without libFuzzer: every single-byte edit of a real journal and key file
// at a stride, then deterministic random edits and raw inputs.
#include "vault_fuzz_entry.h"

#include <catch2/catch.hpp>
#include <vector>

TEST_CASE("damaged key files and journals are refused or read as far as they can be, never worse", "[faults]") {
  using overum::session::fuzz::runOne;
  std::uint64_t state = 0x9e3779b97f4a7c15ull;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return std::uint8_t(state);
  };
  for (std::uint8_t target : {0, 1}) {
    for (int offset = 0; offset < 256; offset += 3) {  // one edited byte anywhere
      const std::uint8_t input[] = {target, std::uint8_t(offset), std::uint8_t(1 + offset % 255)};
      REQUIRE(runOne(input, sizeof input) == 0);
    }
    for (int round = 0; round < 300; ++round) {
      std::vector<std::uint8_t> input(1 + next() % 64);
      for (auto& b : input) b = next();
      input[0] = std::uint8_t(target | (round % 4 == 0 ? 2 : 0));
      REQUIRE(runOne(input.data(), input.size()) == 0);
    }
  }
}
