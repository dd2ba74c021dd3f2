// SPDX-License-Identifier: GPL-3.0-or-later
// `overum play`: runs a scenario in the terminal, one event per output line (the transcript format
// the corpus tests compare): node: / line: / option: / select: / command: / stop.
#include "scenario_files.h"
#include "tools.h"

#include <overum/scenario/runner.h>

#include <istream>
#include <ostream>
#include <sstream>

namespace overum::tools {

namespace {

constexpr std::size_t kMaxEvents = 200000;  // a scenario that loops forever is stopped, not hung

bool parseChoices(const std::string& list, std::vector<std::size_t>& out) {
  std::stringstream s(list);
  std::string item;
  while (std::getline(s, item, ',')) {
    try {
      std::size_t used = 0;
      const long v = std::stol(item, &used);
      if (used != item.size() || v < 1) return false;
      out.push_back(static_cast<std::size_t>(v));
    } catch (const std::exception&) {
      return false;
    }
  }
  return true;
}

void printArg(std::ostream& out, const scenario::Value& v) {
  const std::string s = v.asString();
  if (v.type == scenario::Type::String && (s.empty() || s.find(' ') != std::string::npos)) out << '"' << s << '"';
  else out << s;
}

}  // namespace

int playCommand(const Args& args, std::ostream& out, std::ostream& err, std::istream& in) {
  ToolArgs a;
  if (!parseArgs(args, {"--start", "--choose", "--seed", "--set"}, {}, a, err)) return 2;
  std::vector<std::size_t> choices;
  const bool scripted = a.options.count("--choose") > 0;
  if (scripted && !parseChoices(a.options["--choose"], choices)) {
    err << "overum play: --choose takes option numbers from 1, like --choose 1,2,1\n";
    return 2;
  }
  std::uint64_t seed = 0;
  if (a.options.count("--seed")) {
    try {
      seed = std::stoull(a.options["--seed"]);
    } catch (const std::exception&) {
      err << "overum play: --seed takes a whole number\n";
      return 2;
    }
  }
  Scenario s;
  if (!loadScenario(a.paths, s, err)) return a.paths.empty() ? 2 : 1;
  const auto result = compileScenario(s, a.options["--start"], err);
  if (!result.ok()) return 1;
  const auto& program = *result.program;
  scenario::Runner runner(result.program);
  if (!runner.start(a.options["--start"], seed)) {
    err << "overum play: no start node; give one with --start NODE (or add a node titled Start)\n";
    return 2;
  }
  for (const std::string& set : a.sets) {
    const auto eq = set.find('=');
    const std::string name = set.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : set.substr(eq + 1);
    const scenario::Value* current = runner.variable(name);
    if (eq == std::string::npos || !current) {
      err << "overum play: --set needs NAME=VALUE with a declared variable, not " << set << "\n";
      return 2;
    }
    scenario::Value v = scenario::Value::fromString(value);
    if (current->type == scenario::Type::Number) v = scenario::Value::fromNumber(v.asNumber());
    if (current->type == scenario::Type::Bool) v = scenario::Value::fromBool(value == "true" || value == "1");
    runner.setVariable(name, v);
  }
  std::size_t nextChoice = 0;
  for (std::size_t steps = 0; steps < kMaxEvents; ++steps) {
    const scenario::Event& e = runner.next();
    switch (e.kind) {
      case scenario::EventKind::Node: out << "node: " << program.nodes[e.node].title << "\n"; break;
      case scenario::EventKind::Line: {
        const auto& line = program.lines[e.line];
        out << "line: " << (line.speaker.empty() ? "" : line.speaker + ": ") << e.text << "\n";
        break;
      }
      case scenario::EventKind::Command:
        out << "command: " << program.commands[e.command].name;
        for (const auto& v : e.args) {
          out << ' ';
          printArg(out, v);
        }
        out << "\n";
        break;
      case scenario::EventKind::Options: {
        for (const auto& o : e.options) out << "option: " << o.text << (o.available ? "" : " [unavailable]") << "\n";
        std::size_t pick = 0;
        for (;;) {
          if (scripted) {
            if (nextChoice >= choices.size()) {
              err << "overum play: the scenario asks for a choice, but --choose has no more numbers\n";
              return 1;
            }
            pick = choices[nextChoice++];
          } else {
            err << "> " << std::flush;
            std::string reply;
            if (!std::getline(in, reply)) return 0;  // end of input ends the session quietly
            try {
              pick = std::stoul(reply);
            } catch (const std::exception&) {
              pick = 0;
            }
          }
          if (pick >= 1 && runner.choose(pick - 1)) break;
          err << "overum play: option " << pick << " cannot be chosen (choose an available option, 1-"
              << e.options.size() << ")\n";
          if (scripted) return 1;
        }
        out << "select: " << pick << "\n";
        break;
      }
      case scenario::EventKind::End:
        out << "stop\n";
        if (e.error.empty()) return 0;
        err << "overum play: " << e.error << "\n";  // e.g. <<jump {$x}>> to a node that does not exist
        return 1;
      case scenario::EventKind::None: return 1;
    }
  }
  err << "overum play: stopped after " << kMaxEvents << " events; the scenario seems to go round in circles\n";
  return 1;
}

}  // namespace overum::tools
