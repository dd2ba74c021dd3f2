// SPDX-License-Identifier: GPL-3.0-or-later
// The cast, statement and glTF fuzz bodies for CI without libFuzzer: every seed, then deterministic
// mutations of them (byte flips, cuts, repeats, splices and the bytes each format cares about).
#include "files_fuzz_entry.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> seeds(std::initializer_list<const char*> dirs, std::initializer_list<const char*> extensions) {
  std::vector<fs::path> files;
  for (const char* dir : dirs)
    for (const auto& e : fs::recursive_directory_iterator(fs::path(OVERUM_SOURCE_DIR) / dir))
      if (e.is_regular_file() &&
          std::find(extensions.begin(), extensions.end(), e.path().extension()) != extensions.end())
        files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    out.push_back(s.str());
  }
  return out;
}

struct Rng {
  std::uint64_t s;
  std::size_t below(std::size_t n) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return n ? static_cast<std::size_t>(s % n) : 0;
  }
};

const char* const kTokens[] = {"{",
                               "}",
                               "[",
                               "]",
                               "\"",
                               ":",
                               ",",
                               "\n",
                               "-5",
                               "\"nul\"",
                               "99999999999999999999",
                               "1e400",
                               "null",
                               "true",
                               "\\u0000",
                               "## ",
                               "navn:",
                               "\xC3\xB8",
                               "\xFF",
                               "\"uri\":\"../x.bin\"",
                               "glTF"};

std::string mutate(const std::string& base, const std::vector<std::string>& all, Rng& rng) {
  std::string s = base;
  for (int i = 0, edits = 1 + static_cast<int>(rng.below(6)); i < edits; ++i) {
    const std::size_t at = rng.below(s.size() + 1);
    switch (rng.below(5)) {
      case 0:
        if (!s.empty()) s[rng.below(s.size())] ^= static_cast<char>(1 << rng.below(8));
        break;
      case 1: s.insert(at, kTokens[rng.below(std::size(kTokens))]); break;
      case 2: s.erase(at, rng.below(40)); break;
      case 3:
        if (at < s.size()) s.insert(at, s.substr(at, rng.below(60)));
        break;
      default: {
        const std::string& other = all[rng.below(all.size())];
        s.insert(at, other.substr(rng.below(other.size() + 1), rng.below(200)));
      }
    }
  }
  return s;
}

void replay(int (*body)(const std::uint8_t*, std::size_t), const std::vector<std::string>& all, int mutations) {
  REQUIRE_FALSE(all.empty());
  for (const auto& s : all) body(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
  Rng rng{0x5eed5eedULL};
  for (int i = 0; i < mutations; ++i) {
    const std::string m = mutate(all[rng.below(all.size())], all, rng);
    body(reinterpret_cast<const std::uint8_t*>(m.data()), m.size());
  }
}

}  // namespace

TEST_CASE("cast.json fuzz replay: seeds and mutations load by the rules or fail at a line") {
  replay(overum::fuzz::runCast, seeds({"scenarios", "tests/scenario/corpus"}, {".json"}), 3000);
}

TEST_CASE("room layout fuzz replay: seeds and mutations load by the rules or fail at a line") {
  replay(overum::fuzz::runRoom, seeds({"scenarios/rooms"}, {".json"}), 3000);
}

TEST_CASE("statement fuzz replay: seeds and mutations round-trip or fail with an error") {
  replay(overum::fuzz::runStatement, seeds({"scenarios", "tests/fuzz/corpus/statement"}, {".txt"}), 3000);
}

TEST_CASE("glTF fuzz replay: seeds and mutations load whole or fail naming the file") {
  replay(overum::fuzz::runGltf, seeds({"tests/fuzz/corpus/gltf"}, {".glb", ".gltf"}), 1000);
}
