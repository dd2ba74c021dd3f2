// SPDX-License-Identifier: GPL-3.0-or-later
// The speech worker thread, the measures' journal fields, the feedback sentences.
#include "speech_worker.h"

#include <overum/core/check.h>
#include <overum/core/log.h>
#include <overum/core/strings.h>

#include <charconv>
#include <chrono>
#include <cmath>

namespace overum::app {

SpeechWorker::SpeechWorker(speech::AnalyserConfig config) : config_(config), thread_([this] { run(); }) {}

SpeechWorker::~SpeechWorker() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void SpeechWorker::beginTurn(std::uint64_t turn) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({Command::Kind::begin, turn, {}});
  }
  wake_.notify_one();
}

void SpeechWorker::feed(std::vector<std::int16_t> samples) {
  if (samples.empty()) return;
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({Command::Kind::samples, 0, std::move(samples)});
  }
  wake_.notify_one();
}

void SpeechWorker::endTurn() {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({Command::Kind::end, 0, {}});
  }
  wake_.notify_one();
}

std::optional<SpeechWorker::Finished> SpeechWorker::take() {
  std::lock_guard lock(mutex_);
  if (finished_.empty()) return std::nullopt;
  Finished f = std::move(finished_.front());
  finished_.pop_front();
  return f;
}

void SpeechWorker::drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return (queue_.empty() && !busy_) || stop_; });
}

void SpeechWorker::run() {
  std::optional<speech::TurnAnalyser> analyser;
  Finished current;
  bool turnOpen = false;
  std::vector<Command> work;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      busy_ = false;
      idle_.notify_all();
      wake_.wait(lock, [&] { return !queue_.empty() || stop_; });
      if (stop_) return;
      work.swap(queue_);
      busy_ = true;
    }
    for (Command& c : work) {
      const auto started = std::chrono::steady_clock::now();
      switch (c.kind) {
        case Command::Kind::begin: try { analyser.emplace(config_);
          } catch (const Error& e) {  // an unsupported rate: no measures, never a stop
            log::warn("speech", "the speech measures are off: {}", e.what());
            analyser.reset();
          }
          current = {};
          current.turn = c.turn;
          turnOpen = true;
          break;
        case Command::Kind::samples:
          if (analyser) analyser->feed(std::span<const std::int16_t>(c.samples));
          break;
        case Command::Kind::end:
          if (!analyser) break;
          current.audioSeconds = analyser->fedSeconds();
          current.measures = analyser->finish();
          current.measured = true;
          break;
      }
      current.analysisSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      // Every turn that began ends here, measured or not: the journal's entries wait for it.
      if (c.kind == Command::Kind::end && turnOpen) {
        turnOpen = false;
        analyser.reset();
        std::lock_guard lock(mutex_);
        finished_.push_back(std::move(current));
      }
    }
    work.clear();
  }
}

// ---- journal fields -----------------------------------------------------------------------------

std::string journalNumber(double v) {
  char buffer[32];
  // Millisecond (or 0.001-unit) precision: more would claim an accuracy the measures do not have.
  const double rounded = std::round(v * 1000.0) / 1000.0;
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, rounded);
  return ec == std::errc() ? std::string(buffer, end) : "0";
}

namespace {

struct FieldDef {
  const char* name;
  double speech::TurnMeasures::*value;
  std::optional<double> speech::TurnMeasures::*optional;
};
constexpr FieldDef kFields[] = {
    {"turn_s", &speech::TurnMeasures::turnSeconds, nullptr},
    {"floor_s", &speech::TurnMeasures::floorSeconds, nullptr},
    {"speaking_s", &speech::TurnMeasures::speakingSeconds, nullptr},
    {"latency_s", nullptr, &speech::TurnMeasures::latencySeconds},
    {"longest_run_s", &speech::TurnMeasures::longestSpeechRunSeconds, nullptr},
    {"longest_pause_s", &speech::TurnMeasures::longestPauseSeconds, nullptr},
    {"speech_rate", &speech::TurnMeasures::speechRate, nullptr},
    {"articulation_rate", &speech::TurnMeasures::articulationRate, nullptr},
    {"loudness_lufs", nullptr, &speech::TurnMeasures::loudnessLufs},
    {"loudness_first_third_lufs", nullptr, &speech::TurnMeasures::firstThirdLufs},
    {"loudness_last_third_lufs", nullptr, &speech::TurnMeasures::lastThirdLufs},
    {"pitch_median_hz", nullptr, &speech::TurnMeasures::medianPitchHz},
    {"pitch_sd_st", nullptr, &speech::TurnMeasures::pitchSdSemitones},
    {"pitch_range_st", nullptr, &speech::TurnMeasures::pitchRangeSemitones},
};

}  // namespace

std::vector<std::pair<std::string, std::string>> measureFields(const speech::TurnMeasures& m) {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("measured", "1");
  for (const FieldDef& f : kFields) {
    if (f.value) out.emplace_back(f.name, journalNumber(m.*f.value));
    else if (const auto& v = m.*f.optional) out.emplace_back(f.name, journalNumber(*v));
  }
  out.emplace_back("pauses", std::to_string(m.pauseCount));
  out.emplace_back("segments", std::to_string(m.segmentCount));
  out.emplace_back("syllables", std::to_string(m.syllableCount));
  out.emplace_back("voiced_frames", std::to_string(m.voicedFrames));
  return out;
}

std::optional<speech::TurnMeasures> measuresFromFields(const session::JournalRecord& record) {
  if (!record.field("measured")) return std::nullopt;  // a turn from before the measures, or unmeasured
  speech::TurnMeasures m;
  for (const FieldDef& f : kFields) {
    const std::optional<double> v = record.number(f.name);
    if (f.value) m.*f.value = v.value_or(0.0);
    else m.*f.optional = v;
  }
  m.pauseCount = int(record.number("pauses").value_or(0));
  m.segmentCount = int(record.number("segments").value_or(0));
  m.syllableCount = int(record.number("syllables").value_or(0));
  m.voicedFrames = int(record.number("voiced_frames").value_or(0));
  return m;
}

// ---- feedback -----------------------------------------------------------------------------------
std::vector<FeedbackSentence> feedbackSentences(const speech::FeedbackInput& input, int maxStrengths) {
  const speech::Feedback chosen = speech::chooseFeedback(input, maxStrengths);
  const bool english = language() == Language::en;
  std::vector<FeedbackSentence> out;
  for (const speech::FeedbackRule* r : chosen.strengths)
    out.push_back({std::string(english ? r->en : r->da), false, false, std::string(r->id)});
  if (chosen.tryNext)
    out.push_back(
        {std::string(english ? chosen.tryNext->en : chosen.tryNext->da), true, false, std::string(chosen.tryNext->id)});
  return out;
}

}  // namespace overum::app
