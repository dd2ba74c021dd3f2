// SPDX-License-Identifier: GPL-3.0-or-later
// The replay track in the journal: its records written and read (see replay_track.h).
// Sections: numbers in text · writing · the per-second batch · reading · the fingerprint
#include <overum/session/replay_track.h>

#include <overum/core/format.h>

#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <span>

namespace overum::session {
namespace {

// ---- numbers in text ------------------------------------------------------------------------------
std::optional<long long> integerOf(std::string_view text) {
  long long v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<double> decimalOf(std::string_view text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::vector<std::string_view> split(std::string_view text, char at) {
  std::vector<std::string_view> parts;
  while (!text.empty()) {
    const std::size_t end = text.find(at);
    parts.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return parts;
}

long long millis(double seconds) { return std::llround(seconds * 1000.0); }

// A head pose as the track keeps it: millimetres, and quaternion components in 1/10000.
std::array<long long, 7> quantized(const Pose& head) {
  const glm::vec3 p = head.position * 1000.0f;
  const glm::quat q = head.orientation;
  return {std::llround(p.x),        std::llround(p.y),        std::llround(p.z),       std::llround(q.x * 1e4f),
          std::llround(q.y * 1e4f), std::llround(q.z * 1e4f), std::llround(q.w * 1e4f)};
}

// ---- writing --------------------------------------------------------------------------------------
std::string valueText(const scenario::Value& v) {
  switch (v.type) {
    case scenario::Type::String: return "s:" + v.string;
    case scenario::Type::Bool: return v.asBool() ? "b:1" : "b:0";
    default: return "n:" + v.asString();
  }
}

std::optional<scenario::Value> valueOf(std::string_view text) {
  if (text.size() < 2 || text[1] != ':') return std::nullopt;
  const std::string_view rest = text.substr(2);
  if (text[0] == 's') return scenario::Value::fromString(std::string(rest));
  if (text[0] == 'b') return scenario::Value::fromBool(rest == "1");
  if (const auto n = decimalOf(rest); text[0] == 'n' && n) return scenario::Value::fromNumber(*n);
  return std::nullopt;
}

}  // namespace

JournalRecord replayStartRecord(const ReplayStart& start) {
  JournalRecord r{start.time, "replay-start", start.node, {}};
  r.fields.emplace_back("seed", std::to_string(start.seed));
  r.fields.emplace_back("scenario_hash", start.scenarioHash);
  if (!start.meeting.empty()) r.fields.emplace_back("meeting", start.meeting);
  for (const auto& [name, value] : start.variables) r.fields.emplace_back("var:" + name, valueText(value));
  return r;
}

JournalRecord replayInputRecord(const ReplayInput& input) {
  JournalRecord r{input.time, "input", {}, {}};
  if (input.choice) r.fields.emplace_back("choice", std::to_string(*input.choice));
  if (input.finished) r.fields.emplace_back("finished", "1");
  if (input.pause) r.fields.emplace_back("pause", "1");
  if (input.resume) r.fields.emplace_back("resume", "1");
  return r;
}

JournalRecord replayActionRecord(const ReplayAction& action) {
  JournalRecord r{action.time, "act", action.kind, {}};
  if (!action.target.empty()) r.fields.emplace_back("target", action.target);
  if (!action.text.empty()) r.fields.emplace_back("text", action.text);
  if (action.index >= 0) r.fields.emplace_back("index", std::to_string(action.index));
  if (action.on) r.fields.emplace_back("on", "1");
  return r;
}

// ---- the per-second batch -------------------------------------------------------------------------
void ReplayRecorder::lineDone(std::size_t line, double time) {
  if (!since_) since_ = time;
  lineDone_.emplace_back(line, time);
}

void ReplayRecorder::voice(bool heard, double time) {
  if (heard == heard_) return;
  heard_ = heard;
  if (!since_) since_ = time;
  voiceToggles_.push_back(time);
}

void ReplayRecorder::head(const Pose& head, double time) {
  if (time - lastHead_ < kHeadInterval - 1e-6) return;
  lastHead_ = time;
  // A head that has not moved (as the track can tell) is not kept again; the last still sample is, once it
  // moves, so the replay holds it still until then.
  const std::array<long long, 7> q = quantized(head);
  if (q == lastKept_) {
    held_ = HeadSample{time, head};
    return;
  }
  if (!since_) since_ = held_ ? held_->time : time;
  if (held_) head_.push_back(*std::exchange(held_, std::nullopt));
  head_.push_back({time, head});
  lastKept_ = q;
}

std::optional<JournalRecord> ReplayRecorder::take(double now, bool all) {
  if (!since_ || (!all && now - *since_ < kBatchSeconds)) return std::nullopt;
  // Times in milliseconds from the record's own; the head delta-coded (millimetres, 1/10000 of a
  // quaternion component), so a still head costs a few bytes a sample.
  const double at = *since_;
  JournalRecord r{at, "track", {}, {}};
  std::string text;
  auto field = [&](const char* name) {
    if (!text.empty()) r.fields.emplace_back(name, std::exchange(text, {}));
  };
  for (const auto& [line, time] : lineDone_)
    text += format("{}{}@{}", text.empty() ? "" : ";", line, millis(time - at));
  field("done");
  for (std::size_t i = 0; i < voiceToggles_.size(); ++i)
    text += format("{}{}", i ? ";" : "", millis(voiceToggles_[i] - at));
  field("voice");
  std::array<long long, 8> previous{};
  for (const HeadSample& s : head_) {
    std::array<long long, 8> now{millis(s.time - at)};
    const std::array<long long, 7> q = quantized(s.head);
    std::copy(q.begin(), q.end(), now.begin() + 1);
    if (!text.empty()) text += ';';
    for (std::size_t k = 0; k < now.size(); ++k) text += format("{}{}", k ? "," : "", now[k] - previous[k]);
    previous = now;
  }
  field("head");
  // The voice and the head's rate go on across batches.
  lineDone_.clear();
  voiceToggles_.clear();
  head_.clear();
  since_.reset();
  return r;
}

void ReplayRecorder::reset() {
  lineDone_.clear();
  voiceToggles_.clear();
  head_.clear();
  since_.reset();
  lastHead_ = -1e9;
  lastKept_.reset();
  held_.reset();
  heard_ = false;
}

// ---- reading --------------------------------------------------------------------------------------
namespace {

// The first number of "12.5 s, 9 s spoken" or "recording-…-1 (3.2 s)".
std::optional<double> secondsIn(std::string_view text) {
  const std::size_t from =
      text.find_first_of("0123456789", text.rfind('(') == std::string_view::npos ? 0 : text.rfind('('));
  if (from == std::string_view::npos) return std::nullopt;
  const std::size_t to = text.find(' ', from);
  return decimalOf(text.substr(from, to == std::string_view::npos ? std::string_view::npos : to - from));
}

bool readTrackRecord(ReplayTrack& t, const JournalRecord& r) {
  if (const std::string* done = r.field("done"))
    for (std::string_view item : split(*done, ';')) {
      const std::size_t at = item.find('@');
      const auto line = integerOf(item.substr(0, at));
      const auto ms = at == std::string_view::npos ? std::nullopt : integerOf(item.substr(at + 1));
      if (!line || !ms || *line < 0 || *line > 1'000'000) return false;
      if (t.lineDone.size() <= std::size_t(*line))
        t.lineDone.resize(std::size_t(*line) + 1, std::numeric_limits<double>::quiet_NaN());
      t.lineDone[std::size_t(*line)] = r.time + double(*ms) / 1000.0;
    }
  if (const std::string* voice = r.field("voice"))
    for (std::string_view item : split(*voice, ';')) {
      const auto ms = integerOf(item);
      if (!ms) return false;
      t.voiceToggles.push_back(r.time + double(*ms) / 1000.0);
    }
  if (const std::string* head = r.field("head")) {
    std::array<long long, 8> v{};
    for (std::string_view sample : split(*head, ';')) {
      const auto parts = split(sample, ',');
      if (parts.size() != v.size()) return false;
      for (std::size_t k = 0; k < v.size(); ++k) {
        const auto d = integerOf(parts[k]);
        if (!d) return false;
        v[k] += *d;
      }
      HeadSample s;
      s.time = r.time + double(v[0]) / 1000.0;
      s.head.position = glm::vec3(float(v[1]), float(v[2]), float(v[3])) / 1000.0f;
      s.head.orientation =
          glm::normalize(glm::quat(float(v[7]) / 1e4f, float(v[4]) / 1e4f, float(v[5]) / 1e4f, float(v[6]) / 1e4f));
      t.head.push_back(s);
    }
  }
  return true;
}

bool readStart(ReplayTrack& t, const JournalRecord& r) {
  ReplayStart s;
  s.time = r.time;
  s.node = r.text;
  const std::string* seed = r.field("seed");
  const auto seedValue = seed ? integerOf(*seed) : std::nullopt;
  if (!seedValue || *seedValue < 0) return false;
  s.seed = std::uint64_t(*seedValue);
  if (const std::string* hash = r.field("scenario_hash")) s.scenarioHash = *hash;
  if (const std::string* meeting = r.field("meeting")) t.meeting = s.meeting = *meeting;
  for (const auto& [name, text] : r.fields) {
    if (!name.starts_with("var:")) continue;
    const auto value = valueOf(text);
    if (!value) return false;
    s.variables.emplace_back(name.substr(4), *value);
  }
  t.start = std::move(s);
  return true;
}

}  // namespace

ReplayTrack replayTrackOf(const JournalReadResult& journal) {
  ReplayTrack t;
  // Up to the first damaged or removed record: after it the meeting could go another way than it went.
  const std::size_t readable = journal.firstGap.value_or(journal.records.size());
  for (const JournalRecord& r : std::span(journal.records).first(readable)) {
    // A meeting interrupted and resumed later goes on in the same journal on a new clock: the replay ends
    // where it was interrupted.
    if (r.kind == "interrupted" || (r.kind == "resume" && r.text.starts_with("resumed after"))) {
      t.problem = format("the meeting was interrupted after {} s; the replay ends there", std::lround(r.time));
      break;
    }
    bool readable = true;
    if (r.kind == "start" && t.meeting.empty()) t.meeting = r.text;
    else if (r.kind == "replay-start") readable = readStart(t, r);
    else if (r.kind == "input") {
      ReplayInput in{r.time, std::nullopt, r.field("finished") != nullptr, r.field("pause") != nullptr,
                     r.field("resume") != nullptr};
      if (const std::string* choice = r.field("choice")) {
        const auto n = integerOf(*choice);
        readable = n && *n >= 0;
        if (readable) in.choice = std::size_t(*n);
      }
      t.inputs.push_back(in);
    } else if (r.kind == "act") {
      ReplayAction a{r.time, r.text, {}, {}, -1, r.field("on") != nullptr};
      if (const std::string* v = r.field("target")) a.target = *v;
      if (const std::string* v = r.field("text")) a.text = *v;
      if (const std::string* v = r.field("index")) a.index = int(integerOf(*v).value_or(-1));
      t.actions.push_back(std::move(a));
    } else if (r.kind == "track") readable = readTrackRecord(t, r);
    else if (r.kind == "line") t.lines.push_back(r);
    else if (r.kind == "bookmark" || r.kind == "note")
      t.marks.push_back({r.time, r.kind == "note" ? ReplayMark::Kind::note : ReplayMark::Kind::bookmark, r.text});
    else if (r.kind == "choice") t.marks.push_back({r.time, ReplayMark::Kind::choice, r.text});
    else if (r.kind == "statement" || r.kind == "answer")
      t.marks.push_back({std::max(0.0, r.time - secondsIn(r.text).value_or(0.0)), ReplayMark::Kind::turn, r.kind});
    else if (r.kind == "recording") {
      ReplayRecording rec{r.text.substr(0, r.text.find(' ')), 0.0, r.number("seconds").value_or(0.0)};
      if (rec.seconds <= 0.0) rec.seconds = secondsIn(r.text).value_or(0.0);
      rec.start = r.number("start").value_or(r.time - rec.seconds);
      t.recordings.push_back(std::move(rec));
    }
    if (!readable) {
      t.problem = format("a replay record at {} s could not be read; the replay ends there", std::lround(r.time));
      break;
    }
    t.endTime = std::max(t.endTime, r.time);
  }
  std::sort(t.marks.begin(), t.marks.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
  if (!t.start)
    t.problem = "this meeting was kept before replays were (or the director never started): it cannot be replayed";
  else if (t.problem.empty() && journal.firstGap)
    t.problem = format("the journal is damaged after {} s: the replay ends there ({})", std::lround(t.endTime),
                       journal.problem);
  else if (t.problem.empty() && journal.cutOff)
    t.problem =
        format("the journal ends at {} s (its last record was cut off while it was written): the replay ends there",
               std::lround(t.endTime));
  return t;
}

// ---- the fingerprint ------------------------------------------------------------------------------
std::string scenarioHash(const std::vector<std::pair<std::string, std::string>>& namedFiles) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 16);
  for (const auto& [name, bytes] : namedFiles)
    for (const std::string* part : {&name, &bytes}) {
      const std::uint64_t size = part->size();
      crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(&size), sizeof size);
      crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part->data()), part->size());
    }
  unsigned char hash[16];
  crypto_generichash_final(&state, hash, sizeof hash);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

}  // namespace overum::session
