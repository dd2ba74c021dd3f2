// SPDX-License-Identifier: GPL-3.0-or-later
// Procedural meshes the meeting room is made of: boxes, cylinders, lathed profiles (jugs, pots,
// glasses) and ellipsoids, all with outward normals and counter-clockwise front faces.
#pragma once
#include <overum/gfx/mesh.h>

#include <glm/glm.hpp>
#include <vector>

namespace overum::scene {

gfx::MeshData box(glm::vec3 halfExtents);  // centred on the origin
// Closed cylinder standing on y = 0, `segments` around.
gfx::MeshData cylinder(float radius, float height, int segments = 24);
// Surface of revolution around +Y through profile points (radius, y) from bottom to top; a point
// with radius 0 closes the shape there.
gfx::MeshData lathe(const std::vector<glm::vec2>& profile, int segments = 32);
gfx::MeshData ellipsoid(glm::vec3 radii, int slices = 16, int stacks = 10);
// A floor-like grid facing +Y, centred on the origin, split into cells so baked occlusion can vary.
gfx::MeshData grid(glm::vec2 size, glm::ivec2 cells);

}  // namespace overum::scene
