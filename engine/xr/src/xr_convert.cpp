// SPDX-License-Identifier: GPL-3.0-or-later
// OpenXR <-> overum pose and FOV conversions (the frames agree, so only the storage differs).
#include <overum/xr/xr_convert.h>

namespace overum::xr {

Pose toPose(const XrPosef& p) {
  // glm::quat's constructor takes w first.
  return Pose{glm::quat(p.orientation.w, p.orientation.x, p.orientation.y, p.orientation.z),
              glm::vec3(p.position.x, p.position.y, p.position.z)};
}

XrPosef toXrPose(const Pose& p) {
  XrPosef out{};
  out.orientation = {p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w};
  out.position = {p.position.x, p.position.y, p.position.z};
  return out;
}

Fov toFov(const XrFovf& f) { return Fov{f.angleLeft, f.angleRight, f.angleUp, f.angleDown}; }

glm::mat4 viewFromWorld(const Pose& T_world_eye) { return T_world_eye.inverse().matrix(); }

glm::mat4 projectionFromXrFov(const XrFovf& fov, float nearZ, float farZ) {
  return projectionFromFov(toFov(fov), nearZ, farZ);
}

}  // namespace overum::xr
