// SPDX-License-Identifier: GPL-3.0-or-later
// The feedback rules: strengths first and exactly one thing to try, warm wording without scores or
// "du skal", and every rule documented for facilitators in docs/feedback-rules.md.
#include <overum/speech/feedback_rules.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

using namespace overum::speech;

namespace {

TurnMeasures spoken(double speaking, double latency = 0.6) {
  TurnMeasures m;
  m.speakingSeconds = speaking;
  m.floorSeconds = speaking;
  m.latencySeconds = latency;
  m.longestSpeechRunSeconds = std::min(speaking, 8.0);
  m.articulationRate = 4.8;
  return m;
}

std::vector<std::string> ids(const Feedback& f) {
  std::vector<std::string> out;
  for (const auto* r : f.strengths) out.emplace_back(r->id);
  return out;
}

}  // namespace

TEST_CASE("all four parts and time taken on the hard question come first, then one thing to try") {
  FeedbackInput in;
  in.partsPresented = {true, true, true, true};
  TurnMeasures statement = spoken(40.0);
  statement.pauseCount = 3;
  statement.firstThirdLufs = -20.0;
  statement.lastThirdLufs = -21.0;
  in.turns.push_back({statement, true, false, {}});
  in.turns.push_back({spoken(8.0, 1.6), false, true, {}});

  const Feedback f = chooseFeedback(in);
  REQUIRE(f.strengths.size() == 3);
  CHECK(ids(f)[0] == "alle-dele");
  CHECK(ids(f)[1] == "tog-tid-svaert");
  CHECK(f.strengths[0]->da == "Du præsenterede alle fire dele af dit statement.");
  CHECK(f.strengths[1]->da == "Du tog dig tid, før du svarede på det svære spørgsmål.");
  REQUIRE(f.tryNext != nullptr);
  CHECK(f.tryNext->id == "proev-oev-hoejt");  // nothing else to suggest: the gentle default
}

TEST_CASE("a missing part is the one suggestion, in the statement's order, before any speech measure") {
  FeedbackInput in;
  in.partsPresented = {true, true, false, false};
  TurnMeasures fast = spoken(30.0);
  fast.articulationRate = 7.0;
  fast.firstThirdLufs = -18.0;
  fast.lastThirdLufs = -24.0;
  in.turns.push_back({fast, true, false, {}});
  const Feedback f = chooseFeedback(in);
  CHECK(ids(f)[0] == "del-vigtigt");
  REQUIRE(f.tryNext);
  CHECK(f.tryNext->id == "proev-hjaelp");

  in.partsPresented = {true, true, true, true};
  CHECK(chooseFeedback(in).tryNext->id == "proev-tempo");
  in.turns[0].measures.articulationRate = 5.0;
  CHECK(chooseFeedback(in).tryNext->id == "proev-stemme");
  const auto chosen = ids(chooseFeedback(in));
  CHECK(std::count(chosen.begin(), chosen.end(), "stemmen-holdt") == 0);
}

TEST_CASE("when nothing followed the statement's parts, no part is praised or suggested: the measures speak") {
  FeedbackInput in;
  in.partsKnown = false;  // the app today: the cue card does not step through the parts yet
  in.partsPresented = {true, true, true, true};
  TurnMeasures fast = spoken(30.0);
  fast.articulationRate = 7.0;
  in.turns.push_back({fast, true, false, {}});
  const Feedback f = chooseFeedback(in);
  for (const auto& id : ids(f)) CHECK((id != "alle-dele" && id != "del-vigtigt" && id != "del-hjaelp"));
  REQUIRE(f.tryNext);
  CHECK(f.tryNext->id == "proev-tempo");
  in.turns[0].measures.articulationRate = 5.0;
  in.partsPresented = {};
  CHECK(chooseFeedback(in).tryNext->id == "proev-pause");  // 30 s without a pause; never "begin with who you are"
}

TEST_CASE("with almost nothing said, only presence (or the cue card's parts) is affirmed") {
  FeedbackInput in;
  in.turns.push_back({spoken(1.2, 3.0), false, true, {}});
  Feedback f = chooseFeedback(in);
  REQUIRE(f.strengths.size() == 1);
  CHECK(f.strengths[0]->id == "blev-i-samtalen");
  REQUIRE(f.tryNext);
  CHECK(f.tryNext->id == "proev-sig-mere");

  in.partsPresented = {true, false, false, false};
  f = chooseFeedback(in);
  CHECK(f.strengths[0]->id == "blev-i-samtalen");  // introduktion alone has no sentence of its own
  CHECK(f.tryNext->id == "proev-vigtigt");

  FeedbackInput empty;
  f = chooseFeedback(empty);
  REQUIRE(f.strengths.size() == 1);
  CHECK(f.tryNext != nullptr);
}

TEST_CASE("every strength is a 'Du' sentence and every suggestion an invitation, never a score or a must") {
  std::set<std::string_view> seen;
  const char* forbidden[] = {"ikke godt nok", "fejl",  "dårlig",    "du skal",      "Du skal", "!", "%",
                             "score",         "point", "bedre end", "andre borgere"};
  for (const FeedbackRule& r : feedbackRules()) {
    INFO(r.id);
    CHECK(seen.insert(r.id).second);
    CHECK(r.applies != nullptr);
    CHECK_FALSE(r.reason.empty());
    CHECK_FALSE(r.en.empty());
    for (const char* word : forbidden) CHECK(r.da.find(word) == std::string_view::npos);
    if (r.kind == RuleKind::Strength) {
      CHECK(r.da.substr(0, 3) == "Du ");
      CHECK(r.en.substr(0, 4) == "You ");
    } else {
      CHECK(r.da.starts_with("Næste gang kan du prøve at "));
      CHECK(r.en.substr(0, 9) == "Next time");
    }
  }
  // Strengths come before suggestions in the table, and the last of each group always applies.
  const auto rules = feedbackRules();
  bool inSuggestions = false;
  for (const auto& r : rules) {
    if (r.kind == RuleKind::TryNext) inSuggestions = true;
    CHECK((r.kind == RuleKind::TryNext) == inSuggestions);
  }
  CHECK(rules.back().applies(FeedbackInput{}));
}

TEST_CASE("docs/feedback-rules.md documents every rule with its sentence") {
  std::ifstream file("docs/feedback-rules.md");
  REQUIRE(file);
  std::stringstream text;
  text << file.rdbuf();
  const std::string doc = text.str();
  for (const FeedbackRule& r : feedbackRules()) {
    INFO(r.id);
    CHECK(doc.find("`" + std::string(r.id) + "`") != std::string::npos);
    CHECK(doc.find(std::string(r.da)) != std::string::npos);
  }
}

TEST_CASE("looking at the one who asked is praised from a headset, never from a window, and never suggested") {
  FeedbackInput in;
  in.partsKnown = false;
  in.turns.push_back({spoken(6.0), false, false, 0.8});
  const auto praised = [](const Feedback& f) {
    const auto list = ids(f);
    return std::find(list.begin(), list.end(), "saa-paa-dem") != list.end();
  };
  CHECK(praised(chooseFeedback(in, 5)));
  CHECK(std::string(chooseFeedback(in, 5).tryNext->id) != "saa-paa-dem");
  in.turns[0].headsetGazeShare = 0.4;  // looking away much of the time: not praised, and not named either
  CHECK_FALSE(praised(chooseFeedback(in, 5)));
  in.turns[0].headsetGazeShare.reset();  // a window's view direction: no gaze to speak of
  CHECK_FALSE(praised(chooseFeedback(in, 5)));
  in.turns[0] = {spoken(2.0), false, false, 1.0};  // too short a turn to mean anything
  CHECK_FALSE(praised(chooseFeedback(in, 5)));
  for (const FeedbackRule& r : feedbackRules())
    if (r.id == "saa-paa-dem") CHECK(r.kind == RuleKind::Strength);
}
