// SPDX-License-Identifier: GPL-3.0-or-later
// The session lifecycle decisions (see session_state_machine.h); the OpenXR backend only executes them.
#include <overum/core/log.h>
#include <overum/xr/session_state_machine.h>

namespace overum::xr {
namespace {

SessionStep onStateChanged(SessionMachine m, XrSessionState state) {
  SessionStep step;
  m.state = state;
  switch (state) {
    case XR_SESSION_STATE_READY:
      if (m.exitRequested) {
        // The user quit before the session ever ran: nothing to end, just leave.
        step.actions = kDestroySession | kQuit;
        m.quit = true;
      } else if (!m.running) {
        step.actions = kBeginSession | kStartFrames;
        m.running = true;
      }
      break;
    case XR_SESSION_STATE_STOPPING:
      if (m.running) step.actions = kStopFrames | kEndSession;
      m.running = false;
      break;
    case XR_SESSION_STATE_EXITING:
      // The runtime (or our own request) ends the application's use of XR; no restart.
      step.actions = (m.running ? kStopFrames | kEndSession : kNone) | kDestroySession | kQuit;
      m.running = false;
      m.quit = true;
      break;
    case XR_SESSION_STATE_LOSS_PENDING:
      // The session is gone for good; a new one may be created when the system is back.
      step.actions = (m.running ? kStopFrames : kNone) | kDestroySession | kRecreateSession;
      m = SessionMachine{};
      m.state = XR_SESSION_STATE_UNKNOWN;
      break;
    case XR_SESSION_STATE_IDLE:
    case XR_SESSION_STATE_SYNCHRONIZED:
    case XR_SESSION_STATE_VISIBLE:
    case XR_SESSION_STATE_FOCUSED:
    default:
      // Frame loop keeps going; xrWaitFrame's shouldRender decides whether to draw.
      break;
  }
  step.next = m;
  return step;
}

}  // namespace

SessionStep stepSession(const SessionMachine& current, const SessionEvent& event) {
  if (current.quit) return SessionStep{current, kNone};
  switch (event.kind) {
    case SessionEventKind::stateChanged: return onStateChanged(current, event.newState);
    case SessionEventKind::sessionLost: return onStateChanged(current, XR_SESSION_STATE_LOSS_PENDING);
    case SessionEventKind::instanceLost: {
      // Every handle is dead, xrEndSession would fail: drop everything and let the app fall back.
      SessionMachine next = current;
      next.running = false;
      next.quit = true;
      return SessionStep{next, (current.running ? kStopFrames : kNone) | kDestroySession | kQuit};
    }
    case SessionEventKind::exitRequested: {
      SessionMachine next = current;
      if (current.running) {
        if (current.exitRequested) return SessionStep{current, kNone};
        next.exitRequested = true;
        return SessionStep{next, kRequestExit};
      }
      next.exitRequested = true;
      next.quit = true;
      return SessionStep{next, kDestroySession | kQuit};
    }
  }
  return SessionStep{current, kNone};
}

std::string_view sessionStateName(XrSessionState state) {
  switch (state) {
    case XR_SESSION_STATE_UNKNOWN: return "UNKNOWN";
    case XR_SESSION_STATE_IDLE: return "IDLE";
    case XR_SESSION_STATE_READY: return "READY";
    case XR_SESSION_STATE_SYNCHRONIZED: return "SYNCHRONIZED";
    case XR_SESSION_STATE_VISIBLE: return "VISIBLE";
    case XR_SESSION_STATE_FOCUSED: return "FOCUSED";
    case XR_SESSION_STATE_STOPPING: return "STOPPING";
    case XR_SESSION_STATE_LOSS_PENDING: return "LOSS_PENDING";
    case XR_SESSION_STATE_EXITING: return "EXITING";
    default: return "INVALID";
  }
}

SessionStep stepSessionLogged(const SessionMachine& current, const SessionEvent& event) {
  const SessionStep step = stepSession(current, event);
  if (event.kind == SessionEventKind::stateChanged)
    log::info("xr", "session state {}", sessionStateName(event.newState));
  else if (event.kind == SessionEventKind::sessionLost) log::warn("xr", "session lost; recreating it");
  else if (event.kind == SessionEventKind::instanceLost) log::warn("xr", "OpenXR instance lost");
  return step;
}

}  // namespace overum::xr
