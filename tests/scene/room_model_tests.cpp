// SPDX-License-Identifier: GPL-3.0-or-later
// The meeting room's layout on the CPU: where the citizen sits, who is in view, that the geometry is
// well-formed, that occlusion is baked where it should be, and that a bad cast is handled.
#include "shipped_rooms.h"

#include <overum/scene/room_model.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace overum;
using namespace overum::scene;
using overum::testing::jobCentreRoom;
using overum::testing::shippedRoom;

namespace {

// Angles of a world point seen from the viewer: (right of forward, above forward), radians.
glm::vec2 viewAngles(const Pose& head, glm::vec3 point) {
  const glm::vec3 local = head.inverse().apply(point);
  return {std::atan2(local.x, -local.z), std::atan2(local.y, -local.z)};
}

float floorOcclusionNear(const RoomModel& room, glm::vec2 xz) {
  float best = 1e9f, ao = -1.0f;
  for (const auto& mesh : room.meshes)
    for (const auto& v : mesh.vertices)
      if (v.position.y == 0.0f && v.normal.y > 0.9f) {
        const float d = glm::distance(glm::vec2(v.position.x, v.position.z), xz);
        if (d < best) best = d, ao = v.occlusion;
      }
  return ao;
}

}  // namespace

TEST_CASE("the citizen sits at the table at seated eye height, facing the others") {
  const RoomModel room = buildMeetingRoom(defaultCast(), jobCentreRoom());
  CHECK(room.viewerHead.position.y == Approx(1.2f));
  const glm::vec3 forward = room.viewerHead.orientation * glm::vec3(0, 0, -1);
  CHECK(forward.z < -0.9f);
  REQUIRE(room.characters.size() == 2);
  for (const Character& c : room.characters) {
    const glm::vec2 angles = viewAngles(room.viewerHead, c.headPosition);
    INFO(c.name);
    CHECK(std::abs(angles.x) < 0.8f);  // inside a 90-degree horizontal view
    CHECK(std::abs(angles.y) < 0.3f);  // near eye level
    CHECK(c.headPosition.y > 1.1f);
    CHECK(c.headPosition.y < 1.4f);
    // They face the table, i.e. towards the table's centre line.
    const glm::vec3 facing = c.T_world_figure.orientation * glm::vec3(0, 0, 1);
    CHECK(glm::dot(facing, glm::vec3(0, 0, -0.75f) - c.T_world_figure.position) > 0.0f);
  }
}

TEST_CASE("room geometry is well-formed and within budget") {
  const RoomModel room = buildMeetingRoom(defaultCast(), jobCentreRoom());
  std::size_t triangles = 0;
  for (const auto& draw : room.draws) {
    REQUIRE(draw.mesh < room.meshes.size());
    REQUIRE(draw.material < room.materials.size());
    const auto& mesh = room.meshes[draw.mesh];
    REQUIRE(mesh.indices.size() % 3 == 0);
    for (std::uint32_t i : mesh.indices) REQUIRE(i < mesh.vertices.size());
    for (const auto& v : mesh.vertices) {
      REQUIRE(v.occlusion >= 0.2f);
      REQUIRE(v.occlusion <= 1.0f);
      REQUIRE(std::abs(glm::length(v.normal) - 1.0f) < 1e-3f);
    }
    triangles += mesh.triangleCount();
  }
  CHECK(triangles > 20000);
  CHECK(triangles < 200000);
  CHECK(room.draws.size() < 40);  // static parts merge per material; a character is one skinned draw
  CHECK(room.warnings.empty());
}

TEST_CASE("baked occlusion darkens the floor under the table, not in the open") {
  const RoomModel room = buildMeetingRoom({}, jobCentreRoom());
  CHECK(floorOcclusionNear(room, {0.0f, -0.75f}) < 0.75f);
  CHECK(floorOcclusionNear(room, {1.8f, 0.8f}) > 0.9f);
}

TEST_CASE("a cast that does not fit the seats is seated anyway, with warnings") {
  std::vector<CastMember> cast = defaultCast();
  cast[1].seat = 0;  // taken
  cast.push_back({"x", "Extra", "", 9, false, {}, {}, {}});
  cast.push_back({"y", "Y", "", 2, false, {}, {}, {}});
  cast.push_back({"z", "Z", "", 3, false, {}, {}, {}});
  const RoomModel room = buildMeetingRoom(cast, jobCentreRoom());
  CHECK(room.characters.size() == 4);
  REQUIRE(room.warnings.size() >= 2);
  CHECK_THAT(room.warnings[0], Catch::Contains("Yusuf"));
  bool seated[kSeatCount] = {};
  for (const Character& c : room.characters) {
    CHECK_FALSE(seated[c.seat]);
    seated[c.seat] = true;
  }
}

TEST_CASE("a cast model that cannot be loaded falls back to a generated figure") {
  std::vector<CastMember> cast = defaultCast();
  cast[0].model = "assets/models/findes-ikke.glb";
  const RoomModel room = buildMeetingRoom(cast, jobCentreRoom());
  REQUIRE(room.characters.size() == 2);
  REQUIRE(room.warnings.size() == 1);
  CHECK_THAT(room.warnings[0], Catch::Contains("findes-ikke.glb"));
  CHECK(room.meshes[room.characters[0].mesh].triangleCount() > 1000);
}

TEST_CASE("with every seat taken the room stays within the render budget") {
  std::vector<CastMember> cast = defaultCast();
  cast.push_back(
      {"c", "Sune", "Sygeplejerske", 2, false, {38, "mand", "mellem", "kruset", "sort", "kittel", "", {}}, {}, {}});
  cast.push_back(
      {"d", "Lone", "Bisidder", 3, true, {63, "kvinde", "lys", "knold", "graa", "striktroeje", "groen", {}}, {}, {}});
  const RoomModel room = buildMeetingRoom(cast, jobCentreRoom());
  REQUIRE(room.characters.size() == 4);
  std::size_t triangles = 0;
  for (const auto& draw : room.draws) triangles += room.meshes[draw.mesh].triangleCount();
  CHECK(room.draws.size() <= 100);  // the engine's budget per view (perf anchors)
  CHECK(triangles <= 100000);
  // Each figure is one skinned draw, whatever its joints: a full table costs four draws, not ~70.
  for (const Character& c : room.characters) {
    CHECK(room.draws[c.draw].mesh == c.mesh);
    CHECK(std::count_if(room.draws.begin(), room.draws.end(), [&](const auto& d) { return d.mesh == c.mesh; }) == 1);
  }
  CHECK(room.draws.size() <= 40);
}

TEST_CASE("generated characters are stored as glTF and loaded back from the store, a damaged file is replaced") {
  const std::filesystem::path store =
      std::filesystem::temp_directory_path() / ("overum-avatars-" + std::to_string(::getpid()));
  std::filesystem::remove_all(store);
  const RoomModel first = buildMeetingRoom(defaultCast(), jobCentreRoom(), store);
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(store)) files.push_back(entry.path());
  REQUIRE(files.size() == 2);
  CHECK(files[0].extension() == ".glb");
  CHECK(first.warnings.empty());

  std::ofstream(files[0], std::ios::trunc) << "not a model";
  const RoomModel second = buildMeetingRoom(defaultCast(), jobCentreRoom(), store);
  CHECK(second.warnings.empty());
  CHECK(std::filesystem::file_size(files[0]) > 10000);  // written again
  REQUIRE(second.characters.size() == 2);
  CHECK(second.characters[0].model->vertices.size() == first.characters[0].model->vertices.size());
  std::filesystem::remove_all(store);
}
