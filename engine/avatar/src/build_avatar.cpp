// SPDX-License-Identifier: GPL-3.0-or-later
// The stylised seated figure: rounded shapes (ellipsoids, capsules, rounded boxes) on a small joint
// tree. Proportions are friendly rather than realistic; the figure sits on a 46 cm seat facing +Z.
#include <overum/avatar/appearance.h>

#include <cmath>
#define GLM_ENABLE_EXPERIMENTAL
#include <glm/gtc/constants.hpp>
#include <glm/gtx/quaternion.hpp>
#include <map>

namespace overum::avatar {
namespace {

class Builder {
 public:
  explicit Builder(AvatarModel& model) : model_(model) {}

  // Joints are placed by their position in the model; locals are derived from the parent.
  int joint(std::string name, std::string_view parent, glm::vec3 at) {
    const int p = parent.empty() ? -1 : model_.findJoint(parent);
    globalAt_[name] = at;
    Joint j;
    j.name = std::move(name);
    j.parent = p;
    j.translation = p < 0 ? at : at - globalAt_[model_.joints[std::size_t(p)].name];
    model_.joints.push_back(j);
    return int(model_.joints.size()) - 1;
  }

  // Superquadric on a UV sphere: exponent 1 is an ellipsoid, smaller values round boxes.
  void shape(std::string_view jointName, glm::vec3 centre, glm::vec3 radii, glm::vec3 color, float exponent = 1.0f,
             int slices = 16, int stacks = 12, glm::quat orientation = glm::quat(1, 0, 0, 0)) {
    const std::uint16_t j = std::uint16_t(model_.findJoint(jointName));
    const std::uint32_t base = std::uint32_t(model_.vertices.size());
    auto signedPow = [](float v, float e) { return std::copysign(std::pow(std::abs(v), e), v); };
    for (int i = 0; i <= stacks; ++i) {
      const float v = glm::pi<float>() * float(i) / float(stacks);
      for (int k = 0; k <= slices; ++k) {
        const float u = glm::two_pi<float>() * float(k) / float(slices);
        const glm::vec3 n(std::sin(v) * std::sin(u), std::cos(v), std::sin(v) * std::cos(u));
        const glm::vec3 p(signedPow(n.x, exponent), signedPow(n.y, exponent), signedPow(n.z, exponent));
        glm::vec3 normal(signedPow(n.x, 2.0f - exponent) / radii.x, signedPow(n.y, 2.0f - exponent) / radii.y,
                         signedPow(n.z, 2.0f - exponent) / radii.z);
        normal = glm::length(normal) > 1e-6f ? glm::normalize(normal) : n;
        model_.vertices.push_back({centre + orientation * (p * radii), orientation * normal, color, j});
      }
    }
    for (int i = 0; i < stacks; ++i)
      for (int k = 0; k < slices; ++k) {
        const std::uint32_t a = base + std::uint32_t(i * (slices + 1) + k), b = a + std::uint32_t(slices + 1);
        model_.indices.insert(model_.indices.end(), {a, b, a + 1, a + 1, b, b + 1});
      }
  }

  // A limb between two points: an ellipsoid stretched along the segment.
  void limb(std::string_view jointName, glm::vec3 from, glm::vec3 to, float radius, glm::vec3 color) {
    const glm::vec3 axis = to - from;
    const float length = glm::length(axis);
    const glm::quat orientation = glm::rotation(glm::vec3(0, 1, 0), axis / length);
    shape(jointName, (from + to) * 0.5f, {radius, length * 0.5f + radius * 0.6f, radius}, color, 0.8f, 12, 10,
          orientation);
  }

 private:
  AvatarModel& model_;
  std::map<std::string, glm::vec3> globalAt_;
};

}  // namespace

AvatarModel buildAvatar(const AvatarStyle& s, std::string name) {
  AvatarModel m;
  m.name = std::move(name);
  Builder b(m);
  const float sw = s.shoulderWidth, h = s.height, bw = s.bodyWidth;
  auto up = [h](float y) { return 0.5f + (y - 0.5f) * h; };  // stretch everything above the seat

  b.joint("hips", "", {0, 0.50f, 0});
  b.joint("spine", "hips", {0, up(0.58f), 0});
  b.joint("chest", "spine", {0, up(0.86f), 0});
  b.joint("neck", "chest", {0, up(1.07f), 0.0f});
  b.joint("head", "neck", {0, up(1.16f), 0.01f});
  const float eyeY = up(1.29f);
  b.joint("eye_l", "head", {0.036f, eyeY, 0.1f});
  b.joint("eye_r", "head", {-0.036f, eyeY, 0.1f});
  b.joint("eyelid_l", "head", {0.036f, eyeY, 0.1f});
  b.joint("eyelid_r", "head", {-0.036f, eyeY, 0.1f});
  b.joint("jaw", "head", {0, up(1.215f), 0.09f});
  const float shoulderY = up(1.02f);
  b.joint("upper_arm_l", "chest", {0.19f * sw, shoulderY, 0});
  b.joint("forearm_l", "upper_arm_l", {0.23f * sw, 0.80f, 0.10f});
  b.joint("upper_arm_r", "chest", {-0.19f * sw, shoulderY, 0});
  b.joint("forearm_r", "upper_arm_r", {-0.23f * sw, 0.80f, 0.10f});
  b.joint("thigh_l", "hips", {0.10f * bw, 0.50f, 0});
  b.joint("thigh_r", "hips", {-0.10f * bw, 0.50f, 0});

  // Legs: mostly under the table, but seen from the side.
  for (const char* side : {"l", "r"}) {
    const float x = (side[0] == 'l' ? 0.10f : -0.10f) * bw;
    const std::string thigh = std::string("thigh_") + side;
    b.limb(thigh, {x, 0.52f, 0.02f}, {x, 0.53f, 0.42f}, 0.075f * bw, s.trousers);
    b.limb(thigh, {x, 0.50f, 0.44f}, {x, 0.08f, 0.46f}, 0.06f, s.trousers);
    b.shape(thigh, {x, 0.04f, 0.52f}, {0.05f, 0.04f, 0.11f}, glm::vec3(0.08f, 0.07f, 0.07f), 0.7f, 10, 8);
  }
  // Torso, collar and neck.
  b.shape("spine", {0, up(0.60f), 0.0f}, {0.17f * bw, 0.12f, 0.13f * bw}, s.trousers, 0.6f);
  b.shape("chest", {0, up(0.83f), -0.01f}, {0.185f * sw * bw, 0.25f * h, 0.115f * bw}, s.top, 0.55f, 20, 16);
  b.shape("chest", {0, up(1.045f), 0.05f}, {0.075f, 0.03f, 0.05f}, s.under, 1.0f, 12, 8);
  b.limb("neck", {0, up(1.04f), 0}, {0, up(1.17f), 0.005f}, 0.048f, s.skin);
  // Head, ears, nose, eyes, brows, mouth.
  const glm::vec3 headCentre(0, up(1.275f), 0.01f);
  b.shape("head", headCentre, {0.095f, 0.12f, 0.105f}, s.skin, 1.0f, 24, 18);
  for (float side : {1.0f, -1.0f}) {
    b.shape("head", headCentre + glm::vec3(side * 0.094f, -0.005f, -0.005f), {0.016f, 0.03f, 0.02f}, s.skin, 1.0f, 8,
            6);
    const char* eye = side > 0 ? "eye_l" : "eye_r";
    const char* lid = side > 0 ? "eyelid_l" : "eyelid_r";
    const glm::vec3 eyeAt(side * 0.036f, eyeY, 0.1f);
    b.shape(eye, eyeAt, {0.017f, 0.014f, 0.012f}, glm::vec3(0.92f, 0.91f, 0.88f), 1.0f, 10, 8);
    b.shape(eye, eyeAt + glm::vec3(0, 0, 0.009f), {0.0085f, 0.0085f, 0.006f}, glm::vec3(0.05f, 0.04f, 0.04f), 1.0f, 8,
            6);
    // The lid rests above the eye; blinking moves its joint down over it.
    b.shape(lid, eyeAt + glm::vec3(0, 0.019f, 0.001f), {0.02f, 0.009f, 0.014f}, s.skin * 0.97f, 1.0f, 10, 6);
    b.shape("head", eyeAt + glm::vec3(side * 0.003f, 0.03f, 0.006f), {0.022f, 0.005f, 0.008f}, s.hair * 0.9f, 1.0f, 8,
            4);
  }
  b.shape("head", headCentre + glm::vec3(0, -0.02f, 0.103f), {0.015f, 0.024f, 0.018f}, s.skin * 0.95f, 1.0f, 8, 6);
  b.shape("jaw", {0, up(1.213f), 0.093f}, {0.028f, 0.007f, 0.01f}, glm::vec3(0.45f, 0.13f, 0.13f), 1.0f, 10, 6);

  // Hair.
  const glm::vec3 capCentre = headCentre + glm::vec3(0, 0.033f, -0.022f);
  switch (s.hairStyle) {
    case HairStyle::bald:
      b.shape("head", headCentre + glm::vec3(0, -0.005f, -0.03f), {0.097f, 0.07f, 0.09f}, s.hair, 1.0f, 16, 10);
      break;
    case HairStyle::curly:
      for (int i = 0; i < 11; ++i) {
        const float a = glm::two_pi<float>() * float(i) / 11.0f;
        b.shape("head",
                capCentre +
                    glm::vec3(0.07f * std::sin(a), 0.045f + 0.02f * std::cos(a * 2.0f), 0.07f * std::cos(a) - 0.01f),
                glm::vec3(0.045f), s.hair, 1.0f, 8, 6);
      }
      [[fallthrough]];
    default: b.shape("head", capCentre, {0.102f, 0.1f, 0.108f}, s.hair, 1.0f, 20, 14);
  }
  if (s.hairStyle == HairStyle::longHair)
    b.shape("head", headCentre + glm::vec3(0, -0.09f, -0.06f), {0.11f, 0.15f, 0.06f}, s.hair, 0.8f, 14, 10);
  if (s.hairStyle == HairStyle::ponytail)
    b.limb("head", headCentre + glm::vec3(0, 0.02f, -0.11f), headCentre + glm::vec3(0, -0.12f, -0.14f), 0.03f, s.hair);
  if (s.hairStyle == HairStyle::bun)
    b.shape("head", headCentre + glm::vec3(0, 0.1f, -0.08f), glm::vec3(0.048f), s.hair, 1.0f, 12, 8);

  // Arms resting on the table (top at 0.74 m), hands in front.
  for (float side : {1.0f, -1.0f}) {
    const std::string upper = side > 0 ? "upper_arm_l" : "upper_arm_r";
    const std::string fore = side > 0 ? "forearm_l" : "forearm_r";
    const glm::vec3 shoulder(side * 0.19f * sw, shoulderY, 0), elbow(side * 0.23f * sw, 0.80f, 0.10f);
    const glm::vec3 wrist(side * 0.14f, 0.775f, 0.36f);
    b.shape("chest", shoulder + glm::vec3(0, -0.01f, 0), glm::vec3(0.06f * sw), s.top, 1.0f, 12, 8);
    b.limb(upper, shoulder, elbow, 0.047f, s.top);
    b.limb(fore, elbow, wrist, 0.041f, s.top);
    b.shape(fore, wrist + glm::vec3(-side * 0.01f, -0.003f, 0.055f), {0.035f, 0.02f, 0.05f}, s.skin, 0.9f, 10, 8);
  }
  return m;
}

}  // namespace overum::avatar
