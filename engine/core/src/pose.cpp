// SPDX-License-Identifier: GPL-3.0-or-later
// Pose composition and the asymmetric-frustum projection used for every view (headset or window).
#include <overum/core/pose.h>

#include <cmath>

namespace overum {

glm::mat4 Pose::matrix() const {
  glm::mat4 m = glm::mat4_cast(orientation);
  m[3] = glm::vec4(position, 1.0f);
  return m;
}

Pose Pose::inverse() const {
  const glm::quat inv = glm::conjugate(orientation);
  return Pose{inv, -(inv * position)};
}

Pose operator*(const Pose& T_a_b, const Pose& T_b_c) {
  return Pose{glm::normalize(T_a_b.orientation * T_b_c.orientation), T_a_b.apply(T_b_c.position)};
}

Fov symmetricFov(float verticalFovRadians, float aspect) {
  const float halfUp = verticalFovRadians * 0.5f;
  const float halfRight = std::atan(std::tan(halfUp) * aspect);
  return Fov{-halfRight, halfRight, halfUp, -halfUp};
}

glm::mat4 projectionFromFov(const Fov& fov, float nearZ, float farZ) {
  // View space looks down -Z with +Y up (OpenXR); Vulkan clip space has +Y down and depth 0..1.
  const float tanLeft = std::tan(fov.angleLeft);
  const float tanRight = std::tan(fov.angleRight);
  const float tanUp = std::tan(fov.angleUp);
  const float tanDown = std::tan(fov.angleDown);
  const float width = tanRight - tanLeft;
  const float height = tanDown - tanUp;  // negative: flips Y for Vulkan

  glm::mat4 m(0.0f);
  m[0][0] = 2.0f / width;
  m[2][0] = (tanRight + tanLeft) / width;
  m[1][1] = 2.0f / height;
  m[2][1] = (tanUp + tanDown) / height;
  m[2][2] = -farZ / (farZ - nearZ);
  m[3][2] = -(farZ * nearZ) / (farZ - nearZ);
  m[2][3] = -1.0f;
  return m;
}

Pose seatedHeadPose(const glm::vec3& position, float yaw, float pitch) {
  const glm::quat yawQ = glm::angleAxis(yaw, glm::vec3(0, 1, 0));
  const glm::quat pitchQ = glm::angleAxis(pitch, glm::vec3(1, 0, 0));
  return Pose{glm::normalize(yawQ * pitchQ), position};
}

}  // namespace overum
