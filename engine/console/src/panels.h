// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the panel files: the per-frame drawing context (input, output, the console's UI state)
// and the few widget helpers every panel uses (translated labels with language-independent IDs,
// buttons that register where they were drawn).
#pragma once
#include <overum/console/console.h>

#include <imgui.h>

#include <string>
#include <string_view>

namespace overum::console {

// "Pause###pause": the text in the current language, an ImGui ID that stays put when it changes.
std::string label(std::string_view key, std::string_view id);
void text(std::string_view s);         // unformatted, no copy
void textWrapped(std::string_view s);  // wrapped at the column's edge
void heading(std::string_view key);    // a section heading with a separator

// Builds an action by name: act(Kind::setMood).target(id).text(mood). (Designated initialisers
// would read as well, but GCC 12 warns about every member left out.)
class act {
 public:
  explicit act(ConsoleAction::Kind kind) { a_.kind = kind; }
  act& target(std::string s) {
    a_.target = std::move(s);
    return *this;
  }
  act& text(std::string s) {
    a_.text = std::move(s);
    return *this;
  }
  act& index(int i) {
    a_.index = i;
    return *this;
  }
  act& on(bool b) {
    a_.on = b;
    return *this;
  }
  act& time(double t) {
    a_.time = t;
    return *this;
  }
  operator ConsoleAction() const { return a_; }

 private:
  ConsoleAction a_;
};

struct Panels {
  Console& console;
  Console::UiState& ui;
  const ConsoleInput& in;
  std::vector<ConsoleAction>& out;

  void before();
  void during();
  void after();
  void exportData();  // After: the citizen's data as a password-protected page
  void feedback();    // After: the citizen's feedback sentences, each of which can be hidden
  void progress();    // After: small charts of the citizen's sessions (progress_panel.cpp)
  void replay();      // After: play a kept session again, and its controls while it plays (replay_panel.cpp)

  // Records the last item under `name` (see Console::controls()).
  void track(std::string_view name, bool enabled = true);
  // A button labelled tr(key), registered as `name`; true when clicked (never when disabled).
  bool button(std::string_view key, std::string_view name, bool enabled = true, ImVec2 size = ImVec2(0, 0));
  void emit(ConsoleAction action) { out.push_back(std::move(action)); }
  void emit(ConsoleAction::Kind kind) { out.push_back(act(kind)); }

  // Text that came from the meeting (captions, options, log lines, notes) with the statement's parts
  // and the citizen's name blanked out while privacy is on: scenarios weave them into lines.
  std::string redact(std::string_view text) const;

  // Pieces of During that After and Before reuse.
  void statementView(bool editable);
  void nodeList(bool forRestart);
  std::string currentDifficulty() const;
};

}  // namespace overum::console
