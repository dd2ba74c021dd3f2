// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario loading for the tools: *.yarn files, folders, cast.json (speakers and start node).
#include "scenario_files.h"

#include <overum/core/files.h>
#include <overum/scenario/meeting_vocabulary.h>

#include <overum/scene/cast.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <set>

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

namespace {

bool readFile(const fs::path& p, std::string& text, std::ostream& err) {
  std::string why;
  auto read = readTextFile(p, &why);
  if (!read) err << why << "\n";
  else text = std::move(*read);
  return read.has_value();
}

// The app's own cast.json reader, so that what check accepts is what a meeting can start with.
bool loadCast(const fs::path& castPath, Scenario& out, std::ostream& err) {
  const scene::CastLoad cast = scene::loadCast(castPath);
  for (const std::string& warning : cast.warnings) err << warning << "\n";
  if (!cast.cast) {
    err << cast.error << "\n";
    return false;
  }
  std::set<std::string, std::less<>> speakers{scenario::kCitizenSpeaker};
  for (const scene::CastMember& c : cast.cast->characters) speakers.insert({c.id, c.name});
  out.vocabulary.speakers = std::move(speakers);
  out.start = cast.cast->start;
  out.startLine = cast.cast->startLine;
  out.castPath = castPath.string();
  return true;
}

}  // namespace

bool loadScenario(const std::vector<std::string>& paths, Scenario& out, std::ostream& err) {
  out.vocabulary = scenario::meetingVocabulary();
  fs::path castDir;
  std::error_code ec;
  for (const std::string& p : paths) {
    const fs::path path(p);
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::directory_iterator(path, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".yarn") found.push_back(entry.path());
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        err << p << ": no .yarn files in this folder\n";
        return false;
      }
      for (const auto& f : found) {
        scenario::SourceFile sf{f.string(), {}};
        if (!readFile(f, sf.text, err)) return false;
        out.files.push_back(std::move(sf));
      }
      if (castDir.empty()) castDir = path;
    } else {
      scenario::SourceFile sf{p, {}};
      if (!readFile(path, sf.text, err)) return false;
      out.files.push_back(std::move(sf));
      if (castDir.empty()) castDir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    }
  }
  if (out.files.empty()) {
    err << "no scenario files given\n";
    return false;
  }
  const fs::path cast = castDir / "cast.json";
  if (!fs::exists(cast, ec)) return true;
  out.vocabulary.requiredHeaders = {std::string(scenario::kNodeHeading)};  // a meeting: the console shows headings
  return loadCast(cast, out, err);
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
