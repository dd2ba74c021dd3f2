// SPDX-License-Identifier: GPL-3.0-or-later
// A stand-alone `overum`-style driver for the scenario tools only, for writing corpus transcripts and
// trying scenarios without building the whole app: scenario_cli check|play|graph|lines|tag ...
#include <overum/app/scenario_tools.h>

#include <iostream>

int main(int argc, char** argv) {
  return overum::runScenarioCommand({argv + 1, argv + argc}, std::cout, std::cerr, std::cin);
}
