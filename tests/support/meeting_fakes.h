// SPDX-License-Identifier: GPL-3.0-or-later
// Whole meetings in tests without sound: a clock the test moves, a voice whose lines "play" for a
// time set by their length on that clock, and compiling a .yarn text against the meeting vocabulary.
#pragma once
#include <overum/meeting/director.h>
#include <overum/scenario/compiler.h>
#include <overum/scenario/meeting_vocabulary.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

namespace overum::testing {

struct FakeClock {
  double now = 0.0;
};

// A line lasts baseSeconds + secondsPerChar per character of its text; spoken and stops record calls.
class FakeSpeech : public meeting::SpeechOutput {
 public:
  explicit FakeSpeech(const FakeClock& clock, double secondsPerChar = 0.04, double baseSeconds = 0.0)
      : clock_(clock), secondsPerChar_(secondsPerChar), baseSeconds_(baseSeconds) {}
  void speak(const meeting::Speaker& who, const std::string&, const std::string& text) override {
    spoken.push_back(who.name + ": " + text);
    until_ = clock_.now + baseSeconds_ + secondsPerChar_ * double(text.size());
  }
  bool busy() const override { return clock_.now < until_; }
  void stop() override {
    until_ = 0.0;
    ++stops;
  }
  std::vector<std::string> spoken;
  int stops = 0;

 private:
  const FakeClock& clock_;
  double secondsPerChar_, baseSeconds_;
  double until_ = 0.0;
};

// Compiles one .yarn text with the meeting commands and host variables; fails the test on errors.
inline std::shared_ptr<const scenario::Program> compileMeetingText(const char* name, const char* text) {
  const scenario::SourceFile file{name, text};
  const auto result = scenario::compile({&file, 1}, scenario::meetingVocabulary());
  for (const auto& d : result.diagnostics) UNSCOPED_INFO(scenario::formatDiagnostic(d));
  REQUIRE(result.ok());
  return result.program;
}

// The shipped meetings: every folder under scenarios/ with a cast.json, sorted (tests run in the source tree).
inline std::vector<std::filesystem::path> shippedMeetings() {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator("scenarios"))
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "cast.json")) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace overum::testing
