// Where Øverum keeps files, following the XDG base directory spec (config, data, state, cache).
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

}  // namespace overum
