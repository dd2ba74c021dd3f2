// SPDX-License-Identifier: GPL-3.0-or-later
// Fonts: æøå and the rest of Danish typography are real glyphs in the atlas (never the fallback),
// at 100 % and 125 %, for every string in the table (R4.4).
#include "imgui_harness.h"

#include <overum/console/fonts.h>
#include <overum/core/strings.h>

#include <catch2/catch.hpp>
#include <imgui_internal.h>  // ImTextCharFromUtf8

using namespace overum;
using namespace overum::console;
using namespace overum::console::testing;

namespace {

// UTF-8 -> code points (ImGui's own decoder, so the test reads text the way ImGui will).
std::vector<unsigned> codepoints(std::string_view s) {
  std::vector<unsigned> out;
  const char* p = s.data();
  const char* end = s.data() + s.size();
  while (p < end) {
    unsigned c = 0;
    const int n = ImTextCharFromUtf8(&c, p, end);
    if (n <= 0) break;
    p += n;
    out.push_back(c);
  }
  return out;
}

}  // namespace

TEST_CASE("fonts: æøå ÆØÅ – — „ “ ” … € → are in the atlas, not the fallback") {
  for (const float scale : {1.0f, 1.25f}) {
    INFO("scale " << scale);
    Harness ui(scale);
    const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    CHECK(font->FontSize == Approx(kConsoleFontPixels * scale));
    for (const unsigned c : codepoints("æøåÆØÅéü–—„“”…€→•▶")) {
      INFO("U+" << std::hex << c);
      CHECK(font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
    }
  }
}

TEST_CASE("fonts: every string in the da/en table renders without the fallback glyph") {
  Harness ui;
  const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  for (const std::string_view s : allStrings())
    for (const unsigned c : codepoints(s)) {
      if (c == '\n') continue;
      INFO(s << " U+" << std::hex << c);
      CHECK(font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
    }
}

TEST_CASE("fonts: 125 % scaling makes text and controls larger, and a missing font still works") {
  Harness small(1.0f);
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  const float size = ImGui::GetIO().Fonts->Fonts[0]->FontSize;
  Harness large(1.25f);
  CHECK(ImGui::GetStyle().ItemSpacing.y == Approx(spacing * 1.25f));
  CHECK(ImGui::GetIO().Fonts->Fonts[0]->FontSize == Approx(size * 1.25f));
  CHECK_FALSE(setupConsoleFonts(1.0f, "/nonexistent/font.ttf"));
  CHECK(ImGui::GetIO().Fonts->Fonts.Size == 1);
}
