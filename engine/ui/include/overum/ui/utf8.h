// SPDX-License-Identifier: GPL-3.0-or-later
// UTF-8 decoding for on-screen text: never throws, never reads past the end; malformed input becomes
// U+FFFD so a broken scenario line shows a visible mark instead of crashing the frame.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace overum::ui {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at text[pos] and advances pos past it (at least one byte).
// Overlong forms, surrogates, values above U+10FFFF and truncated sequences give U+FFFD.
char32_t decodeUtf8(std::string_view text, std::size_t& pos);

// All code points of text, decoded as above.
std::u32string decodeUtf8(std::string_view text);

// Encodes one code point (invalid ones as U+FFFD); for tests and building strings.
std::string encodeUtf8(char32_t codePoint);

}  // namespace overum::ui
