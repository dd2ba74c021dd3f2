// SPDX-License-Identifier: GPL-3.0-or-later
// The facilitator's console: Before / During / After panels drawn with Dear ImGui into whatever
// context is current. It reads a ConsoleInput each frame and returns ConsoleActions; it never
// changes the meeting itself, so the host stays the one place where things happen (and get logged).
//
// Use: once per ImGui context configureConsoleContext() and setupConsoleFonts(scale) (fonts.h); then
// each frame, between ImGui::NewFrame() and ImGui::Render():
//   for (const ConsoleAction& a : console.draw(input)) host.apply(a);  // applyToDirector() helps (apply.h)
#pragma once
#include <overum/console/actions.h>
#include <overum/meeting/director.h>
#include <overum/session/citizen_data.h>
#include <overum/session/progress.h>
#include <overum/session/statement.h>

#include <cstdint>
#include <functional>  // std::less<> for the controls map
#include <map>
#include <span>
#include <string>
#include <vector>

namespace overum::console {

// none: this mode has no headset (a desktop window), so the console says nothing about one.
enum class HeadsetState : std::uint8_t { none, notWorn, focused, lost };  // -, "ikke på", "fokuseret", "mistet"
enum class Stage : std::uint8_t { before, during, after };

// A facilitator's timestamped note or bookmark (a bookmark has no text).
// A meeting of this citizen that was interrupted (a crash, power loss): offered in Before.
struct InterruptedMeeting {
  std::string session;  // the session id the actions name
  std::string meeting;  // its meeting's title or id
  std::string at;       // the part of the meeting it had reached
};

struct MeetingChoice {
  std::string id;     // "myndighedsmoede"
  std::string title;  // shown, Danish
};

// A sentence of the citizen's feedback after the meeting (what went well, or the one thing to try), as
// the host chose it from the speech measures; the facilitator may hide or reword it before the citizen sees it.
struct FeedbackLine {
  std::string text;      // what the citizen reads
  bool tryNext = false;  // the one thing to try next time (else: what went well)
  bool hidden = false;   // default shown
  std::string rule;      // the rule it came from, stable for the journal ("alle-dele")
};

// The "before" choices as the host currently holds them.
struct Setup {
  std::string meetingId;               // default none chosen
  std::string difficulty = "neutral";  // default neutral
  bool bisidder = false;               // default: no bisidder at the table
  std::string citizen;                 // the citizen's pseudonym; default none: nothing can be kept
  session::Consent consent;
  std::string exported;  // After: where the last export went, or why it failed; default empty
};

// Everything the console reads in one frame. Pointers and spans must stay valid during draw().
// A kept meeting playing again on the citizen's screen (the host's MeetingReplay), for After's controls.
struct ReplayState {
  bool playing = true;
  double now = 0.0, duration = 0.0;  // meeting clock
  int speed = 2;                     // index into kReplaySpeeds
  int seat = 0;                      // index into seats
  std::vector<std::string> seats;    // "Fra borgerens stol", "Fra borgerens stol, stille", "Fra Mettes stol" …
  std::string problem;               // why it ends early (a damaged journal); empty when whole
};
inline constexpr double kReplaySpeeds[] = {0.5, 0.75, 1.0, 1.5, 2.0};

struct ConsoleInput {
  Stage stage = Stage::before;                  // which panel the host is in; the tab follows changes
  const meeting::Director* director = nullptr;  // null until a meeting exists
  std::span<const meeting::LogEntry> log;       // all the director has logged (takeLog() consumes, the host keeps)
  std::span<const session::Note> notes;         // notes and bookmarks so far
  double now = 0.0;                             // meeting clock (the log's time base)
  double headsetSeconds = 0.0;                  // how long the citizen has worn the headset this session
  HeadsetState headset = HeadsetState::notWorn;
  bool microphoneOn = false;
  bool voiceDetected = false;                       // voice activity right now
  bool onHold = false;                              // the host holds the meeting after a `pause` action
  bool answersKept = true;                          // how-do-you-feel answers are kept (a journal is open)
  const session::Statement* statement = nullptr;    // null: none written yet
  bool privacy = false;                             // hide the statement's text on the console
  std::span<const MeetingChoice> meetings;          // what can be chosen in Before
  std::span<const InterruptedMeeting> interrupted;  // offered in Before: continue or close each
  // Room for the citizen's view in During; the host draws the picture into controls()["mirror"]
  // (the console's window copies it there after ImGui). Default off.
  bool mirror = false;
  float mirrorAspect = 16.0f / 9.0f;  // its width / height
  // The citizen's records could not be written (a full disk): shown above every panel, with "go on
  // without keeping it" (resume) and "end the meeting", until the facilitator picks one. Default none.
  std::string storageProblem;
  Setup setup;
  // After: the feedback for the citizen (empty until the meeting has ended and its turns are measured),
  // and whether it is on the citizen's end screen already (then it can no longer be changed).
  std::span<const FeedbackLine> feedback;
  bool feedbackShown = false;
  // After: the citizen's sessions summarised for the progress charts, oldest first; the host reads them off
  // the frame thread. Empty without a citizen, without consent to keep notes, or before they are read.
  std::span<const session::SessionProgress> progress;
  // After: a replay playing (null: none; then After offers the replayable sessions in `progress`), and why the
  // last one asked for could not start.
  const ReplayState* replay = nullptr;
  std::string replayProblem;
};

struct ConsoleConfig {
  double reminderAfterSeconds = 20.0 * 60.0;  // "time for a break?" after this long in the headset; default 20 min
  double reminderSnoozeSeconds = 5.0 * 60.0;  // "not now" hides it this long; default 5 min
  bool sharedRoom = false;                    // a course set up in a shared room: privacy mode starts on; default off
};

// Where a control was drawn in the last frame, by its stable name ("pause", "mood.sagsbehandler").
// For tests that click and navigate, and for the app's tutorial highlights.
struct ControlInfo {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // screen pixels
  std::uint32_t imguiId = 0;
  bool enabled = true;
};

class Console {
 public:
  explicit Console(ConsoleConfig config = {});

  // Draws the console as one window filling the display and returns what the facilitator asked for.
  // Call between ImGui::NewFrame() and ImGui::Render().
  std::vector<ConsoleAction> draw(const ConsoleInput& input);

  bool initialPrivacy() const { return config_.sharedRoom; }  // what the host's privacy flag starts as
  const ConsoleConfig& config() const { return config_; }
  const std::map<std::string, ControlInfo, std::less<>>& controls() const { return controls_; }

 private:
  friend struct Panels;  // the panel code lives in src/, one file per panel
  ConsoleConfig config_;
  std::map<std::string, ControlInfo, std::less<>> controls_;
  Stage lastStage_ = Stage::before;
  bool firstFrame_ = true;
  // What the console remembers between frames: only UI matters, never the meeting's state.
  struct UiState {
    std::string selectedNode;  // the node "Spring til det valgte punkt" / "Start igen fra det valgte punkt" uses
    std::string sayText;
    std::size_t sayWho = 0;
    std::string noteText;
    bool shareNote = false;     // the next note goes into the citizen's own report too
    double snoozedUntil = 0.0;  // headset seconds until which the reminder stays hidden
    std::string nameBuffer;     // Before: edit buffers, following the host's statement when not typed into
    std::string partBuffers[4];
    bool editing[5] = {};                    // name, parts: was being typed into last frame (keep the buffer)
    bool timelineLines = false;              // After: also list every line spoken
    std::string exportPassword[2];           // After: the page's password, typed twice
    std::vector<std::string> feedbackWords;  // After: the feedback sentences as the facilitator edits them
    int feedbackEditing = -1;                // the sentence being edited, -1 none
    bool replayDragging = false;             // After: the replay's timeline is being dragged
    float replayDragAt = 0.0f;               // …to this moment (seconds)
  } ui_;
};

}  // namespace overum::console
