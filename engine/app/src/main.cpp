// SPDX-License-Identifier: GPL-3.0-or-later
// The `overum` executable: scenario tools as subcommands, otherwise a meeting in the best display mode.
#include "command_line.h"
#include "data_command.h"
#include "help_topics.h"
#include "meeting_app.h"
#include "voices_command.h"

#include <overum/app/scenario_tools.h>
#include <overum/core/check.h>
#include <overum/core/log.h>
#include <overum/core/strings.h>
#include <overum/core/xdg_paths.h>

#include <iostream>
#include <set>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

int main(int argc, char** argv) {
  // A core dump of this process could hold a citizen's decrypted statement or notes: never write one.
  const rlimit noCore{0, 0};
  setrlimit(RLIMIT_CORE, &noCore);
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  const std::vector<std::string> args(argv, argv + argc);
  static const std::set<std::string> kTools{"check", "play", "graph", "lines", "tag"};
  if (args.size() > 1 && kTools.contains(args[1]))
    return overum::runScenarioCommand({args.begin() + 1, args.end()}, std::cout, std::cerr, std::cin);
  if (args.size() > 1 && args[1] == "data") {
    try {
      return overum::app::runDataCommand({args.begin() + 1, args.end()}, overum::resolveXdgPaths().data / "vault",
                                         std::cout, std::cerr);
    } catch (const overum::Error& e) {  // the disk refused a write or removal: say so, never crash
      std::cerr << "overum data: " << e.what() << "\n";
      return 1;
    }
  }

  if (args.size() > 1 && args[1] == "voices") {
    try {
      return overum::app::runVoicesCommand({args.begin() + 1, args.end()}, std::cout, std::cerr, STDIN_FILENO);
    } catch (const std::exception& e) {  // a device or a file that fails unexpectedly: say so, never crash
      std::cerr << "overum voices: " << e.what() << "\n";
      return 1;
    }
  }

  if (args.size() > 1 && args[1] == "help")
    return overum::app::printHelpTopic({args.begin() + 2, args.end()}, std::cout, std::cerr);

  auto parsed = overum::app::parseCommandLine(args);
  if (parsed.exitCode) {
    (*parsed.exitCode == 0 ? std::cout : std::cerr) << parsed.message << "\n";
    return *parsed.exitCode;
  }
  overum::Language language = overum::Language::da;
  overum::parseLanguage(parsed.options.language, language);
  overum::setLanguage(language);
  try {
    return overum::app::runMeeting(parsed.options);
  } catch (const overum::Error& e) {
    overum::log::error("app", "{}", e.what());
    return 1;
  }
}
