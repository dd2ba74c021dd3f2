// SPDX-License-Identifier: GPL-3.0-or-later
// A tiny compiled meeting driven by a fake clock and fake voice, positioned in any director phase,
// for console tests (the same shape as tests/meeting/director_tests.cpp).
#pragma once
#include "meeting_fakes.h"

#include <overum/console/console.h>
#include <overum/meeting/director.h>
#include <overum/scenario/compiler.h>
#include <overum/scenario/meeting_vocabulary.h>
#include <overum/session/progress.h>

#include <catch2/catch.hpp>

#include <memory>
#include <vector>

namespace overum::console::testing {

inline const char* kTinyMeeting = R"(title: Start
---
<<declare $svaerhed = "neutral">>
<<mood sagsbehandler venlig>>
Mette: Velkommen, {$borger_navn}.
-> Jeg vil gerne starte med mit statement.
    <<jump Statement>>
-> Kan vi tage det hurtigt? <<if $svaerhed == "presset">>
    <<jump Statement>>
===
title: Statement
---
Yusuf: Fortæl os om dig selv.
<<statement>>
Mette: Du vil gerne have hjælp til {$statement_help}.
<<listen 5>>
<<wait 1>>
Mette: Tak for i dag.
===
)";

using FakeClock = overum::testing::FakeClock;
using FakeSpeech = overum::testing::FakeSpeech;

inline std::shared_ptr<const scenario::Program> compileTinyMeeting() {
  return overum::testing::compileMeetingText("tiny.yarn", kTinyMeeting);
}

// A meeting that keeps its whole log (takeLog() consumes, so the fixture collects it like the host).
struct TinyMeeting {
  FakeClock clock;
  FakeSpeech speech{clock};
  meeting::Director director{compileTinyMeeting(), {{"sagsbehandler", "Mette"}, {"teamleder", "Yusuf"}}, speech};
  std::vector<meeting::LogEntry> log;

  // The host's variables; the statement's parts are woven into lines, as real scenarios do.
  void start(const std::string& name = "Sara", const std::string& helpWith = "at finde et job") {
    const auto problems = director.start(
        "", 7,
        {{"borger_navn", scenario::Value::fromString(name)}, {"statement_help", scenario::Value::fromString(helpWith)}},
        clock.now);
    REQUIRE(problems.empty());
    collect();
  }
  void collect() {
    for (auto& e : director.takeLog()) log.push_back(std::move(e));
  }
  void step(const meeting::DirectorInput& input = {}) {
    clock.now += 1.0 / 90.0;
    director.update(clock.now, input);
    collect();
  }
  void runUntil(meeting::Phase phase, const meeting::DirectorInput& input = {}) {
    for (int i = 0; i < 90 * 120 && director.phase() != phase; ++i) step(input);
    REQUIRE(meeting::phaseName(director.phase()) == meeting::phaseName(phase));
  }
};

inline constexpr meeting::Phase kAllPhases[] = {
    meeting::Phase::notStarted, meeting::Phase::speaking,  meeting::Phase::waiting, meeting::Phase::choosing,
    meeting::Phase::statement,  meeting::Phase::listening, meeting::Phase::paused,  meeting::Phase::ended,
};

// A fresh meeting brought to `phase`.
inline std::unique_ptr<TinyMeeting> meetingIn(meeting::Phase phase) {
  using meeting::Phase;
  auto m = std::make_unique<TinyMeeting>();
  if (phase == Phase::notStarted) return m;
  m->start();
  meeting::DirectorInput choose;
  choose.choice = 0;
  meeting::DirectorInput finished;
  finished.finished = true;
  switch (phase) {
    case Phase::speaking: break;
    case Phase::waiting: m->runUntil(Phase::waiting); break;
    case Phase::choosing: m->runUntil(Phase::choosing); break;
    case Phase::statement:
      m->runUntil(Phase::choosing);
      m->runUntil(Phase::statement, choose);
      break;
    case Phase::listening:
      m->runUntil(Phase::choosing);
      m->runUntil(Phase::statement, choose);
      m->runUntil(Phase::listening, finished);
      break;
    case Phase::paused: {
      meeting::DirectorInput pause;
      pause.pause = true;
      m->step(pause);
      break;
    }
    case Phase::ended: {
      meeting::DirectorInput both = choose;  // pick the first option, then end each turn at once
      both.finished = true;
      m->runUntil(Phase::ended, both);
      break;
    }
    default: break;
  }
  REQUIRE(meeting::phaseName(m->director.phase()) == meeting::phaseName(phase));
  return m;
}

// Three sessions' progress, as a citizen's first weeks might look: calmer after each, a little surer, a
// statement that grows, answers that come sooner; the second session's journal is older and has no ratings.
inline std::vector<session::SessionProgress> threeSessionsProgress() {
  std::vector<session::SessionProgress> p(3);
  p[0].sessionId = "20261103-100000", p[0].date = "2026-11-03";
  p[1].sessionId = "20261110-100000", p[1].date = "2026-11-10";
  p[2].sessionId = "20261117-100000", p[2].date = "2026-11-17";
  p[0].sudsBefore = 8, p[0].sudsAfter = 6, p[2].sudsBefore = 6, p[2].sudsAfter = 3;
  p[0].confidenceBefore = 3, p[0].confidenceAfter = 5, p[2].confidenceBefore = 5, p[2].confidenceAfter = 7;
  const double statement[] = {34.0, 52.0, 71.0}, latency[] = {3.4, 2.6, 1.9}, rate[] = {3.2, 3.6, 3.9};
  const int parts[] = {2, 3, 4};
  for (int i = 0; i < 3; ++i) {
    p[i].statementSeconds = statement[i];
    p[i].partsPresented = parts[i];
    p[i].medianLatencySeconds = latency[i];
    p[i].medianSpeechRate = rate[i];
    p[i].finished = true;
  }
  return p;
}

}  // namespace overum::console::testing
