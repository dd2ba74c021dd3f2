// SPDX-License-Identifier: GPL-3.0-or-later
// What the facilitator's console asks for: one small tagged struct per click. The console never
// calls the meeting itself; the host applies these to the Director, the session and the settings.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace overum::console {

// The citizen's separate consent choices (all off until the citizen says yes; audio especially).
enum class ConsentItem : std::uint8_t { saveStatement, keepNotes, recordAudio };

// The sværhedsgrader a scenario is written for, mildest first ($svaerhed values).
inline constexpr const char* kDifficulties[] = {"stoettende", "neutral", "presset"};

struct ConsoleAction {
  enum class Kind : std::uint8_t {
    // During the meeting
    pause,           // hold the meeting where it is (characters stop and wait, the citizen stays)
    resume,          // carry on after pause or pauseRoom
    pauseRoom,       // take the citizen to the calm pause room (DirectorInput::pause)
    skipLine,        // Director::skipLine
    repeatLine,      // Director::repeatLine: the last spoken line once more ("sig replikken igen")
    jumpTo,          // target = node title; Director::jumpTo
    endMeeting,      // Director::end
    chooseOption,    // index = option (0-based), picked on the citizen's behalf
    finishTurn,      // the citizen's statement/answer is over ("færdig")
    setMood,         // target = character id, text = mood (a scenario::kMoods word; applyToDirector parses it)
    gesture,         // target = character id, text = gesture (a scenario::kGestures word, likewise)
    setDifficulty,   // text = level (kDifficulties)
    difficultyUp,    // text = the level it leads to
    difficultyDown,  // text = the level it leads to
    sayLine,         // target = character id, text = the typed line; Director::say
    addNote,         // text = the note, time = meeting clock when written
    addBookmark,     // text = a short label (may be empty), time = meeting clock
    togglePrivacy,   // show/hide the statement text on the console
    askHowYouFeel,   // the citizen's SUDS now ("hvor urolig er du?"): the meeting holds while they answer
    // Before the meeting
    chooseMeeting,     // target = meeting id
    setBisidder,       // on
    setStatementName,  // text = how the citizen wants to be addressed
    setStatementPart,  // index = session::StatementPart, text = the part's new text
    setConsent,        // index = ConsentItem, on
    withdrawConsent,   // one click: the host deletes everything stored about the citizen
    startMeeting,      // the host builds and starts the Director
    resumeSession,     // target = session id: continue a meeting that was interrupted (a crash, power loss)
    closeSession,      // target = session id: mark it ended without continuing
    // After the meeting
    restartFrom,    // target = node title: a fresh run from there
    exportData,     // text = the page's password: the citizen's data as a password-protected page
    hideFeedback,   // index = the feedback sentence, on = hidden from the citizen (off: shown)
    showFeedback,   // the feedback sentences not hidden go to the citizen's end screen now
    editFeedback,   // index = the feedback sentence, text = the facilitator's words for it
    startReplay,    // target = a session id: play that meeting again on the citizen's screen
    replayControl,  // text = play (play/pause), back, forward (10 s), next (mark), at (index = seconds), speed or
                    // seat (index), stop
  };

  Kind kind = Kind::pause;
  std::string target;  // node title, character id or meeting id
  std::string text;    // mood, gesture, difficulty, line, note or statement text
  int index = -1;      // option, statement part or consent item
  bool on = false;     // bisidder, consent
  double time = 0.0;   // meeting clock, for notes and bookmarks

  bool operator==(const ConsoleAction&) const = default;
};

std::string_view kindName(ConsoleAction::Kind kind);                  // "pauseRoom"
std::optional<ConsoleAction::Kind> kindNamed(std::string_view name);  // kindName() read back; none when unknown
std::string describe(const ConsoleAction& action);  // "setMood sagsbehandler travl", for logs and tests

}  // namespace overum::console
