// SPDX-License-Identifier: GPL-3.0-or-later
// The shape kit the generated figure is made with (internal to the avatar library): joints placed by
// their position in the model, and rounded shapes, limbs, rings, sheets of cloth and hair shells,
// each bound to one joint; bends then blend the skin between two joints where parts meet.
#pragma once
#include <overum/avatar/appearance.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace overum::avatar {

// A cap of hair around an ellipsoidal skull: for each direction round the head (u: 0 in front, π
// behind) it covers the polar band [top(u), hairline(u)] (radians from the crown), standing off the
// skull by `lift(u, v)` (a fraction of the radius). Bumps in `lift` give curls and tufts.
struct HairShell {
  glm::vec3 centre{0.0f};
  glm::vec3 radii{0.1f};
  std::function<float(float)> top = [](float) { return 0.0f; };
  std::function<float(float)> hairline;
  std::function<float(float, float)> lift;
};

class FigureBuilder {
 public:
  explicit FigureBuilder(AvatarModel& model) : model_(model) {}

  // Joints are placed by their position in the model; locals are derived from the parent.
  int joint(std::string name, std::string_view parent, glm::vec3 at);

  // Superquadric on a UV sphere: exponent 1 is an ellipsoid, smaller values round boxes.
  void shape(std::string_view jointName, glm::vec3 centre, glm::vec3 radii, glm::vec3 color, float exponent = 1.0f,
             int slices = 16, int stacks = 12, glm::quat orientation = glm::quat(1, 0, 0, 0));

  // A limb between two points: a rounded capsule along the segment, `radius` thick.
  void limb(std::string_view jointName, glm::vec3 from, glm::vec3 to, float radius, glm::vec3 color, int slices = 12,
            int stacks = 10);

  // A ring (torus) around `axis` through `centre`: collars, necklaces, spectacle rims.
  void ring(std::string_view jointName, glm::vec3 centre, glm::vec3 axis, float radius, float thickness,
            glm::vec3 color, int segments = 24, int sides = 8);

  void hair(std::string_view jointName, const HairShell& shell, glm::vec3 color, int slices = 28, int stacks = 12);

  // A closed shape: the point `at(direction)` for every direction of a UV sphere round `centre`.
  void surface(std::string_view jointName, glm::vec3 centre, const std::function<glm::vec3(glm::vec3)>& at,
               glm::vec3 color, int slices, int stacks);

  // A thin sheet through the points `at(u, v)` for u, v in 0..1, its front towards `facing`: pieces
  // of cloth that follow a curved body (a shirt's V, lapels), where a flat plate would sink into it.
  void sheet(std::string_view jointName, const std::function<glm::vec3(float, float)>& at, glm::vec3 facing,
             glm::vec3 color, int rows = 8, int columns = 6);

  // Smooth skinning at a bend: the vertices already bound to `from` within `reach` of `at` follow
  // `to` by a share that rises smoothly from 0 to 1 across `halfWidth` either side of `at`, along
  // `towards` (a unit direction pointing into `to`'s side), and fades out over the last fifth of
  // `reach`, so no edge shows where the bend ends. A vertex blends at its first bend only.
  void bend(std::string_view from, std::string_view to, glm::vec3 at, glm::vec3 towards, float halfWidth, float reach);

 private:
  std::uint16_t jointIndex(std::string_view jointName) const;
  void grid(std::uint32_t base, int rows, int columns);  // triangles over a (rows+1) x (columns+1) vertex grid

  AvatarModel& model_;
  std::map<std::string, glm::vec3> globalAt_;
};

}  // namespace overum::avatar
