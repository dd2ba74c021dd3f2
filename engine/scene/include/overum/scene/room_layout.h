// SPDX-License-Identifier: GPL-3.0-or-later
// A meeting room described as data (scenarios/rooms/<kind>.json): walls, windows, light, table, seats
// and furniture as simple shapes. Read by the cast reader (cast.cpp); scene builds the room from it.
#pragma once
#include <glm/glm.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace overum::scene {

// A named surface the pieces refer to; the scene turns it into a gfx::Material.
struct RoomMaterial {
  std::string name;
  glm::vec3 color{0.8f};          // sRGB 0..1; default light grey
  float roughness = 0.7f;         // 0 mirror .. 1 matte; default satin-matte
  float emissive = 0.0f;          // self-lit, as a multiple of color; default none
  float opacity = 1.0f;           // < 1 is drawn blended (glass, water); default opaque
  std::string pattern = "plain";  // plain | wood | window | paper; default plain
};

// One piece of furniture or a detail, made of one of the shapes in shapes.h; merged per material.
struct RoomPiece {
  std::string shape;               // box | cylinder | ellipsoid | lathe
  std::uint32_t material = 0;      // index into RoomLayout::materials
  glm::vec3 at{0.0f};              // box, ellipsoid: the centre; cylinder, lathe: the middle of the base
  glm::vec3 size{0.1f};            // box: width, height, depth; ellipsoid: diameters; cylinder: diameter, height
  std::vector<glm::vec2> profile;  // lathe: (radius, height) from the bottom up
  float yawDegrees = 0.0f;         // about +Y; default none
  float tiltDegrees = 0.0f;        // about its own X, after the yaw (90: a cylinder on its side); default none
  int count = 1;                   // copies (slats of a blind, ring binders on a shelf); default one
  glm::vec3 step{0.0f};            // from one copy to the next; default none
};

struct RoomWindow {   // an opening in the far wall (z = floorMin.y) onto the daylight view
  glm::vec2 x{0.0f};  // from, to (metres along x)
  glm::vec2 y{0.0f};  // sill and top (metres above the floor)
};

struct RoomSeat {           // where a character's (or the citizen's) chair stands
  glm::vec2 at{0.0f};       // x, z on the floor, under the hips
  float yawDegrees = 0.0f;  // about +Y; 0 faces +Z, towards the citizen
};

struct RoomLayout {
  std::string kind;                                        // "psykiatri_samtalerum": the file's name without .json
  std::filesystem::path file;                              // where it was read from, for messages
  std::string description;                                 // Danish, for people reading the file
  glm::vec2 floorMin{-2.6f, -3.4f}, floorMax{2.6f, 1.4f};  // x, z; the citizen looks towards floorMin.y
  float height = 2.7f;                                     // floor to ceiling
  std::vector<RoomWindow> windows;
  bool roundTable = false;              // the table: a round one (size.x is the diameter) or a rectangle
  glm::vec2 tableCentre{0.0f, -0.75f};  // x, z
  glm::vec2 tableSize{1.9f, 1.0f};      // width (x), depth (z)
  float tableHeight = 0.74f;            // the top's surface
  bool armchairs = false;               // everyone in soft armchairs instead of office chairs
  glm::vec2 citizen{0.0f, 0.17f};       // the citizen's chair, facing -Z
  std::array<RoomSeat, 4> seats{};      // seat 0 across, 1 across-left, 2 across-right, 3 the bisidder's
  // Light (linear radiance, as gfx::Lighting).
  glm::vec3 towardsSun = glm::normalize(glm::vec3(-0.6f, 0.55f, 0.3f));
  glm::vec3 sunColor{2.2f, 2.1f, 1.95f};
  glm::vec3 skyColor{0.75f, 0.80f, 0.88f};
  glm::vec3 groundColor{0.50f, 0.45f, 0.40f};
  float exposure = 1.0f;
  std::vector<RoomMaterial> materials;  // those named in kRequiredRoomMaterials first, in that order
  std::vector<RoomPiece> pieces;
};

// Materials every layout defines, because the walls, windows, table and chairs are built from them.
inline constexpr std::array<std::string_view, 10> kRequiredRoomMaterials{
    "floor",       "wall",  "ceiling",    "skirting", "window_frame",
    "window_pane", "table", "table_legs", "chair",    "chair_frame"};

struct RoomLayoutLoad {
  std::optional<RoomLayout> layout;
  std::string error;  // "<file>:<line>: <field>: <what to do>" when layout is empty
  std::vector<std::string> warnings;
};

// The layouts live beside the meetings: <scenarios>/rooms/<kind>.json.
std::filesystem::path roomLayoutFile(const std::filesystem::path& roomsFolder, std::string_view kind);
std::vector<std::string> roomKinds(const std::filesystem::path& roomsFolder);  // sorted
RoomLayoutLoad loadRoomLayout(const std::filesystem::path& file);
RoomLayoutLoad parseRoomLayout(const std::string& json, const std::string& fileName);

}  // namespace overum::scene
