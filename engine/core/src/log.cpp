// SPDX-License-Identifier: GPL-3.0-or-later
// Logging to stderr, or to a test's sink.
#include <overum/core/clock.h>
#include <overum/core/log.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <string>

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

void write(Level level, std::string_view tag, std::string_view message) {
  std::lock_guard lock(mutex);
  if (sink) {
    sink(level, tag, message);
    return;
  }
  if (level < minimumLevel) return;
  if (level == Level::info)
    std::fprintf(stderr, "%.*s: %.*s\n", int(tag.size()), tag.data(), int(message.size()), message.data());
  else
    std::fprintf(stderr, "%.*s: %s: %.*s\n", int(tag.size()), tag.data(), levelName(level), int(message.size()),
                 message.data());
}

}  // namespace overum::log

namespace overum {
double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}
}  // namespace overum
