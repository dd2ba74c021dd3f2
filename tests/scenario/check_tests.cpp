// SPDX-License-Identifier: GPL-3.0-or-later
// Every compiler message: where it points (file:line:column), its words, and its fix. A broken file
// gives diagnostics and no program.
#include "scenario_test_util.h"

#include <catch2/catch.hpp>
#include <chrono>

using namespace overum::scenario;
using namespace overum::scenario::test;

namespace {

// Wraps a body in a Start node (body starts on line 3) unless it has its own headers.
std::string node(const std::string& body) { return "title: Start\n---\n" + body + "\n===\n"; }

// The one message the source must produce (exactly one error or warning), formatted.
std::string only(const std::string& src, const Vocabulary& v = meetingVocabulary(), const CompileOptions& o = {}) {
  const auto r = compileText(src, v, o);
  if (r.diagnostics.size() != 1) return "expected one message, got:\n" + messages(r);
  return formatDiagnostic(r.diagnostics[0]);
}

}  // namespace

TEST_CASE("syntax errors name the place and the fix") {
  CHECK(only("title: Start\n---\nHej\n") ==
        "t.yarn:1:1: error: node `Start` is not closed; add a line with `===` after its last line");
  CHECK(only("title: Start\nHej\n---\n===\n")
            .rfind("t.yarn:2:1: error: expected a header like `title: Start` or the `---` line", 0) == 0);
  CHECK(only("meeting: x\n---\n===\n") ==
        "t.yarn:1:1: error: this node has no `title:` line; add `title: NodeName` as its first line");
  CHECK(only("title: Min node\n---\n===\n") ==
        "t.yarn:1:1: error: node title `Min node` is not a valid name; titles use letters a-z, digits and `_` (no "
        "spaces, æ, ø, å); write e.g. `Min_node`");
  CHECK(only("title: Åbning\n---\n===\n").find("write e.g. `Aabning`") != std::string::npos);
  CHECK(only(node("<<if true>>\nHej")) ==
        "t.yarn:3:1: error: `<<if>>` has no `<<endif>>`; add `<<endif>>` after the last line of the block (inside an "
        "option, indented like the option's lines)");
  CHECK(only(node("<<endif>>")).rfind("t.yarn:3:1: error: `<<endif>>` without a matching `<<if>>` before it", 0) == 0);
  CHECK(only(node("<<else>>")).rfind("t.yarn:3:1: error: `<<else>>` without a matching `<<if>>`", 0) == 0);
  CHECK(only(node("<<if true>>\n<<else>>\n<<else>>\n<<endif>>")) ==
        "t.yarn:5:1: error: `<<else>>` after `<<else>>`; the `<<else>>` part must come last");
  CHECK(only(node("<<once>>\nHej")).rfind("t.yarn:3:1: error: `<<once>>` has no `<<endonce>>`", 0) == 0);
  CHECK(only(node("<<wait 2")) ==
        "t.yarn:3:1: error: `<<` is not closed with `>>`; end the command with `>>` on the same line");
  CHECK(only(node("<<wait 2>> ekstra")) ==
        "t.yarn:3:12: error: unexpected text after `>>`; put it on a line of its own");
  CHECK(only(node("<<>>")) == "t.yarn:3:1: error: `<<>>` is empty; write a command, e.g. `<<wait 2>>`");
  CHECK(only(node("Hej {$borger_navn")) ==
        "t.yarn:3:5: error: `{` is not closed; add `}` after the expression, or write `\\{` for a brace in the text");
  CHECK(only(node("Hej }")) == "t.yarn:3:5: error: `}` without a `{` before it; write `\\}` for a brace in the text");
  CHECK(only(node("Hej {}")) == "t.yarn:3:5: error: `{}` has no expression inside; write e.g. `{$borger_navn}`");
  CHECK(only(node("Hej #tag efter")) ==
        "t.yarn:3:10: error: unexpected text after the hashtags; hashtags (#...) go last on the line; write `\\#` for "
        "a # in the text");
  CHECK(only(node("Hej # tag")) ==
        "t.yarn:3:5: error: `#` without a tag name; write e.g. `#mood:venlig`, or `\\#` for a # in the text");
  CHECK(only(node("Hej #line:a #line:b")) == "t.yarn:3:13: error: this line has two `#line:` IDs; keep one of them");
  CHECK(only(node("Hej #line:")) ==
        "t.yarn:3:5: error: `#line:` has no ID after it; write e.g. `#line:a1b2c3`, or run `overum tag`");
  CHECK(only(node("Hej <<wait 2>>")) ==
        "t.yarn:3:5: error: only `<<if condition>>` or `<<once>>` can follow the text of a line; put commands like "
        "`<<wait 2>>` on a line of their own");
  CHECK(only(node("-> #tag")) == "t.yarn:3:4: error: this line has no text; write what is said, or remove the line");
  CHECK(only(node("<<jump>>")) == "t.yarn:3:1: error: `<<jump>>` needs a node name; write e.g. `<<jump Afslutning>>`");
  CHECK(only(node("<<jump {$x>>")) ==
        "t.yarn:3:8: error: `{` is not closed; write the node name's expression in braces, e.g. `<<jump {$naeste}>>`");
  CHECK(only(node("<<jump {$x} Slut>>")) ==
        "t.yarn:3:12: error: unexpected text after `}`; write only one node name or `{expression}`, e.g. `<<jump "
        "{$naeste}>>`");
  CHECK(only(node("<<detour {}>>")) ==
        "t.yarn:3:10: error: `{}` has no expression inside; write e.g. `<<detour {$naeste}>>`");
  CHECK(only(node("<<detour>>")) ==
        "t.yarn:3:1: error: `<<detour>>` needs a node name; write e.g. `<<detour Afslutning>>`");
  CHECK(only(node("<<detour Min node>>")).rfind("t.yarn:3:10: error: `Min node` is not a valid node name;", 0) == 0);
  CHECK(only(node("<<return nu>>")) ==
        "t.yarn:3:10: error: `<<return>>` takes nothing after it; write just `<<return>>`");
  CHECK(only(node("<<stop nu>>")) == "t.yarn:3:8: error: `<<stop>>` takes nothing after it; write just `<<stop>>`");
  CHECK(only(node("<<if>>\n<<endif>>")) ==
        "t.yarn:3:5: error: `<<if>>` needs a condition; write e.g. `<<if $bisidder>>`");
  CHECK(only(node("<<set x = 1>>")) ==
        "t.yarn:3:7: error: `<<set>>` needs a variable starting with `$`; write e.g. `<<set $bisidder = true>>`");
  CHECK(only(node("<<declare $x 1>>")) ==
        "t.yarn:3:14: error: expected `=` or `to` after `$x`; write e.g. `<<declare $bisidder = false>>`");
  CHECK(only(node("<<declare $x =>>")) ==
        "t.yarn:3:15: error: a value is missing after `$x`; write e.g. `<<declare $bisidder = false>>`");
}

TEST_CASE("expression syntax errors") {
  CHECK(only(node("{1 +}")) ==
        "t.yarn:3:5: error: an expression is missing here; write a value, e.g. `$x > 1` or `true`");
  CHECK(only(node("{(1 + 2}")) == "t.yarn:3:8: error: missing `)`; close every `(` with a `)`");
  CHECK(only(node("{1 2}")) ==
        "t.yarn:3:4: error: unexpected `2` in expression; check for a missing operator or an extra bracket");
  CHECK(only(node("{ja}")) ==
        "t.yarn:3:2: error: unknown word `ja` in expression; variables start with `$` (`$ja`) and text goes in quotes "
        "(\"ja\")");
  CHECK(only(node("{\"abc}")) == "t.yarn:3:2: error: text in quotes is not closed; add the closing `\"`");
  CHECK(only(node("<<facilitator \"abc>>")) ==
        "t.yarn:3:15: error: text in quotes is not closed; add the closing `\"` before `>>`");
  CHECK(only(node("<<declare $x = 1>>\n<<if $x = 1>>\n<<endif>>")) ==
        "t.yarn:4:9: error: `=` cannot compare; use `==` or `is` to compare");
  CHECK(only(node("{$}")) == "t.yarn:3:2: error: `$` must be followed by a variable name; write e.g. `$svaerhed`");
  CHECK(only(node("{1.2.3}")) == "t.yarn:3:2: error: `1.2.3` is not a number; write numbers like 3 or 2.5");
  CHECK(only(node("{max(1, 2}")) ==
        "t.yarn:3:10: error: missing `)` after the arguments of `max`(); separate arguments with `,` and end with `)`");
  std::string deep(500, '(');
  CHECK(only(node("{" + deep + "}")) ==
        "t.yarn:3:203: error: expression is nested too deeply; split it into several <<set>> steps");
}

TEST_CASE("names: jumps, duplicates, variables, functions, commands, speakers") {
  CHECK(messages(compileText("title: Start\n---\n<<jump Afslutnig>>\n===\ntitle: Afslutning\n---\n===\n"))
            .rfind("t.yarn:3:8: error: no node named `Afslutnig`; did you mean `Afslutning`?\n", 0) == 0);
  CHECK(only(node("<<jump Xyz>>")) ==
        "t.yarn:3:8: error: no node named `Xyz`; add a node with `title: Xyz`, or check the spelling");
  CHECK(only(node("<<detour Xyz>>")) ==
        "t.yarn:3:10: error: no node named `Xyz`; add a node with `title: Xyz`, or check the spelling");
  // A title written as a constant is checked like a plain name; a computed one must be text.
  CHECK(only(node("<<jump {\"Strat\"}>>")) == "t.yarn:3:9: error: no node named `Strat`; did you mean `Start`?");
  CHECK(only(node("<<jump {1 + 1}>>")) ==
        "t.yarn:3:11: error: the node name after `<<jump>>` must be text (a string), but it is a number; "
        "write the node name itself, e.g. `<<jump Afslutning>>`");
  CHECK(only(node("<<declare $n = 1>>\n<<detour {$n}>>")) ==
        "t.yarn:4:11: error: the node name after `<<detour>>` must be text (a string), but it is a number; "
        "use a text variable, e.g. `{$naeste}` declared as `<<declare $naeste = \"Afslutning\">>`");
  CHECK(only(node("<<jump {$naeste}>>")) ==
        "t.yarn:3:9: error: variable `$naeste` is not declared; declare it once, e.g. `<<declare $naeste = 0>>`");
  CHECK(only("title: Start\n---\n===\ntitle: Start\n---\n===\n") ==
        "t.yarn:4:1: error: there is already a node named `Start` (at t.yarn:1); rename one of them");
  CHECK(only(node("A #line:x1\nB #line:x1")) ==
        "t.yarn:4:3: error: line ID `x1` is used twice (also at t.yarn:3); remove this `#line:` tag and run `overum "
        "tag` to give the line a new ID");
  CHECK(only(node("<<declare $navn = \"\">>\n{$naavn}")) ==
        "t.yarn:4:2: error: variable `$naavn` is not declared; did you mean `$navn`?");
  CHECK(only(node("<<set $ny = 1>>")) ==
        "t.yarn:3:7: error: variable `$ny` is not declared; declare it once, e.g. `<<declare $ny = 0>>`");
  CHECK(only(node("<<declare $x = 1>>\n<<declare $x = 2>>")) ==
        "t.yarn:4:11: error: `$x` is declared twice (first at t.yarn:3); keep one <<declare>>");
  CHECK(only(node("<<declare $borger_navn = \"\">>")) ==
        "t.yarn:3:11: error: `$borger_navn` is provided by Øverum and cannot be declared; remove this <<declare>>; the "
        "value is filled in for you");
  CHECK(
      only(node("<<declare $x = $y>>")) ==
      "t.yarn:3:16: error: the starting value of `$x` must be a plain value; write e.g. `0`, `\"neutral\"` or `false`");
  CHECK(only(node("<<declare $x = 1 as string>>")) ==
        "t.yarn:3:11: error: `$x` is declared `as string` but starts as a number; make the value and the type agree");
  CHECK(only(node("{floorr(1)}")) == "t.yarn:3:2: error: unknown function `floorr()`; did you mean `floor()`?");
  CHECK(only(node("{dice()}")) == "t.yarn:3:2: error: `dice()` takes 1 argument, not 0; write e.g. `dice(1)`");
  CHECK(only(node("{visited(Start)}")).find("unknown word `Start`") != std::string::npos);
  CHECK(only(node("{visited(1)}")) ==
        "t.yarn:3:10: error: `visited()` needs text (a string) here, but got a number; put node names in quotes: "
        "visited(\"Start\")");
  CHECK(only(node("{visited(\"Strat\")}")) == "t.yarn:3:10: error: no node named `Strat`; did you mean `Start`?");
  CHECK(only(node("<<mod Sagsbehandler glad>>")) ==
        "t.yarn:3:3: error: unknown command `<<mod>>`; did you mean `<<mood>>`?");
  CHECK(only(node("<<dans>>"))
            .rfind("t.yarn:3:3: error: unknown command `<<dans>>`; known commands: facilitator, gesture, listen, look, "
                   "mood, pause, statement, uro, wait",
                   0) == 0);
  CHECK(only(node("<<mood Sagsbehandler>>")) ==
        "t.yarn:3:3: error: `<<mood>>` takes 2 arguments, but got 1; write `<<mood WHO HOW>>`");
  CHECK(only(node("<<facilitator Spørg ind>>")) ==
        "t.yarn:3:3: error: `<<facilitator>>` takes 1 argument, but got 2; write `<<facilitator HINT>>` (text with "
        "spaces goes in quotes)");
  CHECK(only(node("<<mood Sagsbehandler glaad>>")) ==
        "t.yarn:3:22: error: `glaad` is not a known `how` for `<<mood>>`; did you mean `glad`?");
  CHECK(only(node("<<gesture Sagsbehandler vink>>")).find("use one of: nik, smil, ryst_hovedet") != std::string::npos);
  CHECK(only(node("<<wait lidt>>")) ==
        "t.yarn:3:8: error: `<<wait>>` needs a number for `seconds`, not `lidt`; write e.g. `<<wait 2>>`");
  CHECK(only(node("<<listen {\"x\"}>>")) ==
        "t.yarn:3:10: error: `<<listen>>` needs a number for `seconds`; write a number or {an expression that gives a "
        "number}");
  Vocabulary cast = meetingVocabulary();
  cast.speakers = std::set<std::string, std::less<>>{"Borger", "Sagsbehandler", "sagsbehandler"};
  CHECK(only(node("Sagsbehandlr: Hej"), cast) ==
        "t.yarn:3:1: error: unknown speaker `Sagsbehandlr`; did you mean `Sagsbehandler`?");
  CHECK(only(node("Ukendt: Hej"), cast) ==
        "t.yarn:3:1: error: unknown speaker `Ukendt`; speakers are the cast in cast.json: Borger, Sagsbehandler, "
        "sagsbehandler");
  CHECK(only(node("<<look sagsbehandler borde>>"), cast) ==
        "t.yarn:3:22: error: `borde` is not in the cast (`at` of `<<look>>`); did you mean `bord`?");
  CHECK(compileText(node("<<look sagsbehandler borger>>\nBorger: Hej"), cast).ok());
  CHECK(compileText(node("Hvem som helst: Hej")).ok());  // no cast: speakers are not checked
  CompileOptions loose;
  loose.checkCommands = false;
  CHECK(compileText(node("<<fade_in 2>>"), meetingVocabulary(), loose).ok());
}

TEST_CASE("type errors") {
  const std::string decl = "<<declare $n = 1>>\n<<declare $s = \"a\">>\n<<declare $b = true>>\n";
  CHECK(only(node(decl + "{$n + $s}")) ==
        "t.yarn:6:5: error: cannot use `+` on a number and text (a string); turn the other side into text with "
        "`string(...)`, or put it in the line as {...}");
  CHECK(only(node(decl + "{$b + $b}")) ==
        "t.yarn:6:5: error: cannot use `+` on true/false (a bool) and true/false (a bool); `+` adds numbers or joins "
        "text");
  CHECK(only(node(decl + "{$s * 2}")) ==
        "t.yarn:6:5: error: `*` needs numbers on both sides, but got text (a string) and a number; use `number(...)` "
        "to turn text into a number");
  CHECK(only(node(decl + "{$s == 1}")) ==
        "t.yarn:6:5: error: cannot compare text (a string) with a number; compare values of the same kind, e.g. "
        "`$svaerhed == \"presset\"`");
  CHECK(only(node(decl + "{$s < \"b\"}")) ==
        "t.yarn:6:5: error: `<` compares numbers, but got text (a string) and text (a string); use `==` or `!=` for "
        "text and true/false");
  CHECK(only(node(decl + "{$n and $b}")) ==
        "t.yarn:6:5: error: `and` needs true/false on both sides, but got a number and true/false (a bool); compare "
        "first, e.g. `$x > 0 and $bisidder`");
  CHECK(only(node(decl + "{-$s}")) ==
        "t.yarn:6:2: error: `-` needs a number, but got text (a string); use `not` to negate true/false");
  CHECK(only(node(decl + "{not $n}")) ==
        "t.yarn:6:2: error: `not` needs true/false, but got a number; compare first, e.g. `not ($x > 0)`");
  CHECK(only(node(decl + "<<if $n>>\n<<endif>>")) ==
        "t.yarn:6:6: error: the condition of <<if>> must be true or false, but it is a number; compare it, e.g. `$x > "
        "0` or `$x == \"neutral\"`");
  CHECK(only(node(decl + "-> Ja <<if $s>>"))
            .rfind("t.yarn:6:12: error: the condition of this option must be true or false, but it is text (a string)",
                   0) == 0);
  CHECK(only(node(decl + "<<set $n = \"tre\">>")) ==
        "t.yarn:6:12: error: `$n` holds a number, but this gives it text (a string); give it a value of the same kind "
        "as its <<declare>>");
  CHECK(only(node(decl + "<<set $s = 3>>")) ==
        "t.yarn:6:12: error: `$s` holds text (a string), but this gives it a number; put text in quotes, or use "
        "`string(...)`");
  // One mistake, one message: an error inside does not cascade outward.
  CHECK(only(node(decl + "{($n + $s) * 2 > 1 and $b}")).find("cannot use `+`") != std::string::npos);
}

TEST_CASE("flow checks: unreachable nodes, never-available options, nodes that never end") {
  CHECK(only("title: Start\n---\nHej\n===\ntitle: Glemt\n---\n===\n") ==
        "t.yarn:5:1: warning: node `Glemt` is never reached from `Start`; add a <<jump Glemt>> where it belongs, or "
        "remove the node");
  // Without a start node there is nothing to be reached from.
  CHECK(compileText("title: A\n---\n===\ntitle: B\n---\n===\n").diagnostics.empty());
  CompileOptions start;
  start.start = "A";
  CHECK(only("title: A\n---\n===\ntitle: B\n---\n===\n", meetingVocabulary(), start)
            .find("node `B` is never reached from `A`") != std::string::npos);
  CHECK(only("title: A\n---\n===\n", meetingVocabulary(), CompileOptions{"Strat", true, {}})
            .find("no node named `Strat`") != std::string::npos);
  const auto r = compileText(node("<<declare $ledsager = false>>\n-> Med bisidder <<if $ledsager>>\n-> Uden"));
  REQUIRE(r.ok());  // a warning does not stop the program
  CHECK(messages(r) ==
        "t.yarn:4:22: warning: option `Med bisidder` can never be available: its condition is always false; "
        "the variables it uses are never changed by a <<set>>; fix the condition or add the <<set>>\n");
  CHECK(compileText(node("<<declare $ledsager = false>>\n<<set $ledsager = true>>\n-> Med <<if $ledsager>>\n-> Uden"))
            .diagnostics.empty());
  CHECK(compileText(node("-> Med <<if $borger_navn == \"Sara\">>\n-> Uden"))
            .diagnostics.empty());  // host values are unknown
  // $bisidder and $svaerhed are declared by scenes but set by the session: unknown too.
  CHECK(compileText(node("<<declare $bisidder = false>>\n-> Med bisidder <<if $bisidder>>\n-> Uden"))
            .diagnostics.empty());
  CHECK(only(node("<<declare $bisidder = 0>>")) ==
        "t.yarn:3:11: error: Øverum sets `$bisidder` to true/false (a bool), but it is declared as a number; declare "
        "it as `false`");
  CHECK(only(node("<<declare $svaerhed = false>>")).find("declare it with text in quotes") != std::string::npos);
  CHECK(messages(compileText("title: Start\n---\n<<jump A>>\n===\ntitle: A\n---\n-> igen\n  <<jump B>>\n===\ntitle: "
                             "B\n---\n<<jump A>>\n===\n")) ==
        "t.yarn:1:1: error: node `Start` can never end: every way through it jumps on, round and round; give it a way "
        "out: an option or <<if>> branch that leads to <<stop>>, or to a node that ends\n"
        "t.yarn:5:1: error: node `A` can never end: every way through it jumps on, round and round; give it a way out: "
        "an option or <<if>> branch that leads to <<stop>>, or to a node that ends\n"
        "t.yarn:10:1: error: node `B` can never end: every way through it jumps on, round and round; give it a way "
        "out: an option or <<if>> branch that leads to <<stop>>, or to a node that ends\n");
  CHECK(compileText("title: Start\n---\n-> igen\n  <<jump Start>>\n-> slut\n===\n").diagnostics.empty());
}

TEST_CASE("flow checks follow detours and computed jumps") {
  // A detour target is reached; a node that only ends by <<return>> can end.
  CHECK(compileText("title: Start\n---\n<<detour Hjaelp>>\n===\ntitle: Hjaelp\n---\nHej\n<<return>>\n===\n")
            .diagnostics.empty());
  // The caller goes on after the detour, so its own way out counts.
  CHECK(compileText("title: Start\n---\n<<detour A>>\n===\ntitle: A\n---\n<<jump A>>\n===\n").diagnostics.size() == 1);
  CHECK(only("title: Start\n---\n<<detour A>>\n<<jump Start>>\n===\ntitle: A\n---\nHej\n===\n")
            .rfind("t.yarn:1:1: error: node `Start` can never end", 0) == 0);
  // A computed title may lead anywhere: no node counts as unreached, and the jump may end the run.
  CHECK(compileText("title: Start\n---\n<<declare $hvor = \"A\">>\n<<jump {$hvor}>>\n===\ntitle: A\n---\n===\n")
            .diagnostics.empty());
  CHECK(only("title: Start\n---\n<<jump A>>\n===\ntitle: A\n---\n===\ntitle: B\n---\n===\n")
            .find("node `B` is never reached") != std::string::npos);
}

TEST_CASE("a broken file gives every error at once and no program") {
  const auto r = compileText("title: Start\n---\n<<jump Nowhere>>\n{$x}\n<<mood a>>\n===\ntitle: Start\n---\n===\n");
  CHECK_FALSE(r.ok());
  CHECK(r.program == nullptr);
  CHECK(r.errors() == 4);
  // Sorted by position.
  for (std::size_t i = 1; i < r.diagnostics.size(); ++i) CHECK(r.diagnostics[i - 1].line <= r.diagnostics[i].line);
}

TEST_CASE("an empty file is allowed but said") {
  CHECK(only("// kun en kommentar\n") ==
        "t.yarn:1:1: warning: this file has no nodes; a node starts with `title: Name`, then `---`, its lines, and "
        "`===`");
}

TEST_CASE("columns count characters, not bytes") {
  CHECK(only(node("Æblegrød og {$ø}")).rfind("t.yarn:3:14: error: `$` must be followed", 0) == 0);
}

TEST_CASE("did-you-mean only suggests close words") {
  CHECK(closestMatch("Afslutnig", {"Afslutning", "Start"}) == "Afslutning");
  CHECK(closestMatch("xyz", {"Afslutning", "Start"}).empty());
  CHECK(editDistance("kitten", "sitting") == 3);
  CHECK(editDistance("a", "abcdefghijklmnop", 3) == 4);
}

TEST_CASE("enums: blocks, cases and their type checks") {
  const std::string e =
      "<<enum Humoer>>\n<<case Rolig>>\n<<case Vred>>\n<<endenum>>\n<<enum Svar>>\n<<case Ja>>\n<<endenum>>\n"
      "<<declare $h = Humoer.Rolig>>\n<<declare $n = 1>>\n";  // the test line is line 12
  CHECK(compileText(node(e + "<<set $h = .Vred>>\n<<set $h to Humoer.Rolig>>\n{$h == .Vred and Humoer.Vred != $h}"))
            .diagnostics.empty());
  CHECK(only(node(e + "<<set $h = .Glad>>")) ==
        "t.yarn:12:12: error: enum `Humoer` has no case `Glad`; its cases are: Rolig, Vred");
  CHECK(only(node(e + "{Humoer.Roligg}")) ==
        "t.yarn:12:2: error: enum `Humoer` has no case `Roligg`; did you mean `Humoer.Rolig`?");
  CHECK(only(node(e + "<<set $h = Humor.Rolig>>")) ==
        "t.yarn:12:12: error: no enum named `Humor`; did you mean `Humoer`?");
  CHECK(only(node(e + "<<set $h = \"Rolig\">>")) ==
        "t.yarn:12:12: error: `$h` holds a `Humoer` value, but this gives it text (a string); use one of its cases: "
        "Rolig, Vred");
  CHECK(only(node(e + "<<set $h = Svar.Ja>>")) ==
        "t.yarn:12:12: error: `$h` holds a `Humoer` value, but this gives it a `Svar` value; use one of its cases: "
        "Rolig, Vred");
  CHECK(only(node(e + "<<set $n = Humoer.Vred>>")) ==
        "t.yarn:12:12: error: `$n` holds a number, but this gives it a `Humoer` value; give it a value of the same "
        "kind as its <<declare>>");
  CHECK(only(node(e + "<<set $h += 1>>")) ==
        "t.yarn:12:7: error: `+=` cannot be used on a `Humoer` value; set it to a case with `=`, e.g. `<<set $h = "
        "Humoer.Rolig>>`");
  CHECK(only(node(e + "{$h == Svar.Ja}")) ==
        "t.yarn:12:5: error: cannot compare a `Humoer` value with a `Svar` value; compare with a case of the same "
        "enum, e.g. `$x == Humoer.Rolig`");
  CHECK(only(node(e + "{$h == \"Rolig\"}"))
            .rfind("t.yarn:12:5: error: cannot compare a `Humoer` value with text (a string)", 0) == 0);
  CHECK(only(node(e + "{$h + .Vred}")) ==
        "t.yarn:12:5: error: `+` cannot be used on a `Humoer` value; enum values can only be compared with `==` and "
        "`!=`");
  CHECK(only(node(e + "<<set $n = .Vred>>")) ==
        "t.yarn:12:12: error: cannot tell which enum `.Vred` belongs to; write the enum's name before it, e.g. "
        "`Humoer.Vred`");
  CHECK(only(node(e + "<<declare $x = .Rolig>>")) ==
        "t.yarn:12:16: error: the starting value of `$x` must name its enum; write e.g. `Humoer.Rolig`");
  CHECK(only(node(e + "<<declare $x = Humoer.Glad>>")) ==
        "t.yarn:12:16: error: enum `Humoer` has no case `Glad`; its cases are: Rolig, Vred");

  CHECK(only(node("<<enum Humoer>>\n<<case Rolig>>")) ==
        "t.yarn:3:1: error: `<<enum>>` has no `<<endenum>>`; add `<<endenum>>` after its last `<<case>>`");
  CHECK(messages(compileText(node("<<enum Humoer>>\n<<case Rolig>>\nHej\n<<endenum>>")))
            .rfind("t.yarn:5:1: error: only `<<case Name>>` lines can be inside `<<enum>>`; end the enum with "
                   "`<<endenum>>` before other lines\n",
                   0) == 0);
  CHECK(only(node("<<enum Humoer>>\n<<endenum>>")) ==
        "t.yarn:3:1: error: enum `Humoer` has no cases; add one `<<case Name>>` line per value");
  CHECK(only(node("<<enum H>>\n<<case A>>\n<<case A>>\n<<endenum>>")) ==
        "t.yarn:5:8: error: enum `H` has the case `A` twice; keep one of them");
  CHECK(only(node("<<enum H>>\n<<case A>>\n<<endenum>>\n<<enum H>>\n<<case B>>\n<<endenum>>")) ==
        "t.yarn:6:8: error: there is already an enum named `H` (at t.yarn:3); rename one of them");
  CHECK(only(node("<<enum H>>\n<<case A = 1>>\n<<endenum>>")) ==
        "t.yarn:4:8: error: enum cases with values (`<<case Name = value>>`) are not supported; write just `<<case "
        "Name>>`");
  CHECK(only(node("<<enum H.x>>\n<<case A>>\n<<endenum>>"))
            .rfind("t.yarn:3:8: error: `H.x` is not a valid enum name;", 0) == 0);
  CHECK(only(node("<<case Glad>>")) ==
        "t.yarn:3:1: error: `<<case>>` outside an `<<enum>>` block; write the cases between `<<enum Name>>` and "
        "`<<endenum>>`");
}

// Issue #10: what `overum check` used to let through.
TEST_CASE("check: division by zero, bytes that are not text, and lines too long to speak", "[faults]") {
  SECTION("a divisor that is 0 when written is an error") {
    CHECK(only(node("Borger: {1/0}")) ==
          "t.yarn:3:12: error: division by zero: `/` by 0 has no value; divide by another number, or leave the "
          "division out");
    CHECK(only(node("<<declare $n = 3>>\n<<set $n %= 0>>")).find("t.yarn:4:") == 0);
  }
  SECTION("a divisor that becomes 0 at run time gives 0, never Infinity or NaN") {
    CHECK(play(node("<<declare $d = 0>>\n<<set $d = $d * 1>>\nBorger: {4 / $d} {4 % $d}")) ==
          "node: Start\nline: Borger: 0 0\nstop\n");
  }
  SECTION("invalid UTF-8 and NUL bytes are reported at their line") {
    CHECK(only(node("Borger: K\xf8"
                    "benhavn")) ==
          "t.yarn:3:10: error: this line is not valid UTF-8 text; save the file as UTF-8 (æ, ø and å then work)");
    CHECK(only(node(std::string("Borger: Hej") + '\0' + " igen")) ==
          "t.yarn:3:12: error: the file has a NUL byte (character 0) here, which is not text; delete it; save the file "
          "as plain UTF-8 text");
    CHECK(only(node("Borger: \xed\xa0\x80 \xc0\xaf")).find("t.yarn:3:9: error: this line is not valid UTF-8") ==
          0);  // a surrogate, an overlong '/'
    CHECK(compileText(node("Borger: Ærø, Øster Åby \xe2\x80\xa6 \xf0\x9f\x99\x82")).ok());
  }
  SECTION("a line longer than kMaxSpokenCharacters") {
    const std::string ok(kMaxSpokenCharacters - 1, 'a');
    CHECK(compileText(node("Borger: " + ok + "ø")).ok());  // characters, not bytes
    CHECK(only(node("Borger: " + ok + "øø")) ==
          "t.yarn:3:1: error: this line has 601 characters; a line may have at most 600 (about 40 seconds of speech); "
          "split it into several shorter lines");
    CHECK(compileText(node("Borger: " + ok + "øø"), Vocabulary{}).ok());  // a generic Yarn file has no limit
  }
}

// Issue #10: the "can never end" analysis swept every node once per node of a chain (100k nodes, 80 s).
TEST_CASE("check: a chain of 50 000 nodes is analysed in linear time", "[faults]") {
  std::string chain = "title: Start\n---\n<<jump N0>>\n===\n";
  const int nodes = 50000;
  for (int i = 0; i < nodes; ++i)
    chain += "title: N" + std::to_string(i) + "\n---\n" +
             (i + 1 < nodes ? "<<jump N" + std::to_string(i + 1) + ">>\n" : "") + "===\n";
  const auto start = std::chrono::steady_clock::now();
  const CompileResult r = compileText(chain);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r.ok());
  CHECK(r.diagnostics.empty());
  CHECK(seconds < 5.0);  // quadratic: 9.5 s on the build machine; linear: about 0.1 s
}
