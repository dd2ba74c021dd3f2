// SPDX-License-Identifier: GPL-3.0-or-later
// Rigid poses and projections on glm. Names follow frames: T_world_eye = T_world_head * T_head_eye.
#pragma once
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

namespace overum {

struct Pose {
  glm::quat orientation{1.0f, 0.0f, 0.0f, 0.0f};
  glm::vec3 position{0.0f};

  glm::mat4 matrix() const;  // the 4x4 transform that maps points from the pose's frame to its parent
  Pose inverse() const;
  glm::vec3 apply(const glm::vec3& point) const { return orientation * point + position; }
};

Pose operator*(const Pose& T_a_b, const Pose& T_b_c);  // -> T_a_c

// Field of view as OpenXR gives it: four angles in radians from the view direction (left and down
// are negative for a symmetric view).
struct Fov {
  float angleLeft = -0.785f;
  float angleRight = 0.785f;
  float angleUp = 0.785f;
  float angleDown = -0.785f;
};

Fov symmetricFov(float verticalFovRadians, float aspect);

// Vulkan clip space (y down, depth 0..1) projection for an asymmetric frustum, reversed-Z free.
glm::mat4 projectionFromFov(const Fov& fov, float nearZ, float farZ);

// A seated viewer: yaw then pitch (radians) applied to a head at position.
Pose seatedHeadPose(const glm::vec3& position, float yaw, float pitch);

}  // namespace overum
