// SPDX-License-Identifier: GPL-3.0-or-later
// Joint lookup and forward kinematics for avatar models.
#include <overum/avatar/avatar_model.h>

namespace overum::avatar {

int AvatarModel::findJoint(std::string_view jointName) const {
  for (std::size_t i = 0; i < joints.size(); ++i)
    if (joints[i].name == jointName) return int(i);
  return -1;
}

std::vector<glm::mat4> AvatarModel::globalTransforms(const std::vector<Joint>& locals) const {
  const std::vector<Joint>& pose = locals.empty() ? joints : locals;
  std::vector<glm::mat4> global(pose.size());
  for (std::size_t i = 0; i < pose.size(); ++i) {
    const Joint& j = pose[i];
    glm::mat4 local = glm::mat4_cast(j.rotation);
    local[0] *= j.scale.x;
    local[1] *= j.scale.y;
    local[2] *= j.scale.z;
    local[3] = glm::vec4(j.translation, 1.0f);
    global[i] = j.parent >= 0 ? global[std::size_t(j.parent)] * local : local;
  }
  return global;
}

}  // namespace overum::avatar
