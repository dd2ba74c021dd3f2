// SPDX-License-Identifier: GPL-3.0-or-later
// Loading a meeting's files (see meeting_folder.h).
#include <overum/app/meeting_folder.h>

#include <overum/core/files.h>
#include <overum/core/format.h>
#include <overum/scenario/meeting_vocabulary.h>

#include <algorithm>
#include <set>

namespace overum::app {
namespace fs = std::filesystem;

MeetingFolder loadMeetingFolder(const std::vector<fs::path>& named) {
  MeetingFolder out;
  out.vocabulary = scenario::meetingVocabulary();
  std::vector<fs::path> paths;
  std::error_code ec;
  for (const fs::path& path : named) {
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::directory_iterator(path, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".yarn") found.push_back(entry.path());
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        out.error = format("{}: no .yarn files in this folder; name a meeting folder (scenarios/…) or .yarn files",
                           path.string());
        return out;
      }
      paths.insert(paths.end(), found.begin(), found.end());
      if (out.castFile.empty()) out.castFile = path / "cast.json";
    } else {
      paths.push_back(path);
      if (out.castFile.empty())
        out.castFile = (path.parent_path().empty() ? fs::path(".") : path.parent_path()) / "cast.json";
    }
  }
  if (paths.empty()) {
    out.error = "no scenario files given";
    return out;
  }
  for (const fs::path& path : paths) {
    std::string why;
    auto text = readTextFile(path, &why);
    if (!text) {
      out.error = format("{}; check the path and that the file is readable", why);
      return out;
    }
    out.files.push_back({path.string(), std::move(*text)});
  }
  if (!fs::exists(out.castFile, ec)) return out;
  scene::CastLoad cast = scene::loadCast(out.castFile);
  out.warnings = std::move(cast.warnings);
  if (!cast.cast) {
    out.error = std::move(cast.error);
    return out;
  }
  std::set<std::string, std::less<>> speakers{scenario::kCitizenSpeaker};
  for (const scene::CastMember& c : cast.cast->characters) speakers.insert({c.id, c.name});
  out.vocabulary.speakers = std::move(speakers);
  out.vocabulary.requiredHeaders = {std::string(scenario::kNodeHeading)};  // a meeting: the console shows headings
  out.cast = std::move(*cast.cast);
  return out;
}

}  // namespace overum::app
