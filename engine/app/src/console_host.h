// The app's side of the facilitator console during a meeting: keeps the whole log, the notes and the
// privacy flag, builds the console's input each frame and carries its actions out.
#pragma once
#include <overum/console/console.h>

namespace overum::app {

class ConsoleHost {
 public:
  ConsoleHost(const session::Statement* statement, console::ConsoleConfig config = {});

  // Keeps what the director logged this frame (the console shows the whole meeting).
  void record(const std::vector<meeting::LogEntry>& entries);
  // Draws the console (inside the console window's ImGui frame) and returns its actions.
  std::vector<console::ConsoleAction> draw(const meeting::Director& director, double now, bool headsetFocused,
                                           bool microphoneOn, bool voiceDetected);
  // Carries the actions out: on the director now, or into `next` for its next update.
  void apply(const std::vector<console::ConsoleAction>& actions, meeting::Director& director, double now,
             meeting::DirectorInput& next);

  const std::vector<console::Note>& notes() const { return notes_; }

 private:
  console::Console console_;
  const session::Statement* statement_;
  std::vector<meeting::LogEntry> log_;
  std::vector<console::Note> notes_;
  bool privacy_;
  double headsetSince_ = -1.0;
};

}  // namespace overum::app
