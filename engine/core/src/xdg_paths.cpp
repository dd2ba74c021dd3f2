// SPDX-License-Identifier: GPL-3.0-or-later
// XDG base directories (spec 0.8): an unset, empty or relative variable falls back to the default;
// and the folder of what Øverum ships.
#include <overum/core/xdg_paths.h>

#include <cstdlib>
#include <fstream>

namespace overum {
namespace {

std::filesystem::path baseDir(const EnvLookup& env, const char* variable, const std::filesystem::path& home,
                              const char* fallback) {
  if (auto value = env(variable); value && !value->empty() && std::filesystem::path(*value).is_absolute())
    return std::filesystem::path(*value) / "overum";
  return home / fallback / "overum";
}

}  // namespace

XdgPaths resolveXdgPaths(const EnvLookup& env) {
  auto homeValue = env("HOME");
  const std::filesystem::path home = homeValue && !homeValue->empty() ? *homeValue : "/tmp";
  return XdgPaths{
      .config = baseDir(env, "XDG_CONFIG_HOME", home, ".config"),
      .data = baseDir(env, "XDG_DATA_HOME", home, ".local/share"),
      .state = baseDir(env, "XDG_STATE_HOME", home, ".local/state"),
      .cache = baseDir(env, "XDG_CACHE_HOME", home, ".cache"),
  };
}

namespace {
std::optional<std::string> processEnv(const char* name) {
  const char* value = std::getenv(name);
  if (!value) return std::nullopt;
  return std::string(value);
}

// XDG_PICTURES_DIR="$HOME/Billeder" in user-dirs.dirs (xdg-user-dirs writes it, translated).
std::optional<std::filesystem::path> userDirsPictures(const std::filesystem::path& configHome,
                                                      const std::string& home) {
  std::ifstream in(configHome / "user-dirs.dirs");
  for (std::string line; std::getline(in, line);) {
    constexpr std::string_view key = "XDG_PICTURES_DIR=\"";
    if (!line.starts_with(key) || line.back() != '"') continue;
    std::string value = line.substr(key.size(), line.size() - key.size() - 1);
    if (value.starts_with("$HOME")) value = home + value.substr(5);
    if (std::filesystem::path(value).is_absolute() && value != home) return value;
  }
  return std::nullopt;
}
}  // namespace

XdgPaths resolveXdgPaths() { return resolveXdgPaths(processEnv); }

std::filesystem::path picturesFolder(const EnvLookup& env) {
  auto homeValue = env("HOME");
  const std::string home = homeValue && !homeValue->empty() ? *homeValue : "/tmp";
  const std::filesystem::path configHome = resolveXdgPaths(env).config.parent_path();
  if (auto pictures = userDirsPictures(configHome, home)) return *pictures / "Øverum";
  for (const char* name : {"Billeder", "Pictures"})
    if (std::filesystem::is_directory(std::filesystem::path(home) / name))
      return std::filesystem::path(home) / name / "Øverum";
  return std::filesystem::path(home) / "Billeder" / "Øverum";
}

std::filesystem::path picturesFolder() { return picturesFolder(processEnv); }

std::filesystem::path shippedData() {
  std::error_code ec;
  // Installed: /usr/bin/overum finds /usr/share/overum (any prefix, so a relocated install works too).
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path installed = exe.parent_path().parent_path() / "share" / "overum";
    if (std::filesystem::is_directory(installed / "scenarios", ec)) return installed;
  }
#ifdef OVERUM_SOURCE_DIR
  if (std::filesystem::is_directory(std::filesystem::path(OVERUM_SOURCE_DIR) / "scenarios", ec))
    return OVERUM_SOURCE_DIR;
#endif
  return std::filesystem::current_path(ec);
}

}  // namespace overum
