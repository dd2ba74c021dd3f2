// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario loading for the tools (the app's own meeting-folder loader) and their argument parsing.
#include "scenario_files.h"

#include <overum/app/meeting_folder.h>

#include <algorithm>
#include <ostream>

namespace fs = std::filesystem;

namespace overum::tools {

bool parseArgs(const std::vector<std::string>& args, const std::vector<std::string>& valueOptions,
               const std::vector<std::string>& flags, ToolArgs& out, std::ostream& err) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string a = args[i];
    if (a.size() > 1 && a[0] == '-') {
      std::string value;
      bool hasValue = false;
      if (const auto eq = a.find('='); eq != std::string::npos && a.rfind("--", 0) == 0) {
        value = a.substr(eq + 1);
        a = a.substr(0, eq);
        hasValue = true;
      }
      const bool takes = std::find(valueOptions.begin(), valueOptions.end(), a) != valueOptions.end();
      const bool flag = std::find(flags.begin(), flags.end(), a) != flags.end();
      if (!takes && !flag) {
        err << "overum " << args[0] << ": unknown option " << a << " (see overum " << args[0] << " --help)\n";
        return false;
      }
      if (takes && !hasValue) {
        if (i + 1 >= args.size()) {
          err << "overum " << args[0] << ": " << a << " needs a value\n";
          return false;
        }
        value = args[++i];
      }
      if (a == "--set") out.sets.push_back(value);
      else out.options[a] = value;
    } else {
      out.paths.push_back(a);
    }
  }
  return true;
}

bool loadScenario(const std::vector<std::string>& paths, Scenario& out, std::ostream& err) {
  app::MeetingFolder folder = app::loadMeetingFolder({paths.begin(), paths.end()});
  for (const std::string& warning : folder.warnings) err << warning << "\n";
  if (!folder.error.empty()) {
    err << folder.error << "\n";
    return false;
  }
  out.files = std::move(folder.files);
  out.vocabulary = std::move(folder.vocabulary);
  if (folder.cast) {
    out.start = folder.cast->start;
    out.startLine = folder.cast->startLine;
    out.castPath = folder.castFile.string();
  }
  return true;
}

scenario::CompileResult compileScenario(const Scenario& s, const std::string& start, std::ostream& to) {
  scenario::CompileOptions options;
  options.start = start.empty() ? s.start : start;
  if (start.empty() && !s.castPath.empty()) options.startNamedAt = {s.castPath, s.startLine};
  auto result = scenario::compile(s.files, s.vocabulary, options);
  for (const auto& d : result.diagnostics) to << scenario::formatDiagnostic(d) << "\n";
  return result;
}

}  // namespace overum::tools
