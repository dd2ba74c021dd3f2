// XDG base directories (spec 0.8): an unset, empty or relative variable falls back to the default.
#include <overum/core/xdg_paths.h>

#include <cstdlib>

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

XdgPaths resolveXdgPaths() {
  return resolveXdgPaths([](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (!value) return std::nullopt;
    return std::string(value);
  });
}

}  // namespace overum
