// SPDX-License-Identifier: GPL-3.0-or-later
// UTF-8, the one place: decoding for on-screen text (never throws, never reads past the end; malformed
// input becomes U+FFFD), validation for files, and counting characters rather than bytes.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace overum {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at text[pos] and advances pos past it (at least one byte).
// Overlong forms, surrogates, values above U+10FFFF and truncated sequences give U+FFFD.
char32_t decodeUtf8(std::string_view text, std::size_t& pos);

// All code points of text, decoded as above.
std::u32string decodeUtf8(std::string_view text);

// Encodes one code point (invalid ones as U+FFFD); for tests and building strings.
std::string encodeUtf8(char32_t codePoint);

// The length in bytes of the well-formed character at text[pos], or 0 when it is malformed.
std::size_t validUtf8Sequence(std::string_view text, std::size_t pos);

// Whether all of text is well-formed UTF-8.
bool isValidUtf8(std::string_view text);

// A byte that continues a character rather than starting one.
constexpr bool isUtf8Continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// text without the white space at either end (space, tab, CR, LF, VT, FF): safe on UTF-8, whose
// multi-byte characters never contain those bytes.
constexpr std::string_view trimSpace(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// Characters (code points), not bytes: what columns and length limits count.
constexpr std::size_t utf8Length(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) n += !isUtf8Continuation(c);
  return n;
}

// The byte offset where character number `characters` starts (text.size() when there are fewer).
std::size_t utf8Offset(std::string_view text, std::size_t characters);

}  // namespace overum
