// SPDX-License-Identifier: GPL-3.0-or-later
// The export page in a real browser: headless Chromium opens the page Øverum wrote, a wrong password is
// refused, the right one shows the report (its charts drawn, Danish words only, no internal names) with no
// CSP violation. Driven through the DevTools protocol over --remote-debugging-pipe (NUL-separated JSON on
// fds 3 and 4), so the real page runs unchanged. Exits 77 (CTest: skipped) when Chromium is not installed.
#include <overum/session/export.h>

#include "export_samples.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <poll.h>
#include <random>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPassword = "kodeord-æøå-123";
constexpr int kSkipped = 77;

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("overum-browser-test-" + std::to_string(std::random_device{}()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

// Chromium with its DevTools protocol on a pipe; killed on destruction.
class Chromium {
 public:
  Chromium(const std::string& exe, const fs::path& profile, const fs::path& log) {
    int toChrome[2], fromChrome[2];
    if (pipe2(toChrome, O_CLOEXEC) != 0 || pipe2(fromChrome, O_CLOEXEC) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);  // no stray browser if the test dies
      // Chromium reads commands on fd 3 and answers on fd 4; dup2 clears O_CLOEXEC on the copies.
      const int in = fcntl(toChrome[0], F_DUPFD, 10), out = fcntl(fromChrome[1], F_DUPFD, 10);
      dup2(in, 3);
      dup2(out, 4);
      const int logFd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(logFd, STDOUT_FILENO);
      dup2(logFd, STDERR_FILENO);
      const std::string profileArg = "--user-data-dir=" + profile.string();
      execl(exe.c_str(), exe.c_str(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--remote-debugging-pipe", profileArg.c_str(),
            "about:blank", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(toChrome[0]);
    close(fromChrome[1]);
    to_ = toChrome[1];
    from_ = fromChrome[0];
  }
  ~Chromium() {
    if (to_ >= 0) close(to_);
    if (from_ >= 0) close(from_);
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  Chromium(const Chromium&) = delete;
  Chromium& operator=(const Chromium&) = delete;

  // Sends one command and waits for its answer (events that come first are kept for awaitEvent); throws on a
  // timeout, a closed pipe or an error answer.
  json call(const std::string& method, json params = json::object(), const std::string& session = {}) {
    json message{{"id", ++lastId_}, {"method", method}, {"params", std::move(params)}};
    if (!session.empty()) message["sessionId"] = session;
    const std::string text = message.dump() + '\0';
    if (write(to_, text.data(), text.size()) != ssize_t(text.size()))
      throw std::runtime_error("cannot write to Chromium");
    for (;;) {
      json answer = next(method);
      if (!answer.contains("id")) {
        events_.push_back(std::move(answer));
        continue;
      }
      if (answer["id"] != lastId_) continue;
      if (answer.contains("error")) throw std::runtime_error(method + ": " + answer["error"].dump());
      return answer["result"];
    }
  }

  // Waits for an event ("Page.loadEventFired"), one that came while waiting for an answer included.
  void awaitEvent(const std::string& method) {
    for (;;) {
      json event = events_.empty() ? next(method) : events_.front();
      if (!events_.empty()) events_.erase(events_.begin());
      if (event.value("method", "") == method) return;
    }
  }

 private:
  // The next message from Chromium (60 s at most).
  json next(const std::string& waitingFor) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
      if (const std::size_t end = buffer_.find('\0'); end != std::string::npos) {
        json message = json::parse(buffer_.substr(0, end));
        buffer_.erase(0, end + 1);
        return message;
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd p{from_, POLLIN, 0};
      if (left.count() <= 0 || poll(&p, 1, int(left.count())) <= 0)
        throw std::runtime_error(waitingFor + ": nothing from Chromium in 60 s");
      char chunk[65536];
      const ssize_t n = read(from_, chunk, sizeof chunk);
      if (n <= 0) throw std::runtime_error(waitingFor + ": Chromium closed the pipe");
      buffer_.append(chunk, std::size_t(n));
    }
  }

  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  int lastId_ = 0;
  std::string buffer_;
  std::vector<json> events_;
};

// Types a password into the page's own form and submits it, as a person would; then waits until the page
// has either shown the report or said the password is wrong. Counts CSP violations from the start.
std::string tryPassword(std::string_view password) {
  return "(async (password) => {\n"
         "  const $ = (id) => document.getElementById(id);\n"
         "  const sleep = () => new Promise((r) => setTimeout(r, 50));\n"
         "  globalThis.overumViolations = globalThis.overumViolations || [];\n"
         "  document.addEventListener('securitypolicyviolation', (e) => overumViolations.push(e.violatedDirective));\n"
         "  for (let i = 0; i < 200 && ($('unlock') === null || $('unlock').hidden); i++) await sleep();\n"
         "  $('password').value = password;\n"
         "  $('unlock').requestSubmit();\n"
         "  for (let i = 0; i < 600 && $('report').innerHTML === '' && $('wrong').hidden; i++) await sleep();\n"
         "  const charts = [...document.querySelectorAll('#report svg')];\n"
         "  return {text: $('report').innerText, wrongShown: !$('wrong').hidden, formShown: !$('unlock').hidden,\n"
         "          passwordLeft: $('password').value, downloadShown: !$('download').hidden,\n"
         "          charts: charts.length, drawnCharts: charts.filter((c) => c.getBBox().width > 100).length,\n"
         "          marks: document.querySelectorAll('#report svg circle').length,\n"
         "          violations: overumViolations};\n"
         "})(" +
         json(password).dump() + ")";
}

int failures = 0;
void check(bool ok, const std::string& what) {
  std::cout << (ok ? "ok:     " : "FAILED: ") << what << "\n";
  failures += ok ? 0 : 1;
}

}  // namespace

int main() {
  const char* configured = std::getenv("OVERUM_CHROMIUM");
  const std::string exe = configured ? configured : "/usr/bin/chromium";
  if (access(exe.c_str(), X_OK) != 0) {
    std::cout << "SKIPPED: " << exe << " is not installed (Debian package chromium; scripts/setup.sh installs it)\n";
    return kSkipped;
  }
  std::signal(SIGPIPE, SIG_IGN);  // a browser that died is an error answer, not the end of the test
  TempDir dir;
  const overum::session::HtmlExport page =
      overum::session::exportHtml(overum::session::samples::progressExport(), kPassword, overum::Language::da, 1000);
  if (!page.error.empty()) {
    std::cout << "FAILED: no page: " << page.error << "\n";
    return 1;
  }
  const fs::path file = dir.path / "overum-borger-1.html";
  std::ofstream(file, std::ios::binary) << page.html;

  try {
    Chromium chromium(exe, dir.path / "profile", dir.path / "chromium.log");
    const std::string target = chromium.call("Target.createTarget", {{"url", "about:blank"}})["targetId"];
    const std::string session =
        chromium.call("Target.attachToTarget", {{"targetId", target}, {"flatten", true}})["sessionId"];
    chromium.call("Page.enable", json::object(), session);
    chromium.call("Page.navigate", {{"url", "file://" + file.string()}}, session);
    chromium.awaitEvent("Page.loadEventFired");
    const auto run = [&](std::string_view password) {
      const json result = chromium.call(
          "Runtime.evaluate", {{"expression", tryPassword(password)}, {"awaitPromise", true}, {"returnByValue", true}},
          session);
      if (result.contains("exceptionDetails")) throw std::runtime_error(result["exceptionDetails"].dump());
      return result["result"]["value"];
    };

    const json wrong = run("forkert-kodeord");
    check(wrong["wrongShown"] == true, "a wrong password says so");
    check(wrong["text"] == "", "a wrong password shows nothing of the report");

    const json opened = run(kPassword);
    const std::string text = opened["text"];
    check(opened["wrongShown"] == false && opened["formShown"] == false, "the right password opens the page");
    check(opened["passwordLeft"] == "", "the password is cleared from the form");
    check(opened["downloadShown"] == true, "the JSON is offered as a download");
    check(opened["charts"] == 6, "six charts in 'Din udvikling' (got " + opened["charts"].dump() + ")");
    check(opened["drawnCharts"] == 6, "every chart is drawn with a width (got " + opened["drawnCharts"].dump() + ")");
    check(opened["marks"].get<int>() >= 3 * 6, "the charts have their marks (got " + opened["marks"].dump() + ")");
    check(opened["violations"].empty(), "no Content-Security-Policy violation: " + opened["violations"].dump());
    for (const char* shown : {"Det, Øverum har gemt om dig", "Din udvikling", "Uro", "før", "efter", "Taletempo",
                              "Dit personlige statement", "Kanariefugl på Ærø 4711", "Dine sessioner"})
      check(text.find(shown) != std::string::npos, std::string("the report shows '") + shown + "'");
    for (const char* hidden : {"myndighedsmoede", "presset", "suds", "nausea", "speech_rate", "progress.", "NaN",
                               "the meeting ended", "Unease", "mood", "SvaertMoment"})
      check(text.find(hidden) == std::string::npos, std::string("the report does not show '") + hidden + "'");

    if (const char* shot = std::getenv("OVERUM_BROWSER_SCREENSHOT")) {  // to look at the page by eye
      const json png = chromium.call("Page.captureScreenshot", {{"captureBeyondViewport", true}}, session);
      std::ofstream(shot, std::ios::binary) << png["data"].get<std::string>();
      std::cout << "base64 PNG written to " << shot << "\n";
    }
    chromium.call("Browser.close");
  } catch (const std::exception& e) {
    std::cout << "FAILED: " << e.what() << "\n";
    std::ifstream log(dir.path / "chromium.log");
    std::cout << "chromium's log:\n" << log.rdbuf() << "\n";
    return 1;
  }
  std::cout << (failures ? "FAILED: " + std::to_string(failures) + " checks\n" : "all checks passed\n");
  return failures ? 1 : 0;
}
