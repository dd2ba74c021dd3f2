// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz bodies for the files a facilitator or author hands Øverum besides .yarn: cast.json, room
// layouts, the citizen's statement and glTF models. Shared by the libFuzzer targets and the replay test (gcc).
#pragma once
#include <cstddef>
#include <cstdint>

namespace overum::fuzz {

// Each never crashes, hangs or leaks for any input, and traps (aborts) if an invariant breaks.
int runCast(const std::uint8_t* data, std::size_t size);       // parseCast
int runRoom(const std::uint8_t* data, std::size_t size);       // parseRoomLayout (scenarios/rooms/<kind>.json)
int runStatement(const std::uint8_t* data, std::size_t size);  // parseStatement, formatStatement
int runGltf(const std::uint8_t* data, std::size_t size);       // loadGltf, as .glb or .gltf by the first byte

}  // namespace overum::fuzz
