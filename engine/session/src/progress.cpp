// SPDX-License-Identifier: GPL-3.0-or-later
// Progress over sessions: the per-session summary from a journal's records, and the charts of the summaries.
// Sections: reading one journal (ratings, the statement, medians), many sessions, the charts, numbers and dates.
#include <overum/session/progress.h>

#include <overum/core/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <exception>

namespace overum::session {
namespace {

// ---- one journal -----------------------------------------------------------------------------------------

// A finite number from a field; a journal's "nan" or "inf" must never reach a chart.
std::optional<double> finiteNumber(const JournalRecord& r, std::string_view name) {
  const std::optional<double> v = r.number(name);
  return v && std::isfinite(*v) ? v : std::nullopt;
}

// A rating's value within its scale (SUDS and confidence 0–10); empty when skipped or out of range.
std::optional<int> ratingValue(const JournalRecord& r, int maxValue) {
  const std::string* value = r.field("value");
  if (!value || r.field("skipped")) return std::nullopt;
  int v = -1;
  const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), v);
  if (ec != std::errc() || end != value->data() + value->size() || v < 0 || v > maxValue) return std::nullopt;
  return v;
}

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
}

// "20261129-101500[-n]" → "2026-11-29".
std::string dateOfSession(std::string_view id) {
  if (id.size() < 8 || id.substr(0, 8).find_first_not_of("0123456789") != std::string_view::npos) return {};
  if (id.size() > 8 && id[8] != '-') return {};
  return format("{}-{}-{}", id.substr(0, 4), id.substr(4, 2), id.substr(6, 2));
}

void readStatement(SessionProgress& p, const JournalRecord& r) {
  std::optional<double> partsSum;
  int presented = 0;
  for (int n = 1; n <= 4; ++n) {
    const std::optional<double> part = finiteNumber(r, format("part_{}_s", n));
    if (!part) continue;
    partsSum = partsSum.value_or(0.0) + std::max(0.0, *part);
    presented += *part >= kPartPresentedSeconds ? 1 : 0;
  }
  // A statement given again (the meeting restarted from an earlier part) replaces the first one.
  p.statementSeconds = partsSum ? partsSum : finiteNumber(r, "floor_s");
  p.partsPresented = partsSum ? std::optional<int>(presented) : std::nullopt;
}

void readRating(SessionProgress& p, const JournalRecord& r) {
  const std::string* scale = r.field("scale");
  const std::string* moment = r.field("moment");
  if (!scale || !moment) return;
  std::optional<int>* before = nullptr;
  std::optional<int>* after = nullptr;
  if (*scale == "suds") before = &p.sudsBefore, after = &p.sudsAfter;
  else if (*scale == "confidence") before = &p.confidenceBefore, after = &p.confidenceAfter;
  else return;  // the comfort check (nausea, eye strain, dizziness) and the hardest moment are not plotted
  std::optional<int>* target = *moment == "before" ? before : *moment == "after" ? after : nullptr;
  if (!target) return;
  if (const std::optional<int> v = ratingValue(r, 10)) *target = v;  // a later answer replaces an earlier one
}

}  // namespace

bool SessionProgress::hasAnyMeasure() const {
  return sudsBefore || sudsAfter || confidenceBefore || confidenceAfter || statementSeconds || partsPresented ||
         medianLatencySeconds || medianSpeechRate;
}

SessionProgress progressOf(std::string_view sessionId, std::span<const JournalRecord> records, bool finished) {
  SessionProgress p;
  p.sessionId = std::string(sessionId);
  p.date = dateOfSession(sessionId);
  p.finished = finished;
  std::vector<double> latencies, rates;
  for (const JournalRecord& r : records) {
    if (r.kind == "replay-start") p.replayable = true;
    if (r.kind == "start" && p.meeting.empty()) {
      p.meeting = r.text.ends_with(".yarn") ? r.text.substr(0, r.text.size() - 5) : r.text;
      if (const std::string* difficulty = r.field("difficulty")) p.difficulty = *difficulty;
    } else if (r.kind == "rating") {
      readRating(p, r);
    } else if (r.kind == "statement" || r.kind == "answer") {
      if (r.kind == "statement") readStatement(p, r);
      if (const auto latency = finiteNumber(r, "latency_s"); latency && r.kind == "answer")
        latencies.push_back(*latency);
      const std::string* measured = r.field("measured");
      if (const auto rate = finiteNumber(r, "speech_rate"); rate && measured && *measured == "1")
        rates.push_back(*rate);
    }
  }
  p.medianLatencySeconds = median(std::move(latencies));
  p.medianSpeechRate = median(std::move(rates));
  return p;
}

std::vector<SessionProgress> progressOf(std::span<const SessionExport> sessions) {
  std::vector<SessionProgress> out;
  out.reserve(sessions.size());
  for (const SessionExport& s : sessions) out.push_back(progressOf(s.id, s.records, s.finished));
  return out;
}

std::vector<SessionProgress> readProgress(const Vault& vault, std::string_view citizenId,
                                          std::string_view skipSession) {
  std::vector<SessionProgress> out;
  try {
    if (!vault.hasCitizen(citizenId)) return out;
    for (const std::string& id : journalSessions(vault, citizenId)) {
      if (id == skipSession) continue;
      const JournalReadResult journal = readJournal(vault, citizenId, id);
      out.push_back(progressOf(id, journal.records, journal.finished));
    }
  } catch (const std::exception&) {
    // What could be read is shown; the export names what could not.
  }
  return out;
}

// ---- the charts ------------------------------------------------------------------------------------------

int ProgressChart::sessionsWithData() const {
  int n = 0;
  for (std::size_t i = 0; i < dates.size(); ++i)
    n += std::any_of(series.begin(), series.end(),
                     [&](const ChartSeries& s) { return i < s.values.size() && s.values[i]; });
  return n;
}

namespace {

template <class T>
std::optional<double> asDouble(const std::optional<T>& v) {
  return v ? std::optional<double>(double(*v)) : std::nullopt;
}

// A y axis from 0 to a round number above the largest value, so small changes do not look dramatic.
double roundedTop(const std::vector<ChartSeries>& series, double atLeast) {
  double top = atLeast;
  for (const ChartSeries& s : series)
    for (const auto& v : s.values)
      if (v) top = std::max(top, *v);
  const double step = top <= 5 ? 1 : top <= 20 ? 5 : top <= 60 ? 10 : 60;  // above a minute, whole minutes
  return std::ceil(top / step) * step;
}

}  // namespace

std::vector<ProgressChart> progressCharts(std::span<const SessionProgress> sessions) {
  std::vector<const SessionProgress*> shown;
  for (const SessionProgress& s : sessions)
    if (s.hasAnyMeasure()) shown.push_back(&s);
  std::vector<std::string> dates;
  for (const SessionProgress* s : shown) dates.push_back(s->date.empty() ? s->sessionId : s->date);

  const auto series = [&](auto member, std::string_view labelKey = {}, bool hollow = false) {
    ChartSeries out{labelKey, {}, hollow};
    for (const SessionProgress* s : shown) out.values.push_back(asDouble(s->*member));
    return out;
  };
  std::vector<ProgressChart> charts;
  const auto add = [&](ProgressChart chart, double dataTopAtLeast = -1.0) {
    if (dataTopAtLeast >= 0) chart.yMax = roundedTop(chart.series, dataTopAtLeast);
    if (chart.sessionsWithData() > 0) charts.push_back(std::move(chart));
  };
  add({"progress.suds",
       "progress.unit.suds",
       0,
       10,
       true,
       {series(&SessionProgress::sudsBefore, "progress.before", true),
        series(&SessionProgress::sudsAfter, "progress.after")},
       dates});
  add({"progress.confidence",
       "progress.unit.confidence",
       0,
       10,
       true,
       {series(&SessionProgress::confidenceBefore, "progress.before", true),
        series(&SessionProgress::confidenceAfter, "progress.after")},
       dates});
  add({"progress.statement", "progress.unit.seconds", 0, 60, true, {series(&SessionProgress::statementSeconds)}, dates},
      60.0);
  add({"progress.parts", "progress.unit.parts", 0, 4, true, {series(&SessionProgress::partsPresented)}, dates});
  add({"progress.latency",
       "progress.unit.seconds",
       0,
       5,
       false,
       {series(&SessionProgress::medianLatencySeconds)},
       dates},
      3.0);
  add({"progress.speech_rate",
       "progress.unit.syllables",
       0,
       6,
       false,
       {series(&SessionProgress::medianSpeechRate)},
       dates},
      5.0);
  return charts;
}

double chartX(std::size_t session, std::size_t sessions) {
  return sessions < 2 ? 0.5 : double(session) / double(sessions - 1);
}

double chartY(const ProgressChart& chart, double value) {
  const double span = chart.yMax > chart.yMin ? chart.yMax - chart.yMin : 1.0;
  return (std::clamp(value, chart.yMin, chart.yMax) - chart.yMin) / span;
}

std::size_t chartDateStep(std::size_t sessions) { return std::max<std::size_t>(1, (sessions + 6) / 7); }

std::string chartSentence(const ProgressChart& chart, Language language) {
  for (std::size_t i = 0; i < chart.dates.size(); ++i) {
    std::string values;
    for (const ChartSeries& s : chart.series) {
      if (i >= s.values.size() || !s.values[i]) continue;
      if (!values.empty()) values += ", ";
      if (!s.labelKey.empty()) values += std::string(tr(s.labelKey, language)) + " ";
      values += chartNumber(*s.values[i], chart.wholeNumbers, language);
    }
    if (!values.empty())
      return format(tr("progress.single", language), tr(chart.titleKey, language), shortDate(chart.dates[i], language),
                    values, tr(chart.unitKey, language));
  }
  return {};
}

// ---- numbers and dates -----------------------------------------------------------------------------------

std::string shortDate(std::string_view isoDate, Language language) {
  if (isoDate.size() != 10 || isoDate[4] != '-' || isoDate[7] != '-') return std::string(isoDate);
  const auto number = [](std::string_view two) { return two.front() == '0' ? two.substr(1) : two; };
  const std::string_view day = number(isoDate.substr(8, 2)), month = number(isoDate.substr(5, 2));
  return language == Language::da ? format("{}.{}.", day, month) : format("{}/{}", day, month);
}

std::string longDate(std::string_view isoDate, Language language) {
  const std::string dayAndMonth = shortDate(isoDate, language);
  if (dayAndMonth == isoDate) return dayAndMonth;  // not a date
  return language == Language::da ? dayAndMonth + std::string(isoDate.substr(0, 4))
                                  : format("{}/{}", dayAndMonth, isoDate.substr(0, 4));
}

std::string chartNumber(double value, bool wholeNumber, Language language) {
  if (!std::isfinite(value)) return "–";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, wholeNumber ? "%.0f" : "%.1f", value);
  std::string text = buffer;
  if (language == Language::da) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

}  // namespace overum::session
