// SPDX-License-Identifier: GPL-3.0-or-later
// Citizens' data for the export tests (here and in the browser test): a statement with a canary and HTML
// specials, a session journal with internal words beside the citizen's, and three sessions with progress.
#pragma once
#include <overum/session/export.h>

#include <string>
#include <string_view>

namespace overum::session::samples {

inline constexpr std::string_view kCanary = "Kanariefugl på Ærø 4711";

inline Statement sampleStatement() {
  Statement s;
  s.name = "Søren Ærbødig";
  s.text(StatementPart::introduction) = std::string("Jeg hedder Søren. ") + std::string(kCanary);
  s.text(StatementPart::important) = "at blive hørt, også når jeg er træt";
  s.text(StatementPart::helpWith) = "bolig & økonomi <især> \"husleje\"";
  s.text(StatementPart::soThatICan) = "klare mig selv\nog se min datter";
  return s;
}

// The statement and one finished session.
inline CitizenExport sampleExport() {
  CitizenExport d;
  d.citizenId = "borger-1";
  d.exportedAt = "2026-11-29T10:15:00Z";
  d.statement = sampleStatement();
  // A journal as a meeting writes it: stage directions, hints, internal node names and English words
  // beside what the citizen said and chose.
  d.sessions.push_back({"2026-11-22-1",
                        {{0.0, "start", "myndighedsmoede"},
                         {1.0, "node", "SvaertMoment_Valg", {{"heading", "Det svære øjeblik"}}},
                         {2.0, "command", "mood sagsbehandler venlig"},
                         {3.0, "hint", "Borgeren kan bede om en pause"},
                         {4.0, "line", "Mette: Giver det mening nu?"},
                         {75.5, "choice", "Ja, tak. Nu giver det mening."},
                         {80.0, "node", "Intern_Uden_Overskrift"},
                         {90.0, "statement", "45.2 s, 30 s spoken", {{"speaking_s", "30"}}},
                         {95.0, "note", "Søren talte roligt"},
                         {95.5, "note", "Du sagde klart, hvad du har brug for.", {{"share", "1"}}},
                         {96.0, "feedback", "Du tog dig god tid til at svare.", {{"role", "strength"}}},
                         {96.0, "feedback", "Prøv at sige lidt mere om, hvad du har brug for.", {{"role", "try"}}},
                         {97.0, "end", "the meeting ended"}},
                        true,
                        ""});
  return d;
}

// A "rating" record as the in-app questions write one; value "skip" writes a skipped question.
inline JournalRecord rating(std::string_view scale, std::string_view moment, std::string_view value) {
  JournalRecord r{1.0, "rating", std::string(scale), {{"scale", std::string(scale)}, {"moment", std::string(moment)}}};
  if (value == "skip") r.fields.emplace_back("skipped", "1");
  else r.fields.emplace_back("value", std::string(value));
  return r;
}

// Three sessions as journals with the ratings and speech measures write them, and internal words beside.
inline CitizenExport progressExport() {
  CitizenExport d = sampleExport();
  d.sessions.clear();
  const char* suds[][2] = {{"8", "6"}, {"7", "4"}, {"6", "3"}};
  for (int i = 0; i < 3; ++i)
    d.sessions.push_back(
        {"2026110" + std::to_string(i + 1) + "-100000",
         {{0.0, "start", "myndighedsmoede.yarn", {{"difficulty", "presset"}}},
          rating("suds", "before", suds[i][0]),
          rating("confidence", "before", "4"),
          {5.0,
           "statement",
           "40 s, 30 s spoken",
           {{"measured", "1"},
            {"floor_s", "40"},
            {"speech_rate", "3.5"},
            {"part_1_s", "10"},
            {"part_2_s", "10"},
            {"part_3_s", std::to_string(2 + 4 * i)},
            {"part_4_s", "10"}}},
          {30.0, "answer", "9 s, 6 s spoken", {{"measured", "1"}, {"latency_s", "2.5"}, {"speech_rate", "4"}}},
          rating("suds", "after", suds[i][1]),
          rating("nausea", "after", "1"),
          {60.0, "end", "the meeting ended"}},
         true,
         ""});
  return d;
}

}  // namespace overum::session::samples
