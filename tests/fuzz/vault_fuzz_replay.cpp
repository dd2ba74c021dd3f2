// SPDX-License-Identifier: GPL-3.0-or-later
// The vault fuzz body for CI without libFuzzer: every single-byte edit of a real journal and key file
// at a stride, then deterministic random edits and raw inputs.
#include "vault_fuzz_entry.h"

#include <catch2/catch.hpp>
#include <vector>

namespace {

// xorshift64: the same "random" bytes on every run.
class Bytes {
 public:
  explicit Bytes(std::uint64_t seed) : state_(seed) {}
  std::uint8_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return std::uint8_t(state_);
  }

 private:
  std::uint64_t state_;
};

}  // namespace

TEST_CASE("damaged key files and journals are refused or read as far as they can be, never worse", "[faults]") {
  using overum::session::fuzz::runOne;
  Bytes random(0x9e3779b97f4a7c15ull);
  auto next = [&] { return random.next(); };
  for (std::uint8_t target : {0, 1}) {
    for (int offset = 0; offset < 256; offset += 3) {  // one edited byte anywhere
      const std::uint8_t input[] = {target, std::uint8_t(offset), std::uint8_t(1 + offset % 255)};
      REQUIRE(runOne(input, sizeof input) == 0);
    }
    for (int round = 0; round < 300; ++round) {
      std::vector<std::uint8_t> input(1 + next() % 64);
      for (auto& b : input) b = next();
      input[0] = std::uint8_t(target | (round % 4 == 0 ? 2 : 0));
      REQUIRE(runOne(input.data(), input.size()) == 0);
    }
  }
}

TEST_CASE("any replay track records read as a track it can play, or say why it cannot", "[faults]") {
  using overum::session::fuzz::runOne;
  const std::vector<std::string> seeds{
      "track||done=0@12;1@500|voice=10;20;-5|head=0,1,1200,130,0,0,0,10000;33,1,0,0,5,0,0,0",
      "input||choice=1|finished=1\ninput||choice=-3\nact|setMood|target=sagsbehandler|text=travl|index=x",
      "replay-start|Start|seed=abc|var:navn=s:Sara|var:n=n:1e999\ntrack||head=1,2,3",
      "recording|recording-x-1 (3.5 s)|start=oops|seconds=-1\nstatement|12.5 s, 9 s spoken\nbookmark|her",
      "track||done=99999999999999999999@1|voice=\ntrack||head=;;;\nresume|resumed after an interruption\nline|Mette: "
      "Hej"};
  Bytes random(0x2545f4914f6cdd1dull);
  auto next = [&] { return random.next(); };
  for (const std::string& seed : seeds)
    for (int round = 0; round < 200; ++round) {
      std::vector<std::uint8_t> input{4};
      input.insert(input.end(), seed.begin(), seed.end());
      for (int edit = 0; edit < round % 5; ++edit)
        input[1 + next() % seed.size()] = std::uint8_t("0123456789-,;@|=\n.e "[next() % 20]);
      REQUIRE(runOne(input.data(), input.size()) == 0);
    }
}
