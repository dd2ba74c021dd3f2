// SPDX-License-Identifier: GPL-3.0-or-later
// The session journal: append and read back, survive a crash mid-session, detect damage and reordering.
#include <overum/core/files.h>
#include <overum/session/atomic_file.h>
#include <overum/session/journal.h>
#include <overum/session/sealed_box.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sys/wait.h>
#include <tuple>
#include <unistd.h>

using namespace overum::session;
namespace fs = std::filesystem;

namespace {
const KdfLimits kFastKdf{1, 8u << 10};

struct TempVault {
  fs::path path = fs::temp_directory_path() / ("overum-journal-test-" + std::to_string(std::random_device{}()));
  std::unique_ptr<Vault> vault = Vault::open(path, "hemmelig-kode", kFastKdf).vault;
  ~TempVault() { fs::remove_all(path); }
};
}  // namespace

TEST_CASE("records are read back in order and a closed session is finished") {
  TempVault t;
  REQUIRE(t.vault);
  {
    JournalWriter w(*t.vault, "borger-1", "2026-11-22-1");
    w.append({0.0, "start", "myndighedsmoede"});
    w.append({12.5, "note", "Hun præsenterede sit statement roligt"});
    w.append({40.0, "end", ""});
  }
  auto r = readJournal(*t.vault, "borger-1", "2026-11-22-1");
  CHECK(r.problem.empty());
  CHECK(r.finished);
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[1].time == 12.5);
  CHECK(r.records[1].kind == "note");
  CHECK(r.records[1].text == "Hun præsenterede sit statement roligt");
  CHECK(unfinishedSessions(*t.vault, "borger-1").empty());
  CHECK(journalSessions(*t.vault, "borger-1") == std::vector<std::string>{"2026-11-22-1"});
}

TEST_CASE("a process killed in the middle of a session loses nothing it had appended") {
  TempVault t;
  REQUIRE(t.vault);
  const pid_t child = fork();
  if (child == 0) {
    JournalWriter w(*t.vault, "borger-1", "s1");
    for (int i = 0; i < 5; ++i) w.append({double(i), "line", "replik " + std::to_string(i)});
    raise(SIGKILL);  // no destructors, no flush beyond what append already did
  }
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  auto r = readJournal(*t.vault, "borger-1", "s1");
  CHECK(r.records.size() == 5);
  CHECK_FALSE(r.finished);
  CHECK(unfinishedSessions(*t.vault, "borger-1") == std::vector<std::string>{"s1"});
}

TEST_CASE("a record cut off by power loss is dropped with a message, earlier records are kept") {
  TempVault t;
  REQUIRE(t.vault);
  {
    JournalWriter w(*t.vault, "b", "s");
    for (int i = 0; i < 3; ++i) w.append({double(i), "line", "tekst"});
  }
  const fs::path file = t.vault->directory() / "citizens/b/s.journal";
  fs::resize_file(file, fs::file_size(file) - 7);
  auto r = readJournal(*t.vault, "b", "s");
  CHECK(r.records.size() == 2);
  CHECK(r.problem.find("cut off") != std::string::npos);
  CHECK(r.problem.find("2 records before it were recovered") != std::string::npos);
}

TEST_CASE("a changed or removed record is detected") {
  TempVault t;
  REQUIRE(t.vault);
  {
    JournalWriter w(*t.vault, "b", "s");
    for (int i = 0; i < 3; ++i) w.append({double(i), "line", "tekst nummer " + std::to_string(i)});
  }
  const fs::path file = t.vault->directory() / "citizens/b/s.journal";
  const auto original = *overum::readWholeFile(file);

  // Version 2: "OVJ2", then frames of 16 header bytes (sync, index, length, ~length) and the sealed record.
  const std::size_t firstFrame = 4, firstSize = 16 + (original[firstFrame + 8] | original[firstFrame + 9] << 8);
  SECTION("a flipped bit in record 2 costs only record 2") {
    auto bytes = original;
    bytes[firstFrame + firstSize + 30] ^= 0x10;
    writeFileAtomically(file, bytes);
    auto r = readJournal(*t.vault, "b", "s");
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[1].text == "tekst nummer 2");
    CHECK(r.damaged);
    CHECK(r.problem.find("1 record(s) of s.journal were damaged") != std::string::npos);
  }
  SECTION("record 1 removed, so record 2 stands first") {
    Bytes bytes(original.begin(), original.begin() + firstFrame);
    bytes.insert(bytes.end(), original.begin() + std::ptrdiff_t(firstFrame + firstSize), original.end());
    writeFileAtomically(file, bytes);
    auto r = readJournal(*t.vault, "b", "s");
    CHECK(r.records.size() == 2);
    CHECK(r.damaged);
    CHECK(r.problem.find("damaged or removed") != std::string::npos);
  }
}

TEST_CASE("journal text is never on disk in plain text, and erasure removes the journal") {
  TempVault t;
  REQUIRE(t.vault);
  {
    JournalWriter w(*t.vault, "b", "s");
    w.append({1.0, "note", "KANARIE-journal-æøå"});
  }
  auto bytes = *overum::readWholeFile(t.vault->directory() / "citizens/b/s.journal");
  CHECK(std::string(bytes.begin(), bytes.end()).find("KANARIE") == std::string::npos);
  t.vault->eraseCitizen("b");
  CHECK_FALSE(fs::exists(t.vault->directory() / "citizens/b"));
  CHECK(journalSessions(*t.vault, "b").empty());
}

TEST_CASE("a second writer for the same session is refused rather than mixing two sessions") {
  TempVault t;
  REQUIRE(t.vault);
  JournalWriter first(*t.vault, "b", "s");
  CHECK_THROWS_WITH(JournalWriter(*t.vault, "b", "s"), Catch::Contains("cannot start the journal"));
}

TEST_CASE("a resumed session continues its journal after the last sound record") {
  TempVault t;
  REQUIRE(t.vault);
  {
    JournalWriter w(*t.vault, "b", "s");
    for (int i = 0; i < 3; ++i) w.append({double(i), "line", "tekst"});
  }
  const fs::path file = t.vault->directory() / "citizens/b/s.journal";
  fs::resize_file(file, fs::file_size(file) - 5);  // the crash cut the third record off
  {
    JournalWriter w(*t.vault, "b", "s", JournalOpen::continueExisting);
    CHECK(w.recordCount() == 2);
    w.append({5.0, "resume", ""});
    w.append({9.0, "end", ""});
  }
  auto r = readJournal(*t.vault, "b", "s");
  CHECK(r.problem.empty());
  CHECK(r.finished);
  REQUIRE(r.records.size() == 4);
  CHECK(r.records[2].kind == "resume");
  CHECK(unfinishedSessions(*t.vault, "b").empty());

  SECTION("a journal with an altered record goes on after it; the damage costs only that record") {
    auto bytes = *overum::readWholeFile(file);
    bytes[30] ^= 0x01;  // inside the first record
    writeFileAtomically(file, bytes);
    {
      JournalWriter w(*t.vault, "b", "s", JournalOpen::continueExisting);
      w.append({10.0, "note", "efter skaden"});
    }
    auto damaged = readJournal(*t.vault, "b", "s");
    REQUIRE(damaged.records.size() == 4);
    CHECK(damaged.records.back().text == "efter skaden");
    CHECK(damaged.lostRecords == 1);
    CHECK(damaged.firstGap == std::size_t{0});  // where it was: what follows may not be read as if whole
  }
  CHECK_FALSE(r.firstGap);
}

TEST_CASE("a record's fields (a turn's speech measures) are kept, and journals from before fields still load") {
  TempVault t;
  REQUIRE(t.vault);
  t.vault->addCitizen("borger-5");
  // A journal as Øverum wrote it before records had fields: "OVJ2", frames of sealed plain records
  // [f64 time | u32 n | kind | u32 n | text] and nothing after the text.
  {
    const SecretKey key = t.vault->citizenKey("borger-5");
    Bytes file{'O', 'V', 'J', '2'};
    auto put32 = [](Bytes& out, std::uint32_t v) {
      for (int i = 0; i < 4; ++i) out.push_back(std::uint8_t(v >> (8 * i)));
    };
    const std::vector<std::tuple<double, std::string, std::string>> old{{0.0, "start", "myndighedsmoede"},
                                                                        {31.5, "statement", "14.2 s, 9.8 s spoken"},
                                                                        {50.0, "end", "the meeting ended"}};
    for (std::size_t i = 0; i < old.size(); ++i) {
      const auto& [time, kind, text] = old[i];
      Bytes plain(sizeof(double));
      std::memcpy(plain.data(), &time, sizeof(double));
      put32(plain, std::uint32_t(kind.size()));
      plain.insert(plain.end(), kind.begin(), kind.end());
      put32(plain, std::uint32_t(text.size()));
      plain.insert(plain.end(), text.begin(), text.end());
      const Bytes sealed = seal(key, plain, "borger-5/journal/2026-01-05-1/" + std::to_string(i));
      file.insert(file.end(), {0xA7, 'O', 'J', 'R'});
      put32(file, std::uint32_t(i));
      put32(file, std::uint32_t(sealed.size()));
      put32(file, ~std::uint32_t(sealed.size()));
      file.insert(file.end(), sealed.begin(), sealed.end());
    }
    std::ofstream(t.path / "citizens" / "borger-5" / "2026-01-05-1.journal", std::ios::binary)
        .write(reinterpret_cast<const char*>(file.data()), std::streamsize(file.size()));
  }
  const auto before = readJournal(*t.vault, "borger-5", "2026-01-05-1");
  CHECK(before.problem.empty());
  CHECK(before.finished);
  REQUIRE(before.records.size() == 3);
  CHECK(before.records[1].text == "14.2 s, 9.8 s spoken");
  CHECK(before.records[1].fields.empty());
  CHECK_FALSE(before.records[1].number("latency_s"));

  {
    JournalWriter w(*t.vault, "borger-5", "2026-01-06-1");
    w.append({0.0, "start", "myndighedsmoede"});
    w.append({31.5, "answer", "6 s, 4.1 s spoken", {{"measured", "1"}, {"latency_s", "1.234"}, {"speech_rate", "x"}}});
    w.append({40.0, "feedback", "Du holdt pauser undervejs, så dine ord kunne nå frem.", {{"rule", "pauser"}}});
    w.append({41.0, "end", ""});
  }
  const auto after = readJournal(*t.vault, "borger-5", "2026-01-06-1");
  CHECK(after.problem.empty());
  REQUIRE(after.records.size() == 4);
  CHECK(after.records[1].text == "6 s, 4.1 s spoken");
  CHECK(after.records[1].fields.size() == 3);
  CHECK(after.records[1].number("latency_s") == 1.234);
  CHECK_FALSE(after.records[1].number("speech_rate"));  // not a number
  REQUIRE(after.records[2].field("rule"));
  CHECK(*after.records[2].field("rule") == "pauser");
  CHECK(after.records[3].fields.empty());
  CHECK(after.finished);
}
