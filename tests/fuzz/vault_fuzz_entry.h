// SPDX-License-Identifier: GPL-3.0-or-later
// One fuzz input through the vault's key-file reader and the journal reader (a fixed vault made once
// per process). Shared by the libFuzzer target and the deterministic replay test that CI (gcc) runs.
#pragma once
#include <cstddef>
#include <cstdint>

namespace overum::session::fuzz {

// Never crashes, hangs or leaks; traps if an invariant breaks (a reader that loses more than the
// damaged part, a continued journal that loses a record it could read).
// Byte 0 chooses: even = key file, odd = journal; bit 1 chooses raw bytes or edits of a real file
// (pairs of [offset, xor] from byte 1 on), so the fuzzer explores damage near valid files too; bit 2 reads
// the rest as the records of a replay track instead ("kind|text|name=value|…" a line).
int runOne(const std::uint8_t* data, std::size_t size);

}  // namespace overum::session::fuzz
