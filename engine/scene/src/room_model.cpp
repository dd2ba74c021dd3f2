// SPDX-License-Identifier: GPL-3.0-or-later
// Builds a meeting room from its layout (scenarios/rooms/<kind>.json): floor, walls with windows,
// the table, a chair at every seat, the layout's furniture and details, and the seated characters.
// Static parts are merged per material in world space, so a room is a handful of draws; each
// character part is one more. The pause room, a quiet place with nobody in it, is built here too.
//
// Sections: materials · baked occlusion · static parts · table and chairs · layout pieces · walls ·
//           characters · seating
#include <overum/avatar/gltf_io.h>
#include <overum/core/format.h>
#include <overum/core/log.h>
#include <overum/scene/room_model.h>
#include <overum/scene/shapes.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <glm/gtc/constants.hpp>
#include <glm/gtc/matrix_transform.hpp>

namespace overum::scene {
namespace {

// ---- materials ----------------------------------------------------------------------------------
// The pause room's own palette (the meeting rooms take theirs from their layouts).
enum PauseMaterial : std::uint32_t {
  pauseSky,
  pauseGreen,
  pauseDeck,
  pauseChair,
  pauseChairFrame,
  pausePot,
  pauseMaterialCount
};

std::vector<gfx::Material> pauseMaterials() {
  using P = gfx::Pattern;
  std::vector<gfx::Material> m(pauseMaterialCount);
  m[pauseSky] = {{0.85f, 0.9f, 0.95f}, 0.1f, 1.0f, 1.0f, P::windowView, false};
  m[pauseGreen] = {{0.30f, 0.50f, 0.26f}, 0.6f, 0.0f, 1.0f, P::plain, false};
  m[pauseDeck] = {{0.66f, 0.50f, 0.35f}, 0.55f, 0.0f, 1.0f, P::woodPlanks, false};
  m[pauseChair] = {{0.33f, 0.45f, 0.47f}, 0.85f, 0.0f, 1.0f, P::plain, false};
  m[pauseChairFrame] = {{0.30f, 0.31f, 0.33f}, 0.35f, 0.0f, 1.0f, P::plain, false};
  m[pausePot] = {{0.74f, 0.44f, 0.31f}, 0.8f, 0.0f, 1.0f, P::plain, false};
  return m;
}

gfx::Pattern patternNamed(const std::string& name) {
  if (name == "wood") return gfx::Pattern::woodPlanks;
  if (name == "window") return gfx::Pattern::windowView;
  if (name == "paper") return gfx::Pattern::paper;
  return gfx::Pattern::plain;
}

// The layout's materials in its order (the required ones first, see kRequiredRoomMaterials), then
// the figures' material, whose vertex colours carry skin, hair and clothes.
std::vector<gfx::Material> layoutMaterials(const RoomLayout& layout) {
  std::vector<gfx::Material> out;
  for (const RoomMaterial& m : layout.materials)
    out.push_back({m.color, m.roughness, m.emissive, m.opacity, patternNamed(m.pattern), false});
  out.push_back({{1.0f, 1.0f, 1.0f}, 0.8f, 0.0f, 1.0f, gfx::Pattern::plain, false});
  return out;
}

// Indices of the required materials (kRequiredRoomMaterials' order).
enum RequiredMaterial : std::uint32_t {
  floorMat,
  wallMat,
  ceilingMat,
  skirtingMat,
  windowFrameMat,
  windowPaneMat,
  tableMat,
  tableLegsMat,
  chairMat,
  chairFrameMat
};

// ---- baked occlusion ----------------------------------------------------------------------------
// Cheap stand-ins for ambient occlusion: darker where surfaces meet the floor, in room corners and
// under the table. They make the room read as solid without any GPU cost.
// Defaults: the job centre's room and table, around which the pause room seats the citizen.
struct OcclusionShape {  // what casts the baked shade: the room's box and its table
  glm::vec2 floorMin{-2.6f, -3.4f}, floorMax{2.6f, 1.4f};
  float height = 2.7f;
  glm::vec3 tableTop{0.0f, 0.74f, -0.75f};  // centre of the top surface
  glm::vec2 tableHalf{0.95f, 0.5f};
  bool roundTable = false;

  static OcclusionShape of(const RoomLayout& layout) {
    return {layout.floorMin,         layout.floorMax,
            layout.height,           {layout.tableCentre.x, layout.tableHeight, layout.tableCentre.y},
            layout.tableSize / 2.0f, layout.roundTable};
  }
  float distanceOutsideTable(glm::vec3 p) const {
    const glm::vec2 offset(p.x - tableTop.x, p.z - tableTop.z);
    if (roundTable) return glm::length(offset) - tableHalf.x;
    const glm::vec2 d = glm::abs(offset) - tableHalf;
    return glm::length(glm::max(d, glm::vec2(0.0f))) + std::min(std::max(d.x, d.y), 0.0f);
  }
  float at(glm::vec3 p, glm::vec3 n) const {
    float ao = 1.0f;
    const float toWallX = std::min(p.x - floorMin.x, floorMax.x - p.x);
    const float toWallZ = std::min(p.z - floorMin.y, floorMax.y - p.z);
    const float toFloorOrCeiling = std::min(p.y, height - p.y);
    if (n.y < 0.5f) ao *= 1.0f - 0.3f * std::exp(-std::max(p.y, 0.0f) / 0.12f);  // meets the floor
    ao *= 1.0f -
          0.25f * std::exp(-std::max(std::min(toWallX, toWallZ), 0.0f) / 0.3f)  // along wall edges
              * (std::abs(n.y) > 0.5f ? 1.0f : std::exp(-std::max(std::max(toWallX, toWallZ) - 0.05f, 0.0f) / 0.4f));
    ao *= 1.0f - 0.2f * std::exp(-std::max(toFloorOrCeiling, 0.0f) / 0.25f) * (std::abs(n.y) > 0.5f ? 0.0f : 1.0f);
    if (p.y < 0.02f && n.y > 0.5f)  // the table's shadow on the floor
      ao *= 1.0f - 0.4f * std::exp(-std::max(distanceOutsideTable(p) + 0.1f, 0.0f) / 0.3f);
    if (n.y < -0.5f && p.y < tableTop.y + 0.01f && distanceOutsideTable(p) < 0.01f) ao *= 0.55f;  // under the top
    return std::clamp(ao, 0.2f, 1.0f);
  }
};

// ---- static parts -------------------------------------------------------------------------------
// Static geometry, one mesh per material, in world space.
class StaticParts {
 public:
  explicit StaticParts(std::size_t materialCount) : byMaterial_(materialCount) {}
  void add(std::uint32_t material, const gfx::MeshData& mesh, const glm::mat4& T_world_mesh) {
    byMaterial_.at(material).append(mesh, T_world_mesh);
  }
  void box(std::uint32_t material, glm::vec3 centre, glm::vec3 half, float yaw = 0.0f) {
    add(material, scene::box(half), glm::rotate(glm::translate(glm::mat4(1), centre), yaw, glm::vec3(0, 1, 0)));
  }
  void finish(RoomModel& room, const OcclusionShape& shade) {
    for (std::uint32_t material = 0; material < byMaterial_.size(); ++material) {
      gfx::MeshData& mesh = byMaterial_[material];
      if (mesh.indices.empty()) continue;
      for (gfx::Vertex& v : mesh.vertices) v.occlusion *= shade.at(v.position, v.normal);
      room.meshes.push_back(std::move(mesh));
      room.draws.push_back({std::uint32_t(room.meshes.size() - 1), material, glm::mat4(1.0f)});
    }
  }

 private:
  std::vector<gfx::MeshData> byMaterial_;
};

glm::mat4 at(glm::vec3 position, float yaw = 0.0f) {
  return glm::rotate(glm::translate(glm::mat4(1), position), yaw, glm::vec3(0, 1, 0));
}

// ---- table and chairs ---------------------------------------------------------------------------
void addTable(StaticParts& parts, const RoomLayout& layout) {
  const glm::vec3 top(layout.tableCentre.x, layout.tableHeight, layout.tableCentre.y);
  const glm::vec2 half = layout.tableSize / 2.0f;
  if (layout.roundTable) {  // a round top on one pedestal with a foot
    parts.add(tableMat, cylinder(half.x, 0.03f, 40), at(top - glm::vec3(0, 0.03f, 0)));
    parts.add(tableLegsMat, cylinder(0.04f, layout.tableHeight - 0.03f, 16), at(top * glm::vec3(1, 0, 1)));
    parts.add(tableLegsMat, cylinder(std::min(0.25f, half.x * 0.6f), 0.02f, 24), at(top * glm::vec3(1, 0, 1)));
    return;
  }
  const float legHalf = (layout.tableHeight - 0.04f) / 2;
  parts.box(tableMat, top - glm::vec3(0, 0.02f, 0), {half.x, 0.02f, half.y});
  for (float sx : {-1.0f, 1.0f})
    for (float sz : {-1.0f, 1.0f})
      parts.box(tableLegsMat, {top.x + sx * (half.x - 0.1f), legHalf, top.z + sz * (half.y - 0.1f)},
                {0.025f, legHalf, 0.025f});
}

// An office chair in a figure's frame (hips above the origin, facing +Z), placed by T_world_figure.
void addOfficeChair(StaticParts& parts, const glm::mat4& T_world_figure, std::uint32_t fabric,
                    std::uint32_t frameMaterial) {
  gfx::MeshData frame, cushion;
  cushion.append(box({0.23f, 0.03f, 0.23f}), at({0, 0.42f, 0.18f}));
  cushion.append(box({0.22f, 0.17f, 0.03f}), glm::rotate(at({0, 0.78f, -0.12f}), -0.12f, glm::vec3(1, 0, 0)));
  for (float sx : {-1.0f, 1.0f}) {
    for (float z : {-0.02f, 0.38f}) frame.append(box({0.014f, 0.2f, 0.014f}), at({sx * 0.2f, 0.2f, z}));
    frame.append(box({0.012f, 0.2f, 0.012f}), glm::rotate(at({sx * 0.2f, 0.6f, -0.08f}), -0.12f, glm::vec3(1, 0, 0)));
  }
  parts.add(fabric, cushion, T_world_figure);
  parts.add(frameMaterial, frame, T_world_figure);
}

// A soft armchair with low arms, the seat at an office chair's height so the figures sit the same.
void addArmchair(StaticParts& parts, const glm::mat4& T_world_figure) {
  gfx::MeshData body, feet;
  body.append(box({0.25f, 0.06f, 0.27f}), at({0, 0.37f, 0.16f}));  // the seat cushion, its top at 0.43
  body.append(box({0.25f, 0.14f, 0.27f}), at({0, 0.17f, 0.16f}));  // the base under it
  body.append(box({0.3f, 0.26f, 0.06f}), glm::rotate(at({0, 0.66f, -0.13f}), -0.15f, glm::vec3(1, 0, 0)));  // the back
  for (float sx : {-1.0f, 1.0f}) body.append(box({0.04f, 0.1f, 0.25f}), at({sx * 0.28f, 0.5f, 0.14f}));     // the arms
  for (float sx : {-1.0f, 1.0f})
    for (float z : {-0.06f, 0.38f}) feet.append(cylinder(0.018f, 0.03f, 8), at({sx * 0.26f, 0.0f, z}));
  parts.add(chairMat, body, T_world_figure);
  parts.add(chairFrameMat, feet, T_world_figure);
}

void addChair(StaticParts& parts, const RoomLayout& layout, const glm::mat4& T_world_figure) {
  if (layout.armchairs) addArmchair(parts, T_world_figure);
  else addOfficeChair(parts, T_world_figure, chairMat, chairFrameMat);
}

// ---- layout pieces ------------------------------------------------------------------------------
gfx::MeshData pieceMesh(const RoomPiece& piece) {
  if (piece.shape == "cylinder") return cylinder(piece.size.x / 2, piece.size.y, 20);
  if (piece.shape == "ellipsoid") return ellipsoid(piece.size / 2.0f, 12, 8);
  if (piece.shape == "lathe") return lathe(piece.profile, 20);
  return box(piece.size / 2.0f);
}

void addPieces(StaticParts& parts, const RoomLayout& layout) {
  for (const RoomPiece& piece : layout.pieces) {
    const gfx::MeshData mesh = pieceMesh(piece);
    const glm::mat4 T_copy_piece =
        glm::rotate(glm::rotate(glm::mat4(1), glm::radians(piece.yawDegrees), glm::vec3(0, 1, 0)),
                    glm::radians(piece.tiltDegrees), glm::vec3(1, 0, 0));
    for (int copy = 0; copy < piece.count; ++copy)
      parts.add(piece.material, mesh, glm::translate(glm::mat4(1), piece.at + float(copy) * piece.step) * T_copy_piece);
  }
}

// ---- walls --------------------------------------------------------------------------------------
// A wall as a subdivided panel (so occlusion can vary across it) with rectangular openings cut out.
// Cell edges include the openings' edges, so the cut is exact. Holes are (minX, minY, maxX, maxY)
// relative to the panel's centre; the panel faces +Y with its "up" along -Z, like grid().
gfx::MeshData wallPanel(glm::vec2 size, const std::vector<glm::vec4>& holes) {
  const auto breaks = [&](float extent, int axis) {
    std::vector<float> at;
    const int cells = int(std::ceil(extent / 0.15f));
    for (int i = 0; i <= cells; ++i) at.push_back(-extent / 2 + extent * float(i) / float(cells));
    for (const glm::vec4& h : holes) at.insert(at.end(), {h[axis], h[axis + 2]});
    std::sort(at.begin(), at.end());
    at.erase(std::unique(at.begin(), at.end(), [](float a, float b) { return std::abs(a - b) < 1e-4f; }), at.end());
    return at;
  };
  const std::vector<float> xs = breaks(size.x, 0), ys = breaks(size.y, 1);
  gfx::MeshData panel;
  for (float y : ys)
    for (float x : xs) panel.vertices.push_back({{x, 0.0f, -y}, {0, 1, 0}, 1.0f});
  const auto index = [&](std::size_t ix, std::size_t iy) { return std::uint32_t(iy * xs.size() + ix); };
  for (std::size_t iy = 0; iy + 1 < ys.size(); ++iy)
    for (std::size_t ix = 0; ix + 1 < xs.size(); ++ix) {
      const glm::vec2 centre((xs[ix] + xs[ix + 1]) / 2, (ys[iy] + ys[iy + 1]) / 2);
      bool inHole = false;
      for (const glm::vec4& h : holes) inHole |= centre.x > h.x && centre.x < h.z && centre.y > h.y && centre.y < h.w;
      if (inHole) continue;
      // Counter-clockwise seen from +Y, where -Z is "up" on the wall.
      const std::uint32_t a = index(ix, iy), b = index(ix + 1, iy), c = index(ix + 1, iy + 1), d = index(ix, iy + 1);
      panel.indices.insert(panel.indices.end(), {a, b, c, a, c, d});
    }
  return panel;
}

void addWalls(StaticParts& parts, const RoomLayout& layout) {
  constexpr float kWallThickness = 0.12f;
  const glm::vec2 lo = layout.floorMin, hi = layout.floorMax;
  const float width = hi.x - lo.x, depth = hi.y - lo.y, h = layout.height;
  const glm::vec3 centre((lo.x + hi.x) / 2, 0, (lo.y + hi.y) / 2);
  // About 10 cm cells: fine enough for the baked shade under the table and along the walls.
  parts.add(floorMat, grid({width, depth}, {int(std::lround(width * 10)), int(std::lround(depth * 10))}), at(centre));
  parts.add(ceilingMat, grid({width, depth}, {int(std::lround(width * 5)), int(std::lround(depth * 5))}),
            glm::rotate(at(centre + glm::vec3(0, h, 0)), glm::pi<float>(), glm::vec3(1, 0, 0)));
  // A grid faces +Y; standing it up (rotate -90 degrees about X) makes it face +Z with its -z axis up.
  const auto standing = [](glm::vec3 bottomCentre, float yaw) {
    return glm::rotate(at(bottomCentre, yaw), glm::half_pi<float>(), glm::vec3(1, 0, 0));
  };
  // Panels are built centred; holes are given relative to the panel centre.
  std::vector<glm::vec4> windows;
  for (const RoomWindow& w : layout.windows)
    windows.push_back({w.x[0] - centre.x, w.y[0] - h / 2, w.x[1] - centre.x, w.y[1] - h / 2});
  parts.add(wallMat, wallPanel({width, h}, windows), standing({centre.x, h / 2, lo.y}, 0.0f));
  parts.add(wallMat, wallPanel({width, h}, {}), standing({centre.x, h / 2, hi.y}, glm::pi<float>()));
  parts.add(wallMat, wallPanel({depth, h}, {}), standing({lo.x, h / 2, centre.z}, glm::half_pi<float>()));
  parts.add(wallMat, wallPanel({depth, h}, {}), standing({hi.x, h / 2, centre.z}, -glm::half_pi<float>()));
  // Skirting boards.
  parts.box(skirtingMat, {centre.x, 0.04f, lo.y + 0.01f}, {width / 2, 0.04f, 0.01f});
  parts.box(skirtingMat, {centre.x, 0.04f, hi.y - 0.01f}, {width / 2, 0.04f, 0.01f});
  parts.box(skirtingMat, {lo.x + 0.01f, 0.04f, centre.z}, {0.01f, 0.04f, depth / 2});
  parts.box(skirtingMat, {hi.x - 0.01f, 0.04f, centre.z}, {0.01f, 0.04f, depth / 2});
  // Windows: reveals, sill, frame with a mullion and a transom, and the view (emissive) set back in the wall.
  for (const RoomWindow& w : layout.windows) {
    const float cx = (w.x[0] + w.x[1]) / 2, hw = (w.x[1] - w.x[0]) / 2, cy = (w.y[0] + w.y[1]) / 2,
                hh = (w.y[1] - w.y[0]) / 2;
    const float z = lo.y - kWallThickness / 2;
    parts.box(wallMat, {w.x[0] - 0.01f, cy, z}, {0.01f, hh, kWallThickness / 2});
    parts.box(wallMat, {w.x[1] + 0.01f, cy, z}, {0.01f, hh, kWallThickness / 2});
    parts.box(wallMat, {cx, w.y[1] + 0.01f, z}, {hw, 0.01f, kWallThickness / 2});
    parts.box(windowFrameMat, {cx, w.y[0] - 0.01f, lo.y - 0.03f}, {hw + 0.05f, 0.015f, 0.1f});
    parts.add(windowPaneMat, grid({2 * hw, 2 * hh}, {1, 1}), standing({cx, cy, lo.y - kWallThickness + 0.02f}, 0.0f));
    const float fz = lo.y - kWallThickness + 0.04f;
    parts.box(windowFrameMat, {cx, w.y[0] + 0.03f, fz}, {hw, 0.03f, 0.03f});
    parts.box(windowFrameMat, {cx, w.y[1] - 0.03f, fz}, {hw, 0.03f, 0.03f});
    parts.box(windowFrameMat, {w.x[0] + 0.03f, cy, fz}, {0.03f, hh, 0.03f});
    parts.box(windowFrameMat, {w.x[1] - 0.03f, cy, fz}, {0.03f, hh, 0.03f});
    parts.box(windowFrameMat, {cx, cy, fz}, {0.025f, hh, 0.025f});
    parts.box(windowFrameMat, {cx, w.y[0] + 0.95f * (hh / 0.7f), fz}, {hw, 0.02f, 0.02f});
  }
}

// ---- characters ---------------------------------------------------------------------------------
// A figure as one skinned mesh: the vertices keep their joints and blends, so it is one draw however
// many joints move. Below the table top (at tableTop metres) the figure is in the table's shade.
gfx::MeshData figureMesh(const avatar::AvatarModel& model, float tableTop) {
  const float shadeTop = tableTop - 0.02f;
  gfx::MeshData mesh;
  mesh.vertices.reserve(model.vertices.size());
  for (const avatar::AvatarVertex& v : model.vertices) {
    const float shade = v.position.y < shadeTop
                            ? 0.6f + 0.4f * std::clamp((v.position.y - 0.3f) / (shadeTop - 0.3f), 0.0f, 1.0f)
                            : 1.0f;
    mesh.vertices.push_back({v.position, v.normal, shade, v.color, {v.joint, v.blendJoint}, v.blend});
  }
  mesh.indices = model.indices;
  return mesh;
}

// A generated figure, kept as .glb in the store and read back through the glTF loader; the file's
// name holds a hash of everything that shapes the figure, so a changed description makes a new one.
constexpr std::uint64_t kGeneratorVersion = 5;  // bump when the avatar library changes the figures

std::string avatarKey(const CastMember& member) {
  const avatar::Appearance& a = member.appearance;
  std::uint64_t hash = 1469598103934665603ull ^ kGeneratorVersion;
  for (const std::string& part :
       {std::to_string(a.age), a.gender, a.skin, a.hair, a.hairColor, a.clothing, a.clothingColor, member.name})
    for (unsigned char c : part + "|") hash = (hash ^ c) * 1099511628211ull;
  for (const std::string& accessory : a.accessories)
    for (unsigned char c : accessory + "+") hash = (hash ^ c) * 1099511628211ull;
  std::string id;
  for (char c : member.id) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return format("{}-{}", id, hash);
}

avatar::AvatarModel storedAvatar(const CastMember& member, const std::filesystem::path& store,
                                 std::vector<std::string>& warnings) {
  avatar::AvatarModel built = avatar::buildAvatar(avatar::styleFromAppearance(member.appearance), member.name);
  if (store.empty()) return built;
  const std::filesystem::path file = store / (avatarKey(member) + ".glb");
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      std::error_code ec;
      if (!std::filesystem::exists(file, ec)) {
        std::filesystem::create_directories(store, ec);
        avatar::writeGlb(built, file);
      }
    } catch (const std::exception& e) {
      warnings.push_back(format("{}; the figure is used without storing it", e.what()));
      return built;
    }
    auto loaded = avatar::loadGltf(file);
    if (loaded.model) return std::move(*loaded.model);
    std::filesystem::remove(file);  // damaged: write it again once
    if (attempt == 1) warnings.push_back(loaded.error);
  }
  return built;
}

// ---- seating ------------------------------------------------------------------------------------
// The citizen's eye point over their chair (which faces -Z), a little forward of the hips.
Pose citizenHead(glm::vec2 chair, float pitch) { return seatedHeadPose({chair.x, 1.2f, chair.y - 0.04f}, 0.0f, pitch); }

}  // namespace

std::vector<Seat> seatsOf(const RoomLayout& layout) {
  std::vector<Seat> out;
  for (const RoomSeat& s : layout.seats) out.push_back({{s.at.x, 0.0f, s.at.y}, glm::radians(s.yawDegrees)});
  return out;
}

std::vector<CastMember> defaultCast() {
  return {
      {"sagsbehandler",
       "Mette",
       "Sagsbehandler",
       0,
       false,
       {46, "kvinde", "lys", "langt", "brun", "striktroeje", "groen", {}},
       {"f2", 55, 165},
       {}},
      {"teamleder",
       "Yusuf",
       "Teamleder",
       1,
       false,
       {52, "mand", "moerk", "kort", "sort", "skjorte", "blaa", {"briller"}},
       {"m3", 40, 158},
       {}},
  };
}

RoomModel buildPauseRoom() {
  RoomModel room;
  room.materials = pauseMaterials();
  // The citizen sits where they sat at the job centre's table, so the pause room opens around them.
  const OcclusionShape shade;
  const glm::vec2 chair(0.0f, shade.tableTop.z + shade.tableHalf.y + 0.42f);
  room.viewerHead = citizenHead(chair, -0.05f);
  room.clearColor = {0.85f, 0.9f, 0.95f};
  StaticParts parts(pauseMaterialCount);
  // The sky all around (the window view, seen from inside a large dome), a meadow and a wooden deck.
  gfx::MeshData dome = ellipsoid(glm::vec3(40.0f), 48, 24);
  for (auto& v : dome.vertices) v.normal = -v.normal;
  for (std::size_t i = 0; i + 2 < dome.indices.size(); i += 3) std::swap(dome.indices[i + 1], dome.indices[i + 2]);
  parts.add(pauseSky, dome, at({0.0f, 0.0f, 0.0f}));
  parts.add(pauseGreen, grid({60.0f, 60.0f}, {30, 30}), at({0.0f, -0.02f, 0.0f}));
  parts.add(pauseDeck, grid({3.0f, 3.0f}, {6, 6}), at({0.0f, 0.0f, -0.4f}));
  addOfficeChair(parts, at({chair.x, 0.0f, chair.y}, glm::pi<float>()), pauseChair, pauseChairFrame);
  // A few shrubs at a calm distance, nothing close.
  const gfx::MeshData shrub = ellipsoid({0.9f, 0.7f, 0.9f}, 16, 10);
  for (glm::vec3 p : {glm::vec3(-4.0f, 0.4f, -7.0f), glm::vec3(3.5f, 0.5f, -9.0f), glm::vec3(7.0f, 0.4f, -5.0f),
                      glm::vec3(-8.0f, 0.5f, -3.0f)})
    parts.add(pauseGreen, shrub, at(p));
  parts.add(pausePot, lathe({{0.0f, 0.0f}, {0.15f, 0.0f}, {0.2f, 0.38f}, {0.19f, 0.4f}, {0.0f, 0.4f}}),
            at({2.0f, 0.0f, -2.6f}));
  parts.add(pauseGreen, ellipsoid({0.25f, 0.3f, 0.25f}, 12, 8), at({2.0f, 0.62f, -2.6f}));
  parts.finish(room, shade);
  return room;
}

CastMember citizenStandIn() {
  CastMember c;
  c.id = "borger";
  c.seat = kCitizenChair;
  // Nobody in particular: neutral proportions, grey clothes, short grey hair.
  c.appearance.gender = "";
  c.appearance.skin = "mellem";
  c.appearance.hair = "kort";
  c.appearance.hairColor = "graa";
  c.appearance.clothing = "t-shirt";
  c.appearance.clothingColor = "graa";
  return c;
}

RoomModel buildMeetingRoom(const std::vector<CastMember>& cast, const RoomLayout& layout,
                           const std::filesystem::path& avatarStore) {
  RoomModel room;
  room.materials = layoutMaterials(layout);
  const auto figure = std::uint32_t(room.materials.size() - 1);
  room.viewerHead = citizenHead(layout.citizen, -0.1f);
  room.lighting = {layout.towardsSun, layout.sunColor, layout.skyColor, layout.groundColor, layout.exposure};

  StaticParts parts(room.materials.size());
  addWalls(parts, layout);
  addTable(parts, layout);
  addPieces(parts, layout);
  addChair(parts, layout, at({layout.citizen.x, 0.0f, layout.citizen.y}, glm::pi<float>()));  // the citizen's

  const std::vector<Seat> seats = seatsOf(layout);
  bool taken[kSeatCount] = {};
  for (const CastMember& member : cast) {
    int seat = member.seat;
    const bool inCitizensChair = seat == kCitizenChair;
    if (!inCitizensChair && (seat < 0 || seat >= kSeatCount || taken[seat])) {
      const int wanted = seat;
      seat = 0;
      while (seat < kSeatCount && taken[seat]) ++seat;
      if (seat == kSeatCount) {
        room.warnings.push_back(
            format("{} has no free seat (there are {}); they are left out", member.name, kSeatCount));
        continue;
      }
      room.warnings.push_back(
          format("{}: seat {} is not free or does not exist; sitting in seat {} instead", member.name, wanted, seat));
    }
    const Seat s =
        inCitizensChair ? Seat{{layout.citizen.x, 0.0f, layout.citizen.y}, glm::pi<float>()} : seats[std::size_t(seat)];
    const glm::mat4 T_world_figure = at(s.position, s.yaw);
    if (!inCitizensChair) {
      taken[seat] = true;
      addChair(parts, layout, T_world_figure);  // the citizen's chair is there already
    }

    auto model = std::make_shared<avatar::AvatarModel>();
    if (!member.model.empty()) {
      auto loaded = avatar::loadGltf(member.model);
      if (loaded.model) *model = std::move(*loaded.model);
      else room.warnings.push_back(loaded.error);
    }
    if (model->vertices.empty()) *model = storedAvatar(member, avatarStore, room.warnings);

    Character character;
    character.id = member.id;
    character.name = member.name;
    character.seat = seat;
    character.T_world_figure = Pose{glm::angleAxis(s.yaw, glm::vec3(0, 1, 0)), s.position};
    const int eye = model->findJoint("eye_l");
    const int head = model->findJoint("head");
    const auto rest = model->globalTransforms({});
    const glm::vec3 headInModel = eye >= 0    ? glm::vec3(rest[std::size_t(eye)][3]) * glm::vec3(0, 1, 1)
                                  : head >= 0 ? glm::vec3(rest[std::size_t(head)][3]) + glm::vec3(0, 0.12f, 0)
                                              : glm::vec3(0, 1.25f, 0);
    character.headPosition = character.T_world_figure.apply(headInModel);
    room.meshes.push_back(figureMesh(*model, layout.tableHeight));
    character.mesh = std::uint32_t(room.meshes.size() - 1);
    character.draw = std::uint32_t(room.draws.size());
    room.draws.push_back({character.mesh, figure, T_world_figure});
    character.model = std::move(model);
    room.characters.push_back(character);
  }
  parts.finish(room, OcclusionShape::of(layout));
  for (const std::string& warning : room.warnings) log::warn("scene", "{}", warning);
  return room;
}

}  // namespace overum::scene
