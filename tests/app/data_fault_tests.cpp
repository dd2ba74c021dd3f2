// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's data under hostile conditions, through the `overum` executable as a facilitator runs
// it: an unreadable or missing key file, a read-only vault, a full disk, two copies for one citizen,
// the bundled example statement, passphrase files from other editors. Read-only mounts and full disks
// are real: a private mount namespace (unshare -m) with a bind mount or a tiny tmpfs.
#include "run_command.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using overum::test::dataEnv;
using overum::test::freshDir;
using overum::test::Run;
using overum::test::runCommand;

namespace {

const std::string kExe = OVERUM_EXE;

struct Citizen {
  fs::path dir;
  std::string env;
  fs::path vault;
  std::string passphrase;  // " --passphrase-file …"

  explicit Citizen(const std::string& name)
      : dir(freshDir(name)),
        env(dataEnv(dir)),
        vault(dir / "data" / "overum" / "vault"),
        passphrase(" --passphrase-file " + (dir / "kode.txt").string()) {}

  Run meeting(const std::string& arguments, const std::string& wrapper = {}) const {
    return runCommand(wrapper + "env " + env + kExe + " --mode headless --size 160x90 " + arguments + passphrase, dir);
  }
  Run data(const std::string& arguments, const std::string& wrapper = {}) const {
    return runCommand(wrapper + "env " + env + kExe + " data " + arguments + passphrase, dir);
  }
  // A finished short meeting with consent, so there is something to lose.
  void keepOne(const std::string& id) const {
    const Run r = meeting("--choose 1,1,1,1,1,1,1,1,1 --citizen " + id + " --consent statement,notes --statement " +
                          (dir / "mit.txt").string());
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
  }
  std::string file(const fs::path& path) const {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
};

void writeStatement(const fs::path& file) {
  std::ofstream(file)
      << "navn: Kim\n\n## Sådan vil jeg introducere mig selv\nJeg er Kim.\n\n## Det er vigtigt for mig at…\n"
         "blive hørt.\n\n## Jeg vil gerne have hjælp til\nat finde ro.\n\n## Så jeg kan\nleve mit liv.\n";
}

// Runs commands in a private mount namespace, or says why this machine cannot.
bool canMount() { return runCommand("unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs /mnt' ").exitCode == 0; }

}  // namespace

TEST_CASE("data list on a vault whose key file cannot be read changes nothing and says what to do", "[faults]") {
  Citizen c("key-unreadable");
  writeStatement(c.dir / "mit.txt");
  c.keepOne("kim-1");
  const std::string key = c.file(c.vault / "vault.key");

  fs::rename(c.vault / "vault.key", c.dir / "key.saved");
  fs::create_directory(c.vault / "vault.key");  // there, but unreadable as a file
  const Run list = c.data("list");
  INFO(list.output);
  CHECK(list.exitCode == 1);
  CHECK_THAT(list.output,
             Catch::Contains("vault.key") && Catch::Contains("kan ikke læses") && Catch::Contains("Intet er ændret"));
  CHECK(fs::is_directory(c.vault / "vault.key"));
  fs::remove(c.vault / "vault.key");
  fs::rename(c.dir / "key.saved", c.vault / "vault.key");

  const std::string asNobody = "setpriv --reuid=nobody --regid=nogroup --clear-groups ";
  if (::geteuid() == 0 && runCommand(asNobody + "test -x '" + kExe + "'").exitCode == 0) {
    // As an ordinary user who may not read the key file: the same refusal, the key untouched.
    runCommand("chown -R nobody:nogroup '" + c.dir.string() + "' && chmod 000 '" + (c.vault / "vault.key").string() +
               "'");
    const Run denied = c.data("list", asNobody);
    INFO(denied.output);
    CHECK(denied.exitCode == 1);
    CHECK_THAT(denied.output, Catch::Contains("kan ikke læses"));
    runCommand("chmod 600 '" + (c.vault / "vault.key").string() + "' && chown -R root:root '" + c.dir.string() + "'");
  }
  CHECK(c.file(c.vault / "vault.key") == key);
  const Run after = c.data("list");
  INFO(after.output);
  CHECK(after.exitCode == 0);
  CHECK_THAT(after.output, Catch::Contains("kim-1: consent statement notes"));
}

TEST_CASE("a missing key file beside stored citizens is not replaced", "[faults]") {
  Citizen c("key-missing");
  writeStatement(c.dir / "mit.txt");
  c.keepOne("kim-1");
  fs::rename(c.vault / "vault.key", c.dir / "key.saved");
  for (const char* command : {"list", "erase kim-1 --yes"}) {
    const Run r = c.data(command);
    INFO(command << ": " << r.output);
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.output, Catch::Contains("mangler") && Catch::Contains("sikkerhedskopi"));
  }
  const Run meeting = c.meeting("--frames 5 --citizen kim-2 --consent notes");
  CHECK(meeting.exitCode == 1);
  CHECK_FALSE(fs::exists(c.vault / "vault.key"));
  CHECK(fs::exists(c.vault / "citizens" / "kim-1" / "statement.sealed"));
}

TEST_CASE("erasing on a read-only vault fails loudly and the citizen is still listed", "[faults]") {
  if (!canMount()) {
    WARN("skipped: this machine cannot make a private mount namespace (unshare -m), so no read-only mount");
    return;
  }
  Citizen c("erase-readonly");
  writeStatement(c.dir / "mit.txt");
  c.keepOne("kim-1");
  const std::string v = c.vault.string();
  const std::string readOnly =
      "unshare -m sh -c \"mount --bind '" + v + "' '" + v + "' && mount -o remount,bind,ro '" + v + "' && ";
  const Run erase =
      runCommand(readOnly + "env " + c.env + kExe + " data erase kim-1 --yes" + c.passphrase + "\"", c.dir);
  INFO(erase.output);
  CHECK(erase.exitCode == 1);
  CHECK_THAT(erase.output, Catch::Contains("Intet om kim-1 blev slettet") && Catch::Contains(v));
  CHECK_THAT(erase.output, !Catch::Contains("er slettet ("));
  CHECK_THAT(c.data("list").output, Catch::Contains("kim-1: consent statement notes"));

  const Run erased = c.data("erase kim-1 --yes");  // writable again: now it is done, verifiably
  CHECK(erased.exitCode == 0);
  CHECK_FALSE(fs::exists(c.vault / "citizens" / "kim-1"));
}

TEST_CASE("a full disk during a meeting is said at once, the exit status says so, and what was kept survives",
          "[faults]") {
  if (!canMount()) {
    WARN("skipped: this machine cannot make a private mount namespace (unshare -m), so no small disk");
    return;
  }
  Citizen c("disk-full");
  fs::create_directories(c.vault);
  const std::string v = c.vault.string();
  // 16 KiB: the key files and the journal's first page fit, the rest of the meeting does not.
  const std::string smallDisk = "unshare -m sh -c \"mount -t tmpfs -o size=16k,mode=700 tmpfs '" + v + "' && ";
  const Run r =
      runCommand(smallDisk + "env " + c.env + kExe +
                     " --mode headless --size 160x90 --choose 1,1,1,1,1,1,1,1,1 "
                     "--citizen kim-1 --consent notes" +
                     c.passphrase + "; echo exit=\\$?; env " + c.env + kExe + " data list" + c.passphrase + "; env " +
                     c.env + kExe + " --mode headless --size 160x90 --replay last --citizen kim-1" + c.passphrase +
                     "; echo replay-exit=\\$?\"",
                 c.dir);
  INFO(r.output);
  CHECK_THAT(r.output, Catch::Contains("Mødet kunne ikke gemmes") && Catch::Contains("No space left"));
  CHECK_THAT(r.output, Catch::Contains("Noget af mødet blev ikke gemt"));
  CHECK_THAT(r.output, Catch::Contains("exit=3"));
  CHECK_THAT(r.output, Catch::Contains("kim-1: consent notes") && Catch::Contains("session"));
  // What was kept replays as far as it goes, and says where it ends.
  CHECK_THAT(r.output, Catch::Contains("replay-exit=0") && Catch::Contains("replay: line at "));
  CHECK_THAT(r.output, Catch::Contains("replay: warning: the journal"));
}

TEST_CASE("a second Øverum for the same citizen says who holds it and changes nothing", "[faults]") {
  Citizen c("two-copies");
  writeStatement(c.dir / "mit.txt");
  const std::string command =
      "cd '" + c.dir.string() + "' && exec env " + c.env + kExe +
      " --mode headless --size 160x90 --choose 1,1,1,1,1,1,1,1,1 --citizen kim-1 --consent notes" + c.passphrase +
      " > first.log 2>&1";
  const pid_t first = fork();
  REQUIRE(first >= 0);
  if (first == 0) {
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  const fs::path citizenDir = c.vault / "citizens" / "kim-1";
  auto journalStarted = [&] {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(citizenDir, ec))
      if (entry.path().extension() == ".journal") return true;
    return false;
  };
  for (int i = 0; i < 600 && !journalStarted(); ++i) usleep(50'000);
  REQUIRE(journalStarted());

  const Run second = c.meeting("--frames 5 --citizen kim-1 --consent notes");
  INFO(second.output);
  CHECK(second.exitCode == 1);
  CHECK_THAT(second.output,
             Catch::Contains("kim-1 er allerede åben") && Catch::Contains("pid " + std::to_string(first)));
  const Run erase = c.data("erase kim-1 --yes");
  CHECK(erase.exitCode == 1);
  CHECK_THAT(erase.output, Catch::Contains("allerede åben"));
  CHECK(fs::exists(citizenDir / "key"));

  // The running copy holds decrypted statements: it may never leave a core dump.
  std::ifstream limits("/proc/" + std::to_string(first) + "/limits");
  const std::string limitsText{std::istreambuf_iterator<char>(limits), {}};
  CHECK_THAT(limitsText, Catch::Matches("[\\s\\S]*Max core file size\\s+0\\s+0[\\s\\S]*"));

  ::kill(first, SIGKILL);
  int status = 0;
  waitpid(first, &status, 0);
  const Run list = c.data("list");
  INFO(list.output);
  CHECK_THAT(list.output, Catch::Contains("interrupted"));
  CHECK_THAT(list.output, !Catch::Contains("damaged"));  // one writer: every record reads
}

TEST_CASE("the example statement is never kept as the citizen's, and a damaged one is set aside", "[faults]") {
  Citizen c("example-statement");
  const Run r = c.meeting("--choose 1,1,1,1,1,1,1,1,1 --citizen kim-1 --consent statement,notes");
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  const fs::path statement = c.vault / "citizens" / "kim-1" / "statement.sealed";
  CHECK_FALSE(fs::exists(statement));

  writeStatement(c.dir / "mit.txt");
  c.keepOne("kim-1");
  REQUIRE(fs::exists(statement));
  std::string sealed = c.file(statement);
  sealed[sealed.size() / 2] ^= 0x20;
  std::ofstream(statement, std::ios::binary) << sealed;
  const Run damaged = c.meeting("--frames 5 --citizen kim-1");  // no --statement: the damaged one is not replaced
  INFO(damaged.output);
  CHECK_THAT(damaged.output, Catch::Contains("statement.sealed er beskadiget"));
  CHECK(c.file(statement) == sealed);
  c.keepOne("kim-1");  // a real new statement: the damaged one goes aside, not away
  CHECK(c.file(c.vault / "citizens" / "kim-1" / "statement.sealed.damaged-1") == sealed);
}

TEST_CASE("passphrase files from other editors and options after the data subcommand work", "[faults]") {
  Citizen c("passphrase-file");
  writeStatement(c.dir / "mit.txt");
  c.keepOne("kim-1");
  for (const char* written : {"facilitator-kode\r\n", "facilitator-kode \n", "facilitator-kode"}) {
    std::ofstream(c.dir / "kode.txt", std::ios::binary) << written;
    const Run r =
        runCommand("env " + c.env + kExe + " data list --passphrase-file " + (c.dir / "kode.txt").string(), c.dir);
    INFO(r.output);
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.output, Catch::Contains("kim-1"));
  }
}
