// SPDX-License-Identifier: GPL-3.0-or-later
// Language features end to end: each .yarn construct compiled and run, checked by its transcript.
#include "scenario_test_util.h"

#include <catch2/catch.hpp>

using namespace overum::scenario;
using namespace overum::scenario::test;

TEST_CASE("nodes keep their headers, tags and order across files") {
  const std::vector<SourceFile> files{
      {"a.yarn", "title: Start\nmeeting: myndighed\ntags: intro  vigtig\n---\nHej\n<<jump B>>\n===\n"},
      {"b.yarn", "// kommentar\n#filtag\ntitle: B\n---\nFarvel\n===\n"}};
  const auto r = compile(files, meetingVocabulary());
  REQUIRE(r.ok());
  const Program& p = *r.program;
  REQUIRE(p.nodes.size() == 2);
  CHECK(p.nodes[0].title == "Start");
  CHECK(p.nodes[0].headers.size() == 2);
  CHECK(p.nodes[0].headers[0] == std::pair<std::string, std::string>{"meeting", "myndighed"});
  CHECK(p.nodes[0].tags == std::vector<std::string>{"intro", "vigtig"});
  CHECK(p.files[p.nodes[1].loc.file] == "b.yarn");
  CHECK(transcript(r.program) == "node: Start\nline: Hej\nnode: B\nline: Farvel\nstop\n");
}

TEST_CASE("lines: speaker, interpolation, escapes, comments and hashtags") {
  const auto r = compileText(
      "title: Start\n---\n"
      "<<declare $n = 2>>\n"
      "Sagsbehandler: Du har {$n * 2} minutter, {$borger_navn}! #mood:venlig #line:a1\n"
      "Kl. 10:30 starter vi // ikke en taler, og dette er en kommentar\n"
      "Tegn: \\{ \\} \\# \\< \\\\ og \\// slut\n"
      "Fortæller:   Mellemrum trimmes   \n"
      "===\n");
  REQUIRE(r.ok());
  const Program& p = *r.program;
  REQUIRE(p.lines.size() == 4);
  CHECK(p.lines[0].speaker == "Sagsbehandler");
  CHECK(p.lines[0].id == "a1");
  CHECK(p.lines[0].tags == std::vector<std::string>{"mood:venlig", "line:a1"});
  CHECK(p.lines[1].speaker.empty());
  CHECK(p.lines[0].source == "Du har {$n * 2} minutter, {$borger_navn}!");
  Runner run(r.program);
  REQUIRE(run.start("Start", 0));
  REQUIRE(run.setVariable("borger_navn", Value::fromString("Sara")));
  CHECK(run.next().kind == EventKind::Node);
  CHECK(run.next().text == "Du har 4 minutter, Sara!");
  CHECK(run.next().text == "Kl. 10:30 starter vi");
  CHECK(run.next().text == "{ } # < \\ og // slut");
  const Event& e = run.next();
  CHECK(e.text == "Mellemrum trimmes");
  CHECK(p.lines[e.line].speaker == "Fortæller");
  CHECK(run.next().kind == EventKind::End);
}

TEST_CASE("options nest by indentation and report unavailable ones") {
  const std::string src =
      "title: Start\n---\n"
      "<<declare $bisidder = false>>\n"
      "Hvad vil du?\n"
      "-> Spørg\n"
      "    Svar 1\n"
      "    -> Dybere\n"
      "        Svar 2\n"
      "    -> Tilbage\n"
      "    Efter indre\n"
      "-> Med bisidder <<if $bisidder>>\n"
      "    Bisidder\n"
      "-> Gå\n"
      "Efter ydre\n"
      "===\n";
  CHECK(play(src, {1, 2}) ==
        "node: Start\nline: Hvad vil du?\noption: Spørg\noption: Med bisidder [unavailable]\noption: Gå\nselect: 1\n"
        "line: Svar 1\noption: Dybere\noption: Tilbage\nselect: 2\nline: Efter indre\nline: Efter ydre\nstop\n");
  CHECK(play(src, {3}).find("select: 3\nline: Efter ydre\nstop\n") != std::string::npos);
  // Choosing an unavailable option is refused.
  CHECK(play(src, {2}).find("(no choice)") != std::string::npos);
}

TEST_CASE("options where none is available are skipped") {
  CHECK(play("title: Start\n---\n<<declare $x = 0>>\n<<set $x = 1>>\n-> A <<if $x > 5>>\n-> B <<if $x > "
             "6>>\nEfter\n===\n") == "node: Start\nline: Efter\nstop\n");
}

TEST_CASE("if, elseif and else pick the first true branch") {
  const std::string src =
      "title: Start\n---\n"
      "<<declare $svaerhed = \"neutral\">>\n"
      "<<set $svaerhed to \"{v}\">>\n"
      "<<if $svaerhed is \"stoettende\">>\n  S\n<<elseif $svaerhed eq \"presset\">>\n  P\n<<else>>\n  N\n<<endif>>\n"
      "===\n";
  auto with = [&](const std::string& v) {
    std::string s = src;
    s.replace(s.find("{v}"), 3, v);
    return play(s);
  };
  CHECK(with("stoettende") == "node: Start\nline: S\nstop\n");
  CHECK(with("presset") == "node: Start\nline: P\nstop\n");
  CHECK(with("neutral") == "node: Start\nline: N\nstop\n");
}

TEST_CASE("set, declare and compound assignment") {
  CHECK(play("title: Start\n---\n<<declare $n = 1 as number>>\n<<declare $s = \"a\">>\n<<declare $b = true as bool>>\n"
             "<<set $n += 4>>\n<<set $n *= 2>>\n<<set $n -= 1>>\n<<set $n /= 3>>\n<<set $s = $s + \"b\">>\n<<set $b = "
             "not $b>>\n"
             "{$n} {$s} {$b}\n===\n") == "node: Start\nline: 3 ab false\nstop\n");
}

TEST_CASE("operators and their word forms") {
  CHECK(play("title: Start\n---\n"
             "{1 + 2 * 3} {(1 + 2) * 3} {7 % 4} {-2 - -3} {1 / 4}\n"
             "{1 < 2 and 2 lte 2} {3 gt 4 or 4 gte 4} {true xor true} {true ^ false} {not false} {!true}\n"
             "{1 == 1} {1 eq 2} {1 neq 2} {\"a\" != \"b\"} {1 lt 2} {true && false || true}\n"
             "===\n") ==
        "node: Start\nline: 7 9 3 1 0.25\nline: true true false true true false\nline: true false true true true "
        "true\nstop\n");
}

TEST_CASE("built-in functions") {
  CHECK(
      play("title: Start\n---\n"
           "{round(2.5)} {floor(2.7)} {ceil(2.1)} {inc(2)} {inc(2.5)} {dec(2)} {dec(2.5)} {decimal(2.25)} {int(-2.7)}\n"
           "{string(3) + \"x\"} {number(\"4.5\") + 1} {bool(1)} {bool(\"\")} {round_places(3.14159, 2)}\n"
           "===\n") == "node: Start\nline: 3 2 3 3 3 1 2 0.25 -2\nline: 3x 5.5 true false 3.14\nstop\n");
}

TEST_CASE("visited and visited_count count completed visits") {
  CHECK(
      play("title: Start\n---\n<<declare $i = 0>>\n{visited(\"Start\")} {visited_count(\"Loop\")}\n<<jump Loop>>\n===\n"
           "title: Loop\n---\n<<set $i += 1>>\n<<if $i < 3>>\n<<jump Loop>>\n<<endif>>\n{visited(\"Start\")} "
           "{visited_count(\"Loop\")}\n===\n") ==
      "node: Start\nline: false 0\nnode: Loop\nnode: Loop\nnode: Loop\nline: true 2\nstop\n");
}

TEST_CASE("random functions are deterministic for a seed and stay in range") {
  const std::string src =
      "title: Start\n---\n<<declare $i = 0>>\n<<declare $ok = true>>\n"
      "<<set $ok = $ok and dice(6) >= 1 and dice(6) <= 6 and random() >= 0 and random() < 1>>\n"
      "<<set $ok = $ok and random_range(3, 5) >= 3 and random_range(3, 5) <= 5>>\n"
      "<<set $i += 1>>\n<<if $i < 200>>\n<<jump Start>>\n<<endif>>\n{$ok} {dice(1000)}\n===\n";
  const std::string a = play(src, {}, 7), b = play(src, {}, 7), c = play(src, {}, 8);
  CHECK(a == b);
  CHECK(a != c);
  CHECK(a.find("line: true ") != std::string::npos);
}

TEST_CASE("line groups pick one available line by the seed") {
  const std::string src =
      "title: Start\n---\n<<declare $x = false>>\n"
      "=> Hej\n=> Goddag\n=> Skjult <<if $x>>\n    aldrig\n=> Davs\nEfter\n===\n";
  std::set<std::string> seen;
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    const std::string t = play(src, {}, seed);
    CHECK(t.find("Skjult") == std::string::npos);
    CHECK(t.find("line: Efter\nstop\n") != std::string::npos);
    seen.insert(t);
  }
  CHECK(seen.size() == 3);
  CHECK(play(src, {}, 5) == play(src, {}, 5));
}

TEST_CASE("once blocks, once options and once lines") {
  const std::string src =
      "title: Start\n---\n<<declare $i = 0>>\n<<set $i += 1>>\n"
      "<<once>>\n  Første\n<<else>>\n  Igen\n<<endonce>>\n"
      "Kun én gang <<once>>\n"
      "-> Engang <<once>>\n-> Altid\n"
      "<<if $i < 3>>\n<<jump Start>>\n<<endif>>\n===\n";
  CHECK(play(src, {1, 2, 2}) ==
        "node: Start\nline: Første\nline: Kun én gang\noption: Engang\noption: Altid\nselect: 1\n"
        "node: Start\nline: Igen\noption: Engang [unavailable]\noption: Altid\nselect: 2\n"
        "node: Start\nline: Igen\noption: Engang [unavailable]\noption: Altid\nselect: 2\nstop\n");
}

TEST_CASE("commands pass parsed arguments to the host") {
  const auto r = compileText(
      "title: Start\n---\n<<declare $t = 2>>\n"
      "<<mood Sagsbehandler venlig>>\n<<wait 1.5>>\n<<listen {$t * 10}>>\n<<facilitator \"Spørg ind, roligt\">>\n"
      "<<look Sagsbehandler borger>>\n<<statement>>\n<<pause>>\n<<gesture Leder nik>>\n===\n");
  REQUIRE(r.ok());
  Runner run(r.program);
  REQUIRE(run.start("", 0));
  run.next();
  const Event& mood = run.next();
  REQUIRE(mood.kind == EventKind::Command);
  CHECK(r.program->commands[mood.command].name == "mood");
  REQUIRE(mood.args.size() == 2);
  CHECK(mood.args[0].string == "Sagsbehandler");
  CHECK(mood.args[1].string == "venlig");
  const Event& wait = run.next();
  REQUIRE(wait.args.size() == 1);
  CHECK(wait.args[0].type == Type::Number);
  CHECK(wait.args[0].number == 1.5);
  CHECK(run.next().args[0].number == 20);
  CHECK(run.next().args[0].string == "Spørg ind, roligt");
  CHECK(run.next().args.size() == 2);
  CHECK(run.next().args.empty());
  CHECK(r.program->commands[run.next().command].name == "pause");
  CHECK(run.next().args[1].string == "nik");
  CHECK(run.next().kind == EventKind::End);
}

TEST_CASE("stop ends the dialogue and falling off a node ends it too") {
  CHECK(play("title: Start\n---\nA\n<<stop>>\nB\n===\n") == "node: Start\nline: A\nstop\n");
  CHECK(play("title: Start\n---\n===\n") == "node: Start\nstop\n");
}

TEST_CASE("a file with Windows line ends and a byte order mark reads the same") {
  CHECK(play("\xEF\xBB\xBFtitle: Start\r\n---\r\nA: Hej\r\n-> Ja\r\n    Ok\r\n===\r\n", {1}) ==
        "node: Start\nline: A: Hej\noption: Ja\nselect: 1\nline: Ok\nstop\n");
}
