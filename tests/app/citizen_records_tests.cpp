// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's records: nothing written before consent, nothing in plain text, withdrawal erases
// everything, a crashed session can be resumed or closed, and bad passphrases or files are refused.
#include "citizen_records.h"
#include "meeting_fakes.h"

#include <overum/core/files.h>
#include <overum/session/atomic_file.h>

#include <catch2/catch.hpp>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

using namespace overum;
using namespace overum::app;
namespace fs = std::filesystem;

namespace {
const session::KdfLimits kFastKdf{1, 8u << 10};
constexpr const char* kPassphrase = "facilitator-kode";
constexpr const char* kCanary = "KANARIE-Åse-vil-ikke-til-møde";

const char* kMeeting = R"(title: Start
---
Mette: Velkommen.
<<jump Midten>>
===
title: Midten
---
Mette: Hvad er vigtigt for dig?
<<listen 5>>
Mette: Tak for i dag.
===
)";

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("overum-records-" + std::to_string(std::random_device{}()));
  ~TempDir() { fs::remove_all(path); }
};

std::unique_ptr<CitizenRecords> openRecords(const fs::path& dir, const char* passphrase = kPassphrase) {
  auto opened = CitizenRecords::open(dir, "borger-7", passphrase, kFastKdf);
  INFO(opened.error);
  REQUIRE(opened.records);
  return std::move(opened.records);
}

// Every byte of every file under dir, for "never in plain text" checks.
std::string everything(const fs::path& dir) {
  std::string all;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) {
      const auto bytes = *overum::readWholeFile(entry.path());
      all.append(bytes.begin(), bytes.end());
    }
  return all;
}

session::Statement canaryStatement() {
  session::Statement s;
  s.name = "Åse";
  s.parts = {kCanary, "at blive hørt", "at finde et arbejde", "kan klare mig selv"};
  return s;
}

struct Meeting {
  testing::FakeClock clock;
  testing::FakeSpeech speech{clock};
  meeting::Director director{testing::compileMeetingText("m.yarn", kMeeting), {{"sagsbehandler", "Mette"}}, speech};
  Meeting() { REQUIRE(director.start("", 1, {}, 0.0).empty()); }
  // Runs at 90 Hz until the director is in `node` and `phase`, handing every log entry to records.
  void runUntil(CitizenRecords& records, meeting::Phase phase) {
    for (int i = 0; i < 90 * 60 && director.phase() != phase; ++i) {
      clock.now += 1.0 / 90.0;
      director.update(clock.now, {});
      records.record(director.takeLog(), director);
    }
    REQUIRE(meeting::phaseName(director.phase()) == meeting::phaseName(phase));
  }
};
}  // namespace

TEST_CASE("nothing about the citizen is written before consent") {
  TempDir t;
  auto records = openRecords(t.path);
  records->keepStatement(canaryStatement());
  records->beginSession("myndighedsmoede", 0.0);
  Meeting m;
  m.runUntil(*records, meeting::Phase::listening);
  records->note({1.0, kCanary, false});
  records->endSession(2.0, "done");
  CHECK_FALSE(records->sessionOpen());
  CHECK_FALSE(fs::exists(t.path));

  SECTION("consenting to nothing writes nothing either") {
    records->setConsent({});
    CHECK_FALSE(fs::exists(t.path));
  }
}

TEST_CASE("with consent the statement and journal are kept, sealed, and withdrawal erases them") {
  TempDir t;
  {
    auto records = openRecords(t.path);
    records->setConsent({true, true, false});
    records->keepStatement(canaryStatement());
    records->beginSession("myndighedsmoede", 0.0);
    Meeting m;
    m.runUntil(*records, meeting::Phase::listening);
    records->note({3.0, std::string("note: ") + kCanary, false});
    records->endSession(m.clock.now, "the meeting ended");
    CHECK(records->problem().empty());
  }
  CHECK(everything(t.path).find("KANARIE") == std::string::npos);
  CHECK(everything(t.path).find("Hvad er vigtigt") == std::string::npos);

  auto records = openRecords(t.path);
  CHECK(records->consent().saveStatement);
  CHECK(records->consent().keepNotes);
  CHECK_FALSE(records->consent().recordAudio);
  std::string problem;
  const auto stored = records->storedStatement(problem);
  REQUIRE(stored);
  CHECK(stored->parts[0] == kCanary);
  CHECK(records->unfinished().empty());

  SECTION("withdrawing is one call and leaves nothing of the citizen") {
    records->withdraw();
    CHECK_FALSE(fs::exists(t.path / "citizens" / "borger-7"));
    CHECK_FALSE(records->storedStatement(problem));
    CHECK_FALSE(openRecords(t.path)->consent().saveStatement);
  }
  SECTION("turning off 'save my statement' deletes the statement and keeps the journal") {
    records->setConsent({false, true, false});
    CHECK_FALSE(records->storedStatement(problem));
    CHECK_FALSE(fs::exists(t.path / "citizens" / "borger-7" / "statement.sealed"));
    CHECK(session::journalSessions(*session::Vault::open(t.path, kPassphrase, kFastKdf).vault, "borger-7").size() == 1);
  }
  SECTION("a wrong passphrase is refused with what to do") {
    auto wrong = CitizenRecords::open(t.path, "borger-7", "forkert-kode", kFastKdf);
    CHECK_FALSE(wrong.records);
    CHECK(wrong.error.find("Forkert kodeord") != std::string::npos);
  }
  SECTION("a tampered statement is refused with a message and the rest stays readable") {
    const fs::path file = t.path / "citizens" / "borger-7" / "statement.sealed";
    auto bytes = *overum::readWholeFile(file);
    bytes[bytes.size() / 2] ^= 0x20;
    session::writeFileAtomically(file, bytes);
    auto reopened = openRecords(t.path);
    CHECK_FALSE(reopened->storedStatement(problem));
    CHECK_FALSE(problem.empty());
    CHECK(reopened->consent().keepNotes);
    CHECK(session::readJournal(
              *session::Vault::open(t.path, kPassphrase, kFastKdf).vault, "borger-7",
              session::journalSessions(*session::Vault::open(t.path, kPassphrase, kFastKdf).vault, "borger-7")[0])
              .finished);
  }
}

TEST_CASE("a session that crashed can be resumed where it was, or closed") {
  TempDir t;
  openRecords(t.path)->setConsent({false, true, false});
  // The meeting runs in a child process that dies without closing anything.
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto records = openRecords(t.path);
    records->beginSession("myndighedsmoede", 0.0);
    Meeting m;
    m.runUntil(*records, meeting::Phase::listening);
    std::_Exit(records->problem().empty() ? 0 : 3);
  }
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);

  auto records = openRecords(t.path);
  auto unfinished = records->unfinished();
  REQUIRE(unfinished.size() == 1);
  CHECK(unfinished[0].meeting == "myndighedsmoede");
  CHECK(unfinished[0].lastNode == "Midten");
  REQUIRE_FALSE(unfinished[0].checkpoint.empty());

  SECTION("resume: the meeting goes on from the node it was in, in the same journal") {
    testing::FakeClock clock;
    testing::FakeSpeech speech{clock};
    meeting::Director director{testing::compileMeetingText("m.yarn", kMeeting), {{"sagsbehandler", "Mette"}}, speech};
    REQUIRE(director.resumeFrom(unfinished[0].checkpoint, 0.0));
    CHECK(director.currentNode() == "Midten");
    records->continueSession(unfinished[0], 0.0);
    CHECK(records->sessionOpen());
    records->record(director.takeLog(), director);
    records->endSession(1.0, "the meeting ended");
    CHECK(records->unfinished().empty());
    const auto journal =
        session::readJournal(*session::Vault::open(t.path, kPassphrase, kFastKdf).vault, "borger-7", unfinished[0].id);
    CHECK(journal.finished);
    bool resumed = false;
    for (const auto& r : journal.records) resumed = resumed || r.kind == "resume";
    CHECK(resumed);
  }
  SECTION("close: the session is marked ended and not offered again") {
    records->closeSession(unfinished[0]);
    CHECK(records->problem().empty());
    CHECK(records->unfinished().empty());
  }
}

TEST_CASE("a citizen id must be a pseudonym that is safe in a path") {
  TempDir t;
  auto bad = CitizenRecords::open(t.path, "../Åse Hansen", kPassphrase, kFastKdf);
  CHECK_FALSE(bad.records);
  CHECK(bad.error.find("pseudonym") != std::string::npos);
  CHECK_FALSE(CitizenRecords::open(t.path, "b", "kort", kFastKdf).records);
}

TEST_CASE("the citizen's voice is kept only with consent to recording, and deleted when it is withdrawn") {
  TempDir t;
  auto records = openRecords(t.path);
  audio::Pcm speech{16000, std::vector<std::int16_t>(16000, 1200)};  // one second
  records->setConsent({false, true, false});
  records->beginSession("myndighedsmoede", 0.0);
  records->keepRecording(speech, 5.0);
  const fs::path citizen = t.path / "citizens" / "borger-7";
  auto recordings = [&] {
    std::size_t n = 0;
    for (const auto& entry : fs::directory_iterator(citizen))
      n += entry.path().filename().string().starts_with("recording-");
    return n;
  };
  CHECK(recordings() == 0);  // notes yes, audio no

  records->setConsent({false, true, true});
  records->keepRecording(speech, 6.0);
  records->keepRecording(speech, 9.0);
  CHECK(recordings() == 2);
  CHECK(records->problem().empty());
  records->setConsent({false, true, false});  // audio withdrawn: the recordings go, the journal stays
  CHECK(recordings() == 0);
  records->endSession(10.0, "done");
  const auto vault = session::Vault::open(t.path, kPassphrase, kFastKdf).vault;
  const auto journal = session::readJournal(*vault, "borger-7", session::journalSessions(*vault, "borger-7")[0]);
  std::size_t mentioned = 0;
  for (const auto& r : journal.records) mentioned += r.kind == "recording";
  CHECK(mentioned == 2);
}

namespace {
// Calls progress() as the frame loop does, until it has `sessions` sessions (10 s at most).
std::vector<session::SessionProgress> progressOnceRead(CitizenRecords& records, std::size_t sessions) {
  for (int frame = 0; frame < 1000; ++frame) {
    const auto progress = records.progress();
    if (progress.size() >= sessions) return {progress.begin(), progress.end()};
    usleep(10'000);
  }
  return {};
}
}  // namespace

TEST_CASE("the citizen's progress is read off the frame thread when the records open and after a session ends") {
  TempDir t;
  {
    auto records = openRecords(t.path);
    CHECK(records->progress().empty());  // no vault yet: nothing to read
    records->setConsent({false, true, false});
    records->beginSession("myndighedsmoede", 0.0);
    Meeting m;
    m.runUntil(*records, meeting::Phase::listening);
    CHECK(records->progress().empty());  // the session being written is not read
    records->endSession(m.clock.now, "the meeting ended");
    const auto progress = progressOnceRead(*records, 1);
    REQUIRE(progress.size() == 1);
    CHECK(progress[0].meeting == "myndighedsmoede");
    CHECK(progress[0].finished);
  }
  {  // A session with the ratings, written as the in-app questions write them.
    auto vault = session::Vault::open(t.path, kPassphrase, kFastKdf).vault;
    REQUIRE(vault);
    session::JournalWriter writer(*vault, "borger-7", "20200101-100000");
    writer.append({0.0, "start", "opfoelgning", {{"difficulty", "neutral"}}});
    writer.append({1.0, "rating", "suds", {{"scale", "suds"}, {"moment", "before"}, {"value", "6"}}});
    writer.append({50.0, "rating", "suds", {{"scale", "suds"}, {"moment", "after"}, {"value", "3"}}});
    writer.append({51.0, "end", "the meeting ended"});
  }
  auto records = openRecords(t.path);  // the reading starts as the records open
  const auto progress = progressOnceRead(*records, 2);
  REQUIRE(progress.size() == 2);
  CHECK(progress[0].sessionId == "20200101-100000");  // oldest first
  CHECK(progress[0].difficulty == "neutral");
  CHECK(progress[0].sudsBefore == 6);
  CHECK(progress[0].sudsAfter == 3);
  records->withdraw();
  CHECK(records->progress().empty());  // gone from the console at once
}
