// SPDX-License-Identifier: GPL-3.0-or-later
// Progress over sessions: the per-session summary from journal records (new and old journals), the charts
// of the summaries, and their SVG (well-formed, a mark per value, text escaped, never NaN).
#include <overum/session/progress.h>
#include <overum/session/progress_svg.h>

#include "export_samples.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace overum::session;
using overum::Language;
using overum::session::samples::rating;

namespace {

JournalRecord turn(std::string_view kind, double latency, double rate, bool measured = true) {
  JournalRecord r{10.0, std::string(kind), "12 s, 8 s spoken", {}};
  if (measured) r.fields.emplace_back("measured", "1");
  r.fields.emplace_back("floor_s", "12");
  r.fields.emplace_back("latency_s", std::to_string(latency));
  r.fields.emplace_back("speech_rate", std::to_string(rate));
  return r;
}

// A journal as the app writes it with the ratings and the speech measures.
std::vector<JournalRecord> newJournal() {
  return {{0.0, "start", "myndighedsmoede.yarn", {{"difficulty", "presset"}}},
          rating("suds", "before", "7"),
          rating("confidence", "before", "3"),
          {5.0,
           "statement",
           "40 s, 30 s spoken",
           {{"measured", "1"},
            {"floor_s", "40"},
            {"speech_rate", "3.5"},
            {"part_1_s", "12"},
            {"part_2_s", "2.5"},
            {"part_3_s", "9"},
            {"part_4_s", "14"}}},
          turn("answer", 1.0, 4.0),
          turn("answer", 3.0, 3.0),
          turn("answer", 2.0, 9.0, false),  // unmeasured: its rate is not counted
          rating("suds", "hardest", "9"),
          rating("nausea", "after", "1"),
          rating("suds", "after", "4"),
          rating("confidence", "after", "skip"),
          {90.0, "end", "the meeting ended"}};
}

// Every tag closed in order, attributes quoted, no stray '&' or '<': enough of XML to catch a broken SVG.
bool wellFormed(const std::string& xml, std::string& why) {
  std::vector<std::string> open;
  for (std::size_t i = 0; i < xml.size(); ++i) {
    if (xml[i] == '&') {
      const std::size_t semi = xml.find(';', i);
      const std::string entity = xml.substr(i, semi == std::string::npos ? 8 : semi - i + 1);
      if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" && entity != "&#39;")
        return why = "stray & at " + std::to_string(i), false;
    }
    if (xml[i] == '>') return why = "stray > at " + std::to_string(i), false;
    if (xml[i] != '<') continue;
    const std::size_t end = xml.find('>', i);
    if (end == std::string::npos) return why = "unclosed tag", false;
    std::string tag = xml.substr(i + 1, end - i - 1);
    i = end;
    if (std::count(tag.begin(), tag.end(), '"') % 2) return why = "unbalanced quotes in <" + tag + ">", false;
    if (tag.find('<') != std::string::npos) return why = "< inside <" + tag + ">", false;
    if (tag.starts_with("/")) {
      if (open.empty() || open.back() != tag.substr(1))
        return why = "</" + tag.substr(1) + "> closes nothing open", false;
      open.pop_back();
    } else if (!tag.ends_with("/")) {
      open.push_back(tag.substr(0, tag.find(' ')));
    }
  }
  if (!open.empty()) return why = "<" + open.back() + "> left open", false;
  return true;
}

std::size_t count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("a session's progress is read from its journal: ratings, the statement's parts, medians") {
  const std::vector<JournalRecord> records = newJournal();
  const SessionProgress p = progressOf("20261129-101500-2", records, true);
  CHECK(p.sessionId == "20261129-101500-2");
  CHECK(p.date == "2026-11-29");
  CHECK(p.meeting == "myndighedsmoede");
  CHECK(p.difficulty == "presset");
  CHECK(p.sudsBefore == 7);
  CHECK(p.sudsAfter == 4);  // the hardest moment's 9 is not "after"
  CHECK(p.confidenceBefore == 3);
  CHECK_FALSE(p.confidenceAfter);  // skipped
  REQUIRE(p.statementSeconds);
  CHECK(*p.statementSeconds == Approx(37.5));  // the parts' sum, not the floor time
  CHECK(p.partsPresented == 3);                // 2.5 s is a part stepped past
  REQUIRE(p.medianLatencySeconds);
  CHECK(*p.medianLatencySeconds == Approx(2.0));  // answers only: 1, 3 and the unmeasured turn's 2
  REQUIRE(p.medianSpeechRate);
  CHECK(*p.medianSpeechRate == Approx(3.5));  // measured turns only: 3.5, 4, 3
  CHECK(p.finished);
  CHECK(p.hasAnyMeasure());
}

TEST_CASE("an old journal without fields still loads, its measures simply absent") {
  const std::vector<JournalRecord> old{{0.0, "start", "opfoelgning"},
                                       {5.0, "statement", "30 s, 20 s spoken"},
                                       {9.0, "answer", "8 s, 5 s spoken"},
                                       {20.0, "end", "the meeting ended"}};
  const SessionProgress p = progressOf("20250301-090000", old, false);
  CHECK(p.date == "2025-03-01");
  CHECK(p.meeting == "opfoelgning");
  CHECK(p.difficulty.empty());
  CHECK_FALSE(p.sudsBefore);
  CHECK_FALSE(p.statementSeconds);
  CHECK_FALSE(p.partsPresented);
  CHECK_FALSE(p.medianLatencySeconds);
  CHECK_FALSE(p.medianSpeechRate);
  CHECK_FALSE(p.hasAnyMeasure());

  // A statement measured before the cue card stepped through the parts: its time on the floor, no parts.
  const std::vector<JournalRecord> floorOnly{{5.0, "statement", "30 s", {{"measured", "1"}, {"floor_s", "31.5"}}}};
  const SessionProgress f = progressOf("no-date", floorOnly, true);
  CHECK(f.date.empty());
  REQUIRE(f.statementSeconds);
  CHECK(*f.statementSeconds == Approx(31.5));
  CHECK_FALSE(f.partsPresented);
}

TEST_CASE("ratings out of their scale, without a value, or not numbers are left out, and NaN never counts") {
  const std::vector<JournalRecord> records{rating("suds", "before", "11"),
                                           rating("suds", "after", "-1"),
                                           rating("confidence", "before", "5x"),
                                           rating("confidence", "after", ""),
                                           {1.0, "rating", "suds", {{"scale", "suds"}}},  // no moment
                                           turn("answer", std::numeric_limits<double>::quiet_NaN(), 3.0)};
  const SessionProgress p = progressOf("20261201-100000", records, true);
  CHECK_FALSE(p.sudsBefore);
  CHECK_FALSE(p.sudsAfter);
  CHECK_FALSE(p.confidenceBefore);
  CHECK_FALSE(p.confidenceAfter);
  CHECK_FALSE(p.medianLatencySeconds);
  REQUIRE(p.medianSpeechRate);
  CHECK(*p.medianSpeechRate == Approx(3.0));
}

TEST_CASE("progress over exported sessions keeps their order") {
  std::vector<SessionExport> sessions{{"20261101-100000", newJournal(), true, ""},
                                      {"20261108-100000", {{0.0, "start", "opfoelgning"}}, false, ""}};
  const std::vector<SessionProgress> all = progressOf(sessions);
  REQUIRE(all.size() == 2);
  CHECK(all[0].date == "2026-11-01");
  CHECK(all[1].meeting == "opfoelgning");
  CHECK_FALSE(all[1].finished);
}

TEST_CASE("the charts: one per measure some session has, sessions without any measure left out") {
  std::vector<SessionProgress> sessions(4);
  sessions[0].sessionId = "a", sessions[0].date = "2026-11-01", sessions[0].sudsBefore = 8, sessions[0].sudsAfter = 5;
  sessions[1].sessionId = "b", sessions[1].date = "2026-11-05";  // nothing measured (an old journal)
  sessions[2].sessionId = "c", sessions[2].date = "2026-11-08", sessions[2].sudsBefore = 6;
  sessions[2].medianLatencySeconds = 7.2;
  sessions[3].sessionId = "d", sessions[3].date = "2026-11-15", sessions[3].sudsAfter = 3;
  sessions[3].statementSeconds = 75;
  const std::vector<ProgressChart> charts = progressCharts(sessions);
  REQUIRE(charts.size() == 3);
  CHECK(charts[0].titleKey == "progress.suds");
  CHECK(charts[0].dates == std::vector<std::string>{"2026-11-01", "2026-11-08", "2026-11-15"});
  REQUIRE(charts[0].series.size() == 2);
  CHECK(charts[0].series[0].values == std::vector<std::optional<double>>{8.0, 6.0, std::nullopt});
  CHECK(charts[0].series[0].hollow);
  CHECK(charts[0].sessionsWithData() == 3);
  CHECK(charts[0].yMax == 10.0);
  CHECK(charts[1].titleKey == "progress.statement");
  CHECK(charts[1].sessionsWithData() == 1);
  CHECK(charts[1].yMax == 120.0);  // room above the longest, in whole minutes
  CHECK(charts[2].titleKey == "progress.latency");
  CHECK(charts[2].yMax >= 7.2);
  CHECK(progressCharts({}).empty());
}

TEST_CASE("a chart's SVG is well-formed, has a mark per value, escapes its text and holds no NaN") {
  ProgressChart chart{"progress.suds",
                      "progress.unit.suds",
                      0,
                      10,
                      true,
                      {{"progress.before", {7.0, std::nullopt, 5.0}, true}, {"progress.after", {4.0, 3.0, 2.0}, false}},
                      {"2026-11-01", "<x & \"y\">", "2026-11-15"}};
  for (const Language language : {Language::da, Language::en}) {
    const std::string svg = chartSvg(chart, language);
    std::string why;
    INFO(svg);
    CHECK(wellFormed(svg, why));
    INFO(why);
    CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK(count(svg, "<title>") == 1 + 5);  // the chart's, and one per mark
    CHECK(count(svg, "<circle") == 5 + 2);  // five values, two legend marks
    CHECK(count(svg, "<polyline") == 2);    // one a series, across the session "before" has no value for
    CHECK(svg.find("&lt;x &amp; &quot;y&quot;&gt;") != std::string::npos);
    CHECK(svg.find("<x") == std::string::npos);
    for (std::string_view bad : {"nan", "NaN", "inf", "script", "style=", "href"}) {
      INFO(bad);
      CHECK(svg.find(bad) == std::string::npos);
    }
    CHECK(svg.find(language == Language::da ? "Uro" : "Unease") != std::string::npos);
    CHECK(svg.find(language == Language::da ? "1.11." : "1/11") != std::string::npos);
  }
  const std::string da = chartSvg(chart, Language::da);
  CHECK(da.find(">før<") != std::string::npos);
  CHECK(da.find(">efter<") != std::string::npos);

  // One session's value: a mark in the middle, no line; a value beyond the axis stays on it.
  ProgressChart one{"progress.latency", "progress.unit.seconds", 0, 5, false, {{"", {42.0}, false}}, {"2026-11-01"}};
  const std::string single = chartSvg(one, Language::da);
  std::string why;
  CHECK(wellFormed(single, why));
  CHECK(count(single, "<circle") == 1);
  CHECK(count(single, "<polyline") == 0);
  CHECK(single.find("42,0") != std::string::npos);  // the tooltip says the value, in Danish
}

TEST_CASE("a chart with one session's figures becomes a sentence") {
  ProgressChart chart{"progress.suds",
                      "progress.unit.suds",
                      0,
                      10,
                      true,
                      {{"progress.before", {std::nullopt, 6.0}, true}, {"progress.after", {std::nullopt, 4.0}, false}},
                      {"2026-11-01", "2026-11-29"}};
  CHECK(chartSentence(chart, Language::da) ==
        "Uro, 29.11.: før 6, efter 4 (0 = helt rolig, 10 = meget urolig). En kurve vises, når to sessioner har tal.");
  CHECK(chartSentence(chart, Language::en).starts_with("Unease, 29/11: before 6, after 4"));
  CHECK(chartNumber(2.45, false, Language::da) == "2,5");
  CHECK(chartNumber(2.45, false, Language::en) == "2.5");
  CHECK(chartNumber(std::nan(""), true, Language::da) == "–");
  CHECK(shortDate("2026-01-09", Language::da) == "9.1.");
  CHECK(shortDate("no-date", Language::da) == "no-date");
  CHECK(longDate("2026-11-17", Language::da) == "17.11.2026");
  CHECK(longDate("2026-01-09", Language::en) == "9/1/2026");
  CHECK(longDate("2026-ab-cd", Language::da) == "cd.ab.2026");  // never throws on a name that is not a date
  CHECK(longDate("no-date", Language::en) == "no-date");
}
