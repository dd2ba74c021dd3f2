// SPDX-License-Identifier: GPL-3.0-or-later
// The help topics; see help_topics.h. Each topic is help/<name>.<language>.txt in the shipped data.
#include "help_topics.h"

#include "install_paths.h"

#include <fstream>
#include <ostream>

namespace overum::app {
namespace {

struct Topic {
  const char* name;
  const char* file;
  const char* summary;  // Danish, as the list is
};
constexpr Topic kTopics[] = {
    {"scenarier", "scenarier", "at skrive et møde: mapper, cast.json, .yarn og værktøjerne"},
    {"scenarios", "scenarier", "(English name of the same)"},
    {"data", "data", "borgerens data: samtykke, kryptering, list, export, erase, og hvad der sker ved fejl"},
    {"stemmer", "stemmer", "indtalte stemmer: overum voices record og status"},
    {"voices", "stemmer", "(English name of the same)"},
};

}  // namespace

int printHelpTopic(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string language = args.size() > 1 ? args[1] : "da";
  if (args.empty() || (language != "da" && language != "en")) {
    out << "Hjælp om: overum help EMNE [da|en]\n";
    for (const Topic& t : kTopics) out << "  " << t.name << " – " << t.summary << "\n";
    out << "Alle valg: overum --help, overum data --help, overum voices --help, overum check --help\n";
    return args.empty() ? 0 : 2;
  }
  for (const Topic& t : kTopics) {
    if (args[0] != t.name) continue;
    const auto file = shippedData() / "help" / (std::string(t.file) + "." + language + ".txt");
    std::ifstream in(file);
    if (!in) {
      err << "overum help: " << file.string() << " mangler; geninstallér Øverum (apt install --reinstall overum)\n";
      return 1;
    }
    out << in.rdbuf();
    return 0;
  }
  err << "overum help: intet emne '" << args[0] << "'; 'overum help' viser emnerne\n";
  return 2;
}

}  // namespace overum::app
