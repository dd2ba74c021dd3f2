// SPDX-License-Identifier: GPL-3.0-or-later
// Where Øverum keeps files, following the XDG base directory spec (config, data, state, cache), where
// pictures the user asks for go (the XDG pictures folder of user-dirs.dirs), and where its own data is.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace overum {

struct XdgPaths {
  std::filesystem::path config;  // $XDG_CONFIG_HOME/overum, default ~/.config/overum
  std::filesystem::path data;    // $XDG_DATA_HOME/overum,   default ~/.local/share/overum
  std::filesystem::path state;   // $XDG_STATE_HOME/overum,  default ~/.local/state/overum
  std::filesystem::path cache;   // $XDG_CACHE_HOME/overum,  default ~/.cache/overum
};

// getenv is injectable so tests can check set and unset variables without touching the process.
using EnvLookup = std::function<std::optional<std::string>(const char*)>;
XdgPaths resolveXdgPaths(const EnvLookup& env);
XdgPaths resolveXdgPaths();  // from the process environment

// $XDG_PICTURES_DIR/Øverum as user-dirs.dirs names it, else ~/Billeder or ~/Pictures (whichever is
// there; Billeder when neither is, Danish being the default language), then /Øverum.
std::filesystem::path picturesFolder(const EnvLookup& env);
std::filesystem::path picturesFolder();

// Where Øverum finds what it ships (the meetings and their rooms, the example statement, recorded
// voices): <prefix>/share/overum beside the executable's bin/, else the source tree of a build.
std::filesystem::path shippedData();

}  // namespace overum
