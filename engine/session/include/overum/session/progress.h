// SPDX-License-Identifier: GPL-3.0-or-later
// Progress over sessions: one summary per session journal (how the citizen felt before and after, the
// statement, latency, speech rate), and the charts of them that the export page and the console draw.
#pragma once
#include <overum/session/export.h>
#include <overum/session/journal.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace overum::session {

// What one session's journal says about the citizen's progress. Every measure is empty when the journal
// has nothing for it (journals older than the measures or the ratings, a skipped question, no statement).
struct SessionProgress {
  std::string sessionId;   // "20261129-101500" or "20261129-101500-2"
  std::string date;        // "2026-11-29", from the id; empty when the id holds no date
  std::string meeting;     // the "start" record's meeting, without ".yarn": "myndighedsmoede"
  std::string difficulty;  // "stoettende" | "neutral" | "presset"; empty in journals from before it was kept
  std::optional<int> sudsBefore, sudsAfter;              // 0–10, from "rating" records (scale "suds")
  std::optional<int> confidenceBefore, confidenceAfter;  // 0–10 (scale "confidence")
  std::optional<double> statementSeconds;                // the statement's parts summed, or its time on the floor
  std::optional<int> partsPresented;           // parts given at least kPartPresentedSeconds; empty without part times
  std::optional<double> medianLatencySeconds;  // over the answers: end of the question → first speech
  std::optional<double> medianSpeechRate;      // syllables per second, over the measured turns
  bool finished = false;                       // the session was closed normally
  bool replayable = false;                     // its journal keeps what a replay needs (replay_track.h)

  bool hasAnyMeasure() const;
};

inline constexpr double kPartPresentedSeconds = 3.0;  // shorter than this, a part was stepped past, not presented

// One session from its records, in journal order.
SessionProgress progressOf(std::string_view sessionId, std::span<const JournalRecord> records, bool finished);
// Every session, in the order given (gatherExport's: by id, so by date).
std::vector<SessionProgress> progressOf(std::span<const SessionExport> sessions);
// Reads the citizen's journals from the vault (all but `skipSession`, a journal being written now).
// Never throws: a journal that cannot be read is left out. Safe off the frame thread: it only reads.
std::vector<SessionProgress> readProgress(const Vault& vault, std::string_view citizenId,
                                          std::string_view skipSession = {});

// ---- charts: the same small multiples for the export page (SVG) and the console (ImGui) ----------------

// One line of marks in a chart: a value per session (empty where the session has none).
struct ChartSeries {
  std::string_view labelKey;  // string-table key of its legend ("progress.before"), empty for a lone series
  std::vector<std::optional<double>> values;
  bool hollow = false;  // drawn as open circles (the "before" marks), else filled
};

struct ProgressChart {
  std::string_view titleKey;      // string-table keys, e.g. "progress.suds"
  std::string_view unitKey;       // "progress.unit.suds"
  double yMin = 0.0, yMax = 1.0;  // the y axis: fixed for scales, from the data for times and rates
  bool wholeNumbers = false;      // ticks and values shown without decimals
  std::vector<ChartSeries> series;
  std::vector<std::string> dates;  // x: one per session ("2026-11-29")

  int sessionsWithData() const;  // sessions with a value in any series
};

// The charts over `sessions` (those without any measure are left out of every x axis), one per measure:
// SUDS before/after, confidence before/after, statement time, parts presented, latency, speech rate.
// A chart whose measure no session has is left out.
std::vector<ProgressChart> progressCharts(std::span<const SessionProgress> sessions);

// Where a session and a value sit in a chart's plot area, as fractions (0 = left or bottom, 1 = right or top);
// one session sits in the middle, a value beyond the axis on its end. Shared by the SVG and the console.
double chartX(std::size_t session, std::size_t sessions);
double chartY(const ProgressChart& chart, double value);
// Label every n-th session's date (and the last), so at most seven dates share an axis.
std::size_t chartDateStep(std::size_t sessions);

// For a chart with one session's figures, which is no curve yet: "Uro, 29.11.: før 6, efter 4 (0 = …). …"
std::string chartSentence(const ProgressChart& chart, Language language);

// "29.11." (da) or "29/11" (en) for a date "2026-11-29"; the text itself when it is not such a date.
std::string shortDate(std::string_view isoDate, Language language);
// "29.11.2026" (da) or "29/11/2026" (en), likewise.
std::string longDate(std::string_view isoDate, Language language);
// A value as a chart shows it: "6", "2.4" (da: "2,4").
std::string chartNumber(double value, bool wholeNumber, Language language);

}  // namespace overum::session
