// SPDX-License-Identifier: GPL-3.0-or-later
// The fuzz body for CI without libFuzzer: every seed, then a few thousand deterministic mutations of
// the seeds (byte flips, Yarn tokens inserted, ranges cut, duplicated and spliced).
#include "scenario_fuzz_entry.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> seeds() {
  std::vector<std::string> out;
  for (const char* dir :
       {OVERUM_SOURCE_DIR "/tests/fuzz/corpus/scenario", OVERUM_SOURCE_DIR "/tests/scenario/corpus"}) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file() && e.path().extension() != ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      out.push_back(s.str());
    }
  }
  return out;
}

struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }
};

const char* const kTokens[] = {"<<",
                               ">>",
                               "->",
                               "=>",
                               "{",
                               "}",
                               "\n",
                               "    ",
                               "===\n",
                               "---\n",
                               "title: ",
                               "$x",
                               "#line:",
                               "\"",
                               "\\",
                               "<<if ",
                               "<<endif>>",
                               "<<else>>",
                               "<<jump Start>>",
                               "<<set $x = ",
                               "<<declare $x = 1>>",
                               ":",
                               "//",
                               "(",
                               ")",
                               " and ",
                               "visited(\"Start\")",
                               "<<once>>",
                               "<<endonce>>",
                               "\xC3\xB8",
                               "\xFF",
                               "\0"};

std::string mutate(const std::string& base, const std::vector<std::string>& all, Rng& rng) {
  std::string s = base;
  const int edits = 1 + static_cast<int>(rng.below(6));
  for (int i = 0; i < edits; ++i) {
    const std::size_t at = rng.below(s.size() + 1);
    switch (rng.below(5)) {
      case 0:
        if (!s.empty()) s[rng.below(s.size())] ^= static_cast<char>(1 << rng.below(8));
        break;
      case 1: {
        const char* t = kTokens[rng.below(std::size(kTokens))];
        s.insert(at, *t ? std::string(t) : std::string(1, '\0'));
        break;
      }
      case 2: s.erase(at, rng.below(40)); break;
      case 3:
        if (at < s.size()) s.insert(at, s.substr(at, rng.below(60)));
        break;
      default: {
        const std::string& other = all[rng.below(all.size())];
        const std::size_t from = rng.below(other.size() + 1);
        s.insert(at, other.substr(from, rng.below(200)));
        break;
      }
    }
  }
  return s;
}

}  // namespace

TEST_CASE("scenario fuzz replay: seeds and deterministic mutations never crash") {
  const auto all = seeds();
  REQUIRE(all.size() >= 10);
  for (const auto& s : all) overum::scenario::fuzz::runOne(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
  Rng rng{0x5eed5eedULL};
  for (int i = 0; i < 4000; ++i) {
    const std::string m = mutate(all[rng.below(all.size())], all, rng);
    overum::scenario::fuzz::runOne(reinterpret_cast<const std::uint8_t*>(m.data()), m.size());
  }
  // Hostile shapes: deep nesting, long lines, many nodes.
  const std::string hostile[] = {
      "title: Start\n---\n" + std::string(5000, '{') + "\n===\n",
      "title: Start\n---\n{" + std::string(5000, '(') + "}\n===\n",
      "title: Start\n---\n" +
          [] {
            std::string s;
            for (int i = 0; i < 200; ++i) s += std::string(i * 2, ' ') + "-> a\n";
            return s;
          }() +
          "===\n",
      "title: Start\n---\n" +
          [] {
            std::string s;
            for (int i = 0; i < 300; ++i) s += "<<if true>>\n";
            return s;
          }() +
          "===\n",
      std::string(100000, '\n'),
      "title: Start\n---\n" + std::string(200000, 'x') + "\n===\n",
  };
  for (const auto& h : hostile)
    overum::scenario::fuzz::runOne(reinterpret_cast<const std::uint8_t*>(h.data()), h.size());
  SUCCEED();
}
