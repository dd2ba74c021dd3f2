// SPDX-License-Identifier: GPL-3.0-or-later
// Controller actions and bindings (see openxr_actions.h).
#include "openxr_actions.h"

#include <overum/core/log.h>
#include <overum/xr/xr_convert.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "xr_check.h"

namespace overum::xr {
namespace {

XrPath toPath(XrInstance instance, const char* text) {
  XrPath path = XR_NULL_PATH;
  OVERUM_XR(xrStringToPath(instance, text, &path));
  return path;
}

XrAction makeAction(XrActionSet set, const char* name, const char* localized, XrActionType type,
                    const XrPath (&hands)[2]) {
  auto info = xrStruct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
  std::strncpy(info.actionName, name, XR_MAX_ACTION_NAME_SIZE - 1);
  std::strncpy(info.localizedActionName, localized, XR_MAX_LOCALIZED_ACTION_NAME_SIZE - 1);
  info.actionType = type;
  info.countSubactionPaths = 2;
  info.subactionPaths = hands;
  XrAction action = XR_NULL_HANDLE;
  OVERUM_XR(xrCreateAction(set, &info, &action));
  return action;
}

}  // namespace

OpenXrActions::OpenXrActions(XrInstance instance, bool hpControllers) : instance_(instance) {
  auto setInfo = xrStruct<XrActionSetCreateInfo>(XR_TYPE_ACTION_SET_CREATE_INFO);
  std::strncpy(setInfo.actionSetName, "meeting", XR_MAX_ACTION_SET_NAME_SIZE - 1);
  std::strncpy(setInfo.localizedActionSetName, "Meeting", XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE - 1);
  OVERUM_XR(xrCreateActionSet(instance, &setInfo, &set_));
  hands_[0] = toPath(instance, "/user/hand/left");
  hands_[1] = toPath(instance, "/user/hand/right");
  select_ = makeAction(set_, "select", "Select", XR_ACTION_TYPE_BOOLEAN_INPUT, hands_);
  pause_ = makeAction(set_, "pause", "Pause", XR_ACTION_TYPE_BOOLEAN_INPUT, hands_);
  grip_ = makeAction(set_, "grip_pose", "Hand pose", XR_ACTION_TYPE_POSE_INPUT, hands_);

  using Binding = std::pair<XrAction, const char*>;
  const auto suggest = [&](const char* profile, const std::vector<Binding>& bindings) {
    std::vector<XrActionSuggestedBinding> list;
    for (const auto& [action, path] : bindings) list.push_back({action, toPath(instance, path)});
    auto info = xrStruct<XrInteractionProfileSuggestedBinding>(XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
    info.interactionProfile = toPath(instance, profile);
    info.countSuggestedBindings = static_cast<std::uint32_t>(list.size());
    info.suggestedBindings = list.data();
    // A runtime without this profile rejects it; the others still work, so only warn.
    const XrResult r = xrSuggestInteractionProfileBindings(instance, &info);
    if (XR_FAILED(r)) log::warn("xr", "bindings for {} refused: {}", profile, xrResultName(r));
  };
  suggest("/interaction_profiles/khr/simple_controller", {{select_, "/user/hand/left/input/select/click"},
                                                          {select_, "/user/hand/right/input/select/click"},
                                                          {pause_, "/user/hand/left/input/menu/click"},
                                                          {pause_, "/user/hand/right/input/menu/click"},
                                                          {grip_, "/user/hand/left/input/grip/pose"},
                                                          {grip_, "/user/hand/right/input/grip/pose"}});
  suggest("/interaction_profiles/oculus/touch_controller", {{select_, "/user/hand/left/input/trigger/value"},
                                                            {select_, "/user/hand/right/input/trigger/value"},
                                                            {select_, "/user/hand/right/input/a/click"},
                                                            {pause_, "/user/hand/left/input/menu/click"},
                                                            {pause_, "/user/hand/right/input/b/click"},
                                                            {grip_, "/user/hand/left/input/grip/pose"},
                                                            {grip_, "/user/hand/right/input/grip/pose"}});
  suggest("/interaction_profiles/valve/index_controller", {{select_, "/user/hand/left/input/trigger/click"},
                                                           {select_, "/user/hand/right/input/trigger/click"},
                                                           {select_, "/user/hand/left/input/a/click"},
                                                           {select_, "/user/hand/right/input/a/click"},
                                                           {pause_, "/user/hand/left/input/b/click"},
                                                           {pause_, "/user/hand/right/input/b/click"},
                                                           {grip_, "/user/hand/left/input/grip/pose"},
                                                           {grip_, "/user/hand/right/input/grip/pose"}});
  suggest("/interaction_profiles/htc/vive_controller", {{select_, "/user/hand/left/input/trigger/click"},
                                                        {select_, "/user/hand/right/input/trigger/click"},
                                                        {pause_, "/user/hand/left/input/menu/click"},
                                                        {pause_, "/user/hand/right/input/menu/click"},
                                                        {grip_, "/user/hand/left/input/grip/pose"},
                                                        {grip_, "/user/hand/right/input/grip/pose"}});
  // Windows Mixed Reality: the trigger is an analogue value; the runtime thresholds it for a boolean.
  suggest("/interaction_profiles/microsoft/motion_controller", {{select_, "/user/hand/left/input/trigger/value"},
                                                                {select_, "/user/hand/right/input/trigger/value"},
                                                                {pause_, "/user/hand/left/input/menu/click"},
                                                                {pause_, "/user/hand/right/input/menu/click"},
                                                                {grip_, "/user/hand/left/input/grip/pose"},
                                                                {grip_, "/user/hand/right/input/grip/pose"}});
  if (hpControllers)  // without its extension the path is invalid (and the core validation layer says so)
    suggest("/interaction_profiles/hp/mixed_reality_controller", {{select_, "/user/hand/left/input/trigger/value"},
                                                                  {select_, "/user/hand/right/input/trigger/value"},
                                                                  {select_, "/user/hand/left/input/x/click"},
                                                                  {select_, "/user/hand/right/input/a/click"},
                                                                  {pause_, "/user/hand/left/input/menu/click"},
                                                                  {pause_, "/user/hand/right/input/menu/click"},
                                                                  {pause_, "/user/hand/left/input/y/click"},
                                                                  {pause_, "/user/hand/right/input/b/click"},
                                                                  {grip_, "/user/hand/left/input/grip/pose"},
                                                                  {grip_, "/user/hand/right/input/grip/pose"}});
}

OpenXrActions::~OpenXrActions() {
  detach();
  // Destroying the set destroys its actions.
  if (set_) xrDestroyActionSet(set_);
}

void OpenXrActions::attach(XrSession session) {
  auto attach = xrStruct<XrSessionActionSetsAttachInfo>(XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO);
  attach.countActionSets = 1;
  attach.actionSets = &set_;
  OVERUM_XR(xrAttachSessionActionSets(session, &attach));
  try {
    for (int i = 0; i < 2; ++i) {
      auto info = xrStruct<XrActionSpaceCreateInfo>(XR_TYPE_ACTION_SPACE_CREATE_INFO);
      info.action = grip_;
      info.subactionPath = hands_[i];
      info.poseInActionSpace.orientation.w = 1.0f;
      OVERUM_XR(xrCreateActionSpace(session, &info, &gripSpaces_[i]));
    }
  } catch (...) {
    detach();  // the caller destroys the session next: its spaces must go first
    throw;
  }
}

void OpenXrActions::detach() {
  for (XrSpace& s : gripSpaces_) {
    if (s) xrDestroySpace(s);
    s = XR_NULL_HANDLE;
  }
}

void OpenXrActions::logProfiles(XrSession session) const {
  for (int i = 0; i < 2; ++i) {
    auto state = xrStruct<XrInteractionProfileState>(XR_TYPE_INTERACTION_PROFILE_STATE);
    if (XR_FAILED(xrGetCurrentInteractionProfile(session, hands_[i], &state))) continue;
    char text[XR_MAX_PATH_LENGTH] = "none";
    std::uint32_t length = 0;
    if (state.interactionProfile != XR_NULL_PATH)
      xrPathToString(instance_, state.interactionProfile, sizeof text, &length, text);
    log::info("xr", "{} hand: {}", i == 0 ? "left" : "right", text);
  }
}

ControllerState OpenXrActions::sync(XrSession session, XrSpace space, XrTime time) {
  ControllerState out;
  XrActiveActionSet active{set_, XR_NULL_PATH};
  auto syncInfo = xrStruct<XrActionsSyncInfo>(XR_TYPE_ACTIONS_SYNC_INFO);
  syncInfo.countActiveActionSets = 1;
  syncInfo.activeActionSets = &active;
  const XrResult r = xrSyncActions(session, &syncInfo);
  if (r == XR_SESSION_NOT_FOCUSED) return out;  // input belongs to another app right now
  OVERUM_XR(r);

  const auto pressed = [&](XrAction action) {
    auto get = xrStruct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
    get.action = action;
    auto state = xrStruct<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
    OVERUM_XR(xrGetActionStateBoolean(session, &get, &state));
    return state.isActive && state.changedSinceLastSync && state.currentState;
  };
  out.selectPressed = pressed(select_);
  out.pausePressed = pressed(pause_);

  for (int i = 0; i < 2; ++i) {
    auto location = xrStruct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
    OVERUM_XR(xrLocateSpace(gripSpaces_[i], space, time, &location));
    const XrSpaceLocationFlags valid = XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT;
    out.tracked[i] = (location.locationFlags & valid) == valid;
    if (out.tracked[i]) out.T_space_grip[i] = toPose(location.pose);
  }
  return out;
}

}  // namespace overum::xr
