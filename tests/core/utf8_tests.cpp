// SPDX-License-Identifier: GPL-3.0-or-later
// The one UTF-8 module: decoding never fails or overreads, validation agrees with decoding, and
// characters (not bytes) are counted and found.
#include <overum/core/utf8.h>

#include <catch2/catch.hpp>
#include <random>
#include <string>

using namespace overum;

TEST_CASE("UTF-8 decoding: Danish letters, and bad bytes become U+FFFD without crashing", "[core][utf8]") {
  CHECK(decodeUtf8("æøå ÆØÅ é") == std::u32string{0xE6, 0xF8, 0xE5, 0x20, 0xC6, 0xD8, 0xC5, 0x20, 0xE9});
  CHECK(decodeUtf8("…") == std::u32string{0x2026});
  CHECK(decodeUtf8("\xff") == std::u32string{kReplacementChar});
  CHECK(decodeUtf8("a\xc3") == std::u32string{U'a', kReplacementChar});                 // truncated at the end
  CHECK(decodeUtf8("\xc3x") == std::u32string{kReplacementChar, U'x'});                 // next byte not lost
  CHECK(decodeUtf8("\xc0\xaf") == std::u32string{kReplacementChar, kReplacementChar});  // overlong
  CHECK(decodeUtf8("\xed\xa0\x80") == std::u32string(3, kReplacementChar));             // surrogate
  CHECK(decodeUtf8("\xe2\x80") == std::u32string{kReplacementChar});
  CHECK(decodeUtf8("\xf4\x90\x80\x80").front() == kReplacementChar);  // above U+10FFFF
  for (char32_t cp : {U'A', char32_t(0xE6), char32_t(0x2026), char32_t(0x1F600)})
    CHECK(decodeUtf8(encodeUtf8(cp)) == std::u32string{cp});

  std::mt19937 random(1234);
  for (int i = 0; i < 20000; ++i) {
    std::string bytes(random() % 12, '\0');
    for (char& b : bytes) b = char(random() & 0xFF);
    std::size_t pos = 0, steps = 0;
    while (pos < bytes.size()) {
      const std::size_t before = pos;
      const char32_t cp = decodeUtf8(bytes, pos);
      REQUIRE(pos > before);
      REQUIRE(pos <= bytes.size());
      REQUIRE(cp <= 0x10FFFF);
      ++steps;
    }
    REQUIRE(steps <= bytes.size());
  }
}

TEST_CASE("UTF-8 validation and counting: characters, not bytes", "[core][utf8]") {
  CHECK(isValidUtf8("Søren går på vejen – 😀"));
  CHECK(isValidUtf8("\xEF\xBF\xBD"));      // U+FFFD itself is a character
  CHECK_FALSE(isValidUtf8("S\xf8ren"));    // Latin-1 ø
  CHECK_FALSE(isValidUtf8("\xc0\xaf"));    // overlong
  CHECK_FALSE(isValidUtf8("ab\xe2\x80"));  // truncated
  CHECK(validUtf8Sequence("æx", 0) == 2);
  CHECK(validUtf8Sequence("æx", 2) == 1);
  CHECK(validUtf8Sequence("\xff", 0) == 0);
  CHECK(utf8Length("æøå") == 3);
  CHECK(utf8Length("") == 0);
  CHECK(utf8Offset("æøå", 0) == 0);
  CHECK(utf8Offset("æøå", 2) == 4);
  CHECK(utf8Offset("æøå", 3) == 6);
  CHECK(utf8Offset("æøå", 9) == 6);
  static_assert(utf8Length("på") == 2);
}
