// SPDX-License-Identifier: GPL-3.0-or-later
// A calm Danish municipal meeting room in daylight: light birch table, pale walls, two windows onto
// trees, a plant, papers and a water jug. Static parts are merged per material in world space, so the
// whole room is a handful of draws; each character is one more.
//
// Sections: layout constants · materials · baked occlusion · furniture and props · walls · characters
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

// ---- layout constants (metres; +Y up, the citizen looks down -Z) -------------------------------
constexpr float kRoomMinX = -2.6f, kRoomMaxX = 2.6f, kRoomMinZ = -3.4f, kRoomMaxZ = 1.4f, kRoomHeight = 2.7f;
constexpr float kWallThickness = 0.12f;
constexpr glm::vec3 kTableCentre{0.0f, 0.74f, -0.75f};  // top surface
constexpr glm::vec2 kTableHalf{0.95f, 0.5f};
constexpr float kWindowBottom = 0.85f, kWindowTop = 2.25f;
constexpr glm::vec2 kWindowsX[] = {{-2.3f, -0.75f}, {0.75f, 2.3f}};  // on the far wall

// ---- materials ----------------------------------------------------------------------------------
enum MaterialId : std::uint32_t {
  floorWood, wallPaint, ceilingPaint, tableTop, metal, chairFabric, windowFrame, windowPane, paperSheet,
  glass, water, terracotta, leaves, skirting, lampPanel, canvasSky, canvasField, canvasSand, laptop, mug,
  whiteboard, door, figure, materialCount
};

std::vector<gfx::Material> roomMaterials() {
  using P = gfx::Pattern;
  std::vector<gfx::Material> m(materialCount);
  m[floorWood] = {{0.66f, 0.50f, 0.35f}, 0.55f, 0.0f, 1.0f, P::woodPlanks, false};
  m[wallPaint] = {{0.91f, 0.89f, 0.85f}, 0.9f, 0.0f, 1.0f, P::plain, false};
  m[ceilingPaint] = {{0.95f, 0.95f, 0.94f}, 0.95f, 0.0f, 1.0f, P::plain, false};
  m[tableTop] = {{0.80f, 0.68f, 0.52f}, 0.45f, 0.0f, 1.0f, P::plain, false};
  m[metal] = {{0.30f, 0.31f, 0.33f}, 0.35f, 0.0f, 1.0f, P::plain, false};
  m[chairFabric] = {{0.33f, 0.45f, 0.47f}, 0.85f, 0.0f, 1.0f, P::plain, false};
  m[windowFrame] = {{0.95f, 0.95f, 0.94f}, 0.5f, 0.0f, 1.0f, P::plain, false};
  m[windowPane] = {{0.85f, 0.9f, 0.95f}, 0.1f, 1.0f, 1.0f, P::windowView, false};
  m[paperSheet] = {{0.96f, 0.96f, 0.94f}, 0.9f, 0.0f, 1.0f, P::paper, false};
  m[glass] = {{0.86f, 0.93f, 0.96f}, 0.08f, 0.0f, 0.28f, P::plain, true};
  m[water] = {{0.72f, 0.86f, 0.92f}, 0.05f, 0.0f, 0.4f, P::plain, false};
  m[terracotta] = {{0.74f, 0.44f, 0.31f}, 0.8f, 0.0f, 1.0f, P::plain, false};
  m[leaves] = {{0.30f, 0.50f, 0.26f}, 0.6f, 0.0f, 1.0f, P::plain, false};
  m[skirting] = {{0.86f, 0.85f, 0.82f}, 0.6f, 0.0f, 1.0f, P::plain, false};
  m[lampPanel] = {{1.0f, 0.98f, 0.93f}, 0.9f, 1.6f, 1.0f, P::plain, false};
  m[canvasSky] = {{0.62f, 0.75f, 0.84f}, 0.9f, 0.0f, 1.0f, P::plain, false};
  m[canvasField] = {{0.49f, 0.62f, 0.42f}, 0.9f, 0.0f, 1.0f, P::plain, false};
  m[canvasSand] = {{0.88f, 0.80f, 0.62f}, 0.9f, 0.0f, 1.0f, P::plain, false};
  m[laptop] = {{0.36f, 0.37f, 0.40f}, 0.4f, 0.0f, 1.0f, P::plain, false};
  m[mug] = {{0.93f, 0.91f, 0.86f}, 0.35f, 0.0f, 1.0f, P::plain, false};
  m[whiteboard] = {{0.97f, 0.97f, 0.97f}, 0.25f, 0.0f, 1.0f, P::plain, false};
  m[door] = {{0.78f, 0.70f, 0.58f}, 0.6f, 0.0f, 1.0f, P::plain, false};
  m[figure] = {{1.0f, 1.0f, 1.0f}, 0.8f, 0.0f, 1.0f, P::plain, false};  // vertex colours carry skin, hair, clothes
  return m;
}

// ---- baked occlusion ----------------------------------------------------------------------------
// Cheap stand-ins for ambient occlusion: darker where surfaces meet the floor, in room corners and
// under the table. They make the room read as solid without any GPU cost.
float distanceOutsideTable(glm::vec3 p) {
  const glm::vec2 d = glm::abs(glm::vec2(p.x - kTableCentre.x, p.z - kTableCentre.z)) - kTableHalf;
  return glm::length(glm::max(d, glm::vec2(0.0f))) + std::min(std::max(d.x, d.y), 0.0f);
}

float occlusionAt(glm::vec3 p, glm::vec3 n) {
  float ao = 1.0f;
  const float toWallX = std::min(p.x - kRoomMinX, kRoomMaxX - p.x);
  const float toWallZ = std::min(p.z - kRoomMinZ, kRoomMaxZ - p.z);
  const float toFloorOrCeiling = std::min(p.y, kRoomHeight - p.y);
  if (n.y < 0.5f) ao *= 1.0f - 0.3f * std::exp(-std::max(p.y, 0.0f) / 0.12f);          // meets the floor
  ao *= 1.0f - 0.25f * std::exp(-std::max(std::min(toWallX, toWallZ), 0.0f) / 0.3f)      // along wall edges
                     * (std::abs(n.y) > 0.5f ? 1.0f : std::exp(-std::max(std::max(toWallX, toWallZ) - 0.05f, 0.0f) / 0.4f));
  ao *= 1.0f - 0.2f * std::exp(-std::max(toFloorOrCeiling, 0.0f) / 0.25f) * (std::abs(n.y) > 0.5f ? 0.0f : 1.0f);
  if (p.y < 0.02f && n.y > 0.5f)  // the table's shadow on the floor
    ao *= 1.0f - 0.4f * std::exp(-std::max(distanceOutsideTable(p) + 0.1f, 0.0f) / 0.3f);
  if (n.y < -0.5f && p.y < kTableCentre.y + 0.01f && distanceOutsideTable(p) < 0.01f) ao *= 0.55f;  // under the top
  return std::clamp(ao, 0.2f, 1.0f);
}

// Static geometry, one mesh per material, in world space.
class StaticParts {
 public:
  void add(MaterialId material, const gfx::MeshData& mesh, const glm::mat4& T_world_mesh) {
    byMaterial_[material].append(mesh, T_world_mesh);
  }
  void box(MaterialId material, glm::vec3 centre, glm::vec3 half, float yaw = 0.0f) {
    add(material, scene::box(half), glm::rotate(glm::translate(glm::mat4(1), centre), yaw, glm::vec3(0, 1, 0)));
  }
  void finish(RoomModel& room) {
    for (std::uint32_t material = 0; material < materialCount; ++material) {
      gfx::MeshData& mesh = byMaterial_[material];
      if (mesh.indices.empty()) continue;
      for (gfx::Vertex& v : mesh.vertices) v.occlusion *= occlusionAt(v.position, v.normal);
      room.meshes.push_back(std::move(mesh));
      room.draws.push_back({std::uint32_t(room.meshes.size() - 1), material, glm::mat4(1.0f)});
    }
  }

 private:
  gfx::MeshData byMaterial_[materialCount];
};

glm::mat4 at(glm::vec3 position, float yaw = 0.0f) {
  return glm::rotate(glm::translate(glm::mat4(1), position), yaw, glm::vec3(0, 1, 0));
}

// ---- furniture and props ------------------------------------------------------------------------
void addTable(StaticParts& parts) {
  parts.box(tableTop, kTableCentre - glm::vec3(0, 0.02f, 0), {kTableHalf.x, 0.02f, kTableHalf.y});
  for (float sx : {-1.0f, 1.0f})
    for (float sz : {-1.0f, 1.0f})
      parts.box(metal, {kTableCentre.x + sx * (kTableHalf.x - 0.1f), 0.36f, kTableCentre.z + sz * (kTableHalf.y - 0.1f)},
                {0.025f, 0.36f, 0.025f});
}

// A chair in a figure's frame (hips above the origin, facing +Z), placed by T_world_figure.
void addChair(StaticParts& parts, const glm::mat4& T_world_figure) {
  gfx::MeshData frame, cushion;
  cushion.append(box({0.23f, 0.03f, 0.23f}), at({0, 0.42f, 0.18f}));
  cushion.append(box({0.22f, 0.17f, 0.03f}), glm::rotate(at({0, 0.78f, -0.12f}), -0.12f, glm::vec3(1, 0, 0)));
  for (float sx : {-1.0f, 1.0f}) {
    for (float z : {-0.02f, 0.38f}) frame.append(box({0.014f, 0.2f, 0.014f}), at({sx * 0.2f, 0.2f, z}));
    frame.append(box({0.012f, 0.2f, 0.012f}), glm::rotate(at({sx * 0.2f, 0.6f, -0.08f}), -0.12f, glm::vec3(1, 0, 0)));
  }
  parts.add(chairFabric, cushion, T_world_figure);
  parts.add(metal, frame, T_world_figure);
}

void addProps(StaticParts& parts) {
  const float top = kTableCentre.y;
  // Water jug and glasses.
  const gfx::MeshData jug = lathe({{0.0f, 0.0f}, {0.055f, 0.0f}, {0.06f, 0.02f}, {0.058f, 0.15f}, {0.045f, 0.22f}, {0.05f, 0.25f}});
  parts.add(glass, jug, at({0.55f, top, -0.95f}));
  parts.add(water, lathe({{0.0f, 0.004f}, {0.054f, 0.004f}, {0.055f, 0.13f}, {0.0f, 0.13f}}), at({0.55f, top, -0.95f}));
  const gfx::MeshData tumbler = lathe({{0.0f, 0.0f}, {0.03f, 0.0f}, {0.035f, 0.1f}});
  for (glm::vec3 p : {glm::vec3(0.25f, top, -1.05f), glm::vec3(-0.2f, top, -0.42f), glm::vec3(-0.62f, top, -0.8f)})
    parts.add(glass, tumbler, at(p));
  // Papers: the caseworker's file, the citizen's sheet, a loose page.
  parts.box(paperSheet, {-0.05f, top + 0.006f, -1.07f}, {0.105f, 0.006f, 0.148f}, 0.08f);
  parts.box(paperSheet, {0.0f, top + 0.002f, -0.42f}, {0.105f, 0.002f, 0.148f}, -0.05f);
  parts.box(paperSheet, {-0.6f, top + 0.002f, -0.62f}, {0.105f, 0.002f, 0.148f}, 0.4f);
  parts.box(metal, {0.09f, top + 0.005f, -0.43f}, {0.004f, 0.004f, 0.07f}, 0.3f);  // a pen
  // A closed laptop and a coffee mug by the caseworker.
  parts.box(laptop, {-0.38f, top + 0.009f, -1.02f}, {0.16f, 0.009f, 0.11f}, -0.15f);
  parts.add(mug, cylinder(0.04f, 0.095f, 20), at({0.2f, top, -1.12f}));
  // A plant in the far-left corner and a small one on the right window sill.
  parts.add(terracotta, lathe({{0.0f, 0.0f}, {0.15f, 0.0f}, {0.2f, 0.38f}, {0.19f, 0.4f}, {0.0f, 0.4f}}), at({-2.2f, 0, -3.0f}));
  const gfx::MeshData leaf = ellipsoid({0.16f, 0.05f, 0.08f}, 10, 6);
  for (int i = 0; i < 14; ++i) {
    const float a = float(i) * 2.4f, h = 0.5f + 0.06f * float(i % 5) + 0.03f * float(i);
    parts.add(leaves, leaf, glm::rotate(glm::rotate(at({-2.2f + 0.1f * std::sin(a), h, -3.0f + 0.1f * std::cos(a)}, a),
                                                    -0.5f, glm::vec3(0, 0, 1)), 0.3f, glm::vec3(1, 0, 0)));
  }
  parts.add(terracotta, lathe({{0.0f, 0.0f}, {0.06f, 0.0f}, {0.08f, 0.12f}, {0.0f, 0.12f}}), at({1.9f, kWindowBottom + 0.02f, -3.28f}));
  parts.add(leaves, ellipsoid({0.11f, 0.12f, 0.11f}, 12, 8), at({1.9f, kWindowBottom + 0.22f, -3.28f}));
  // A low sideboard between the windows and a calm landscape print above it.
  parts.box(door, {0.0f, 0.38f, kRoomMinZ + 0.22f}, {0.6f, 0.38f, 0.2f});
  parts.box(metal, {0.0f, 1.62f, kRoomMinZ + 0.012f}, {0.42f, 0.3f, 0.012f});
  parts.box(canvasSky, {0.0f, 1.72f, kRoomMinZ + 0.026f}, {0.39f, 0.17f, 0.004f});
  parts.box(canvasField, {0.0f, 1.46f, kRoomMinZ + 0.026f}, {0.39f, 0.11f, 0.004f});
  parts.box(canvasSand, {0.12f, 1.5f, kRoomMinZ + 0.03f}, {0.18f, 0.05f, 0.004f});
  // A whiteboard on the right wall, the door on the left.
  parts.box(metal, {kRoomMaxX - 0.012f, 1.45f, -1.8f}, {0.012f, 0.52f, 0.92f});
  parts.box(whiteboard, {kRoomMaxX - 0.026f, 1.45f, -1.8f}, {0.004f, 0.49f, 0.89f});
  parts.box(door, {kRoomMinX + 0.02f, 1.02f, -1.2f}, {0.02f, 1.02f, 0.48f});
  parts.box(metal, {kRoomMinX + 0.06f, 1.0f, -0.82f}, {0.02f, 0.012f, 0.07f});
  // Ceiling light panels.
  for (float z : {-2.2f, -0.6f}) parts.box(lampPanel, {0.0f, kRoomHeight - 0.01f, z}, {0.6f, 0.01f, 0.3f});
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

void addWalls(StaticParts& parts) {
  const float width = kRoomMaxX - kRoomMinX, depth = kRoomMaxZ - kRoomMinZ;
  const glm::vec3 centre((kRoomMinX + kRoomMaxX) / 2, 0, (kRoomMinZ + kRoomMaxZ) / 2);
  parts.add(floorWood, grid({width, depth}, {52, 48}), at(centre));
  parts.add(ceilingPaint, grid({width, depth}, {26, 24}), glm::rotate(at(centre + glm::vec3(0, kRoomHeight, 0)), glm::pi<float>(), glm::vec3(1, 0, 0)));
  // A grid faces +Y; standing it up (rotate -90 degrees about X) makes it face +Z with its -z axis up.
  const auto standing = [](glm::vec3 bottomCentre, float yaw) {
    return glm::rotate(at(bottomCentre, yaw), glm::half_pi<float>(), glm::vec3(1, 0, 0));
  };
  std::vector<glm::vec4> windows;
  for (glm::vec2 x : kWindowsX) windows.push_back({x.x, kWindowBottom, x.y, kWindowTop});
  // Panels are built centred, so shift by half the height; holes are given relative to the panel centre.
  const auto shifted = [](std::vector<glm::vec4> holes, float dx, float dy) {
    for (auto& h : holes) h += glm::vec4(dx, dy, dx, dy);
    return holes;
  };
  const float h = kRoomHeight;
  parts.add(wallPaint, wallPanel({width, h}, shifted(windows, -centre.x, -h / 2)), standing({centre.x, h / 2, kRoomMinZ}, 0.0f));
  parts.add(wallPaint, wallPanel({width, h}, {}), standing({centre.x, h / 2, kRoomMaxZ}, glm::pi<float>()));
  parts.add(wallPaint, wallPanel({depth, h}, {}), standing({kRoomMinX, h / 2, centre.z}, glm::half_pi<float>()));
  parts.add(wallPaint, wallPanel({depth, h}, {}), standing({kRoomMaxX, h / 2, centre.z}, -glm::half_pi<float>()));
  // Skirting boards.
  parts.box(skirting, {centre.x, 0.04f, kRoomMinZ + 0.01f}, {width / 2, 0.04f, 0.01f});
  parts.box(skirting, {centre.x, 0.04f, kRoomMaxZ - 0.01f}, {width / 2, 0.04f, 0.01f});
  parts.box(skirting, {kRoomMinX + 0.01f, 0.04f, centre.z}, {0.01f, 0.04f, depth / 2});
  parts.box(skirting, {kRoomMaxX - 0.01f, 0.04f, centre.z}, {0.01f, 0.04f, depth / 2});
  // Windows: reveals, sill, frame with a mullion, and the view (emissive) set back in the wall.
  for (glm::vec2 x : kWindowsX) {
    const float cx = (x.x + x.y) / 2, hw = (x.y - x.x) / 2, cy = (kWindowBottom + kWindowTop) / 2, hh = (kWindowTop - kWindowBottom) / 2;
    const float z = kRoomMinZ - kWallThickness / 2;
    parts.box(wallPaint, {x.x - 0.01f, cy, z}, {0.01f, hh, kWallThickness / 2});
    parts.box(wallPaint, {x.y + 0.01f, cy, z}, {0.01f, hh, kWallThickness / 2});
    parts.box(wallPaint, {cx, kWindowTop + 0.01f, z}, {hw, 0.01f, kWallThickness / 2});
    parts.box(windowFrame, {cx, kWindowBottom - 0.01f, kRoomMinZ - 0.03f}, {hw + 0.05f, 0.015f, 0.1f});
    parts.add(windowPane, grid({2 * hw, 2 * hh}, {1, 1}), standing({cx, cy, kRoomMinZ - kWallThickness + 0.02f}, 0.0f));
    const float fz = kRoomMinZ - kWallThickness + 0.04f;
    parts.box(windowFrame, {cx, kWindowBottom + 0.03f, fz}, {hw, 0.03f, 0.03f});
    parts.box(windowFrame, {cx, kWindowTop - 0.03f, fz}, {hw, 0.03f, 0.03f});
    parts.box(windowFrame, {x.x + 0.03f, cy, fz}, {0.03f, hh, 0.03f});
    parts.box(windowFrame, {x.y - 0.03f, cy, fz}, {0.03f, hh, 0.03f});
    parts.box(windowFrame, {cx, cy, fz}, {0.025f, hh, 0.025f});
    parts.box(windowFrame, {cx, kWindowBottom + 0.95f, fz}, {hw, 0.02f, 0.02f});
  }
}

// ---- characters ---------------------------------------------------------------------------------
// Splits a figure into one mesh per moving joint. Joints that never move on their own (the thighs)
// ride with the hips, which keeps a character to about a dozen draws.
std::vector<std::pair<int, gfx::MeshData>> figureParts(const avatar::AvatarModel& model) {
  std::vector<int> group(model.joints.size());
  for (std::size_t j = 0; j < model.joints.size(); ++j) {
    const bool rides = model.joints[j].name.rfind("thigh", 0) == 0 && model.joints[j].parent >= 0;
    group[j] = rides ? model.joints[j].parent : int(j);
  }
  std::vector<gfx::MeshData> meshes(model.joints.size());
  std::vector<std::int64_t> remap(model.vertices.size(), -1);
  for (std::size_t t = 0; t + 2 < model.indices.size(); t += 3) {
    const std::size_t joint = std::size_t(group[model.vertices[model.indices[t]].joint]);
    gfx::MeshData& mesh = meshes[joint];
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t i = model.indices[t + std::size_t(k)];
      if (remap[i] < 0) {
        const avatar::AvatarVertex& v = model.vertices[i];
        // Below the table top the figure is in the table's shade.
        const float shade = v.position.y < 0.72f ? 0.6f + 0.4f * std::clamp((v.position.y - 0.3f) / 0.42f, 0.0f, 1.0f) : 1.0f;
        remap[i] = std::int64_t(mesh.vertices.size());
        mesh.vertices.push_back({v.position, v.normal, shade, v.color});
      }
      mesh.indices.push_back(std::uint32_t(remap[i]));
    }
  }
  std::vector<std::pair<int, gfx::MeshData>> parts;
  for (std::size_t j = 0; j < meshes.size(); ++j)
    if (!meshes[j].indices.empty()) parts.emplace_back(int(j), std::move(meshes[j]));
  return parts;
}

// A generated figure, kept as .glb in the store and read back through the glTF loader; the file's
// name holds a hash of everything that shapes the figure, so a changed description makes a new one.
constexpr std::uint64_t kGeneratorVersion = 2;  // bump when build_avatar.cpp changes the figures

std::string avatarKey(const CastMember& member) {
  const avatar::Appearance& a = member.appearance;
  std::uint64_t hash = 1469598103934665603ull ^ kGeneratorVersion;
  for (const std::string& part : {std::to_string(a.age), a.gender, a.skin, a.hair, a.hairColor, a.clothing, a.clothingColor, member.name})
    for (unsigned char c : part + "|") hash = (hash ^ c) * 1099511628211ull;
  std::string id;
  for (char c : member.id) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return format("{}-{}", id, hash);
}

avatar::AvatarModel storedAvatar(const CastMember& member, const std::filesystem::path& store, std::vector<std::string>& warnings) {
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

}  // namespace

const std::array<Seat, kSeatCount>& seats() {
  // Everyone the citizen talks to sits across the table, within a headset's and a window's view;
  // those off-centre turn a little towards the citizen.
  const float across = kTableCentre.z - kTableHalf.y - 0.42f;
  static const std::array<Seat, kSeatCount> kSeats{{
      {{0.0f, 0.0f, across}, 0.0f},
      {{-0.66f, 0.0f, across + 0.04f}, 0.3f},
      {{0.66f, 0.0f, across + 0.04f}, -0.3f},
      // The bisidder at the right end of the table, towards its far corner: in view without
      // turning (a desktop window's ±44°), turned towards the citizen they support.
      {{kTableHalf.x + 0.27f, 0.0f, kTableCentre.z - 0.6f}, -0.95f},
  }};
  return kSeats;
}

std::vector<CastMember> defaultCast() {
  return {
      {"sagsbehandler", "Mette", "Sagsbehandler", 0, false, {46, "kvinde", "lys", "langt", "brun", "striktroeje", "groen"}, {"f2", 55, 165}, {}},
      {"teamleder", "Yusuf", "Teamleder", 1, false, {52, "mand", "moerk", "kort", "sort", "skjorte", "blaa"}, {"m3", 40, 158}, {}},
  };
}

RoomModel buildPauseRoom() {
  RoomModel room;
  room.materials = roomMaterials();
  room.viewerHead = seatedHeadPose({0.0f, 1.2f, kTableCentre.z + kTableHalf.y + 0.38f}, 0.0f, -0.05f);
  room.clearColor = {0.85f, 0.9f, 0.95f};
  StaticParts parts;
  // The sky all around (the window view, seen from inside a large dome), a meadow and a wooden deck.
  gfx::MeshData dome = ellipsoid(glm::vec3(40.0f), 48, 24);
  for (auto& v : dome.vertices) v.normal = -v.normal;
  for (std::size_t i = 0; i + 2 < dome.indices.size(); i += 3) std::swap(dome.indices[i + 1], dome.indices[i + 2]);
  parts.add(windowPane, dome, at({0.0f, 0.0f, 0.0f}));
  parts.add(leaves, grid({60.0f, 60.0f}, {30, 30}), at({0.0f, -0.02f, 0.0f}));
  parts.add(floorWood, grid({3.0f, 3.0f}, {6, 6}), at({0.0f, 0.0f, -0.4f}));
  addChair(parts, at({0.0f, 0.0f, kTableCentre.z + kTableHalf.y + 0.42f}, glm::pi<float>()));
  // A few shrubs at a calm distance, nothing close.
  const gfx::MeshData shrub = ellipsoid({0.9f, 0.7f, 0.9f}, 16, 10);
  for (glm::vec3 p : {glm::vec3(-4.0f, 0.4f, -7.0f), glm::vec3(3.5f, 0.5f, -9.0f), glm::vec3(7.0f, 0.4f, -5.0f), glm::vec3(-8.0f, 0.5f, -3.0f)})
    parts.add(leaves, shrub, at(p));
  parts.add(terracotta, lathe({{0.0f, 0.0f}, {0.15f, 0.0f}, {0.2f, 0.38f}, {0.19f, 0.4f}, {0.0f, 0.4f}}), at({2.0f, 0.0f, -2.6f}));
  parts.add(leaves, ellipsoid({0.25f, 0.3f, 0.25f}, 12, 8), at({2.0f, 0.62f, -2.6f}));
  parts.finish(room);
  return room;
}

RoomModel buildMeetingRoom(const std::vector<CastMember>& cast, const std::filesystem::path& avatarStore) {
  RoomModel room;
  room.materials = roomMaterials();
  room.viewerHead = seatedHeadPose({0.0f, 1.2f, kTableCentre.z + kTableHalf.y + 0.38f}, 0.0f, -0.1f);

  StaticParts parts;
  addWalls(parts);
  addTable(parts);
  addProps(parts);
  addChair(parts, at({0.0f, 0.0f, kTableCentre.z + kTableHalf.y + 0.42f}, glm::pi<float>()));  // the citizen's

  bool taken[kSeatCount] = {};
  for (const CastMember& member : cast) {
    int seat = member.seat;
    if (seat < 0 || seat >= kSeatCount || taken[seat]) {
      const int wanted = seat;
      seat = 0;
      while (seat < kSeatCount && taken[seat]) ++seat;
      if (seat == kSeatCount) {
        room.warnings.push_back(format("{} has no free seat (there are {}); they are left out", member.name, kSeatCount));
        continue;
      }
      room.warnings.push_back(format("{}: seat {} is not free or does not exist; sitting in seat {} instead", member.name, wanted, seat));
    }
    taken[seat] = true;
    const Seat& s = seats()[std::size_t(seat)];
    const glm::mat4 T_world_figure = at(s.position, s.yaw);
    addChair(parts, T_world_figure);

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
    const glm::vec3 headInModel = eye >= 0 ? glm::vec3(rest[std::size_t(eye)][3]) * glm::vec3(0, 1, 1)
                                  : head >= 0 ? glm::vec3(rest[std::size_t(head)][3]) + glm::vec3(0, 0.12f, 0)
                                              : glm::vec3(0, 1.25f, 0);
    character.headPosition = character.T_world_figure.apply(headInModel);
    for (auto& [joint, mesh] : figureParts(*model)) {
      room.meshes.push_back(std::move(mesh));
      const auto meshIndex = std::uint32_t(room.meshes.size() - 1);
      room.draws.push_back({meshIndex, figure, T_world_figure});
      character.parts.push_back({joint, meshIndex, std::uint32_t(room.draws.size() - 1)});
    }
    character.model = std::move(model);
    room.characters.push_back(character);
  }
  parts.finish(room);
  for (const std::string& warning : room.warnings) log::warn("scene", "{}", warning);
  return room;
}

}  // namespace overum::scene
