// SPDX-License-Identifier: GPL-3.0-or-later
// The headless ImGui harness for console tests (see imgui_harness.h).
#include "imgui_harness.h"

#include <overum/console/fonts.h>

#include <catch2/catch.hpp>
#include <imgui_internal.h>  // ImTextCharToUtf8

#include <map>
#include <utility>

namespace overum::console::testing {

Harness::Harness(float scale) {
  context_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(context_);
  configureConsoleContext();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(1920.0f, 1080.0f);
  io.DeltaTime = 1.0f / 60.0f;
  // 1.86 keyboard: io.KeysDown[] indexed by our own codes, mapped through io.KeyMap. Identity mapping.
  for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
  REQUIRE(setupConsoleFonts(scale));
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // no backend: building the atlas is enough
  REQUIRE(io.Fonts->IsBuilt());
}

Harness::~Harness() { ImGui::DestroyContext(context_); }

std::vector<ConsoleAction> Harness::frame(Console& console, const ConsoleInput& input) {
  ImGui::SetCurrentContext(context_);
  ImGui::NewFrame();
  std::vector<ConsoleAction> actions = console.draw(input);
  ImGui::Render();
  return actions;
}

void Harness::settle(Console& console, const ConsoleInput& input, int frames) {
  for (int i = 0; i < frames; ++i) frame(console, input);
}

namespace {
void append(std::vector<ConsoleAction>& to, std::vector<ConsoleAction> from) {
  for (auto& a : from) to.push_back(std::move(a));
}
}  // namespace

std::vector<ConsoleAction> Harness::click(Console& console, const ConsoleInput& input, std::string_view control) {
  // One frame first: a popup that just opened is measured while hidden, and lands in its real place
  // only a frame later.
  std::vector<ConsoleAction> actions = frame(console, input);
  const auto it = console.controls().find(control);
  INFO("control " << control);
  REQUIRE(it != console.controls().end());
  const ControlInfo c = it->second;
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2((c.x0 + c.x1) * 0.5f, (c.y0 + c.y1) * 0.5f);
  append(actions, frame(console, input));
  io.MouseDown[0] = true;
  append(actions, frame(console, input));
  io.MouseDown[0] = false;
  append(actions, frame(console, input));
  return actions;
}

std::vector<ConsoleAction> Harness::key(Console& console, const ConsoleInput& input, ImGuiKey k) {
  ImGuiIO& io = ImGui::GetIO();
  std::vector<ConsoleAction> actions;
  io.KeysDown[io.KeyMap[k]] = true;
  append(actions, frame(console, input));
  io.KeysDown[io.KeyMap[k]] = false;
  append(actions, frame(console, input));
  return actions;
}

std::vector<ConsoleAction> Harness::type(Console& console, const ConsoleInput& input, std::string_view text) {
  ImGui::GetIO().AddInputCharactersUTF8(std::string(text).c_str());
  return frame(console, input);
}

std::string Harness::drawnText() const {
  ImGui::SetCurrentContext(context_);
  const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  // A glyph quad is 4 vertices whose first has the glyph's (U0,V0) and third its (U1,V1).
  std::map<std::pair<float, float>, const ImFontGlyph*> byCorner;
  for (const ImFontGlyph& g : font->Glyphs)
    if (g.Visible) byCorner.emplace(std::pair{g.U0, g.V0}, &g);
  std::string out;
  const ImDrawData* data = ImGui::GetDrawData();
  if (!data) return out;
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImVector<ImDrawVert>& v = data->CmdLists[l]->VtxBuffer;
    for (int i = 0; i + 3 < v.Size; ++i) {
      const auto it = byCorner.find({v[i].uv.x, v[i].uv.y});
      if (it == byCorner.end() || v[i + 2].uv.x != it->second->U1 || v[i + 2].uv.y != it->second->V1) continue;
      const unsigned cp = it->second->Codepoint;
      char buf[5] = {};
      ImTextCharToUtf8(buf, cp);
      out += buf;
      i += 3;
    }
  }
  return out;
}

std::string withoutSpaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t') out += c;
  return out;
}

}  // namespace overum::console::testing
