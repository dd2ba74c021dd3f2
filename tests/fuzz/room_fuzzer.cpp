// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the room layout reader (clang, OVERUM_FUZZ=ON); see files_fuzz_entry.h:
//   build-fuzz/tests/fuzz/room_fuzzer -max_total_time=600 CORPUS scenarios/rooms
#include "files_fuzz_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return overum::fuzz::runRoom(data, size);
}
