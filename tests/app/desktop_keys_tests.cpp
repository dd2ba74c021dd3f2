// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop window driven like a citizen drives it: real X key events (xdotool, through XTEST) on
// a private Xvfb, through every meeting. One Enter ends each turn in the frame it is read; a
// pause (P) and a resume (P) in the middle of a turn give the turn back as it was; the journal of
// the run starts at 0 s and holds each turn once. The test waits on what the app logs, never on
// fixed sleeps alone, so a slow shared machine only makes it slower.
#include "citizen_journal.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
namespace session = overum::session;
using namespace std::chrono_literals;

namespace {

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::size_t countOf(const std::string& text, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

// `overum` on its own Xvfb (tests/support/with-xvfb.sh), its log in dir/run.log; stopped when the test ends.
class DesktopRun {
 public:
  DesktopRun(const fs::path& dir, const std::string& env, const std::string& arguments) : dir_(dir) {
    const std::string inner = "echo $DISPLAY > display.txt; exec " + std::string(OVERUM_EXE) + " " + arguments;
    const std::string command = "cd '" + dir.string() + "' && exec env " + env + OVERUM_WITH_XVFB +
                                " -s 1024x768x24 sh -c '" + inner + "' > run.log 2>&1";
    child_ = fork();
    REQUIRE(child_ >= 0);
    if (child_ == 0) {
      setpgid(0, 0);  // its own group: Xvfb and overum are stopped together if the test gives up
      execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~DesktopRun() {
    if (child_ > 0 && !finished(0s)) {
      ::kill(-child_, SIGTERM);
      waitpid(child_, nullptr, 0);
    }
  }

  std::string log() const { return readFile(dir_ / "run.log"); }
  // Polls the log until `ready` holds; false after `limit`.
  bool waitFor(const std::function<bool(const std::string&)>& ready, std::chrono::seconds limit) const {
    for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;) {
      if (ready(log())) return true;
      std::this_thread::sleep_for(30ms);
    }
    return ready(log());
  }
  bool waitForCount(std::string_view needle, std::size_t count, std::chrono::seconds limit) const {
    return waitFor([&](const std::string& log) { return countOf(log, needle) >= count; }, limit);
  }
  // xdotool on the run's display: `key Return` is a real key press and release through XTEST.
  void xdo(const std::string& arguments) const {
    std::string display = readFile(dir_ / "display.txt");
    display.erase(display.find_last_not_of("\n ") + 1);
    REQUIRE_FALSE(display.empty());
    // A loaded machine can make xdotool give up waiting (focus, a window map): try again a few times.
    int status = -1;
    for (int attempt = 0; attempt < 4 && status != 0; ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(1s);
      status = std::system(("DISPLAY=" + display + " xdotool " + arguments + " >/dev/null 2>&1").c_str());
    }
    if (status != 0) FAIL("xdotool " << arguments << " failed; " << state() << "\n--- overum's log ---\n" << log());
  }
  // Ctrl+Q: the window may close before xdotool has released the keys, and xdotool then fails (seen
  // under load). That is the key having worked: the test checks that overum ended, and how.
  void quit() const {
    std::string display = readFile(dir_ / "display.txt");
    display.erase(display.find_last_not_of("\n ") + 1);
    for (int attempt = 0; attempt < 4 && !ended(); ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(1s);
      if (std::system(("DISPLAY=" + display + " xdotool key ctrl+q >/dev/null 2>&1").c_str()) == 0) return;
    }
  }
  bool ended() const {
    siginfo_t info{};
    return child_ > 0 && waitid(P_PID, id_t(child_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == child_;
  }
  // Whether overum (and its Xvfb) still run, without reaping it: what a failed key press needs said.
  std::string state() const {
    siginfo_t info{};
    if (!ended()) return "overum is still running";
    waitid(P_PID, id_t(child_), &info, WEXITED | WNOHANG | WNOWAIT);
    return info.si_code == CLD_EXITED ? "overum had ended with exit code " + std::to_string(info.si_status)
                                      : "overum had been ended by signal " + std::to_string(info.si_status);
  }
  bool finished(std::chrono::seconds limit) {
    for (auto end = std::chrono::steady_clock::now() + limit;; std::this_thread::sleep_for(50ms)) {
      int status = 0;
      if (waitpid(child_, &status, WNOHANG) == child_) {
        child_ = -1;
        return true;
      }
      if (std::chrono::steady_clock::now() >= end) return false;
    }
  }

 private:
  fs::path dir_;
  pid_t child_ = -1;
};

// A fresh folder for one run, with the facilitator's passphrase file (kode.txt) in it.
fs::path keysDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("overum-keys-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "kode.txt") << "facilitator-kode\n";
  return dir;
}

// The run's home and XDG folders, all inside dir (pictures land in dir/Billeder).
std::string keysEnv(const fs::path& dir) {
  return "HOME=" + dir.string() + " XDG_CACHE_HOME=" + (dir / "cache").string() +
         " XDG_DATA_HOME=" + (dir / "data").string() + " XDG_STATE_HOME=" + (dir / "state").string() +
         " XDG_CONFIG_HOME=" + (dir / "config").string() + " ";
}

bool isTurn(const session::JournalRecord& r) { return r.kind == "statement" || r.kind == "answer"; }
bool beginsTurn(const session::JournalRecord& r) {
  return r.kind == "command" && (r.text == "statement" || r.text.starts_with("listen"));
}
// Commands that change only how the characters look: the meeting has not moved on by them.
bool onlyLooks(const session::JournalRecord& r) {
  return r.kind == "hint" || (r.kind == "command" && (r.text.starts_with("look") || r.text.starts_with("gesture") ||
                                                      r.text.starts_with("mood")));
}

// One meeting in the desktop window, played with real keys until `turnsWanted` turns have ended; the
// second turn is paused and resumed first, and F12 takes a picture during the first.
void playWithKeys(const std::string& meeting, std::size_t turnsWanted) {
  INFO(meeting);
  const fs::path dir = keysDir(meeting);
  const std::string env = keysEnv(dir);
  DesktopRun run(dir, env,
                 "--mode desktop --size 640x360 --scenario " + fs::absolute("scenarios/" + meeting).string() +
                     " --citizen kim-4 --consent notes --passphrase-file " + (dir / "kode.txt").string());
  // Fails with what the app logged so far, so a failure on a slow machine says where it stood.
  const auto expect = [&](bool ok, const std::string& what) {
    if (!ok) FAIL(what << "\n--- overum's log ---\n" << run.log());
  };
  expect(run.waitForCount("first frame after", 1, 120s), "the window never showed a frame");
  run.xdo("search --sync --name verum windowfocus --sync");
  run.xdo("mousemove 320 180");  // with no window manager the keyboard also follows the pointer

  // Before the meeting the citizen says how they feel: a number key answers "hvor urolig?", the arrows
  // and Enter answer "hvor sikker?" (the mark starts in the middle); then the meeting starts.
  std::this_thread::sleep_for(500ms);
  run.xdo("key 6");
  expect(run.waitForCount("question suds (before): answered", 1, 30s), "key 6 did not answer the first question");
  run.xdo("key Right");
  run.xdo("key Right");
  run.xdo("key Return");
  expect(run.waitForCount("question confidence (before): answered", 1, 30s), "→ → Enter did not answer the second");

  // Through the meeting until three turns have ended: the first option for every question, Enter a
  // moment into every turn, and in the second turn a pause and a resume first.
  const auto turnBegun = [](const std::string& log) {
    return countOf(log, "command: statement") + countOf(log, "command: listen");
  };
  const auto turnEnded = [](const std::string& log) {
    return countOf(log, "meeting: statement:") + countOf(log, "meeting: answer:");
  };
  std::size_t turns = 0, answered = 0;
  while (turns < turnsWanted) {
    expect(run.waitFor(
               [&](const std::string& log) { return turnBegun(log) > turns || countOf(log, "options:") > answered; },
               180s),
           "the meeting never reached the next question or turn");
    const std::string log = run.log();
    if (countOf(log, "options:") > answered) {
      run.xdo("key 1");
      expect(run.waitForCount("select:", ++answered, 30s), "key 1 did not choose the first option");
      continue;
    }
    std::this_thread::sleep_for(500ms);
    if (turns == 0) {
      run.xdo("key F12");  // the citizen's own picture of the screen, as the README promises
      expect(run.waitFor(
                 [&](const std::string&) {
                   std::error_code ec;
                   return fs::exists(dir / "Billeder" / "Øverum", ec) && !fs::is_empty(dir / "Billeder" / "Øverum", ec);
                 },
                 30s),
             "F12 saved no picture");
    }
    if (turns == 1) {
      run.xdo("key p");
      expect(run.waitForCount("meeting: paused", 1, 30s), "P did not pause");
      std::this_thread::sleep_for(1500ms);
      run.xdo("key p");
      expect(run.waitForCount("meeting: resumed", 1, 30s), "P did not resume");
      std::this_thread::sleep_for(500ms);
      expect(turnEnded(run.log()) == turns, "the pause ended the turn");
    }
    // → steps the cue card through the statement's parts (nothing happens in an answer).
    run.xdo("key Right");
    std::this_thread::sleep_for(300ms);
    run.xdo("key Right");
    run.xdo("key Return");
    ++turns;
    expect(run.waitFor([&](const std::string& log) { return turnEnded(log) >= turns; }, 30s),
           "Enter did not end turn " + std::to_string(turns));
  }
  run.quit();
  expect(run.finished(60s), "Ctrl+Q did not close the window");

  const session::JournalReadResult journal =
      overum::testing::onlyJournal(dir / "data" / "overum" / "vault", "facilitator-kode", "kim-4");
  const auto& records = journal.records;
  std::string listing;
  for (const auto& r : records) listing += std::to_string(r.time) + " " + r.kind + " " + r.text + "\n";
  INFO(listing);
  REQUIRE_FALSE(records.empty());
  CHECK(records.front().kind == "start");
  CHECK(records.front().time == 0.0);
  REQUIRE(records.size() > 3);
  CHECK(records[1].kind == "rating");
  CHECK(*records[1].field("scale") == "suds");
  CHECK(*records[1].field("value") == "6");
  CHECK(*records[2].field("scale") == "confidence");
  CHECK(*records[2].field("value") == "6");  // from the middle (5), one step right

  std::size_t turnRecords = 0;
  double turnBegan = -1.0, pausedAt = -1.0, pausedFor = 0.0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const session::JournalRecord& r = records[i];
    if (beginsTurn(r)) {
      turnBegan = r.time;
      pausedFor = 0.0;
    }
    if (r.kind == "pause") pausedAt = r.time;
    if (r.kind == "resume") pausedFor += r.time - pausedAt;
    if (!isTurn(r)) continue;
    ++turnRecords;
    INFO("turn record " << i);
    if (r.kind == "statement") {  // stepped twice: four parts' times, the first two as long as the waits
      REQUIRE(r.number("part_4_s"));
      CHECK(*r.number("part_1_s") > 0.2);
      CHECK(*r.number("part_2_s") > 0.2);
      CHECK(*r.number("part_4_s") == 0.0);
    }
    REQUIRE(turnBegan >= 0.0);  // one record per turn: never a second one for the same turn
    // Time on the floor is the turn's time less its pause ("12.5 s, 0 s spoken").
    CHECK(std::stod(r.text) == Approx(r.time - turnBegan - pausedFor).margin(0.01));
    turnBegan = -1.0;
    // The meeting moved on in the same update that ended the turn.
    std::size_t next = i + 1;
    while (next < records.size() && onlyLooks(records[next])) ++next;
    REQUIRE(next < records.size());
    CHECK_FALSE(isTurn(records[next]));
    CHECK(records[next].time == r.time);
  }
  CHECK(turnRecords == turnsWanted);
  CHECK(countOf(listing, "\n") == records.size());
  fs::remove_all(dir);
}

}  // namespace

TEST_CASE(
    "the desktop window with real keys, in every meeting: one Enter ends each turn, a pause keeps the turn, the "
    "journal is clean") {
  if (std::system("command -v Xvfb >/dev/null 2>&1 && command -v xdotool >/dev/null 2>&1") != 0)
    FAIL("Xvfb or xdotool is missing: run scripts/setup.sh");
  playWithKeys("myndighedsmoede", 3);
  playWithKeys("behandlingsmoede", 2);
  playWithKeys("opfoelgning", 2);
}

TEST_CASE("a kept meeting replayed in the window with real keys: pause, on, the next mark, another chair, a picture") {
  if (std::system("command -v Xvfb >/dev/null 2>&1 && command -v xdotool >/dev/null 2>&1") != 0)
    FAIL("Xvfb or xdotool is missing: run scripts/setup.sh");
  const fs::path dir = keysDir("replay");
  const std::string env = keysEnv(dir);
  const std::string citizen = " --citizen kim-5 --passphrase-file " + (dir / "kode.txt").string();
  REQUIRE(std::system(("cd '" + dir.string() + "' && " + env + OVERUM_EXE +
                       " --mode headless --size 160x90 --choose 1,1,1,1,1,1,1,1,1 --consent notes --rate 5,5" +
                       citizen + " > live.log 2>&1")
                          .c_str()) == 0);

  DesktopRun run(dir, env, "--mode desktop --size 640x360 --replay last" + citizen);
  const auto expect = [&](bool ok, const std::string& what) {
    if (!ok) FAIL(what << "\n--- overum's log ---\n" << run.log());
  };
  expect(run.waitForCount("replay: line at", 2, 120s), "the replay never said its lines");
  run.xdo("search --sync --name verum windowfocus --sync");
  run.xdo("mousemove 320 180");
  run.xdo("key space");
  expect(run.waitForCount("replay: paused at", 1, 30s), "Space did not pause the replay");
  const std::size_t said = countOf(run.log(), "replay: line at");
  std::this_thread::sleep_for(2500ms);
  expect(countOf(run.log(), "replay: line at") == said, "the replay went on while paused");
  run.xdo("key Right");
  expect(run.waitForCount("replay: moved to", 1, 30s), "→ did not move the replay on");
  run.xdo("key Return");
  expect(run.waitForCount("replay: moved to", 2, 30s), "Enter did not go to the next mark");
  run.xdo("key s");
  expect(run.waitForCount("replay: seen from the citizen's chair, steady", 1, 30s), "S did not change the chair");
  run.xdo("key s");
  expect(run.waitForCount("replay: seen from sagsbehandler", 1, 30s), "S did not move to Mette's chair");
  run.xdo("key space");
  expect(run.waitForCount("replay: playing at", 1, 30s), "Space did not play the replay again");
  expect(run.waitForCount("replay: line at", said + 1, 60s), "the replay did not go on after the pause");
  run.xdo("key F12");
  expect(run.waitFor(
             [&](const std::string&) {
               std::error_code ec;
               return fs::exists(dir / "Billeder" / "Øverum", ec) && !fs::is_empty(dir / "Billeder" / "Øverum", ec);
             },
             30s),
         "F12 saved no picture of the replay");
  run.quit();
  expect(run.finished(60s), "Ctrl+Q did not close the window");
  fs::remove_all(dir);
}
