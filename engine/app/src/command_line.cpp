// SPDX-License-Identifier: GPL-3.0-or-later
// Command-line parsing with CLI11; every failure becomes exit code 2 and a message that says what to do.
#include "command_line.h"

#include "overum_version.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <map>

namespace overum::app {
namespace {

bool parseSize(const std::string& text, Size& size) {
  const auto x = text.find('x');
  if (x == std::string::npos) return false;
  auto number = [](std::string_view s, std::uint32_t& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && out >= 16 && out <= 8192;
  };
  return number(std::string_view(text).substr(0, x), size.width) &&
         number(std::string_view(text).substr(x + 1), size.height);
}

// A comma-separated list of whole numbers from lowest to highest; `blank` (when given) stands for none.
bool parseNumbers(const std::string& text, std::size_t lowest, std::size_t highest, std::string_view blank,
                  std::vector<std::optional<std::size_t>>& out) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    if (!blank.empty() && std::string_view(text).substr(start, comma - start) == blank) {
      out.emplace_back();
    } else {
      std::size_t value = 0;
      auto [end, ec] = std::from_chars(text.data() + start, text.data() + comma, value);
      if (ec != std::errc() || end != text.data() + comma || value < lowest || value > highest) return false;
      out.emplace_back(value);
    }
    start = comma + 1;
  }
  return true;
}

bool parseChoices(const std::string& text, std::vector<std::size_t>& out) {
  std::vector<std::optional<std::size_t>> numbers;
  if (!parseNumbers(text, 1, 99, {}, numbers)) return false;
  for (const auto& n : numbers) out.push_back(*n);
  return true;
}

bool parseRatings(const std::string& text, std::vector<std::optional<int>>& out) {
  std::vector<std::optional<std::size_t>> numbers;
  if (!parseNumbers(text, 0, 10, "-", numbers)) return false;
  for (const auto& n : numbers) out.push_back(n ? std::optional<int>(int(*n)) : std::nullopt);
  return true;
}

bool parseConsent(const std::string& text, std::optional<std::vector<std::string>>& out) {
  out.emplace();
  if (text == "none") return true;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    if (item != "statement" && item != "notes" && item != "audio") return false;
    out->push_back(item);
    start = comma + 1;
  }
  return true;
}

// Parses a family of subcommands (`overum data`, `overum voices`; args[0] is its name): false when the
// program should stop, with the help (exit 0) or the error and where to look (exit 2) in `result`.
template <typename Parsed>
bool parseFamily(CLI::App& cli, const std::vector<std::string>& args, const std::string& name, Parsed& result) {
  std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  std::reverse(rest.begin(), rest.end());  // CLI11 parses a reversed vector
  try {
    cli.parse(rest);
    return true;
  } catch (const CLI::CallForHelp&) {
    result.exitCode = 0;
    result.message = cli.help();
  } catch (const CLI::ParseError& e) {
    result.exitCode = 2;
    result.message = name + ": " + e.what() + "\nRun '" + name + " --help' for the forms.\n";
  }
  return false;
}

}  // namespace

std::string versionText() {
  return std::string("overum ") + OVERUM_VERSION +
         (std::string_view(OVERUM_GIT_COMMIT).empty() ? "" : " (git " OVERUM_GIT_COMMIT ")");
}

std::string_view modeName(Mode mode) {
  switch (mode) {
    case Mode::automatic: return "auto";
    case Mode::xr: return "xr";
    case Mode::desktop: return "desktop";
    case Mode::headless: return "headless";
  }
  return "?";
}

ParsedCommandLine parseCommandLine(const std::vector<std::string>& args) {
  ParsedCommandLine result;
  Options& o = result.options;

  CLI::App cli(
      "Øverum – rehearse meetings in VR, on the desktop or headless.\n"
      "Scenario tools: overum check|play|graph|lines|tag FILES… (see overum check --help)\n"
      "Citizens' data: overum data list|export|erase (see overum data --help)\n"
      "Recorded voices: overum voices record|status (see overum voices --help)",
      "overum");
  cli.set_version_flag("--version", versionText(), "print the version (and the git commit of the build) and exit");
  const std::map<std::string, Mode> modes{
      {"auto", Mode::automatic}, {"xr", Mode::xr}, {"desktop", Mode::desktop}, {"headless", Mode::headless}};
  cli.add_option("--mode", o.mode,
                 "xr | desktop | headless | auto (default: auto = headset, else window, else headless)")
      ->transform(CLI::CheckedTransformer(modes, CLI::ignore_case));
  std::uint64_t frames = 0;
  auto* framesOption = cli.add_option("--frames", frames, "stop after N frames (default: run until you quit)")
                           ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100'000'000}));
  std::string size;
  cli.add_option("--size", size, "window or offscreen size per view, WxH (default 1280x720)");
  cli.add_option("--capture", o.captureDir,
                 "write rendered frames as PNG into DIR (headless: every frame or every Kth; desktop: on F12; "
                 "default for F12: the pictures folder, ~/Billeder/Øverum)");
  cli.add_option("--capture-every", o.captureEvery, "headless: capture every Kth frame (default 1)")
      ->check(CLI::Range(1u, 1'000'000u));
  cli.add_flag("--validation", o.validation, "turn on Vulkan validation and OpenXR core validation");
  cli.add_option("--quality", o.quality,
                 "auto (default) | high | medium | low: the picture's quality; auto starts from the GPU (lower on "
                 "integrated and software GPUs) and steps down in a window whose first seconds are slow; "
                 "headless: high")
      ->check(CLI::IsMember({"auto", "high", "medium", "low"}));
  cli.add_option("--language", o.language,
                 "da (default) or en: the program's own words (console, messages); meetings stay in Danish")
      ->check(CLI::IsMember({"da", "en"}));
  cli.add_option("--scenario", o.scenario,
                 "the meeting: a folder under scenarios/ or .yarn files (default: myndighedsmoede)")
      ->check(CLI::ExistingPath);
  cli.add_option("--difficulty", o.difficulty, "stoettende (default) | neutral | presset")
      ->check(CLI::IsMember({"stoettende", "neutral", "presset"}));
  cli.add_option("--statement", o.statement, "the citizen's personligt statement file (default: the sample)")
      ->check(CLI::ExistingFile);
  std::string choices;
  cli.add_option("--choose", choices, "play unattended with these choices, e.g. 1,2,1 (1 = first option)");
  std::string ratings;
  cli.add_option(
      "--rate", ratings,
      "answer the how-do-you-feel questions for the citizen with these numbers, in the "
      "order they are asked (- skips one), e.g. 6,7,-,3; for tests and demonstrations; an unattended run asks "
      "them only with this");
  cli.add_flag("--bisidder", o.bisidder, "bring a bisidder (companion) to the meeting");
  cli.add_option("--audio-out", o.audioOut, "write the meeting's mixed audio to this WAV file");
  cli.add_option("--microphone-file", o.microphoneFile,
                 "hear this sound file (WAV, or anything libsndfile reads) as the citizen's microphone, from its start "
                 "each time the citizen has the floor, in real time on the meeting's clock (headless: in step with "
                 "the frames); for tests and unattended runs (default: the real microphone, none when unattended)")
      ->check(CLI::ExistingFile);
  cli.add_option("--seed", o.seed, "seed for the scenario's random choices (default 1)");
  cli.add_flag("--console", o.console, "open the facilitator's console in its own window (needs a display)");
  cli.add_flag("--shared-room", o.sharedRoom,
               "a course in a shared room: the console starts with the statement hidden");
  cli.add_option("--reminder", o.reminderMinutes,
                 "minutes in the headset before the console suggests a break (default 20)")
      ->check(CLI::Range(1.0, 240.0));
  cli.add_option("--citizen", o.citizen,
                 "the citizen's pseudonym (letters, digits, - and _): keep their statement and session journal, "
                 "encrypted, with their consent (default: nothing is stored)");
  cli.add_option("--passphrase-file", o.passphraseFile,
                 "the facilitator's vault passphrase, first line of FILE "
                 "(default: asked on the terminal)")
      ->check(CLI::ExistingFile);
  std::string consent;
  auto* consentOption = cli.add_option("--consent", consent,
                                       "what the citizen agreed to keep: statement,notes,audio or none "
                                       "(default: as agreed before, else asked on the terminal)");
  cli.add_option("--unfinished", o.unfinished,
                 "an interrupted session of this citizen: resume or close it "
                 "(default: asked on the terminal)")
      ->check(CLI::IsMember({"resume", "close"}));
  cli.add_option("--facilitator", o.facilitatorScript,
                 "a facilitator's actions written down, one a line: SECONDS ACTION [WORDS], e.g. "
                 "'20 setMood sagsbehandler travl' (for unattended runs and demonstrations)");
  cli.add_option("--replay", o.replay,
                 "play a kept meeting of this citizen again: its session id (overum data list), or 'last'");
  cli.add_option("--seat", o.seat,
                 "the replay's chair: citizen (with their head's movement), steady, or a character's id (default "
                 "citizen)");
  cli.add_option("--from", o.replayFrom, "the replay starts this many seconds into the meeting (default 0)")
      ->check(CLI::NonNegativeNumber);

  std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  std::reverse(rest.begin(), rest.end());  // CLI11 parses a reversed vector
  try {
    cli.parse(rest);
    if (framesOption->count() > 0) o.frames = frames;
    if (!choices.empty() && !parseChoices(choices, o.choices))
      throw CLI::ValidationError("--choose", "'" + choices + "' is not a list of option numbers like 1,2,1");
    if (!ratings.empty() && !parseRatings(ratings, o.ratings))
      throw CLI::ValidationError("--rate", "'" + ratings + "' is not a list of numbers 0 to 10 or -, like 6,7,-,3");
    if (consentOption->count() > 0 && !parseConsent(consent, o.consent))
      throw CLI::ValidationError("--consent", "'" + consent + "' is not a list of statement, notes, audio, or none");
    if ((consentOption->count() > 0 || !o.unfinished.empty() || !o.passphraseFile.empty()) && o.citizen.empty())
      throw CLI::ValidationError("--citizen", "--consent, --unfinished and --passphrase-file need --citizen NAME");
    if (!o.replay.empty() && o.citizen.empty())
      throw CLI::ValidationError("--replay", "--replay needs --citizen NAME: whose meeting to play again");
    if (!size.empty() && !parseSize(size, o.size))
      throw CLI::ValidationError("--size", "'" + size + "' is not WxH with both between 16 and 8192, e.g. 1280x720");
  } catch (const CLI::CallForHelp&) {
    result.exitCode = 0;
    result.message = cli.help();
  } catch (const CLI::CallForVersion&) {
    result.exitCode = 0;
    result.message = versionText();
  } catch (const CLI::ParseError& e) {
    result.exitCode = 2;
    result.message = std::string("overum: ") + e.what() + "\nRun 'overum --help' to see every option.";
  }
  return result;
}

ParsedDataCommand parseDataCommand(const std::vector<std::string>& args) {
  ParsedDataCommand result;
  DataOptions& o = result.options;
  CLI::App cli("The citizens' data kept on this machine (encrypted): list, export for the citizen, erase.",
               "overum data");
  cli.require_subcommand(1);
  cli.fallthrough();  // `overum data list --passphrase-file F` as well as `overum data --passphrase-file F list`
  cli.add_option("--passphrase-file", o.passphraseFile, "the vault passphrase, first line of FILE (default: asked)")
      ->check(CLI::ExistingFile);
  auto* list = cli.add_subcommand("list", "the citizens (pseudonyms), what they agreed to keep and their sessions");
  auto* exportCmd =
      cli.add_subcommand("export", "write the citizen's data as a password-protected HTML page with JSON");
  exportCmd->add_option("citizen", o.citizen, "the citizen's pseudonym")->required();
  exportCmd->add_option("--out", o.outDir, "the folder to write the page into (default: here)");
  exportCmd->add_option("--password-file", o.passwordFile, "the page's password, first line of FILE (default: asked)")
      ->check(CLI::ExistingFile);
  exportCmd->add_option("--language", o.language, "da (default) or en")->check(CLI::IsMember({"da", "en"}));
  auto* erase = cli.add_subcommand("erase", "erase everything kept about the citizen; cannot be undone");
  erase->add_option("citizen", o.citizen, "the citizen's pseudonym")->required();
  erase->add_flag("--yes", o.yes, "do not ask for confirmation");

  if (!parseFamily(cli, args, "overum data", result)) return result;
  o.action = list->parsed() ? DataAction::list : exportCmd->parsed() ? DataAction::exportPage : DataAction::erase;
  return result;
}

ParsedVoicesCommand parseVoicesCommand(const std::vector<std::string>& args) {
  ParsedVoicesCommand result;
  VoicesOptions& o = result.options;
  CLI::App cli(
      "Real voices for the characters: an actor records each line, which then replaces the synthetic "
      "voice (espeak-ng) in the meeting. Lines that quote the citizen (their statement, their name) or "
      "show a value that differs from meeting to meeting stay synthetic.",
      "overum voices");
  cli.require_subcommand(1);
  cli.fallthrough();  // options before or after the subcommand, as `overum data`
  cli.add_option("--out", o.outDir,
                 "the voices folder (default: the organisation's own, "
                 "~/.local/share/overum/assets/voices, which the meetings play before the shipped ones)");
  cli.add_option("--language", o.language, "da (default) or en: the recorder's and the status's words")
      ->check(CLI::IsMember({"da", "en"}));
  auto* record = cli.add_subcommand(
      "record",
      "record a character's lines from the microphone. For each line it shows the node's heading, the line "
      "before and after; keys: Enter = record / stop, r = redo the last line, s = skip, q = quit (what is "
      "recorded is kept). Each take is trimmed to its first and last sound and normalised to -20 LUFS "
      "integrated (EBU R128's measure, libebur128; peaks held under -1 dBFS by a limiter): the loudness of the "
      "synthetic voices, which still speak the lines quoting the citizen, so every line and every actor sound "
      "equally loud. Written as <line id>.wav");
  record->add_option("scenario", o.scenarios, "the meeting: its name (e.g. myndighedsmoede) or folder")
      ->required()
      ->expected(1);
  record
      ->add_option("--character", o.character,
                   "the character whose lines are recorded: the cast's id "
                   "(e.g. sagsbehandler)")
      ->required();
  record->add_flag("--all", o.all, "also the lines already recorded (default: only those still missing)");
  record
      ->add_option("--microphone-file", o.microphoneFiles,
                   "hear this sound file as the microphone instead of the device, whole, in each take; given "
                   "more than once, take N hears file N (the last one after that); for tests")
      ->check(CLI::ExistingFile);
  auto* status = cli.add_subcommand("status",
                                    "lines recorded per character (recorded / all), the missing ones "
                                    "by line id, and those that stay synthetic");
  status->add_option("scenario", o.scenarios, "meetings by name or folder (default: every meeting)");

  if (!parseFamily(cli, args, "overum voices", result)) return result;
  o.action = record->parsed() ? VoicesAction::record : VoicesAction::status;
  return result;
}

}  // namespace overum::app
