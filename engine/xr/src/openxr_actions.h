// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: the "select" (trigger/A) and "pause" (menu/B) actions and both grip poses, with suggested
// bindings for the Khronos simple controller, Oculus Touch, Valve Index, HTC Vive, Windows Mixed
// Reality and (with its extension) HP Reverb G2 profiles.
#pragma once
#include <overum/core/pose.h>

#include "openxr_platform.h"

namespace overum::xr {

struct ControllerState {
  bool selectPressed = false;  // edges since the previous sync
  bool pausePressed = false;
  Pose T_space_grip[2];  // left, right, in the reference space passed to sync()
  bool tracked[2] = {false, false};
};

class OpenXrActions {
 public:
  // Action set, actions, bindings; hpControllers: XR_EXT_hp_mixed_reality_controller is enabled.
  OpenXrActions(XrInstance instance, bool hpControllers);
  ~OpenXrActions();
  OpenXrActions(const OpenXrActions&) = delete;
  OpenXrActions& operator=(const OpenXrActions&) = delete;

  void attach(XrSession session);  // per session: attach the set, make grip spaces
  void detach();                   // before the session is destroyed
  ControllerState sync(XrSession session, XrSpace space, XrTime time);
  // After XrEventDataInteractionProfileChanged: logs which profile each hand now uses.
  void logProfiles(XrSession session) const;

 private:
  XrInstance instance_;
  XrActionSet set_ = XR_NULL_HANDLE;
  XrAction select_ = XR_NULL_HANDLE;
  XrAction pause_ = XR_NULL_HANDLE;
  XrAction grip_ = XR_NULL_HANDLE;
  XrPath hands_[2] = {XR_NULL_PATH, XR_NULL_PATH};
  XrSpace gripSpaces_[2] = {XR_NULL_HANDLE, XR_NULL_HANDLE};
};

}  // namespace overum::xr
