// SPDX-License-Identifier: GPL-3.0-or-later
// Logging to stderr, or to a test's sink.
#include <overum/core/clock.h>
#include <overum/core/log.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <mutex>
#include <string>
#include <unistd.h>

namespace overum::log {
namespace {

Level initialLevel() {
  const char* env = std::getenv("OVERUM_LOG");
  if (env && std::string_view(env) == "debug") return Level::debug;
  if (env && std::string_view(env) == "warn") return Level::warn;
  if (env && std::string_view(env) == "error") return Level::error;
  return Level::info;
}

std::mutex mutex;
Level minimumLevel = initialLevel();
Sink sink;
std::FILE* terminal = nullptr;  // the user's terminal once stderr carries the libraries' output

void print(std::FILE* out, Level level, std::string_view tag, std::string_view message);

const char* levelName(Level level) {
  switch (level) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warn: return "warning";
    case Level::error: return "error";
  }
  return "?";
}

}  // namespace

void setMinimumLevel(Level level) {
  std::lock_guard lock(mutex);
  minimumLevel = level;
}

void setSink(Sink newSink) {
  std::lock_guard lock(mutex);
  sink = std::move(newSink);
}

bool keepLibraryOutputIn(const std::filesystem::path& file) {
  std::lock_guard lock(mutex);
  if (terminal) return true;
  if (!isatty(STDERR_FILENO)) return false;
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  const int saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
  std::FILE* out = saved >= 0 ? fdopen(saved, "w") : nullptr;
  if (!out || dup2(fd, STDERR_FILENO) < 0) {
    if (out) std::fclose(out);
    else if (saved >= 0) ::close(saved);
    ::close(fd);
    return false;
  }
  ::close(fd);
  std::setvbuf(out, nullptr, _IOLBF, 0);
  terminal = out;
  return true;
}

void write(Level level, std::string_view tag, std::string_view message) {
  std::lock_guard lock(mutex);
  if (sink) {
    sink(level, tag, message);
    return;
  }
  if (level < minimumLevel) return;
  // Our own lines go only to the terminal: a meeting's log lines may quote a scenario line with the
  // citizen's name in it, and the library log is a plain file.
  print(terminal ? terminal : stderr, level, tag, message);
}

namespace {
void print(std::FILE* out, Level level, std::string_view tag, std::string_view message) {
  if (level == Level::info)
    std::fprintf(out, "%.*s: %.*s\n", int(tag.size()), tag.data(), int(message.size()), message.data());
  else
    std::fprintf(out, "%.*s: %s: %.*s\n", int(tag.size()), tag.data(), levelName(level), int(message.size()),
                 message.data());
}
}  // namespace

}  // namespace overum::log

namespace overum {
double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}
}  // namespace overum
