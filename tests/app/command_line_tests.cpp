// SPDX-License-Identifier: GPL-3.0-or-later
// Every form of the `overum` command line, and the message and exit code for bad input.
#include "command_line.h"

#include <catch2/catch.hpp>

using namespace overum::app;

namespace {
ParsedCommandLine parse(std::vector<std::string> args) {
  args.insert(args.begin(), "overum");
  return parseCommandLine(args);
}
}  // namespace

TEST_CASE("no arguments: automatic mode, run until quit, 1280x720") {
  auto p = parse({});
  REQUIRE_FALSE(p.exitCode);
  CHECK(p.options.mode == Mode::automatic);
  CHECK_FALSE(p.options.frames);
  CHECK(p.options.size.width == 1280);
  CHECK(p.options.size.height == 720);
  CHECK(p.options.captureDir.empty());
  CHECK(p.options.captureEvery == 1);
  CHECK(p.options.quality == "auto");
}

TEST_CASE("the quality option forces a tier or leaves the choice to the program") {
  for (const char* tier : {"auto", "high", "medium", "low"}) CHECK(parse({"--quality", tier}).options.quality == tier);
}

TEST_CASE("every option is parsed") {
  auto p = parse({"--mode", "headless", "--frames", "12", "--size", "320x180", "--capture", "ud", "--capture-every",
                  "4", "--validation", "--language", "en"});
  REQUIRE_FALSE(p.exitCode);
  CHECK(p.options.mode == Mode::headless);
  CHECK(p.options.frames == 12u);
  CHECK(p.options.size.width == 320);
  CHECK(p.options.size.height == 180);
  CHECK(p.options.captureDir == "ud");
  CHECK(p.options.captureEvery == 4);
  CHECK(p.options.validation);
  CHECK(p.options.language == "en");
  CHECK(parse({"--mode", "XR"}).options.mode == Mode::xr);
  auto meeting =
      parse({"--scenario", "scenarios", "--difficulty", "presset", "--statement", "scenarios/statement-eksempel.txt",
             "--choose", "1,2,1", "--bisidder", "--audio-out", "m.wav", "--seed", "9"});
  REQUIRE_FALSE(meeting.exitCode);
  CHECK(meeting.options.scenario.size() == 1);
  CHECK(meeting.options.difficulty == "presset");
  CHECK(meeting.options.statement == "scenarios/statement-eksempel.txt");
  CHECK(meeting.options.choices == std::vector<std::size_t>{1, 2, 1});
  CHECK(meeting.options.bisidder);
  CHECK(meeting.options.audioOut == "m.wav");
  CHECK(meeting.options.seed == 9);
  CHECK(meeting.options.microphoneFile.empty());
  CHECK(parse({"--microphone-file", "scenarios/statement-eksempel.txt"}).options.microphoneFile ==
        "scenarios/statement-eksempel.txt");  // any existing file; whether it is sound is checked when opened
  CHECK(parse({"--microphone-file", "ingen-stemme.wav"}).exitCode == 2);
  CHECK(parse({"--mode=desktop"}).options.mode == Mode::desktop);
  auto data = parse({"--console", "--citizen", "borger-7", "--consent", "statement,notes", "--unfinished", "resume",
                     "--shared-room", "--reminder", "30"});
  REQUIRE_FALSE(data.exitCode);
  CHECK(data.options.console);
  CHECK(data.options.sharedRoom);
  CHECK(data.options.reminderMinutes == 30.0);
  CHECK(data.options.citizen == "borger-7");
  CHECK(data.options.consent == std::vector<std::string>{"statement", "notes"});
  CHECK(data.options.unfinished == "resume");
  CHECK(parse({"--citizen", "b", "--consent", "none"}).options.consent == std::vector<std::string>{});
  CHECK_FALSE(parse({"--citizen", "b"}).options.consent);
}

TEST_CASE("--help lists every option and exits 0") {
  auto p = parse({"--help"});
  REQUIRE(p.exitCode == 0);
  for (const char* option :
       {"--mode",       "--frames",          "--size",       "--capture",   "--capture-every",   "--validation",
        "--language",   "--scenario",        "--difficulty", "--statement", "--choose",          "--bisidder",
        "--audio-out",  "--microphone-file", "--console",    "--citizen",   "--passphrase-file", "--consent",
        "--unfinished", "--shared-room",     "--reminder",   "--quality"})
    CHECK(p.message.find(option) != std::string::npos);
}

TEST_CASE("bad arguments exit 2 with a message that names the problem") {
  struct Case {
    std::vector<std::string> args;
    const char* mentions;
  };
  const std::vector<Case> cases{
      {{"--mode", "vr"}, "--mode"},
      {{"--frames", "0"}, "--frames"},
      {{"--frames", "mange"}, "--frames"},
      {{"--size", "1280"}, "WxH"},
      {{"--size", "8x8"}, "WxH"},
      {{"--size", "1280x72O"}, "WxH"},
      {{"--capture-every", "0"}, "--capture-every"},
      {{"--language", "sv"}, "--language"},
      {{"--no-such-option"}, "--no-such-option"},
      {{"stray"}, "stray"},
      {{"--choose", "1,,2"}, "--choose"},
      {{"--choose", "0"}, "--choose"},
      {{"--difficulty", "svaer"}, "--difficulty"},
      {{"--scenario", "scenarios/findes-ikke"}, "findes-ikke"},
      {{"--statement", "scenarios"}, "--statement"},
      {{"--citizen", "b", "--consent", "statement,lyd"}, "--consent"},
      {{"--consent", "notes"}, "--citizen"},
      {{"--citizen", "b", "--unfinished", "later"}, "--unfinished"},
      {{"--reminder", "0"}, "--reminder"},
      {{"--quality", "ultra"}, "--quality"},
  };
  for (const auto& c : cases) {
    INFO(c.args[0]);
    auto p = parse(c.args);
    REQUIRE(p.exitCode == 2);
    CHECK(p.message.find(c.mentions) != std::string::npos);
    CHECK(p.message.find("overum --help") != std::string::npos);
  }
}

TEST_CASE("overum data: the subcommand and its options, before or after it") {
  const std::vector<std::string> after{"data", "export", "anna-7", "--out", "udlevering", "--language", "en"};
  auto p = parseDataCommand(after);
  REQUIRE_FALSE(p.exitCode);
  CHECK(p.options.action == DataAction::exportPage);
  CHECK(p.options.citizen == "anna-7");
  CHECK(p.options.outDir == "udlevering");
  CHECK(p.options.language == "en");

  p = parseDataCommand({"data", "erase", "anna-7", "--yes"});
  REQUIRE_FALSE(p.exitCode);
  CHECK(p.options.action == DataAction::erase);
  CHECK(p.options.yes);

  // --passphrase-file before and after `list` (an existing file: this source's folder has one).
  const std::string file = __FILE__;
  for (const auto& args : {std::vector<std::string>{"data", "--passphrase-file", file, "list"},
                           std::vector<std::string>{"data", "list", "--passphrase-file", file}}) {
    p = parseDataCommand(args);
    REQUIRE_FALSE(p.exitCode);
    CHECK(p.options.action == DataAction::list);
    CHECK(p.options.passphraseFile == file);
  }
}

TEST_CASE("overum data: help on stdout, bad usage exits 2 saying where to look") {
  auto help = parseDataCommand({"data", "--help"});
  REQUIRE(help.exitCode == 0);
  CHECK(help.message.find("list") != std::string::npos);
  for (const auto& args : {std::vector<std::string>{"data"}, std::vector<std::string>{"data", "erase"},
                           std::vector<std::string>{"data", "export", "anna-7", "--language", "fr"}}) {
    auto p = parseDataCommand(args);
    REQUIRE(p.exitCode == 2);
    CHECK(p.message.starts_with("overum data: "));
    CHECK(p.message.find("overum data --help") != std::string::npos);
  }
}

TEST_CASE("overum voices record and status: every form, options before or after the subcommand") {
  const std::string file = __FILE__;  // stands for a sound file: it exists
  auto p = parseVoicesCommand({"voices", "record", "myndighedsmoede", "--character", "sagsbehandler", "--out",
                               "stemmer", "--microphone-file", file, "--microphone-file", file, "--all"});
  REQUIRE_FALSE(p.exitCode);
  CHECK(p.options.action == VoicesAction::record);
  CHECK(p.options.scenarios == std::vector<std::string>{"myndighedsmoede"});
  CHECK(p.options.character == "sagsbehandler");
  CHECK(p.options.outDir == "stemmer");
  CHECK(p.options.microphoneFiles.size() == 2);
  CHECK(p.options.all);

  p = parseVoicesCommand({"voices", "--language", "en", "status"});
  REQUIRE_FALSE(p.exitCode);
  CHECK(p.options.action == VoicesAction::status);
  CHECK(p.options.scenarios.empty());
  CHECK(p.options.language == "en");
  CHECK(p.options.outDir.empty());  // the organisation's own folder, decided where it is used

  p = parseVoicesCommand({"voices", "status", "myndighedsmoede", "opfoelgning", "--out", "stemmer"});
  REQUIRE_FALSE(p.exitCode);
  CHECK(p.options.scenarios.size() == 2);
  CHECK(p.options.outDir == "stemmer");
}

TEST_CASE("overum voices: help names the keys and the loudness target, bad usage exits 2") {
  const auto help = parseVoicesCommand({"voices", "record", "--help"});
  REQUIRE(help.exitCode == 0);
  CHECK(help.message.find("-20 LUFS") != std::string::npos);
  CHECK(help.message.find("r = redo") != std::string::npos);
  for (const auto& args : {std::vector<std::string>{"voices"},
                           std::vector<std::string>{"voices", "record", "myndighedsmoede"},  // no --character
                           std::vector<std::string>{"voices", "record", "a", "b", "--character", "x"},
                           std::vector<std::string>{"voices", "record", "a", "--character", "x", "--microphone-file",
                                                    "/no/such/voice.wav"},
                           std::vector<std::string>{"voices", "status", "--language", "fr"}}) {
    const auto p = parseVoicesCommand(args);
    INFO(args.back());
    CHECK(p.exitCode == 2);
    CHECK(p.message.find("overum voices --help") != std::string::npos);
  }
}
