// SPDX-License-Identifier: GPL-3.0-or-later
// UTF-8 decoder after the Unicode "maximal subpart" rule: each malformed subsequence becomes exactly
// one U+FFFD and decoding resumes at the first byte that could start a new character.
#include <overum/core/utf8.h>

namespace overum {

char32_t decodeUtf8(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos++);
  if (lead < 0x80) return lead;
  int extra = 0;
  char32_t cp = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the first continuation byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    extra = 1, cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    extra = 2, cp = lead & 0x0F;
    if (lead == 0xE0) lo = 0xA0;  // overlong
    if (lead == 0xED) hi = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    extra = 3, cp = lead & 0x07;
    if (lead == 0xF0) lo = 0x90;  // overlong
    if (lead == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return kReplacementChar;  // stray continuation byte, C0/C1 overlong lead or F5..FF
  }
  for (int i = 0; i < extra; ++i) {
    if (pos >= text.size()) return kReplacementChar;  // truncated at the end
    const unsigned char c = byte(pos);
    if (c < lo || c > hi) return kReplacementChar;  // leave c to start the next character
    lo = 0x80, hi = 0xBF;
    cp = (cp << 6) | (c & 0x3F);
    ++pos;
  }
  return cp;
}

std::u32string decodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) out.push_back(decodeUtf8(text, pos));
  return out;
}

std::string encodeUtf8(char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacementChar;
  std::string out;
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
  return out;
}

std::size_t validUtf8Sequence(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  const char32_t cp = decodeUtf8(text, end);
  // U+FFFD is also a real character (EF BF BD): malformed input is one that decoded to it from other bytes.
  if (cp == kReplacementChar && text.substr(pos, end - pos) != "\xEF\xBF\xBD") return 0;
  return end - pos;
}

bool isValidUtf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t n = validUtf8Sequence(text, pos);
    if (n == 0) return false;
    pos += n;
  }
  return true;
}

std::size_t utf8Offset(std::string_view text, std::size_t characters) {
  std::size_t seen = 0;
  for (std::size_t at = 0; at < text.size(); ++at)
    if (!isUtf8Continuation(text[at]) && seen++ == characters) return at;
  return text.size();
}

}  // namespace overum
