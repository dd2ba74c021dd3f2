// SPDX-License-Identifier: GPL-3.0-or-later
// The session lifecycle decisions for every XrSessionState, session loss and instance loss.
#include <catch2/catch.hpp>
#include <overum/core/log.h>
#include <overum/xr/session_state_machine.h>

#include <string>
#include <vector>

using namespace overum::xr;

namespace {

SessionEvent changed(XrSessionState s) { return SessionEvent{SessionEventKind::stateChanged, s}; }

SessionMachine runningIn(XrSessionState s) {
  SessionMachine m;
  m.state = s;
  m.running = true;
  return m;
}

}  // namespace

TEST_CASE("IDLE before the session runs does nothing", "[xr][state]") {
  const SessionStep step = stepSession(SessionMachine{}, changed(XR_SESSION_STATE_IDLE));
  CHECK(step.actions == kNone);
  CHECK(step.next.state == XR_SESSION_STATE_IDLE);
  CHECK_FALSE(step.next.running);
}

TEST_CASE("READY begins the session and starts the frame loop", "[xr][state]") {
  SessionMachine idle;
  idle.state = XR_SESSION_STATE_IDLE;
  const SessionStep step = stepSession(idle, changed(XR_SESSION_STATE_READY));
  CHECK(step.actions == (kBeginSession | kStartFrames));
  CHECK(step.next.running);
  CHECK(step.next.state == XR_SESSION_STATE_READY);
}

TEST_CASE("READY while already running does not begin twice", "[xr][state]") {
  const SessionStep step = stepSession(runningIn(XR_SESSION_STATE_READY), changed(XR_SESSION_STATE_READY));
  CHECK(step.actions == kNone);
}

TEST_CASE("SYNCHRONIZED, VISIBLE and FOCUSED only update the state", "[xr][state]") {
  for (XrSessionState s : {XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED}) {
    const SessionStep step = stepSession(runningIn(XR_SESSION_STATE_READY), changed(s));
    CHECK(step.actions == kNone);
    CHECK(step.next.state == s);
    CHECK(step.next.running);
    CHECK_FALSE(step.next.quit);
  }
}

TEST_CASE("STOPPING ends the running session and stops frames", "[xr][state]") {
  const SessionStep step = stepSession(runningIn(XR_SESSION_STATE_FOCUSED), changed(XR_SESSION_STATE_STOPPING));
  CHECK(step.actions == (kStopFrames | kEndSession));
  CHECK_FALSE(step.next.running);
  CHECK_FALSE(step.next.quit);
}

TEST_CASE("STOPPING then READY runs the session again (headset taken off and on)", "[xr][state]") {
  SessionStep step = stepSession(runningIn(XR_SESSION_STATE_FOCUSED), changed(XR_SESSION_STATE_STOPPING));
  step = stepSession(step.next, changed(XR_SESSION_STATE_IDLE));
  CHECK(step.actions == kNone);
  step = stepSession(step.next, changed(XR_SESSION_STATE_READY));
  CHECK(step.actions == (kBeginSession | kStartFrames));
}

TEST_CASE("EXITING destroys the session and quits", "[xr][state]") {
  SessionMachine idle;
  idle.state = XR_SESSION_STATE_IDLE;
  const SessionStep step = stepSession(idle, changed(XR_SESSION_STATE_EXITING));
  CHECK(step.actions == (kDestroySession | kQuit));
  CHECK(step.next.quit);
}

TEST_CASE("EXITING while running also ends the session first", "[xr][state]") {
  const SessionStep step = stepSession(runningIn(XR_SESSION_STATE_FOCUSED), changed(XR_SESSION_STATE_EXITING));
  CHECK(step.actions == (kStopFrames | kEndSession | kDestroySession | kQuit));
}

TEST_CASE("LOSS_PENDING destroys and recreates the session", "[xr][state][loss]") {
  const SessionStep step = stepSession(runningIn(XR_SESSION_STATE_FOCUSED), changed(XR_SESSION_STATE_LOSS_PENDING));
  CHECK(step.actions == (kStopFrames | kDestroySession | kRecreateSession));
  CHECK_FALSE(step.next.running);
  CHECK_FALSE(step.next.quit);
  CHECK(step.next.state == XR_SESSION_STATE_UNKNOWN);
  // The new session goes through IDLE -> READY again.
  const SessionStep again = stepSession(step.next, changed(XR_SESSION_STATE_READY));
  CHECK(again.actions == (kBeginSession | kStartFrames));
}

TEST_CASE("LOSS_PENDING before running recreates without stopping frames", "[xr][state][loss]") {
  SessionMachine idle;
  idle.state = XR_SESSION_STATE_IDLE;
  const SessionStep step = stepSession(idle, changed(XR_SESSION_STATE_LOSS_PENDING));
  CHECK(step.actions == (kDestroySession | kRecreateSession));
}

TEST_CASE("XR_ERROR_SESSION_LOST from a call is handled like LOSS_PENDING", "[xr][state][loss]") {
  const SessionStep step =
      stepSession(runningIn(XR_SESSION_STATE_VISIBLE), SessionEvent{SessionEventKind::sessionLost});
  CHECK(step.actions == (kStopFrames | kDestroySession | kRecreateSession));
}

TEST_CASE("Instance loss quits so the app can fall back", "[xr][state][loss]") {
  const SessionStep step =
      stepSession(runningIn(XR_SESSION_STATE_FOCUSED), SessionEvent{SessionEventKind::instanceLost});
  CHECK(step.actions == (kStopFrames | kDestroySession | kQuit));
  CHECK(step.next.quit);
  CHECK_FALSE(step.next.running);
  const SessionStep idle = stepSession(SessionMachine{}, SessionEvent{SessionEventKind::instanceLost});
  CHECK(idle.actions == (kDestroySession | kQuit));
}

TEST_CASE("User exit while running asks the runtime, then ends on STOPPING and quits on EXITING", "[xr][state]") {
  SessionStep step = stepSession(runningIn(XR_SESSION_STATE_FOCUSED), SessionEvent{SessionEventKind::exitRequested});
  CHECK(step.actions == kRequestExit);
  CHECK_FALSE(step.next.quit);
  // A second request is not sent twice.
  CHECK(stepSession(step.next, SessionEvent{SessionEventKind::exitRequested}).actions == kNone);
  step = stepSession(step.next, changed(XR_SESSION_STATE_STOPPING));
  CHECK(step.actions == (kStopFrames | kEndSession));
  step = stepSession(step.next, changed(XR_SESSION_STATE_IDLE));
  step = stepSession(step.next, changed(XR_SESSION_STATE_EXITING));
  CHECK((step.actions & kQuit) != 0);
  CHECK(step.next.quit);
}

TEST_CASE("User exit before the session runs quits at once", "[xr][state]") {
  const SessionStep step = stepSession(SessionMachine{}, SessionEvent{SessionEventKind::exitRequested});
  CHECK(step.actions == (kDestroySession | kQuit));
}

TEST_CASE("READY after an exit request does not begin the session", "[xr][state]") {
  SessionMachine m;
  m.exitRequested = true;
  const SessionStep step = stepSession(m, changed(XR_SESSION_STATE_READY));
  CHECK((step.actions & kBeginSession) == 0);
  CHECK((step.actions & kQuit) != 0);
}

TEST_CASE("After quitting, nothing else happens", "[xr][state]") {
  SessionMachine done;
  done.quit = true;
  CHECK(stepSession(done, changed(XR_SESSION_STATE_READY)).actions == kNone);
  CHECK(stepSession(done, SessionEvent{SessionEventKind::sessionLost}).actions == kNone);
}

TEST_CASE("UNKNOWN and out-of-range states are ignored", "[xr][state]") {
  CHECK(stepSession(runningIn(XR_SESSION_STATE_FOCUSED), changed(XR_SESSION_STATE_UNKNOWN)).actions == kNone);
  CHECK(stepSession(runningIn(XR_SESSION_STATE_FOCUSED), changed(static_cast<XrSessionState>(1234))).actions == kNone);
}

TEST_CASE("Every state has its spec name and transitions are logged", "[xr][state]") {
  CHECK(sessionStateName(XR_SESSION_STATE_UNKNOWN) == "UNKNOWN");
  CHECK(sessionStateName(XR_SESSION_STATE_IDLE) == "IDLE");
  CHECK(sessionStateName(XR_SESSION_STATE_READY) == "READY");
  CHECK(sessionStateName(XR_SESSION_STATE_SYNCHRONIZED) == "SYNCHRONIZED");
  CHECK(sessionStateName(XR_SESSION_STATE_VISIBLE) == "VISIBLE");
  CHECK(sessionStateName(XR_SESSION_STATE_FOCUSED) == "FOCUSED");
  CHECK(sessionStateName(XR_SESSION_STATE_STOPPING) == "STOPPING");
  CHECK(sessionStateName(XR_SESSION_STATE_LOSS_PENDING) == "LOSS_PENDING");
  CHECK(sessionStateName(XR_SESSION_STATE_EXITING) == "EXITING");

  std::vector<std::string> lines;
  overum::log::setSink([&](overum::log::Level, std::string_view tag, std::string_view msg) {
    lines.push_back(std::string(tag) + ": " + std::string(msg));
  });
  stepSessionLogged(runningIn(XR_SESSION_STATE_VISIBLE), changed(XR_SESSION_STATE_FOCUSED));
  overum::log::setSink({});
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "xr: session state FOCUSED");
}
