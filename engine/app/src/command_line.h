// SPDX-License-Identifier: GPL-3.0-or-later
// The `overum` command line for running a meeting: parsed without side effects, so tests can check
// every form and every error; `overum data …` and `overum voices …` too. The only translation unit that includes CLI11
// is command_line.cpp. The scenario tools (check, play, graph, lines, tag) parse their own.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace overum::app {

enum class Mode { automatic, xr, desktop, headless };

struct Size {
  std::uint32_t width = 1280;
  std::uint32_t height = 720;
};

struct Options {
  Mode mode = Mode::automatic;          // default: headset, else window, else headless
  std::optional<std::uint64_t> frames;  // default: until the user quits (a headless fallback: 30)
  Size size;                            // default 1280x720 (window, or per view offscreen)
  std::filesystem::path captureDir;     // default: none (F12 and a headless fallback: ~/Billeder/Øverum)
  std::uint32_t captureEvery = 1;       // headless: capture every Kth frame; default every frame
  bool validation = false;              // default off: Vulkan validation + OpenXR core validation
  std::string quality = "auto";         // auto | high | medium | low: the picture's quality tier; default auto
  std::string language = "da";          // default Danish; "en" for English
  // The meeting. No scenario: the default meeting (myndighedsmøde, supportive) and the sample statement.
  std::vector<std::filesystem::path> scenario;  // .yarn files or a meeting folder; default: scenarios/myndighedsmoede
  std::string difficulty;                       // stoettende | neutral | presset; default stoettende
  std::filesystem::path statement;              // the citizen's personligt statement; default: the sample
  std::vector<std::size_t> choices;             // scripted choices, 1-based, for unattended runs; default none
  // Scripted answers to the how-do-you-feel questions, in the order asked (none: skipped), for tests and
  // demonstrations; an unattended run asks them only when given. Default none.
  std::vector<std::optional<int>> ratings;
  bool bisidder = false;                 // bring the companion (bisidder) if the cast has one; default no
  std::filesystem::path audioOut;        // headless: write the mixed audio as WAV here; default none
  std::filesystem::path microphoneFile;  // a sound file heard as the citizen's microphone; default none (the device)
  std::filesystem::path
      facilitatorScript;   // the facilitator's actions written down (facilitator_script.h); default none
  std::uint64_t seed = 1;  // random choices in the scenario; default 1
  // The facilitator and the citizen's data.
  bool console = false;                  // open the facilitator's console window; default off
  bool sharedRoom = false;               // a course in a shared room: the console hides the statement at first
  double reminderMinutes = 20.0;         // the console's "time for a break?" after this long in the headset
  std::string citizen;                   // the citizen's pseudonym in the vault; default none: nothing is stored
  std::filesystem::path passphraseFile;  // the vault passphrase (first line); default: asked on the terminal
  std::optional<std::vector<std::string>> consent;  // "statement", "notes", "audio"; default: as stored, else asked
  std::string unfinished;                           // "resume" or "close" an interrupted session; default: asked
  // A kept meeting played again: its session id, or "last"; default none (a live meeting).
  std::string replay;
  std::string seat = "citizen";  // the replay's chair: citizen, steady or a character's id; default citizen
  double replayFrom = 0.0;       // seconds into the meeting the replay starts at; default 0
};

struct ParsedCommandLine {
  Options options;
  std::optional<int> exitCode;  // set when the program should stop now: 0 after --help, 2 on bad input
  std::string message;          // help text or the error, for stdout (0) or stderr (2)
};

ParsedCommandLine parseCommandLine(const std::vector<std::string>& args);  // args[0] is the program

// `overum data list|export|erase` and their options (options may come before or after the subcommand).
enum class DataAction { list, exportPage, erase };

struct DataOptions {
  DataAction action = DataAction::list;
  std::filesystem::path passphraseFile;  // the vault passphrase (first line); default: asked
  std::string citizen;                   // export, erase: the citizen's pseudonym
  std::filesystem::path outDir = ".";    // export: the folder to write the page into
  std::filesystem::path passwordFile;    // export: the page's password (first line); default: asked
  std::string language = "da";           // export: da or en
  bool yes = false;                      // erase: do not ask for confirmation
};

struct ParsedDataCommand {
  DataOptions options;
  std::optional<int> exitCode;  // set when the program should stop now: 0 after --help, 2 on bad input
  std::string message;          // help text (stdout) or the error (stderr), ready to print
};

ParsedDataCommand parseDataCommand(const std::vector<std::string>& args);  // args[0] is "data"

// `overum voices record|status`: recording the characters' lines with an actor, and how many are recorded.
enum class VoicesAction { record, status };

struct VoicesOptions {
  VoicesAction action = VoicesAction::status;
  std::vector<std::string> scenarios;  // record: exactly one; status: default every meeting
  std::string character;               // record: the cast id (or name) whose lines are recorded
  std::filesystem::path outDir;  // default: the organisation's own voices folder ($XDG_DATA_HOME/overum/assets/voices)
  std::vector<std::filesystem::path> microphoneFiles;  // record: takes hear these files in turn; default the microphone
  bool all = false;             // record: also the lines already recorded (default: only the missing)
  std::string language = "da";  // da (default) or en
};

struct ParsedVoicesCommand {
  VoicesOptions options;
  std::optional<int> exitCode;  // set when the program should stop now: 0 after --help, 2 on bad input
  std::string message;          // help text (stdout) or the error (stderr), ready to print
};

ParsedVoicesCommand parseVoicesCommand(const std::vector<std::string>& args);  // args[0] is "voices"

std::string_view modeName(Mode mode);
std::string versionText();  // "overum 0.1.0 (git 1a2b3c4d5e6f)"

}  // namespace overum::app
