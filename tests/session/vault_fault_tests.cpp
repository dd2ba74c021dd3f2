// SPDX-License-Identifier: GPL-3.0-or-later
// Faults a vault and a journal meet on real machines: an unreadable or missing key file, tampered
// key settings, a damaged citizen key, flipped bytes in a journal, two processes for one citizen.
// Each must change nothing that was stored and say in plain words what is wrong and what to do.
#include <overum/core/files.h>
#include <overum/session/atomic_file.h>
#include <overum/session/citizen_lock.h>
#include <overum/session/journal.h>
#include <overum/session/vault.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <random>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace overum::session;
namespace fs = std::filesystem;

namespace {
const KdfLimits kFastKdf{1, 8u << 10};

struct TempVault {
  fs::path path = fs::temp_directory_path() / ("overum-fault-test-" + std::to_string(std::random_device{}()));
  ~TempVault() {
    std::error_code ec;
    fs::permissions(path / "vault.key", fs::perms::owner_all, ec);
    fs::remove_all(path, ec);
  }
  std::unique_ptr<Vault> open() { return Vault::open(path, "hemmelig-kode", kFastKdf).vault; }
  std::string error() { return Vault::open(path, "hemmelig-kode", kFastKdf).error; }
};

std::string text(const Bytes& b) { return {b.begin(), b.end()}; }
}  // namespace

TEST_CASE("a key file that is there but cannot be read is never replaced", "[faults]") {
  TempVault t;
  REQUIRE(t.open());
  t.open()->write("borger-1", "statement", asBytes("mit statement"));
  const Bytes key = *overum::readWholeFile(t.path / "vault.key");

  SECTION("a folder where the key file should be (an I/O error as far as reading goes)") {
    fs::rename(t.path / "vault.key", t.path / "key.saved");
    fs::create_directory(t.path / "vault.key");
    CHECK(Vault::exists(t.path));
    const std::string error = t.error();
    CHECK_THAT(error,
               Catch::Contains("kan ikke læses") && Catch::Contains("vault.key") && Catch::Contains("Intet er ændret"));
    CHECK(fs::is_directory(t.path / "vault.key"));
    fs::remove(t.path / "vault.key");
    fs::rename(t.path / "key.saved", t.path / "vault.key");
  }
  SECTION("no read permission (as any user but root)") {
    if (::geteuid() == 0) SUCCEED("root reads any file; the folder case above covers the same path");
    else {
      fs::permissions(t.path / "vault.key", fs::perms::none);
      CHECK_THAT(t.error(), Catch::Contains("kan ikke læses"));
      fs::permissions(t.path / "vault.key", fs::perms::owner_read | fs::perms::owner_write);
    }
  }
  CHECK(*overum::readWholeFile(t.path / "vault.key") == key);
  auto reopened = t.open();
  REQUIRE(reopened);
  CHECK(text(*reopened->read("borger-1", "statement").bytes) == "mit statement");
}

TEST_CASE("a missing key file beside stored citizens is an error, not a new vault", "[faults]") {
  TempVault t;
  REQUIRE(t.open());
  t.open()->write("borger-1", "statement", asBytes("mit statement"));
  const Bytes key = *overum::readWholeFile(t.path / "vault.key");
  fs::remove(t.path / "vault.key");
  CHECK(Vault::exists(t.path));
  CHECK_THAT(t.error(), Catch::Contains("mangler") && Catch::Contains("sikkerhedskopi"));
  CHECK_FALSE(fs::exists(t.path / "vault.key"));
  writeFileAtomically(t.path / "vault.key", key);  // restored from the backup: everything opens again
  CHECK(t.open()->read("borger-1", "statement").bytes);
}

TEST_CASE("the key settings are bounded and bound to the key: a flipped bit is caught at once", "[faults]") {
  TempVault t;
  REQUIRE(t.open());
  const Bytes original = *overum::readWholeFile(t.path / "vault.key");
  const std::size_t memoryAt = 4 + kSaltSize + 8;
  for (int bit : {0, 13, 29, 34, 62}) {
    Bytes bytes = original;
    bytes[memoryAt + std::size_t(bit / 8)] ^= std::uint8_t(1u << (bit % 8));
    writeFileAtomically(t.path / "vault.key", bytes);
    const auto started = std::chrono::steady_clock::now();
    const std::string error = t.error();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    INFO("bit " << bit << ": " << error);
    CHECK_THAT(error, Catch::Contains("beskadiget") && Catch::Contains("Intet er ændret"));
    CHECK(seconds < 2.0);  // no gigabytes allocated, no hours of key stretching
  }
  // The checksum alone does not protect the settings: a changed value with a matching checksum is
  // still refused, out of range before any work and in range by the key check bound to them.
  writeFileAtomically(t.path / "vault.key", original);
  REQUIRE(t.open());
}

TEST_CASE("a damaged citizen key says so in plain words, and other citizens are untouched", "[faults]") {
  TempVault t;
  auto v = t.open();
  REQUIRE(v);
  v->write("a", "statement", asBytes("A"));
  v->write("b", "statement", asBytes("B"));
  Bytes key = *overum::readWholeFile(t.path / "citizens/a/key");
  key[key.size() / 2] ^= 0x40;
  writeFileAtomically(t.path / "citizens/a/key", key);
  const auto damaged = v->read("a", "statement");
  CHECK_FALSE(damaged.bytes);
  CHECK_THAT(damaged.error, Catch::Contains("Nøglen til a") && Catch::Contains("overum data erase a"));
  CHECK_THAT(damaged.error, !Catch::Contains(".cpp") && !Catch::Contains("failed"));
  CHECK(text(*v->read("b", "statement").bytes) == "B");
  const auto journal = readJournal(*v, "a", "nothing");
  CHECK_FALSE(journal.finished);
}

TEST_CASE("one flipped byte anywhere in a journal costs at most the record it hit", "[faults]") {
  TempVault t;
  auto v = t.open();
  REQUIRE(v);
  constexpr int kRecords = 12;
  {
    JournalWriter w(*v, "b", "s");
    for (int i = 0; i < kRecords - 1; ++i) w.append({double(i), "line", "replik nummer " + std::to_string(i)});
    w.append({99.0, "end", "the meeting ended"});
  }
  const fs::path file = t.path / "citizens/b/s.journal";
  const Bytes original = *overum::readWholeFile(file);
  std::size_t lastFrame = 4;  // where the closing record's frame starts
  for (std::size_t at = 4; at < original.size(); at += 16 + (original[at + 8] | original[at + 9] << 8)) lastFrame = at;
  std::size_t worst = kRecords, unfinished = 0;
  for (std::size_t at = 0; at < original.size(); ++at) {
    Bytes bytes = original;
    bytes[at] ^= 0x5a;
    writeFileAtomically(file, bytes);
    const JournalReadResult r = readJournal(*v, "b", "s");
    worst = std::min(worst, r.records.size());
    unfinished += r.finished ? 0 : 1;
  }
  CHECK(worst >= kRecords - 1);
  // Only damage to the closing record itself can make a finished session look interrupted.
  CHECK(unfinished <= original.size() - lastFrame);
}

TEST_CASE("a flipped length field no longer loses the rest of the journal", "[faults]") {
  TempVault t;
  auto v = t.open();
  REQUIRE(v);
  {
    JournalWriter w(*v, "b", "s");
    for (int i = 0; i < 5; ++i) w.append({double(i), "line", "tekst"});
    w.append({9.0, "end", ""});
  }
  const fs::path file = t.path / "citizens/b/s.journal";
  Bytes bytes = *overum::readWholeFile(file);
  bytes[4 + 8 + 1] ^= 0x80;  // the first record's length: 32 KiB more than it is
  writeFileAtomically(file, bytes);
  const auto r = readJournal(*v, "b", "s");
  CHECK(r.records.size() == 5);
  CHECK(r.finished);  // the closing record is intact, so the session is not "interrupted" forever
  CHECK(r.lostRecords == 1);
  CHECK_THAT(r.problem, Catch::Contains("1 record(s)") && Catch::Contains("5 records were recovered"));
  CHECK(unfinishedSessions(*v, "b").empty());
}

namespace {
// Whether another process could take the lock now, and what it was told if not.
std::pair<bool, std::string> tryInAnotherProcess(const fs::path& vault, const char* citizen) {
  int pipeFds[2];
  REQUIRE(::pipe(pipeFds) == 0);
  const pid_t child = fork();
  if (child == 0) {
    const auto result = CitizenLock::acquire(vault, citizen);
    const std::string message = (result.lock ? "1" : "0") + result.error;
    [[maybe_unused]] const auto n = ::write(pipeFds[1], message.data(), message.size());
    _exit(0);
  }
  ::close(pipeFds[1]);
  std::string message;
  char buffer[512];
  for (ssize_t n; (n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0;) message.append(buffer, std::size_t(n));
  ::close(pipeFds[0]);
  waitpid(child, nullptr, 0);
  return {!message.empty() && message[0] == '1', message.empty() ? message : message.substr(1)};
}
}  // namespace

TEST_CASE("a second Øverum for the same citizen is refused while the first holds the lock", "[faults]") {
  TempVault t;
  auto first = CitizenLock::acquire(t.path, "kim-1");
  REQUIRE(first.lock);
  const auto [taken, error] = tryInAnotherProcess(t.path, "kim-1");
  CHECK_FALSE(taken);
  CHECK_THAT(error, Catch::Contains("kim-1 er allerede åben") && Catch::Contains("pid " + std::to_string(::getpid())));
  CHECK(CitizenLock::acquire(t.path, "kim-1").lock);            // within this process it is shared
  CHECK(tryInAnotherProcess(t.path, "kim-2").first);            // another citizen is another lock
  CHECK(tryInAnotherProcess(t.path / "other", "kim-1").first);  // and so is another vault
  first.lock.reset();
  CHECK(tryInAnotherProcess(t.path, "kim-1").first);
  CHECK_FALSE(fs::exists(t.path));  // taking a lock writes nothing into the vault (nothing before consent)
}

TEST_CASE("vault folders are private to their owner", "[faults]") {
  TempVault t;
  auto v = t.open();
  REQUIRE(v);
  v->write("kim-1", "statement", asBytes("x"));
  for (const fs::path& dir : {t.path, t.path / "citizens", t.path / "citizens/kim-1"}) {
    INFO(dir.string());
    CHECK((fs::status(dir).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
  }
}

TEST_CASE("a damaged record is set aside, never overwritten", "[faults]") {
  TempVault t;
  auto v = t.open();
  REQUIRE(v);
  v->write("a", "statement", asBytes("første"));
  const Bytes sealed = *overum::readWholeFile(t.path / "citizens/a/statement.sealed");
  const auto aside = v->setAside("a", "statement");
  REQUIRE(aside);
  CHECK(*overum::readWholeFile(*aside) == sealed);
  CHECK_FALSE(v->read("a", "statement").bytes);
  CHECK(v->files("a").empty());
  v->write("a", "statement", asBytes("anden"));
  CHECK(*overum::readWholeFile(*aside) == sealed);
  v->eraseCitizen("a");
  CHECK_FALSE(fs::exists(t.path / "citizens/a"));
}
