// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: the views of a head with no tracking (desktop, headless): one centred eye, or two eyes
// half an IPD either side along the head's x axis, with a symmetric FOV.
#pragma once
#include <overum/core/pose.h>
#include <overum/gfx/render_target.h>

#include <cstdint>
#include <vector>

namespace overum::xr {

struct SeatedViewParams {
  std::uint32_t count = 1;  // 1 or 2
  float ipd = 0.064f;
  float verticalFov = 1.0f;
  float aspect = 16.0f / 9.0f;  // one view's width / height
  float nearZ = 0.05f;
  float farZ = 100.0f;
};

std::vector<gfx::View> seatedViews(const Pose& T_world_head, const SeatedViewParams& params);

}  // namespace overum::xr
