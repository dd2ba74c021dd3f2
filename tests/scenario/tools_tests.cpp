// SPDX-License-Identifier: GPL-3.0-or-later
// The author tools through runScenarioCommand: check, play, graph, lines, tag, usage errors, cast.json,
// and the corpus of .yarn cases with their expected transcripts (tests/scenario/corpus/*.txt).
#include <overum/app/scenario_tools.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

struct Run {
  int code;
  std::string out, err;
};

Run tool(const std::vector<std::string>& args, const std::string& input = "") {
  std::ostringstream out, err;
  std::istringstream in(input);
  const int code = overum::runScenarioCommand(args, out, err, in);
  return {code, out.str(), err.str()};
}

std::string readAll(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

void writeAll(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

// A scratch folder per test, removed afterwards.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) : path(fs::temp_directory_path() / ("overum_scenario_" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

const char* kGood =
    "title: Start\n---\n<<declare $bisidder = false>>\nSagsbehandler: Velkommen.\n"
    "-> Tak\n    <<jump Slut>>\n-> Med bisidder <<if $borger_navn == \"Kim\">>\n    Borger: Hej.\n===\n"
    "title: Slut\n---\nSagsbehandler: Farvel, \"{$borger_navn}\", 1,2.\n===\n";

}  // namespace

TEST_CASE("tools: usage errors exit 2, help exits 0") {
  CHECK(tool({}).code == 2);
  CHECK(tool({"dans"}).code == 2);
  const Run help = tool({"check", "--help"});
  CHECK(help.code == 0);
  CHECK(help.out.find("overum play FILES") != std::string::npos);
  CHECK(tool({"check"}).code == 2);
  CHECK(tool({"check", "--bogus", "x.yarn"}).code == 2);
  CHECK(tool({"play", "x.yarn", "--choose"}).code == 2);
  CHECK(tool({"play", "x.yarn", "--choose", "a,b"}).code == 2);
  CHECK(tool({"play", "x.yarn", "--seed", "x"}).code == 2);
  CHECK(tool({"graph", "x.yarn", "--format", "png"}).code == 2);
  const Run missing = tool({"check", "/nonexistent/x.yarn"});
  CHECK(missing.code == 1);
  CHECK(missing.err.find("cannot read") != std::string::npos);
}

TEST_CASE("tools: check reports errors with positions and exits 1, clean files exit 0") {
  TempDir dir("check");
  writeAll(dir.path / "good.yarn", kGood);
  writeAll(dir.path / "bad.yarn", "title: Start\n---\n<<jump Slutt>>\n===\ntitle: Slut\n---\n===\n");
  const Run good = tool({"check", (dir.path / "good.yarn").string()});
  CHECK(good.code == 0);
  CHECK(good.out == "ok: 1 file, 2 nodes, 5 lines\n");
  const Run bad = tool({"check", (dir.path / "bad.yarn").string()});
  CHECK(bad.code == 1);
  CHECK(bad.out.find("bad.yarn:3:8: error: no node named `Slutt`; did you mean `Slut`?") != std::string::npos);
  CHECK(bad.out.find("1 error, 1 warning\n") != std::string::npos);
  // A folder with both files: duplicate titles across files.
  CHECK(tool({"check", dir.path.string()}).out.find("there is already a node named `Start`") != std::string::npos);
}

TEST_CASE("tools: cast.json checks speakers and gives the start node") {
  TempDir dir("cast");
  writeAll(
      dir.path / "cast.json",
      R"({"meeting":"overum_scenario_cast","title":"T","start":"Begynd","room":{},"difficulties":["stoettende","neutral","presset"],
               "characters":[{"id":"sagsbehandler","name":"Mette","role":"r","seat":1,"optional":false}]})");
  writeAll(dir.path / "a.yarn",
           "title: Begynd\noverskrift: Begyndelsen\n---\nMette: Hej\nBorger: Hej\nsagsbehandler: Igen\n<<look Mette "
           "borger>>\n===\n");
  CHECK(tool({"check", dir.path.string()}).code == 0);
  const Run play = tool({"play", (dir.path / "a.yarn").string()});
  CHECK(play.code == 0);
  CHECK(play.out ==
        "node: Begynd\nline: Mette: Hej\nline: Borger: Hej\nline: sagsbehandler: Igen\ncommand: look Mette "
        "borger\nstop\n");
  writeAll(dir.path / "b.yarn", "title: Andet\noverskrift: Noget andet\n---\nMete: Hej\n<<look Mette bordd>>\n===\n");
  const Run bad = tool({"check", dir.path.string()});
  CHECK(bad.code == 1);
  CHECK(bad.out.find("b.yarn:4:1: error: unknown speaker `Mete`; did you mean `Mette`?") != std::string::npos);
  CHECK(bad.out.find("did you mean `bord`?") != std::string::npos);
  CHECK(bad.out.find("warning: node `Andet` is never reached from `Begynd`") != std::string::npos);
  writeAll(dir.path / "cast.json", "{ broken");
  CHECK(tool({"check", dir.path.string()}).err.find("cast.json:1: not valid JSON") != std::string::npos);
}

TEST_CASE("tools: play scripted, interactive, with --set and --start") {
  TempDir dir("play");
  const std::string f = (dir.path / "s.yarn").string();
  writeAll(f, kGood);
  const Run scripted = tool({"play", f, "--choose", "1", "--set", "borger_navn=Sara Hansen"});
  CHECK(scripted.code == 0);
  CHECK(scripted.out ==
        "node: Start\nline: Sagsbehandler: Velkommen.\noption: Tak\noption: Med bisidder [unavailable]\nselect: 1\n"
        "node: Slut\nline: Sagsbehandler: Farvel, \"Sara Hansen\", 1,2.\nstop\n");
  const Run interactive = tool({"play", f}, "x\n2\n1\n");
  CHECK(interactive.code == 0);
  CHECK(interactive.out.find("select: 1\nnode: Slut") != std::string::npos);
  CHECK(interactive.err.find("cannot be chosen") != std::string::npos);
  CHECK(tool({"play", f}, "").code == 0);  // end of input ends quietly
  const Run tooFew = tool({"play", f, "--choose", ""});
  CHECK(tooFew.code == 1);
  CHECK(tooFew.err.find("--choose has no more numbers") != std::string::npos);
  CHECK(tool({"play", f, "--choose", "2"}).code == 1);  // unavailable
  CHECK(tool({"play", f, "--start", "Slut"}).out.rfind("node: Slut\n", 0) == 0);
  CHECK(tool({"play", f, "--set", "nope=1"}).code == 2);
  writeAll(f, "title: A\n---\n<<jump B>>\n===\ntitle: B\n---\n<<jump A>>\n-> x\n===\n");
  CHECK(tool({"play", f}).code == 1);  // does not compile: never ends
  // Passes the checks (there is a way out) but never takes it: play stops instead of hanging.
  writeAll(f, "title: Start\n---\n<<declare $x = 0>>\n<<if $x > 1>>\n<<stop>>\n<<endif>>\n<<jump Start>>\n===\n");
  const Run loop = tool({"play", f});
  CHECK(loop.code == 1);
  CHECK(loop.err.find("seems to go round in circles") != std::string::npos);
  // A computed jump to a node that is not there: the dialogue stops with the reason, exit 1.
  writeAll(f, "title: Start\n---\n<<declare $hvor = \"Start\">>\n<<set $hvor to \"Slutt\">>\n<<jump {$hvor}>>\n===\n");
  const Run badJump = tool({"play", f});
  CHECK(badJump.code == 1);
  CHECK(badJump.out.ends_with("stop\n"));
  CHECK(badJump.err.find("Slutt") != std::string::npos);
}

TEST_CASE("tools: graph as dot and mermaid") {
  TempDir dir("graph");
  const std::string f = (dir.path / "s.yarn").string();
  writeAll(f, kGood);
  CHECK(
      tool({"graph", f}).out ==
      "digraph scenario {\n  node [shape=box];\n  \"Start\" [style=bold];\n  \"Slut\";\n  \"Start\" -> \"Slut\";\n}\n");
  CHECK(tool({"graph", f, "--format", "mermaid"}).out == "graph TD\n  Start[Start]\n  Slut[Slut]\n  Start --> Slut\n");
}

TEST_CASE("tools: lines as text and CSV") {
  TempDir dir("lines");
  const std::string f = (dir.path / "s.yarn").string();
  writeAll(f, kGood);
  const Run csv = tool({"lines", f, "--csv"});
  CHECK(csv.code == 0);
  CHECK(csv.out ==
        "id,node,speaker,text,kind,file,line\n"
        ",Start,Sagsbehandler,Velkommen.,line," +
            f +
            ",4\n"
            ",Start,,Tak,option," +
            f +
            ",5\n"
            ",Start,,Med bisidder,option," +
            f +
            ",7\n"
            ",Start,Borger,Hej.,line," +
            f +
            ",8\n"
            ",Slut,Sagsbehandler,\"Farvel, \"\"{$borger_navn}\"\", 1,2.\",line," +
            f + ",12\n");
  CHECK(tool({"lines", f}).out.rfind("(no id)\tStart\tSagsbehandler: Velkommen.\n", 0) == 0);
}

TEST_CASE("tools: tag adds missing line IDs in place and nothing else") {
  TempDir dir("tag");
  const std::string f = (dir.path / "s.yarn").string();
  const std::string before =
      "title: Start\n---\nA: Hej #line:keep1\nB: Goddag   // kommentar\n-> Ja <<if true>> #tone\n    Ok\r\n=> "
      "En\n<<wait 1>>\n===\n";
  writeAll(f, before);
  const Run r = tool({"tag", f});
  CHECK(r.code == 0);
  CHECK(r.out == f + ": added 4 line IDs\n");
  const std::string after = readAll(f);
  // Same text apart from the inserted tags.
  std::string stripped = after;
  for (std::size_t at; (at = stripped.find(" #line:")) != std::string::npos;) {
    const std::size_t end = stripped.find_first_of(" \r\n", at + 1);
    if (stripped.compare(at, 12, " #line:keep1") == 0) {
      stripped.replace(at, 12, "\x01");
      continue;
    }
    stripped.erase(at, end - at);
  }
  std::string expect = before;
  expect.replace(expect.find(" #line:keep1"), 12, "\x01");
  CHECK(stripped == expect);
  CHECK(after.find("Goddag #line:") != std::string::npos);
  CHECK(after.find("<<if true>> #tone #line:") != std::string::npos);
  CHECK(after.find("Ok #line:") != std::string::npos);
  CHECK(after.find("\r\n") != std::string::npos);
  CHECK(tool({"check", f}).code == 0);
  // Running it again changes nothing.
  CHECK(tool({"tag", f}).out.empty());
  CHECK(readAll(f) == after);
  writeAll(f, "title: Start\n---\n<<if true>>\nHej\n===\n");
  const Run broken = tool({"tag", f});
  CHECK(broken.code == 1);
  CHECK(readAll(f) == "title: Start\n---\n<<if true>>\nHej\n===\n");
}

TEST_CASE("corpus: every case gives its expected output") {
  // Each corpus/*.txt starts with "$ <tool> <args>" and then holds the expected stdout and "exit: N".
  // OVERUM_UPDATE_CORPUS=1 rewrites them from the actual output (then review the diff).
  fs::current_path(OVERUM_SOURCE_DIR);
  const fs::path corpus = "tests/scenario/corpus";
  const bool update = std::getenv("OVERUM_UPDATE_CORPUS") != nullptr;
  int cases = 0;
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (entry.path().extension() != ".txt") continue;
    ++cases;
    const std::string text = readAll(entry.path());
    const std::string command = text.substr(0, text.find('\n'));
    REQUIRE(command.rfind("$ ", 0) == 0);
    std::vector<std::string> args;
    std::istringstream words(command.substr(2));
    for (std::string w; words >> w;) args.push_back(w);
    const Run r = tool(args);
    const std::string actual = command + "\n" + r.out + "exit: " + std::to_string(r.code) + "\n";
    if (update) writeAll(entry.path(), actual);
    INFO(entry.path().string() << "\nstderr: " << r.err);
    CHECK(actual == text);
  }
  CHECK(cases >= 10);
}

// Issue #10: check said ok to cast files the app refused, and blamed .yarn lines for cast mistakes.
TEST_CASE("tools: check reads cast.json as strictly as the app, at cast.json's own lines", "[faults]") {
  TempDir dir("strict");
  const std::string good =
      "{\n  \"meeting\": \"overum_scenario_strict\",\n  \"title\": \"T\",\n  \"start\": \"Start\",\n"
      "  \"difficulties\": [\"stoettende\", \"neutral\", \"presset\"],\n  \"characters\": [\n"
      "    {\"id\": \"sagsbehandler\", \"name\": \"Mette\",\n     \"seat\": 0,\n"
      "     \"appearance\": {\"age\": 41}}\n  ]\n}\n";
  writeAll(dir.path / "a.yarn", "title: Start\noverskrift: Begyndelsen\n---\nMette: Hej\n===\n");
  writeAll(dir.path / "cast.json", good);
  REQUIRE(tool({"check", dir.path.string()}).code == 0);
  const auto checked = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    writeAll(dir.path / "cast.json", text.replace(at, from.size(), to));
    return tool({"check", dir.path.string()});
  };
  const std::string cast = (dir.path / "cast.json").string();
  SECTION("a seat written as a word") {
    const Run r = checked("\"seat\": 0", "\"seat\": \"nul\"");
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains(cast + ":8: characters[0].seat: must be a whole number from 0 to 3"));
  }
  SECTION("an age below zero") {
    const Run r = checked("\"age\": 41", "\"age\": -5");
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains(cast + ":9: characters[0].appearance.age: -5 is outside 25..75"));
  }
  SECTION("a meeting named unlike its folder") {
    const Run r = checked("overum_scenario_strict", "myndighedsmoede");
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains(cast + ":2: meeting: \"myndighedsmoede\" differs from the folder's name"));
  }
  SECTION("a start node no .yarn file has") {
    const Run r = checked("\"start\": \"Start\"", "\"start\": \"Begynd\"");
    CHECK(r.code == 1);
    CHECK_THAT(r.out, Catch::Contains(cast + ":4:1: error: start: no node named `Begynd`"));
    CHECK_THAT(r.out, !Catch::Contains("a.yarn:1"));
  }
}
