// SPDX-License-Identifier: GPL-3.0-or-later
// Console fonts and context settings (see fonts.h).
#include <overum/console/fonts.h>

#include <imgui.h>

#include <fstream>
#include <string>

namespace overum::console {

const unsigned short* consoleGlyphRanges() {
  static const ImWchar ranges[] = {
      0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement: æ ø å Æ Ø Å é ü …
      0x2010, 0x205E,  // General Punctuation: – — ‘ ’ „ “ ” • … (Danish typography)
      0x20AC, 0x20AC,  // €
      0x2190, 0x21FF,  // arrows, for "the path taken" (→)
      0x2212, 0x2212,  // minus sign, as in "+ og −"
      0x25A0, 0x25FF,  // geometric shapes: ● ▶ markers beside text, never instead of it
      0,
  };
  return ranges;
}

bool setupConsoleFonts(float scale, std::string_view fontPath) {
  if (!(scale > 0.25f && scale < 8.0f)) scale = 1.0f;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const std::string path(fontPath);
  // AddFontFromFileTTF asserts on a missing file in debug builds; look first.
  const bool readable = std::ifstream(path, std::ios::binary).good();
  ImFont* font = nullptr;
  if (readable)
    font = io.Fonts->AddFontFromFileTTF(path.c_str(), kConsoleFontPixels * scale, nullptr, consoleGlyphRanges());
  if (!font) {
    ImFontConfig config;
    config.SizePixels = kConsoleFontPixels * scale;
    io.Fonts->AddFontDefault(&config);
  }
  io.Fonts->Build();
  // A fresh style each time: ScaleAllSizes multiplies, so scaling twice would compound.
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  ImGui::StyleColorsDark(&style);
  style.FrameRounding = 3.0f;
  style.ScaleAllSizes(scale);
  return font != nullptr;
}

void configureConsoleContext() {
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.IniFilename = nullptr;  // window layout is not worth a file in the citizen's machine
  io.LogFilename = nullptr;
}

}  // namespace overum::console
