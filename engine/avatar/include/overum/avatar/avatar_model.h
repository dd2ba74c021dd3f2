// SPDX-License-Identifier: GPL-3.0-or-later
// A character as one skinned mesh on a skeleton: every vertex follows one joint (head, eyelid, jaw, arm …)
// or, where the body bends (neck, shoulders, elbows, waist), a blend of two, so the scene animates gaze,
// blinking, breathing, nodding and the mouth by moving joints, in one draw, with no seams at the bends.
#pragma once
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace overum::avatar {

struct Joint {
  std::string name;             // "hips", "spine", "neck", "head", "eyelid_l", "jaw", "brow_l", "upper_arm_r", …
  int parent = -1;              // index into joints; -1 for the root
  glm::vec3 translation{0.0f};  // rest pose relative to the parent
  glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};
  glm::vec3 scale{1.0f};
};

struct AvatarVertex {
  glm::vec3 position;  // model space, rest pose (metres; +Y up, the figure faces +Z)
  glm::vec3 normal;
  glm::vec3 color;               // linear RGB
  std::uint16_t joint = 0;       // the joint it follows
  std::uint16_t blendJoint = 0;  // at a bend, the joint it follows too
  float blend = 0.0f;            // the share that follows blendJoint: 0 rigid (only `joint`) .. 1
};

struct AvatarModel {
  std::string name;
  std::vector<Joint> joints;  // parents come before children
  std::vector<AvatarVertex> vertices;
  std::vector<std::uint32_t> indices;

  int findJoint(std::string_view jointName) const;  // -1 when absent
  // Model-from-joint matrices for the given local joint poses (rest pose when `locals` is empty).
  std::vector<glm::mat4> globalTransforms(const std::vector<Joint>& locals) const;
  std::size_t triangleCount() const { return indices.size() / 3; }
};

// The joints every generated character has; a loaded model may lack some (then that motion is skipped).
inline constexpr std::string_view kJointNames[] = {
    "hips",        "spine",     "chest",       "neck",      "head",    "eyelid_l",       "eyelid_r",
    "eye_l",       "eye_r",     "jaw",         "brow_l",    "brow_r",  "mouth_corner_l", "mouth_corner_r",
    "upper_arm_l", "forearm_l", "upper_arm_r", "forearm_r", "thigh_l", "thigh_r",        "chin"};

}  // namespace overum::avatar
