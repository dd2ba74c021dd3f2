// SPDX-License-Identifier: GPL-3.0-or-later
// Unit tests for core: formatting, XDG paths, the string table, pose maths and projection.
#include <overum/core/check.h>
#include <overum/core/clock.h>
#include <overum/core/pose.h>
#include <overum/core/strings.h>
#include <overum/core/xdg_paths.h>

#include <catch2/catch.hpp>
#include <map>

using namespace overum;

TEST_CASE("format substitutes placeholders in order") {
  CHECK(format("{} af {}", 1, "to") == "1 af to");
  CHECK(format("ingen") == "ingen");
  CHECK(format("{} {}", 7) == "7 {}");  // a missing argument stays visible
}

TEST_CASE("OVERUM_CHECK names the expression and the location") {
  try {
    OVERUM_CHECK(1 + 1 == 3, "arithmetic is {}", "hard");
    FAIL("no throw");
  } catch (const Error& e) {
    const std::string what = e.what();
    CHECK(what.find("1 + 1 == 3 failed: arithmetic is hard") != std::string::npos);
    CHECK(what.find("core_tests.cpp:") != std::string::npos);
  }
}

TEST_CASE("XDG paths use the variables when absolute and the spec defaults otherwise") {
  std::map<std::string, std::string> vars{{"HOME", "/home/anna"},
                                          {"XDG_DATA_HOME", "/srv/data"},
                                          {"XDG_STATE_HOME", "relative/is/ignored"},
                                          {"XDG_CACHE_HOME", ""}};
  auto paths = resolveXdgPaths([&](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  });
  CHECK(paths.config == "/home/anna/.config/overum");
  CHECK(paths.data == "/srv/data/overum");
  CHECK(paths.state == "/home/anna/.local/state/overum");
  CHECK(paths.cache == "/home/anna/.cache/overum");
}

TEST_CASE("string table is Danish by default, English on request, key when missing") {
  setLanguage(Language::da);
  CHECK(tr("common.resume") == "Fortsæt");
  setLanguage(Language::en);
  CHECK(tr("common.resume") == "Resume");
  CHECK(tr("no.such.key") == "no.such.key");
  setLanguage(Language::da);
  Language parsed{};
  CHECK(parseLanguage("en", parsed));
  CHECK(parsed == Language::en);
  CHECK_FALSE(parseLanguage("sv", parsed));
  CHECK_FALSE(allStrings().empty());
}

TEST_CASE("pose composition and inverse") {
  const Pose T_world_head = seatedHeadPose({0, 1.2f, 0}, glm::radians(90.0f), 0.0f);
  const Pose T_head_eye{glm::quat(1, 0, 0, 0), {0.032f, 0, 0}};
  const Pose T_world_eye = T_world_head * T_head_eye;
  // Turning left by 90 degrees moves the right eye towards -Z.
  CHECK(T_world_eye.position.x == Approx(0.0f).margin(1e-5));
  CHECK(T_world_eye.position.y == Approx(1.2f));
  CHECK(T_world_eye.position.z == Approx(-0.032f));
  const Pose identity = T_world_eye * T_world_eye.inverse();
  CHECK(glm::length(identity.position) == Approx(0.0f).margin(1e-5));
  const glm::vec4 viaMatrix = T_world_eye.matrix() * glm::vec4(1, 2, 3, 1);
  const glm::vec3 viaApply = T_world_eye.apply({1, 2, 3});
  CHECK(viaMatrix.x == Approx(viaApply.x));
  CHECK(viaMatrix.z == Approx(viaApply.z));
}

TEST_CASE("projection from XrFovf angles maps the frustum edges to clip-space edges") {
  const Fov fov{-0.8f, 0.6f, 0.7f, -0.9f};  // asymmetric, as headsets give it
  const glm::mat4 P = projectionFromFov(fov, 0.05f, 100.0f);
  auto ndc = [&](glm::vec3 p) {
    glm::vec4 c = P * glm::vec4(p, 1);
    return glm::vec3(c) / c.w;
  };
  const float z = -2.0f;
  CHECK(ndc({std::tan(fov.angleLeft) * 2.0f, 0, z}).x == Approx(-1.0f));
  CHECK(ndc({std::tan(fov.angleRight) * 2.0f, 0, z}).x == Approx(1.0f));
  // Vulkan: up is -1 in clip space.
  CHECK(ndc({0, std::tan(fov.angleUp) * 2.0f, z}).y == Approx(-1.0f));
  CHECK(ndc({0, std::tan(fov.angleDown) * 2.0f, z}).y == Approx(1.0f));
  CHECK(ndc({0, 0, -0.05f}).z == Approx(0.0f).margin(1e-5));
  CHECK(ndc({0, 0, -100.0f}).z == Approx(1.0f));
}

TEST_CASE("fixed-step clock advances exactly 1/90 s per tick") {
  FixedStepClock clock;
  for (int i = 0; i < 90; ++i) clock.tick();
  CHECK(clock.now() == Approx(1.0));
}
