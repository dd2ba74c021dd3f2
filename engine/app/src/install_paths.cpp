// SPDX-License-Identifier: GPL-3.0-or-later
// Shipped and organisation data folders; see install_paths.h.
#include "install_paths.h"

#include <overum/core/xdg_paths.h>

namespace overum::app {
namespace fs = std::filesystem;

fs::path shippedScenarios() { return shippedData() / "scenarios"; }

std::vector<fs::path> scenarioRoots() {
  std::vector<fs::path> roots;
  std::error_code ec;
  if (const fs::path own = resolveXdgPaths().data / "scenarios"; fs::is_directory(own, ec)) roots.push_back(own);
  roots.push_back(shippedScenarios());
  return roots;
}

fs::path findMeeting(std::string_view id) {
  std::error_code ec;
  for (const fs::path& root : scenarioRoots())  // root / an absolute path is that path
    if (fs::is_directory(root / id, ec)) return root / id;
  return shippedScenarios() / id;
}

fs::path ownVoices() { return resolveXdgPaths().data / "assets" / "voices"; }

std::vector<fs::path> voiceFolders() { return {ownVoices(), shippedData() / "assets" / "voices"}; }

}  // namespace overum::app
