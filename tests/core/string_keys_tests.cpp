// SPDX-License-Identifier: GPL-3.0-or-later
// Every string-table key the code names is in the table: a missing entry would show its key
// ("console.finish_turn") to a facilitator or a citizen instead of words.
#include <overum/core/strings.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>

namespace fs = std::filesystem;

TEST_CASE("every string-table key named in the engine's code is in the table", "[core][strings]") {
  std::set<std::string> prefixes;
  for (const std::string_view key : overum::keysStartingWith(""))
    prefixes.insert(std::string(key.substr(0, key.find('.'))));
  REQUIRE(prefixes.count("console") == 1);
  // Literals that look like keys but are not: console control names (ImGui ids) and a file name.
  const std::set<std::string> notKeys{"statement.name", "replay.timeline", "vault.key"};
  const std::regex literal(R"re("([a-z_]+(?:\.[a-z0-9_]+)+)")re");
  std::set<std::string> missing;
  std::size_t checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator("engine")) {
    const fs::path& path = entry.path();
    if (path.extension() != ".cpp" && path.extension() != ".h") continue;
    if (path.filename() == "strings.cpp") continue;
    std::ifstream in(path);
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
      const std::string key = (*it)[1];
      if (!prefixes.count(key.substr(0, key.find('.'))) || notKeys.count(key)) continue;
      ++checked;
      if (!overum::hasKey(key)) missing.insert(path.string() + ": " + key);
    }
  }
  CHECK(checked > 200);
  CHECK(missing == std::set<std::string>{});
}
