// SPDX-License-Identifier: GPL-3.0-or-later
// The meeting room as data on the CPU, built from its layout (room_layout.h): furniture, walls,
// windows, props and the seated characters, merged into a few meshes with materials and baked
// occlusion. MeetingRoom uploads it to the GPU.
#pragma once
#include <overum/core/pose.h>
#include <overum/gfx/draw_list.h>
#include <overum/scene/cast.h>

#include <overum/avatar/avatar_model.h>

#include <array>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace overum::scene {

// Where a character sits. Seat 0 is straight across the table from the citizen, 1 across and to the
// left, 2 across and to the right, 3 the bisidder's, in the citizen's view; the layout places them.
struct Seat {
  glm::vec3 position;  // on the floor under the hips, world space (metres; +Y up, the citizen looks down -Z)
  float yaw = 0;       // radians about +Y; 0 faces +Z (towards the citizen)
};
inline constexpr int kSeatCount = std::tuple_size_v<decltype(RoomLayout::seats)>;
std::vector<Seat> seatsOf(const RoomLayout& layout);

std::vector<CastMember> defaultCast();  // a caseworker across the table and a colleague at the end

// The seat of a figure in the citizen's own chair: a replay watched from across the table shows the
// citizen as a neutral stand-in there (citizenStandIn()), never as a likeness of them.
inline constexpr int kCitizenChair = -1;
CastMember citizenStandIn();

struct Character {
  std::string id;
  std::string name;
  int seat = 0;
  Pose T_world_figure;                               // the figure's own frame: on the floor under the hips, facing +Z
  glm::vec3 headPosition{};                          // world, between the eyes; gaze and audio aim here
  std::shared_ptr<const avatar::AvatarModel> model;  // joints for animation
  std::uint32_t mesh = 0;                            // the skinned figure: index into RoomModel::meshes
  std::uint32_t draw = 0;                            // its one draw: index into RoomModel::draws
};

struct RoomModel {
  std::vector<gfx::MeshData> meshes;
  std::vector<gfx::Material> materials;
  std::vector<gfx::Draw> draws;  // mesh = index into meshes
  gfx::Lighting lighting;
  glm::vec3 clearColor{0.9f, 0.92f, 0.95f};
  Pose viewerHead;  // the citizen's seated eye point, looking across the table
  std::vector<Character> characters;
  std::vector<std::string> warnings;  // e.g. a cast model that could not be loaded (then generated)
};

// The pause room: a quiet open place under a soft sky, nobody in it, the citizen seated as before.
RoomModel buildPauseRoom();

// Builds the room its layout describes, with this cast in its seats. Seats outside 0..3 or taken twice
// are moved to a free seat with a warning. With an avatarStore folder, generated characters are kept
// there as glTF 2.0 (.glb, keyed by their description) and loaded from it, so they can be inspected or
// replaced in any glTF tool.
RoomModel buildMeetingRoom(const std::vector<CastMember>& cast, const RoomLayout& layout,
                           const std::filesystem::path& avatarStore = {});

}  // namespace overum::scene
