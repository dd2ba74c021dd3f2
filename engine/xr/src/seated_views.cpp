// SPDX-License-Identifier: GPL-3.0-or-later
// Views for untracked heads (see seated_views.h).
#include "seated_views.h"

#include <overum/xr/xr_convert.h>

namespace overum::xr {

std::vector<gfx::View> seatedViews(const Pose& T_world_head, const SeatedViewParams& p) {
  const glm::mat4 projection = projectionFromFov(symmetricFov(p.verticalFov, p.aspect), p.nearZ, p.farZ);
  std::vector<gfx::View> views;
  for (std::uint32_t i = 0; i < p.count; ++i) {
    const float offset = p.count == 1 ? 0.0f : (i == 0 ? -0.5f : 0.5f) * p.ipd;  // left eye first
    const Pose T_head_eye{glm::quat(1.0f, 0.0f, 0.0f, 0.0f), glm::vec3(offset, 0.0f, 0.0f)};
    views.push_back(gfx::View{viewFromWorld(T_world_head * T_head_eye), projection});
  }
  return views;
}

}  // namespace overum::xr
