// SPDX-License-Identifier: GPL-3.0-or-later
// Fonts and context settings for the console: DejaVu Sans with the glyphs Danish text needs
// (Latin-1 for æøå, dashes, quotes, €, arrows), sized for a scale (1.0 = 100 %, 1.25 = 125 %).
#pragma once
#include <string_view>

namespace overum::console {

inline constexpr std::string_view kConsoleFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
inline constexpr float kConsoleFontPixels = 18.0f;  // at scale 1.0; readable at 1920x1080

// The glyph ranges loaded: a zero-terminated ImWchar array for ImFontAtlas::AddFont*.
const unsigned short* consoleGlyphRanges();

// Rebuilds the current context's font atlas with DejaVu Sans at kConsoleFontPixels*scale and resets
// the style scaled to match. False when the font file cannot be read: ImGui's own font is used then
// (scaled), so the console still works. Call before NewFrame; a renderer backend must re-upload
// the font texture afterwards.
bool setupConsoleFonts(float scale, std::string_view fontPath = kConsoleFontPath);

// Keyboard navigation on, no imgui.ini written (nothing on disk beyond what the host decides).
// ImGui 1.86 then requires io.KeyMap to be filled before NewFrame (the GLFW backend's init does it;
// headless hosts map the keys themselves, as tests/console/imgui_harness.cpp shows).
void configureConsoleContext();

}  // namespace overum::console
