// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the cast reader (clang, OVERUM_FUZZ=ON); see files_fuzz_entry.h:
//   build-fuzz/tests/fuzz/cast_fuzzer -max_total_time=600 CORPUS SEEDS…
#include "files_fuzz_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return overum::fuzz::runCast(data, size);
}
