// SPDX-License-Identifier: GPL-3.0-or-later
// A headless Dear ImGui 1.86 context for console tests: 1920x1080, DejaVu fonts, keyboard navigation,
// frames without a renderer, synthetic clicks/keys/typing, and the text that was actually drawn
// (decoded from the draw lists' glyph quads) so tests can assert what is or is not on screen.
#pragma once
#include <overum/console/console.h>

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace overum::console::testing {

class Harness {
 public:
  explicit Harness(float scale = 1.0f);
  ~Harness();
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  // One full frame (NewFrame, draw, Render); returns the actions of that frame.
  std::vector<ConsoleAction> frame(Console& console, const ConsoleInput& input);
  // A few frames, so tables settle their column widths (they measure in one frame, lay out in the next).
  void settle(Console& console, const ConsoleInput& input, int frames = 4);
  // Moves to the named control, presses and releases the left button (4 frames); all actions.
  // Fails the test when the control was not drawn in the previous frame.
  std::vector<ConsoleAction> click(Console& console, const ConsoleInput& input, std::string_view control);
  // Presses and releases a key (ImGuiKey_*), 2 frames.
  std::vector<ConsoleAction> key(Console& console, const ConsoleInput& input, ImGuiKey key);
  // Types UTF-8 text into whatever has keyboard focus (1 frame).
  std::vector<ConsoleAction> type(Console& console, const ConsoleInput& input, std::string_view text);

  // Every visible glyph drawn in the last frame, in draw order, without whitespace.
  std::string drawnText() const;
  ImGuiContext* context() const { return context_; }

 private:
  ImGuiContext* context_ = nullptr;
};

std::string withoutSpaces(std::string_view s);

}  // namespace overum::console::testing
