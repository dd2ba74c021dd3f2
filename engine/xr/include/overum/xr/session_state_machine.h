// SPDX-License-Identifier: GPL-3.0-or-later
// The OpenXR session lifecycle as a pure function: (state, event) -> (next state, actions). The OpenXR
// backend performs the actions; this file makes no runtime calls, so every transition is unit-tested.
#pragma once
#include <openxr/openxr.h>

#include <cstdint>
#include <string_view>

namespace overum::xr {

enum class SessionEventKind {
  stateChanged,   // XrEventDataSessionStateChanged; newState says which
  instanceLost,   // XrEventDataInstanceLossPending or XR_ERROR_INSTANCE_LOST from any call
  sessionLost,    // XR_ERROR_SESSION_LOST from a call (same handling as LOSS_PENDING)
  exitRequested,  // the user quits (window closed, menu)
};

struct SessionEvent {
  SessionEventKind kind = SessionEventKind::stateChanged;
  XrSessionState newState = XR_SESSION_STATE_UNKNOWN;  // for stateChanged only
};

// What the backend must do, in this order: stopFrames, endSession, destroySession, recreateSession,
// beginSession, startFrames, requestExit, quit.
enum SessionAction : std::uint32_t {
  kNone = 0,
  kBeginSession = 1u << 0,     // xrBeginSession with the stereo view configuration
  kEndSession = 1u << 1,       // xrEndSession
  kRequestExit = 1u << 2,      // xrRequestExitSession; the runtime answers with STOPPING
  kDestroySession = 1u << 3,   // xrDestroySession (swapchains and spaces with it)
  kRecreateSession = 1u << 4,  // create a fresh session on the same instance and go on
  kStartFrames = 1u << 5,      // run xrWaitFrame/xrBeginFrame/xrEndFrame from now on
  kStopFrames = 1u << 6,       // stop the frame loop (no more xrWaitFrame)
  kQuit = 1u << 7,             // leave the main loop: beginFrame returns false
};

struct SessionMachine {
  XrSessionState state = XR_SESSION_STATE_UNKNOWN;  // last state the runtime reported
  bool running = false;                             // between xrBeginSession and xrEndSession
  bool exitRequested = false;                       // the user asked to quit; waiting for STOPPING
  bool quit = false;                                // terminal: the app leaves the loop
};

struct SessionStep {
  SessionMachine next;
  std::uint32_t actions = kNone;  // SessionAction bits
};

// The one place the lifecycle is decided. Pure: same inputs, same outputs, no logging.
SessionStep stepSession(const SessionMachine& current, const SessionEvent& event);

// "FOCUSED", "LOSS_PENDING", ... as in the spec without the XR_SESSION_STATE_ prefix.
std::string_view sessionStateName(XrSessionState state);

// Runs stepSession and logs the transition ("xr: session state FOCUSED") when the state changes.
SessionStep stepSessionLogged(const SessionMachine& current, const SessionEvent& event);

}  // namespace overum::xr
