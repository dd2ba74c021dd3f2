// SPDX-License-Identifier: GPL-3.0-or-later
// The encrypted vault: passphrase, per-citizen keys, tamper detection, no plain text on disk, erasure.
#include <overum/core/files.h>
#include <overum/session/atomic_file.h>
#include <overum/session/vault.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

using namespace overum::session;
namespace fs = std::filesystem;

namespace {
const KdfLimits kFastKdf{1, 8u << 10};  // the minimum Argon2id cost keeps tests fast

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("overum-vault-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

bool anyFileContains(const fs::path& dir, std::string_view needle) {
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    auto bytes = overum::readWholeFile(entry.path());
    std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    if (text.find(needle) != std::string_view::npos) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("a vault is created with a passphrase and opens only with the same one") {
  TempDir dir;
  {
    auto created = Vault::open(dir.path, "hemmelig-kode", kFastKdf);
    REQUIRE(created.vault);
    created.vault->write("borger-1", "statement", asBytes("Jeg vil gerne have hjælp til økonomi"));
  }
  auto wrong = Vault::open(dir.path, "forkert-kode", kFastKdf);
  CHECK_FALSE(wrong.vault);
  CHECK(wrong.error.find("Forkert kodeord") != std::string::npos);
  auto reopened = Vault::open(dir.path, "hemmelig-kode", kFastKdf);
  REQUIRE(reopened.vault);
  auto read = reopened.vault->read("borger-1", "statement");
  REQUIRE(read.bytes);
  CHECK(std::string(read.bytes->begin(), read.bytes->end()) == "Jeg vil gerne have hjælp til økonomi");
  CHECK(reopened.vault->citizens() == std::vector<std::string>{"borger-1"});
  CHECK(Vault::open(dir.path, "kort", kFastKdf).error.find("at least 8") != std::string::npos);
}

TEST_CASE("a canary phrase never appears in plain text in any file the vault writes") {
  TempDir dir;
  auto v = Vault::open(dir.path, "hemmelig-kode", kFastKdf);
  REQUIRE(v.vault);
  const std::string canary = "KANARIEFUGL-æøå-7391";
  v.vault->write("borger-1", "statement", asBytes("Så jeg kan " + canary));
  v.vault->write("borger-1", "notes", asBytes(canary));
  CHECK_FALSE(anyFileContains(dir.path, canary));
  CHECK_FALSE(anyFileContains(dir.path, "KANARIEFUGL"));
  for (const auto& entry : fs::recursive_directory_iterator(dir.path))
    if (entry.is_regular_file())
      CHECK((fs::status(entry.path()).permissions() & (fs::perms::group_all | fs::perms::others_all)) ==
            fs::perms::none);
}

TEST_CASE("a tampered file is refused with a clear message and nothing else is lost") {
  TempDir dir;
  auto v = Vault::open(dir.path, "hemmelig-kode", kFastKdf);
  REQUIRE(v.vault);
  v.vault->write("borger-1", "statement", asBytes("udsagn"));
  v.vault->write("borger-1", "notes", asBytes("noter"));
  const fs::path file = dir.path / "citizens/borger-1/statement.sealed";
  auto bytes = *overum::readWholeFile(file);
  bytes[bytes.size() / 2] ^= 0x01;
  writeFileAtomically(file, bytes);

  auto tampered = v.vault->read("borger-1", "statement");
  CHECK_FALSE(tampered.bytes);
  CHECK(tampered.error.find("statement.sealed er beskadiget") != std::string::npos);
  auto other = v.vault->read("borger-1", "notes");
  REQUIRE(other.bytes);
  CHECK(std::string(other.bytes->begin(), other.bytes->end()) == "noter");
}

TEST_CASE("a file moved to another citizen or name does not open") {
  TempDir dir;
  auto v = Vault::open(dir.path, "hemmelig-kode", kFastKdf);
  REQUIRE(v.vault);
  v.vault->write("a", "statement", asBytes("A's udsagn"));
  v.vault->write("a", "notes", asBytes("A's noter"));
  fs::copy_file(dir.path / "citizens/a/statement.sealed", dir.path / "citizens/a/notes.sealed",
                fs::copy_options::overwrite_existing);
  CHECK_FALSE(v.vault->read("a", "notes").bytes);
}

TEST_CASE("erasing a citizen removes every file and the key, others are untouched") {
  TempDir dir;
  auto v = Vault::open(dir.path, "hemmelig-kode", kFastKdf);
  REQUIRE(v.vault);
  v.vault->write("a", "statement", asBytes("A"));
  v.vault->write("b", "statement", asBytes("B"));
  const auto sealedCopy = *overum::readWholeFile(dir.path / "citizens/a/statement.sealed");
  v.vault->eraseCitizen("a");
  CHECK_FALSE(fs::exists(dir.path / "citizens/a"));
  CHECK(v.vault->citizens() == std::vector<std::string>{"b"});
  CHECK(v.vault->read("b", "statement").bytes);
  // Even a copy of the sealed file made before erasure cannot be opened: the key is gone.
  fs::create_directories(dir.path / "citizens/a");
  writeFileAtomically(dir.path / "citizens/a/statement.sealed", sealedCopy);
  CHECK_FALSE(v.vault->read("a", "statement").bytes);
}

TEST_CASE("atomic writes replace the whole file and leave no temporary files") {
  TempDir dir;
  const fs::path file = dir.path / "sub/data.bin";
  writeFileAtomically(file, asBytes("first"));
  writeFileAtomically(file, asBytes("second"));
  auto bytes = overum::readWholeFile(file);
  REQUIRE(bytes);
  CHECK(std::string(bytes->begin(), bytes->end()) == "second");
  CHECK(std::distance(fs::directory_iterator(dir.path / "sub"), fs::directory_iterator{}) == 1);
  CHECK_THROWS_WITH(writeFileAtomically("/proc/overum-cannot-write/x", asBytes("x")),
                    Catch::Contains("cannot write /proc/overum-cannot-write/x"));
}

TEST_CASE("invalid citizen ids and names are refused") {
  TempDir dir;
  auto v = Vault::open(dir.path, "hemmelig-kode", kFastKdf);
  REQUIRE(v.vault);
  CHECK_FALSE(Vault::validId("../x"));
  CHECK_FALSE(Vault::validId("Anna Jensen"));
  CHECK_THROWS(v.vault->write("../x", "statement", asBytes("x")));
  CHECK_THROWS(v.vault->write("a", "../statement", asBytes("x")));
  CHECK_FALSE(v.vault->read("a", "../../vault").bytes);
}
