// SPDX-License-Identifier: GPL-3.0-or-later
// cast.json: the shipped meetings load clean; each kind of mistake is reported with file, line and fix.
#include <overum/scene/cast.h>

#include <catch2/catch.hpp>
#include <filesystem>

using namespace overum::scene;

namespace {

const char* kValid = R"({
  "meeting": "test", "title": "Prøvemøde", "start": "Start",
  "room": {"kind": "jobcenter_moedelokale", "description": "Et lyst lokale"},
  "difficulties": ["stoettende", "neutral", "presset"],
  "characters": [
    {"id": "sagsbehandler", "name": "Mette", "role": "Sagsbehandler", "seat": 0,
     "appearance": {"age": 41, "gender": "kvinde", "skin": "lys", "hair": "langt", "hairColor": "blond",
                    "clothing": "blazer", "clothingColor": "blaa"},
     "voice": {"variant": "f2", "pitch": 55, "rate": 165}},
    {"id": "bisidder", "name": "Lone", "seat": 3, "optional": true, "model": "lone.glb"}
  ]
})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a valid cast file gives every field") {
  const CastLoad r = parseCast(kValid, "cast.json");
  INFO(r.error);
  REQUIRE(r.cast);
  CHECK(r.warnings.empty());
  CHECK(r.cast->title == "Prøvemøde");
  CHECK(r.cast->difficulties.size() == 3);
  REQUIRE(r.cast->characters.size() == 2);
  const CastMember& mette = r.cast->characters[0];
  CHECK(mette.appearance.hairColor == "blond");
  CHECK(mette.voice.variant == "f2");
  CHECK(mette.voice.rate == 165);
  CHECK(r.cast->characters[1].optional);
  CHECK(r.cast->characters[1].seat == 3);
}

TEST_CASE("the shipped meetings' cast files load without errors or warnings") {
  std::size_t found = 0;
  for (const auto& entry : std::filesystem::directory_iterator("scenarios")) {
    const auto file = entry.path() / "cast.json";
    if (!std::filesystem::exists(file)) continue;
    ++found;
    const CastLoad r = loadCast(file);
    INFO(file.string() << ": " << r.error);
    REQUIRE(r.cast);
    CHECK(r.warnings.empty());
    CHECK(r.cast->difficulties.size() >= 3);
  }
  CHECK(found >= 1);
}

TEST_CASE("cast mistakes name the file, the line, the field and what to write") {
  SECTION("broken JSON") {
    const CastLoad r = parseCast(replaced(kValid, "\"seat\": 3,", "\"seat\": 3"), "m/cast.json");
    CHECK_FALSE(r.cast);
    CHECK_THAT(r.error, Catch::StartsWith("m/cast.json:10:") && Catch::Contains("comma"));
  }
  SECTION("a word outside the vocabulary") {
    const CastLoad r = parseCast(replaced(kValid, "\"skin\": \"lys\"", "\"skin\": \"bleg\""), "cast.json");
    CHECK_FALSE(r.cast);
    CHECK_THAT(r.error, Catch::Contains("characters[0].appearance.skin") && Catch::Contains("bleg") &&
                            Catch::Contains("meget_moerk"));
    CHECK_THAT(r.error, Catch::StartsWith("cast.json:7:"));  // the line of "skin"
  }
  SECTION("a missing name") {
    const CastLoad r = parseCast(replaced(kValid, "\"name\": \"Lone\", ", ""), "cast.json");
    CHECK_THAT(r.error, Catch::Contains("characters[1].name") && Catch::Contains("missing"));
  }
  SECTION("a seat taken twice") {
    const CastLoad r = parseCast(replaced(kValid, "\"seat\": 3, \"optional\": true", "\"seat\": 0"), "cast.json");
    CHECK_THAT(r.error, Catch::Contains("characters[1].seat") && Catch::Contains("taken"));
  }
  SECTION("a seat out of range") {
    const CastLoad r = parseCast(replaced(kValid, "\"seat\": 3", "\"seat\": 7"), "cast.json");
    CHECK_THAT(r.error, Catch::Contains("0..3"));
  }
  SECTION("an id scenarios could not write") {
    const CastLoad r = parseCast(replaced(kValid, "\"id\": \"bisidder\"", "\"id\": \"bi sidder\""), "cast.json");
    CHECK_THAT(r.error, Catch::Contains("characters[1].id"));
  }
  SECTION("an unknown field is a warning, not an error") {
    const CastLoad r =
        parseCast(replaced(kValid, "\"optional\": true", "\"optional\": true, \"humør\": \"glad\""), "cast.json");
    REQUIRE(r.cast);
    REQUIRE(r.warnings.size() == 1);
    CHECK_THAT(r.warnings[0], Catch::Contains("humør"));
  }
  SECTION("glasses and jewellery: known words, each once") {
    const auto withAccessories = [](const std::string& words) {
      return parseCast(
          replaced(kValid, "\"clothingColor\": \"blaa\"", "\"clothingColor\": \"blaa\", \"accessories\": " + words),
          "cast.json");
    };
    const CastLoad good = withAccessories(R"(["briller", "oereringe"])");
    INFO(good.error);
    REQUIRE(good.cast);
    CHECK(good.cast->characters[0].appearance.accessories == std::vector<std::string>{"briller", "oereringe"});
    CHECK_THAT(withAccessories(R"(["monokel"])").error, Catch::Contains("characters[0].appearance.accessories") &&
                                                            Catch::Contains("monokel") && Catch::Contains("halskaede"));
    CHECK_THAT(withAccessories(R"(["briller", "briller"])").error, Catch::Contains("twice"));
    CHECK_THAT(withAccessories(R"("briller")").error, Catch::Contains("list"));
  }
  SECTION("a missing file") {
    const CastLoad r = loadCast("scenarios/findes-ikke/cast.json");
    CHECK_THAT(r.error, Catch::Contains("findes-ikke/cast.json") && Catch::Contains("README-cast.md"));
  }
}

// Issue #10: the rules scenarios/README-cast.md gives are the loader's rules, at the field's own line.
TEST_CASE("cast rules from README-cast.md are enforced at the field's line", "[faults]") {
  SECTION("the meeting's name is its folder's") {
    const CastLoad r = parseCast(kValid, "m/cast.json", "myndighedsmoede");
    CHECK_THAT(r.error, Catch::StartsWith("m/cast.json:2: meeting: \"test\" differs from the folder's name"));
  }
  SECTION("an age outside 25..75") {
    const CastLoad r = parseCast(replaced(kValid, "\"age\": 41", "\"age\": -5"), "cast.json");
    CHECK_THAT(r.error, Catch::StartsWith("cast.json:7: characters[0].appearance.age: -5 is outside 25..75"));
  }
  SECTION("only the bisidder on seat 3 is optional") {
    const CastLoad r = parseCast(replaced(kValid, "\"seat\": 3", "\"seat\": 2"), "cast.json");
    CHECK_THAT(r.error, Catch::StartsWith("cast.json:10: characters[1].optional:") && Catch::Contains("seat 3"));
  }
  SECTION("ids <<look>> already uses") {
    const CastLoad r = parseCast(replaced(kValid, "\"id\": \"bisidder\"", "\"id\": \"bord\""), "cast.json");
    CHECK_THAT(r.error, Catch::StartsWith("cast.json:10: characters[1].id:"));
  }
  SECTION("a name with a colon") {
    const CastLoad r = parseCast(replaced(kValid, "\"Lone\"", "\"Lone: bisidder\""), "cast.json");
    CHECK_THAT(r.error, Catch::StartsWith("cast.json:10: characters[1].name:") && Catch::Contains("':'"));
  }
  SECTION("all three difficulties") {
    const CastLoad r = parseCast(replaced(kValid, "\"stoettende\", ", ""), "cast.json");
    CHECK_THAT(r.error, Catch::StartsWith("cast.json:4: difficulties: \"stoettende\" is missing"));
  }
  SECTION("a missing field points at its object") {
    const CastLoad r = parseCast(replaced(kValid, "\"name\": \"Lone\", ", ""), "cast.json");
    CHECK_THAT(r.error, Catch::StartsWith("cast.json:10: characters[1].name: is missing"));
  }
  SECTION("an unknown field's warning has its line") {
    const CastLoad r =
        parseCast(replaced(kValid, "\"optional\": true", "\"optional\": true, \"humør\": \"glad\""), "cast.json");
    REQUIRE(r.warnings.size() == 1);
    CHECK_THAT(r.warnings[0], Catch::StartsWith("cast.json:10: characters[1].humør: unknown field"));
  }
}

// Found by the cast.json fuzzer: nlohmann-json throws out_of_range, not parse_error, on 1e400.
TEST_CASE("a number too large for JSON is an error at its line, not an exception", "[faults]") {
  const CastLoad r = parseCast(replaced(kValid, "\"pitch\": 55", "\"pitch\": 1e400"), "cast.json");
  CHECK_FALSE(r.cast);
  CHECK_THAT(r.error, Catch::StartsWith("cast.json:9: not valid JSON") && Catch::Contains("1e400"));
}
