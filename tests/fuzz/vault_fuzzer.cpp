// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the vault's key file and the session journal (clang, OVERUM_FUZZ=ON):
//   build-fuzz/tests/fuzz/vault_fuzzer -max_total_time=600
#include "vault_fuzz_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return overum::session::fuzz::runOne(data, size);
}
