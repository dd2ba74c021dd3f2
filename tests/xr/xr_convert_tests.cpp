// SPDX-License-Identifier: GPL-3.0-or-later
// XR-specific maths: projection from XrFovf angles and XrPosef <-> overum::Pose.
#include <catch2/catch.hpp>
#include <overum/xr/xr_convert.h>

#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

using namespace overum;
using namespace overum::xr;

namespace {
glm::vec3 project(const glm::mat4& m, const glm::vec3& p) {
  const glm::vec4 c = m * glm::vec4(p, 1.0f);
  return glm::vec3(c) / c.w;
}
}  // namespace

TEST_CASE("Asymmetric XrFovf maps its frustum edges to the Vulkan clip edges", "[xr][math]") {
  // A typical left-eye FOV: wider to the left (outer) than to the right (nasal).
  const XrFovf fov{-0.87f, 0.70f, 0.80f, -0.92f};
  const glm::mat4 P = projectionFromXrFov(fov, 0.05f, 100.0f);
  const float z = -2.0f;
  const glm::vec3 left = project(P, {std::tan(fov.angleLeft) * -z, 0.0f, z});
  const glm::vec3 right = project(P, {std::tan(fov.angleRight) * -z, 0.0f, z});
  const glm::vec3 up = project(P, {0.0f, std::tan(fov.angleUp) * -z, z});
  const glm::vec3 down = project(P, {0.0f, std::tan(fov.angleDown) * -z, z});
  CHECK(left.x == Approx(-1.0f).margin(1e-5));
  CHECK(right.x == Approx(1.0f).margin(1e-5));
  CHECK(up.y == Approx(-1.0f).margin(1e-5));  // Vulkan: +Y is down, so "up" is -1
  CHECK(down.y == Approx(1.0f).margin(1e-5));
}

TEST_CASE("XrFovf projection puts near at depth 0 and far at depth 1", "[xr][math]") {
  const XrFovf fov{-0.8f, 0.8f, 0.8f, -0.8f};
  const glm::mat4 P = projectionFromXrFov(fov, 0.1f, 50.0f);
  CHECK(project(P, {0, 0, -0.1f}).z == Approx(0.0f).margin(1e-5));
  CHECK(project(P, {0, 0, -50.0f}).z == Approx(1.0f).margin(1e-4));
}

TEST_CASE("The left and right eye FOVs of a headset mirror each other", "[xr][math]") {
  const XrFovf leftEye{-0.9f, 0.7f, 0.8f, -0.8f};
  const XrFovf rightEye{-0.7f, 0.9f, 0.8f, -0.8f};
  const glm::mat4 L = projectionFromXrFov(leftEye, 0.05f, 100.0f);
  const glm::mat4 R = projectionFromXrFov(rightEye, 0.05f, 100.0f);
  const glm::vec3 p{0.3f, 0.1f, -1.5f};
  const glm::vec3 mirrored{-0.3f, 0.1f, -1.5f};
  CHECK(project(L, p).x == Approx(-project(R, mirrored).x).margin(1e-5));
  CHECK(project(L, p).y == Approx(project(R, mirrored).y).margin(1e-5));
}

TEST_CASE("XrPosef round-trips through overum::Pose", "[xr][math]") {
  XrPosef in{};
  const glm::quat q = glm::normalize(glm::quat(0.9f, 0.1f, -0.3f, 0.2f));
  in.orientation = {q.x, q.y, q.z, q.w};
  in.position = {0.1f, 1.2f, -0.4f};
  const Pose p = toPose(in);
  CHECK(p.orientation.w == Approx(q.w));
  CHECK(p.orientation.x == Approx(q.x));
  CHECK(p.position.y == Approx(1.2f));
  const XrPosef out = toXrPose(p);
  CHECK(out.orientation.x == Approx(in.orientation.x));
  CHECK(out.orientation.y == Approx(in.orientation.y));
  CHECK(out.orientation.z == Approx(in.orientation.z));
  CHECK(out.orientation.w == Approx(in.orientation.w));
  CHECK(out.position.z == Approx(in.position.z));
}

TEST_CASE("A 90 degree yaw XrPosef turns -Z forward into -X", "[xr][math]") {
  XrPosef yaw{};
  const float h = std::sqrt(0.5f);
  yaw.orientation = {0.0f, h, 0.0f, h};  // +90 degrees about +Y
  yaw.position = {0.0f, 1.2f, 0.0f};
  const glm::vec3 forward = toPose(yaw).apply({0.0f, 0.0f, -1.0f});
  CHECK(forward.x == Approx(-1.0f).margin(1e-5));
  CHECK(forward.y == Approx(1.2f).margin(1e-5));
  CHECK(forward.z == Approx(0.0f).margin(1e-5));
}

TEST_CASE("viewFromWorld inverts T_world_eye", "[xr][math]") {
  XrPosef eye{};
  eye.orientation = {0.0f, 0.0f, 0.0f, 1.0f};
  eye.position = {-0.032f, 1.2f, 0.0f};
  const glm::mat4 V = viewFromWorld(toPose(eye));
  const glm::vec4 origin = V * glm::vec4(-0.032f, 1.2f, 0.0f, 1.0f);
  CHECK(origin.x == Approx(0.0f).margin(1e-6));
  CHECK(origin.y == Approx(0.0f).margin(1e-6));
}
