// SPDX-License-Identifier: GPL-3.0-or-later
// One fuzz input through the scenario parser, compiler, runner and state codec. Shared by the
// libFuzzer target and the deterministic replay test that CI (gcc) runs.
#pragma once
#include <cstddef>
#include <cstdint>

namespace overum::scenario::fuzz {

// Never crashes, hangs or leaks for any input; traps (aborts) if an invariant breaks.
int runOne(const std::uint8_t* data, std::size_t size);

}  // namespace overum::scenario::fuzz
