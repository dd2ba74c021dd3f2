// SPDX-License-Identifier: GPL-3.0-or-later
// Conversions between OpenXR's pose/FOV structs and overum's glm-based Pose/Fov. OpenXR and overum
// share the same frame conventions (right-handed, +Y up, -Z forward, metres), so these are copies.
#pragma once
#include <openxr/openxr.h>
#include <overum/core/pose.h>

namespace overum::xr {

Pose toPose(const XrPosef& pose);
XrPosef toXrPose(const Pose& pose);
Fov toFov(const XrFovf& fov);

// The per-eye view matrices the renderer needs, from T_world_eye and the eye's FOV.
glm::mat4 viewFromWorld(const Pose& T_world_eye);
glm::mat4 projectionFromXrFov(const XrFovf& fov, float nearZ, float farZ);

}  // namespace overum::xr
