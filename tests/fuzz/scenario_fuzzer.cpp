// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the scenario parser and compiler (clang, OVERUM_FUZZ=ON):
//   build-fuzz/tests/fuzz/scenario_fuzzer tests/fuzz/corpus/scenario -max_total_time=600
#include "scenario_fuzz_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return overum::scenario::fuzz::runOne(data, size);
}
