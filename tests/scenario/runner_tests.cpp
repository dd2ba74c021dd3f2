// SPDX-License-Identifier: GPL-3.0-or-later
// The runner: protocol (next/choose), determinism, variables, and exact save/restore of its state.
#include "scenario_test_util.h"

#include <catch2/catch.hpp>

using namespace overum::scenario;
using namespace overum::scenario::test;

namespace {

const char* kScene =
    "title: Start\n---\n"
    "<<declare $svaerhed = \"neutral\">>\n<<declare $n = 0>>\n<<declare $bisidder = false>>\n"
    "Sagsbehandler: Goddag {$borger_navn}. #line:s1\n"
    "<<mood Sagsbehandler venlig>>\n"
    "=> Lad os begynde.\n=> Skal vi gå i gang?\n=> Velkommen til.\n"
    "-> Jeg har en bisidder med <<once>>\n"
    "    <<set $bisidder = true>>\n"
    "    <<jump Start>>\n"
    "-> Fortæl om dig selv\n"
    "    <<set $n += dice(6)>>\n"
    "    <<listen {$n * 10}>>\n"
    "    <<if $n > 3>>\n"
    "        Sagsbehandler: Tak, {$n} er meget.\n"
    "        -> Videre\n"
    "            <<jump Slut>>\n"
    "        -> Igen\n"
    "            <<jump Start>>\n"
    "    <<else>>\n"
    "        <<jump Start>>\n"
    "    <<endif>>\n"
    "-> Stop <<if $bisidder>>\n"
    "    <<stop>>\n"
    "===\n"
    "title: Slut\n---\nFarvel, {visited_count(\"Start\")} besøg. {random()}\n===\n";

std::shared_ptr<const Program> scene() {
  static const auto r = compileText(kScene);
  REQUIRE(r.ok());
  return r.program;
}

// Runs with a choice policy (always the first available option after `skip` picks of the last one),
// recording events; optionally saving and restoring into a fresh runner before every step.
std::string runWith(bool restoreEachStep, std::uint64_t seed) {
  auto p = scene();
  auto runner = std::make_unique<Runner>(p);
  REQUIRE(runner->start("Start", seed));
  std::string out;
  int pick = 0;
  for (int step = 0; step < 500; ++step) {
    if (restoreEachStep) {
      const std::string saved = runner->saveState();
      runner = std::make_unique<Runner>(p);
      REQUIRE(runner->restoreState(saved));
      CHECK(runner->saveState() == saved);
    }
    const Event& e = runner->next();
    const EventKind kind = e.kind;  // `e` belongs to the runner, which may be replaced below
    out += std::to_string(static_cast<int>(e.kind)) + ":";
    if (e.kind == EventKind::Line) out += std::string(e.text);
    if (e.kind == EventKind::Command)
      for (const auto& a : e.args) out += a.asString() + ",";
    if (e.kind == EventKind::Options) {
      std::vector<std::size_t> avail;
      for (std::size_t i = 0; i < e.options.size(); ++i)
        if (e.options[i].available) avail.push_back(i);
      const std::size_t choice = avail[static_cast<std::size_t>(pick++ * 7 + 3) % avail.size()];
      out += std::to_string(choice);
      if (restoreEachStep) {
        // Also resume between the options event and the answer.
        const std::string saved = runner->saveState();
        runner = std::make_unique<Runner>(p);
        REQUIRE(runner->restoreState(saved));
        REQUIRE(runner->current().kind == EventKind::Options);
      }
      REQUIRE(runner->choose(choice));
    }
    out += "\n";
    if (kind == EventKind::End) return out;
  }
  return out;
}

}  // namespace

TEST_CASE("runner protocol: events in order, choices answered, End repeats") {
  Runner r(scene());
  CHECK(r.next().kind == EventKind::None);  // not started
  CHECK_FALSE(r.start("Nowhere", 0));
  REQUIRE(r.start("", 1));
  CHECK(r.next().kind == EventKind::Node);
  const Event& line = r.next();
  REQUIRE(line.kind == EventKind::Line);
  CHECK(r.program().lines[line.line].id == "s1");
  CHECK(line.text == "Goddag .");
  CHECK(r.next().kind == EventKind::Command);
  CHECK(r.next().kind == EventKind::Line);  // one line of the group
  const Event& opts = r.next();
  REQUIRE(opts.kind == EventKind::Options);
  REQUIRE(opts.options.size() == 3);
  CHECK_FALSE(opts.options[2].available);
  CHECK(r.next().kind == EventKind::Options);  // unanswered: the same options again
  CHECK_FALSE(r.choose(2));                    // unavailable
  CHECK_FALSE(r.choose(7));                    // out of range
  CHECK(r.choose(0));
  CHECK_FALSE(r.choose(0));                 // already answered
  CHECK(r.next().kind == EventKind::Node);  // <<jump Start>>
  CHECK(*r.variable("bisidder") == Value::fromBool(true));
  CHECK(r.visitCount("Start") == 1);
}

TEST_CASE("runner variables: host values can be set, with the right type only") {
  Runner r(scene());
  REQUIRE(r.start("Start", 0));
  CHECK(r.setVariable("borger_navn", Value::fromString("Sara")));
  CHECK(r.setVariable("$svaerhed", Value::fromString("presset")));
  CHECK_FALSE(r.setVariable("borger_navn", Value::fromNumber(1)));
  CHECK_FALSE(r.setVariable("ukendt", Value::fromNumber(1)));
  CHECK(r.variable("ukendt") == nullptr);
  r.next();
  CHECK(r.next().text == "Goddag Sara.");
}

TEST_CASE("runner is deterministic for a seed") {
  CHECK(runWith(false, 42) == runWith(false, 42));
  std::set<std::string> differ;
  for (std::uint64_t s = 0; s < 8; ++s) differ.insert(runWith(false, s));
  CHECK(differ.size() > 1);
}

TEST_CASE("state saved and restored before every step gives the same run") {
  for (std::uint64_t seed : {1u, 2u, 3u, 99u}) CHECK(runWith(true, seed) == runWith(false, seed));
}

TEST_CASE("state restore refuses damaged or foreign bytes and leaves the runner as it was") {
  auto p = scene();
  Runner r(p);
  REQUIRE(r.start("Start", 5));
  r.next();
  r.next();
  const std::string saved = r.saveState();
  CHECK(saved.size() < 200);  // compact
  Runner other(p);
  CHECK_FALSE(other.restoreState(""));
  CHECK_FALSE(other.restoreState("garbage"));
  for (std::size_t i = 0; i < saved.size(); ++i) {
    std::string bad = saved;
    bad[i] = static_cast<char>(bad[i] ^ 0x41);
    CHECK_FALSE(other.restoreState(bad));
  }
  CHECK_FALSE(other.restoreState(saved.substr(0, saved.size() - 1)));
  const auto different = compileText("title: Start\n---\nHej\n===\n");
  Runner foreign(different.program);
  REQUIRE(foreign.start("Start", 0));
  const std::string before = foreign.saveState();
  CHECK_FALSE(foreign.restoreState(saved));
  CHECK(foreign.saveState() == before);
  CHECK(other.restoreState(saved));
  CHECK(other.current().kind == EventKind::Line);
  CHECK(other.current().text == r.current().text);
}

TEST_CASE("a warm runner does not grow its buffers per step") {
  const auto r = compileText(
      "title: Start\n---\n<<declare $i = 0>>\n<<set $i += 1>>\nLinje {$i}\n<<wait 1>>\n"
      "-> A\n-> B\n<<if $i < 1000>>\n<<jump Start>>\n<<endif>>\n===\n");
  REQUIRE(r.ok());
  Runner run(r.program);
  REQUIRE(run.start("Start", 0));
  std::size_t events = 0;
  for (;;) {
    const Event& e = run.next();
    ++events;
    if (e.kind == EventKind::Options) REQUIRE(run.choose(events % 2));
    if (e.kind == EventKind::End) break;
  }
  CHECK(events == 4001);  // 1000 rounds of node, line, command, options; then the end
  CHECK(*run.variable("i") == Value::fromNumber(1000));
}

namespace {

// Detours two deep, an early <<return>>, a computed jump and a jump out of a detour.
const char* kDetours =
    "title: Start\n---\n<<declare $hvor = \"Slut\">>\n"
    "Velkommen.\n"
    "<<detour Regler>>\n"
    "Tilbage i Start.\n"
    "-> Hvad er reglerne?\n"
    "    <<detour Regler>>\n"
    "-> Videre\n"
    "<<jump {$hvor}>>\n"
    "===\n"
    "title: Regler\n---\n"
    "Reglerne er enkle.\n"
    "<<detour Tavshed>>\n"
    "<<if visited(\"Regler\")>>\n"
    "    <<return>>\n"
    "<<endif>>\n"
    "Første gang.\n"
    "===\n"
    "title: Tavshed\n---\nDet er fortroligt.\n===\n"
    "title: Slut\n---\nFarvel, {visited_count(\"Regler\")} gange regler.\n===\n";

}  // namespace

TEST_CASE("detour runs a node and comes back, return ends it early") {
  CHECK(play(kDetours, {1}) ==
        "node: Start\nline: Velkommen.\n"
        "node: Regler\nline: Reglerne er enkle.\nnode: Tavshed\nline: Det er fortroligt.\nline: Første gang.\n"
        "line: Tilbage i Start.\n"
        "option: Hvad er reglerne?\noption: Videre\nselect: 1\n"
        "node: Regler\nline: Reglerne er enkle.\nnode: Tavshed\nline: Det er fortroligt.\n"  // visited now: <<return>>
        "node: Slut\nline: Farvel, 2 gange regler.\nstop\n");
}

TEST_CASE("return outside a detour ends the dialogue like stop") {
  CHECK(play("title: Start\n---\nFør.\n<<return>>\nEfter.\n===\n") == "node: Start\nline: Før.\nstop\n");
}

TEST_CASE("a jump out of a detoured node does not come back") {
  CHECK(
      play("title: Start\n---\n<<detour A>>\nAldrig.\n===\ntitle: A\n---\n<<jump B>>\n===\ntitle: B\n---\nB.\n===\n") ==
      "node: Start\nnode: A\nnode: B\nline: B.\nstop\n");
}

TEST_CASE("jump to a computed title, an unknown title ends with a clear error") {
  const char* src =
      "title: Start\n---\n<<declare $hvor = \"Slut\">>\n"
      "-> Videre\n-> Forkert\n    <<set $hvor = \"Slutt\">>\n"
      "<<jump {$hvor}>>\n===\n"
      "title: Slut\n---\nFarvel.\n===\n";
  CHECK(play(src, {1}) == "node: Start\noption: Videre\noption: Forkert\nselect: 1\nnode: Slut\nline: Farvel.\nstop\n");
  CHECK(play(src, {2}) ==
        "node: Start\noption: Videre\noption: Forkert\nselect: 2\n"
        "error: t.yarn:7: <<jump>> to `Slutt` in node `Start`: there is no node with that title\n");
  // The error stays, and survives a save and restore.
  const auto r = compileText(src);
  Runner run(r.program);
  REQUIRE(run.start("Start", 0));
  run.next();
  run.next();
  REQUIRE(run.choose(1));
  const Event& e = run.next();
  REQUIRE(e.kind == EventKind::End);
  CHECK_FALSE(e.error.empty());
  CHECK(run.next().error == e.error);
  Runner copy(r.program);
  REQUIRE(copy.restoreState(run.saveState()));
  CHECK(copy.current().kind == EventKind::End);
  CHECK(copy.current().error == "t.yarn:7: <<jump>> to `Slutt` in node `Start`: there is no node with that title");
}

TEST_CASE("a node that detours into itself stops with an error, not without end") {
  const std::string out = play("title: Start\n---\nHej.\n<<detour Start>>\n===\n");
  CHECK(out.find("error: t.yarn:4: <<detour Start>> in node `Start`: detours are nested too deeply") !=
        std::string::npos);
  CHECK(out.find("(loop)") == std::string::npos);
}

TEST_CASE("visits count when a detoured node is left") {
  const auto r = compileText(kDetours);
  Runner run(r.program);
  REQUIRE(run.start("Start", 0));
  for (int i = 0; i < 6; ++i) run.next();  // Start, Velkommen, Regler, Reglerne, Tavshed, fortroligt
  CHECK(run.visitCount("Tavshed") == 0);
  run.next();  // Første gang: Tavshed has returned
  CHECK(run.visitCount("Tavshed") == 1);
  CHECK(run.visitCount("Regler") == 0);
  CHECK(run.visitCount("Start") == 0);
}

TEST_CASE("state saved inside detours restores the return stack exactly") {
  const auto r = compileText(kDetours);
  REQUIRE(r.ok());
  // Run once straight, and once through a fresh runner restored before every step.
  auto run = [&](bool restore) {
    auto runner = std::make_unique<Runner>(r.program);
    REQUIRE(runner->start("Start", 0));
    std::string out;
    for (int step = 0; step < 100; ++step) {
      if (restore) {
        const std::string saved = runner->saveState();
        runner = std::make_unique<Runner>(r.program);
        REQUIRE(runner->restoreState(saved));
        REQUIRE(runner->saveState() == saved);
      }
      const Event& e = runner->next();
      out += std::to_string(static_cast<int>(e.kind)) + ":" + std::to_string(e.node) + ":" +
             (e.kind == EventKind::Line ? std::string(e.text) : std::string()) + "\n";
      if (e.kind == EventKind::Options) REQUIRE(runner->choose(0));
      if (e.kind == EventKind::End) break;
    }
    return out;
  };
  CHECK(run(true) == run(false));
  // The stack is part of the checksummed bytes: a state two detours deep differs from one at the top.
  Runner deep(r.program);
  REQUIRE(deep.start("Start", 0));
  for (int i = 0; i < 6; ++i) deep.next();
  const std::string saved = deep.saveState();
  Runner top(r.program);
  REQUIRE(top.start("Start", 0));
  CHECK(top.saveState().size() < saved.size());
  std::string bad = saved;
  bad[bad.size() / 2] ^= 0x10;
  CHECK_FALSE(top.restoreState(bad));
}

TEST_CASE("enum values run as their case names and the host can set only a case") {
  const char* src =
      "title: Start\n---\n<<enum Humoer>>\n    <<case Rolig>>\n    <<case Vred>>\n<<endenum>>\n"
      "<<declare $humoer = Humoer.Rolig>>\n"
      "Borgeren er {$humoer}.\n"
      "-> Bliv vred\n    <<set $humoer to .Vred>>\n-> Bliv rolig\n"
      "<<if $humoer == .Vred>>\n    Jeg kan høre, du er vred.\n<<else>>\n    Godt.\n<<endif>>\n===\n";
  CHECK(play(src, {1}) ==
        "node: Start\nline: Borgeren er Rolig.\noption: Bliv vred\noption: Bliv rolig\nselect: 1\n"
        "line: Jeg kan høre, du er vred.\nstop\n");
  CHECK(play(src, {2}).find("line: Godt.\nstop\n") != std::string::npos);
  const auto r = compileText(src);
  REQUIRE(r.ok());
  CHECK(r.program->variables[r.program->findVariable("humoer")].cases == std::vector<std::string>{"Rolig", "Vred"});
  Runner run(r.program);
  REQUIRE(run.start("Start", 0));
  CHECK_FALSE(run.setVariable("humoer", Value::fromString("Glad")));
  CHECK(run.setVariable("humoer", Value::fromString("Vred")));
  run.next();
  CHECK(run.next().text == "Borgeren er Vred.");
}
