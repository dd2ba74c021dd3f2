// SPDX-License-Identifier: GPL-3.0-or-later
// Rooms as data (scenarios/rooms/<kind>.json): each shipped meeting has its own room, every room seats
// everyone in view within the render budget, and a broken layout or an unknown kind names the file,
// the line, the field and what to do.
#include "shipped_rooms.h"

#include <overum/core/files.h>
#include <overum/scene/room_model.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unistd.h>

using namespace overum;
using namespace overum::scene;
namespace fs = std::filesystem;

namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string shippedText(const std::string& kind) {
  const auto text = readTextFile(roomLayoutFile(testing::kShippedRooms, kind));
  REQUIRE(text);
  return *text;
}

// Everyone at a full table: the default two, a third across and the bisidder.
std::vector<CastMember> fullTable() {
  std::vector<CastMember> cast = defaultCast();
  cast.push_back(
      {"c", "Sune", "Sygeplejerske", 2, false, {38, "mand", "mellem", "kruset", "sort", "kittel", "", {}}, {}, {}});
  cast.push_back(
      {"d", "Lone", "Bisidder", 3, true, {63, "kvinde", "lys", "knold", "graa", "striktroeje", "groen", {}}, {}, {}});
  return cast;
}

// A scenarios folder of its own in /tmp: one meeting (a copy of myndighedsmoede's cast.json with
// another room kind) and a rooms folder holding the given layout files.
struct ScratchScenarios {
  fs::path root = fs::temp_directory_path() / ("overum-rooms-" + std::to_string(::getpid()));
  ScratchScenarios(const std::string& kind, const std::vector<std::pair<std::string, std::string>>& rooms) {
    fs::remove_all(root);
    fs::create_directories(root / "moede");
    fs::create_directories(root / "rooms");
    const auto cast = readTextFile("scenarios/myndighedsmoede/cast.json");
    REQUIRE(cast);
    std::string text = replaced(*cast, "\"meeting\": \"myndighedsmoede\"", "\"meeting\": \"moede\"");
    std::ofstream(root / "moede" / "cast.json")
        << replaced(text, "\"kind\": \"jobcenter_moedelokale\"", "\"kind\": \"" + kind + "\"");
    for (const auto& [name, layout] : rooms) std::ofstream(root / "rooms" / (name + ".json")) << layout;
  }
  ~ScratchScenarios() { fs::remove_all(root); }
  CastLoad load() const { return loadCast(root / "moede" / "cast.json"); }
};

}  // namespace

TEST_CASE("each shipped meeting has a room of its own, described in scenarios/rooms") {
  const std::map<std::string, std::string> expected{{"myndighedsmoede", "jobcenter_moedelokale"},
                                                    {"opfoelgning", "kommune_kontor"},
                                                    {"behandlingsmoede", "psykiatri_samtalerum"}};
  std::set<std::string> kinds;
  for (const auto& [meeting, kind] : expected) {
    const CastLoad r = loadCast(fs::path("scenarios") / meeting / "cast.json");
    INFO(meeting << ": " << r.error);
    REQUIRE(r.cast);
    CHECK(r.warnings.empty());
    CHECK(r.cast->roomKind == kind);
    CHECK(r.cast->room.kind == kind);
    CHECK(r.cast->room.pieces.size() > 10);  // furnished, not a bare box
    kinds.insert(r.cast->room.kind);
  }
  CHECK(kinds.size() == expected.size());
}

TEST_CASE("every shipped room loads clean, seats everyone in view and stays within the render budget") {
  const std::vector<std::string> kinds = roomKinds(testing::kShippedRooms);
  REQUIRE(kinds.size() >= 3);
  for (const std::string& kind : kinds) {
    INFO(kind);
    const RoomLayoutLoad load = loadRoomLayout(roomLayoutFile(testing::kShippedRooms, kind));
    INFO(load.error);
    REQUIRE(load.layout);
    CHECK(load.warnings.empty());
    const RoomModel room = buildMeetingRoom(fullTable(), *load.layout);
    CHECK(room.warnings.empty());
    REQUIRE(room.characters.size() == 4);
    for (const Character& c : room.characters) {
      // The face's angle from the citizen's view: within a desktop window's (±44° at 16:9, ±36° at
      // 4:3, where the face box still shows) and near eye level.
      const glm::vec3 local = room.viewerHead.inverse().apply(c.headPosition);
      INFO(c.name << " on seat " << c.seat);
      CHECK(std::abs(std::atan2(local.x, -local.z)) < 0.72f);
      CHECK(std::abs(std::atan2(local.y, -local.z)) < 0.3f);
    }
    std::size_t triangles = 0;
    for (const auto& draw : room.draws) {
      REQUIRE(draw.mesh < room.meshes.size());
      REQUIRE(draw.material < room.materials.size());
      triangles += room.meshes[draw.mesh].triangleCount();
    }
    CHECK(room.draws.size() <= 100);  // the engine's budget per view
    CHECK(triangles <= 100000);
    // The seats are apart: no two chairs in one place.
    for (std::size_t a = 0; a < room.characters.size(); ++a)
      for (std::size_t b = a + 1; b < room.characters.size(); ++b)
        CHECK(glm::distance(room.characters[a].T_world_figure.position, room.characters[b].T_world_figure.position) >
              0.55f);
  }
}

TEST_CASE("room layout mistakes name the file, the line, the field and what to write") {
  const std::string text = shippedText("jobcenter_moedelokale");
  const std::string file = "rooms/jobcenter_moedelokale.json";
  SECTION("a list of the wrong length") {
    const RoomLayoutLoad r = parseRoomLayout(replaced(text, "\"size\": [1.9, 1.0]", "\"size\": [1.9]"), file);
    CHECK_FALSE(r.layout);
    CHECK_THAT(r.error, Catch::StartsWith(file + ":8: table.size: must be a list of 2 numbers"));
  }
  SECTION("a piece made of a material the room does not have") {
    const RoomLayoutLoad r = parseRoomLayout(replaced(text, "\"material\": \"mug\"", "\"material\": \"krus\""), file);
    CHECK_THAT(r.error, Catch::Contains(file + ":") &&
                            Catch::Contains("pieces[10].material: \"krus\" is not in \"materials\"") &&
                            Catch::Contains("mug"));
  }
  SECTION("a shape that is not one of the shapes") {
    const RoomLayoutLoad r = parseRoomLayout(replaced(text, "\"shape\": \"cylinder\"", "\"shape\": \"kegle\""), file);
    CHECK_THAT(r.error, Catch::Contains("pieces[10].shape: \"kegle\" is not one of: box, cylinder, ellipsoid, lathe"));
  }
  SECTION("a colour outside 0..1") {
    const RoomLayoutLoad r =
        parseRoomLayout(replaced(text, "\"color\": [0.62, 0.6, 0.56]", "\"color\": [158, 153, 143]"), file);
    CHECK_THAT(r.error, Catch::StartsWith(file + ":") && Catch::Contains("materials.floor.color: 158 is outside 0..1"));
  }
  SECTION("a material the walls need is missing") {
    const RoomLayoutLoad r = parseRoomLayout(replaced(text, "\"ceiling\": {", "\"loft\": {"), file);
    CHECK_THAT(r.error, Catch::Contains("materials: \"ceiling\" is missing"));
  }
  SECTION("three seats instead of four") {
    const RoomLayoutLoad r = parseRoomLayout(replaced(text, "{\"at\": [0.0, -1.67], \"yaw\": 0},", ""), file);
    CHECK_THAT(r.error, Catch::StartsWith(file + ":11: seats: must list the four seats"));
  }
  SECTION("broken JSON") {
    const RoomLayoutLoad r = parseRoomLayout(replaced(text, "\"height\": 2.7},", "\"height\": 2.7}"), file);
    CHECK_THAT(r.error, Catch::StartsWith(file + ":4: not valid JSON"));
  }
  SECTION("an unknown field is a warning with its line") {
    const RoomLayoutLoad r = parseRoomLayout(
        replaced(text, "\"chairs\": \"kontorstol\",", "\"chairs\": \"kontorstol\", \"gardiner\": true,"), file);
    REQUIRE(r.layout);
    REQUIRE(r.warnings.size() == 1);
    CHECK_THAT(r.warnings[0], Catch::StartsWith(file + ":9: gardiner: unknown field"));
  }
}

TEST_CASE("an unknown room kind or a broken layout file stops the meeting's load with the file and the field") {
  SECTION("a kind with no layout file lists the kinds there are") {
    const ScratchScenarios scratch("stue", {});
    const CastLoad r = scratch.load();
    CHECK_FALSE(r.cast);
    CHECK_THAT(r.error,
               Catch::StartsWith((scratch.root / "moede" / "cast.json").string() +
                                 ":6: room.kind: there is no room \"stue\"") &&
                   Catch::Contains(
                       "choose one of: borgerens_stue, jobcenter_moedelokale, kommune_kontor, psykiatri_samtalerum") &&
                   Catch::Contains((scratch.root / "rooms" / "stue.json").string()));
  }
  SECTION("a broken layout names the layout file and its field") {
    const ScratchScenarios scratch("stue", {{"stue", replaced(shippedText("jobcenter_moedelokale"),
                                                              "\"chairs\": \"kontorstol\"", "\"chairs\": \"sofa\"")}});
    const CastLoad r = scratch.load();
    CHECK_FALSE(r.cast);
    CHECK_THAT(r.error, Catch::StartsWith((scratch.root / "rooms" / "stue.json").string() +
                                          ":9: chairs: \"sofa\" is not one of: kontorstol, laenestol"));
  }
  SECTION("a meeting of the organisation's own may use the shipped rooms") {
    const ScratchScenarios scratch("kommune_kontor", {});
    const CastLoad r = scratch.load();
    INFO(r.error);
    REQUIRE(r.cast);
    CHECK(r.cast->room.kind == "kommune_kontor");
  }
  SECTION("a new kind is a new file, no code") {
    const ScratchScenarios scratch("stue", {{"stue", shippedText("psykiatri_samtalerum")}});
    const CastLoad r = scratch.load();
    INFO(r.error);
    REQUIRE(r.cast);
    CHECK(r.cast->room.kind == "stue");
    CHECK(buildMeetingRoom(r.cast->characters, r.cast->room).characters.size() == 3);  // the bisidder too
  }
}
