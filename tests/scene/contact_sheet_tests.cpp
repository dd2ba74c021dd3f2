// SPDX-License-Identifier: GPL-3.0-or-later
// The contact sheet (issue 15): every character of every shipped meeting, front and three-quarter,
// rendered on lavapipe in their own room and kept as a reference image for review; and one face in
// each mood, so a change that flattens the moods shows.
#include "image_compare.h"

#include <overum/gfx/offscreen_target.h>
#include <overum/gfx/renderer.h>
#include <overum/scene/meeting_room.h>

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <filesystem>

using namespace overum;

namespace {

constexpr VkExtent2D kTile{200, 250};
constexpr const char* kMeetings[] = {"myndighedsmoede", "opfoelgning", "behandlingsmoede"};
constexpr int kMostPerMeeting = 3;

struct Camera {
  float distance = 1.15f;  // metres from the character's eyes
  float yaw = 0.0f;        // radians round the character, 0 straight in front
  float lookDown = 0.3f;   // metres below the eyes that the camera aims at
  float verticalFov = 0.74f;
};

// Where a character faces, and a view of them from `camera`.
gfx::View viewOf(const scene::Character& c, const Camera& camera) {
  const glm::vec3 forward = c.T_world_figure.orientation * glm::vec3(0, 0, 1);
  const glm::vec3 around = glm::angleAxis(camera.yaw, glm::vec3(0, 1, 0)) * forward;
  const glm::vec3 target = c.headPosition - glm::vec3(0, camera.lookDown, 0);
  const glm::vec3 eye = c.headPosition + around * camera.distance - glm::vec3(0, 0.05f, 0);
  gfx::View view;
  view.viewFromWorld = glm::lookAt(eye, target, glm::vec3(0, 1, 0));
  view.projection =
      projectionFromFov(symmetricFov(camera.verticalFov, float(kTile.width) / float(kTile.height)), 0.05f, 100.0f);
  return view;
}

// Animates the room in steps from `clock` on for `seconds`, then on until nobody is mid-blink: the
// sheets show the eyes.
void animateFor(scene::MeetingRoom& room, const std::vector<scene::AnimationInput>& inputs, double& clock,
                double seconds) {
  for (const double end = clock + seconds; clock < end; clock += 0.05) room.animate(clock, inputs);
  const auto blinking = [&] {
    for (std::size_t i = 0; i < inputs.size(); ++i)
      if (room.animator(i).eyelidClosure() > room.animator(i).face().lid + 0.05f) return true;
    return false;
  };
  for (int wait = 0; wait < 20 && blinking(); ++wait) room.animate(clock += 0.05, inputs);
}

// Everyone looks straight ahead, at rest, in the given mood: the sheet shows the figure, not the gaze.
// Moods settle over a second or two.
void poseAll(scene::MeetingRoom& room, Mood mood, double& clock, double seconds) {
  std::vector<scene::AnimationInput> inputs(room.characters().size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const scene::Character& c = room.characters()[i];
    inputs[i].lookAt = c.headPosition + c.T_world_figure.orientation * glm::vec3(0, 0, 2.0f);
    inputs[i].mood = mood;
  }
  animateFor(room, inputs, clock, seconds);
}

gfx::ImageRGBA8 renderOne(gfx::Renderer& renderer, gfx::OffscreenTarget& target, const gfx::View& view,
                          const gfx::DrawList& scene) {
  const gfx::View views[] = {view};
  renderer.render(views, scene, target.target(), {});
  return target.readback(0);
}

void paste(gfx::ImageRGBA8& sheet, const gfx::ImageRGBA8& tile, std::uint32_t column, std::uint32_t row) {
  for (std::uint32_t y = 0; y < tile.height; ++y)
    for (std::uint32_t x = 0; x < tile.width; ++x)
      for (std::uint32_t c = 0; c < 4; ++c)
        sheet.pixels[((std::size_t(row) * tile.height + y) * sheet.width + column * tile.width + x) * 4 + c] =
            tile.at(x, y)[c];
}

gfx::ImageRGBA8 blankSheet(std::uint32_t columns, std::uint32_t rows) {
  gfx::ImageRGBA8 sheet;
  sheet.width = columns * kTile.width;
  sheet.height = rows * kTile.height;
  sheet.pixels.assign(std::size_t(sheet.width) * sheet.height * 4, 255);
  return sheet;
}

int differingPixels(const gfx::ImageRGBA8& a, const gfx::ImageRGBA8& b) {
  int pixels = 0;
  for (std::size_t i = 0; i < a.pixels.size(); i += 4)
    pixels += std::abs(int(a.pixels[i]) - int(b.pixels[i])) + std::abs(int(a.pixels[i + 1]) - int(b.pixels[i + 1])) +
                  std::abs(int(a.pixels[i + 2]) - int(b.pixels[i + 2])) >
              30;
  return pixels;
}

scene::MeetingCast jobCentreCast() {
  const scene::CastLoad cast = scene::loadCast("scenarios/myndighedsmoede/cast.json");
  INFO(cast.error);
  REQUIRE(cast.cast);
  return *cast.cast;
}

// The job centre's caseworker alone in her room, and a renderer for the sheet's tiles of her.
struct OneFigure {
  gfx::Device device{gfx::DeviceConfig{true, {}}};
  gfx::Renderer renderer{device, {1, kTile}};
  gfx::OffscreenTarget target{device, kTile, 1};
  scene::MeetingCast cast = jobCentreCast();
  scene::MeetingRoom room{device, {cast.characters[0]}, cast.room};
  const scene::Character& figure() const { return room.characters()[0]; }
  gfx::ImageRGBA8 tile(const Camera& camera) {
    return renderOne(renderer, target, viewOf(figure(), camera), room.drawList());
  }
  // Drawn without a validation message, and as the reference kept for review shows it.
  void checkSheet(const gfx::ImageRGBA8& sheet, const char* reference) const {
    CHECK(device.validationErrorCount() == 0);
    const auto comparison = testing::compareWithReference(sheet, reference);
    INFO(comparison.message);
    CHECK(comparison.matches);
  }
};

}  // namespace

TEST_CASE("the contact sheet: every character of every meeting, front and three-quarter") {
  gfx::Device device{gfx::DeviceConfig{true, {}}};
  gfx::Renderer renderer(device, {1, kTile});
  gfx::OffscreenTarget target(device, kTile, 1);
  gfx::ImageRGBA8 sheet = blankSheet(2 * kMostPerMeeting, std::size(kMeetings));
  std::vector<gfx::ImageRGBA8> fronts;
  for (std::uint32_t row = 0; row < std::size(kMeetings); ++row) {
    const scene::CastLoad cast = scene::loadCast(std::filesystem::path("scenarios") / kMeetings[row] / "cast.json");
    INFO(kMeetings[row] << ": " << cast.error);
    REQUIRE(cast.cast);
    REQUIRE(cast.cast->characters.size() <= std::size_t(kMostPerMeeting));
    scene::MeetingRoom room(device, cast.cast->characters, cast.cast->room);
    double clock = 0.0;
    poseAll(room, Mood::friendly, clock, 2.0);
    for (std::uint32_t i = 0; i < room.characters().size(); ++i) {
      for (std::uint32_t view = 0; view < 2; ++view) {
        Camera camera;
        camera.yaw = view == 0 ? 0.0f : 0.75f;
        const gfx::ImageRGBA8 tile = renderOne(renderer, target, viewOf(room.characters()[i], camera), room.drawList());
        paste(sheet, tile, 2 * i + view, row);
        if (view == 0) fronts.push_back(tile);
      }
    }
    CHECK(device.validationErrorCount() == 0);
  }
  const auto comparison = testing::compareWithReference(sheet, "tests/scene/reference/contact_sheet.png");
  INFO(comparison.message);
  CHECK(comparison.matches);
  // Nobody looks like anybody else: every two front views differ over much of the figure.
  for (std::size_t a = 0; a < fronts.size(); ++a)
    for (std::size_t b = a + 1; b < fronts.size(); ++b) {
      INFO("characters " << a << " and " << b);
      CHECK(differingPixels(fronts[a], fronts[b]) > int(kTile.width * kTile.height / 10));
    }
}

TEST_CASE("moods show on the face at the table's distance: brows, lids and mouth corners") {
  OneFigure f;
  constexpr Mood kMoods[] = {Mood::neutral, Mood::friendly, Mood::happy, Mood::busy, Mood::worried, Mood::irritated};
  gfx::ImageRGBA8 sheet = blankSheet(std::size(kMoods), 2);
  std::vector<gfx::ImageRGBA8> faces;
  double clock = 0.0;
  for (std::uint32_t m = 0; m < std::size(kMoods); ++m) {
    poseAll(f.room, kMoods[m], clock, 3.0);
    // A face close up (for review), and at the citizen's distance across the table (for the check).
    paste(sheet, f.tile({.distance = 0.45f, .yaw = 0.0f, .lookDown = 0.02f, .verticalFov = 0.5f}), m, 0);
    faces.push_back(f.tile({.distance = 1.6f, .yaw = 0.0f, .lookDown = 0.0f, .verticalFov = 0.3f}));
    paste(sheet, faces.back(), m, 1);
  }
  f.checkSheet(sheet, "tests/scene/reference/moods_sheet.png");
  // Every mood looks different from neutral, and the smiling ones from the troubled ones.
  for (std::size_t m = 1; m < faces.size(); ++m) {
    INFO("mood " << m << " against neutral: " << differingPixels(faces[0], faces[m]) << " pixels");
    CHECK(differingPixels(faces[0], faces[m]) >= 20);
  }
  CHECK(differingPixels(faces[2], faces[4]) >= 40);  // happy and worried
}

TEST_CASE("the bends sheet: a turned head, a raised hand and speech bend the skin at neck, shoulder, elbow and chin") {
  OneFigure f;
  const scene::Character& c = f.figure();
  // At rest; the head turned far to each side (the neck takes part of the turn); a hand raised.
  struct Bend {
    glm::vec3 look;  // where the figure looks, in its own frame (+Z ahead)
    bool handUp;
  };
  constexpr Bend kBends[] = {{{0, 0, 2}, false}, {{2, 0, 0.6f}, false}, {{-2, -0.8f, 0.6f}, false}, {{0, 0, 2}, true}};
  gfx::ImageRGBA8 sheet = blankSheet(std::size(kBends), 3);
  std::vector<gfx::ImageRGBA8> fronts;
  double clock = 0.0;
  for (std::uint32_t b = 0; b < std::size(kBends); ++b) {
    scene::AnimationInput input;
    input.lookAt = c.headPosition + c.T_world_figure.orientation * kBends[b].look;
    if (kBends[b].handUp) {
      input.gesture = Gesture::handUp;
      input.gestureStart = clock;
    }
    animateFor(f.room, {input}, clock, 1.2);
    for (std::uint32_t view = 0; view < 2; ++view) {
      Camera camera;
      camera.distance = 1.4f;
      camera.lookDown = 0.22f;
      camera.yaw = view == 0 ? 0.0f : -0.9f;
      const gfx::ImageRGBA8 tile = f.tile(camera);
      paste(sheet, tile, b, view);
      if (view == 0) fronts.push_back(tile);
    }
  }
  // Speech, close up: closed, wide open ("a"), rounded ("o") and pressed together ("m"); the lower
  // lip and the chin go down with the opening, the upper lip stays.
  const scene::MouthShape kMouths[] = {{0.0f, 1.0f, 0.0f}, {1.0f, 1.0f, 0.0f}, {0.6f, 0.6f, 0.0f}, {0.0f, 1.0f, 1.0f}};
  std::vector<gfx::ImageRGBA8> mouths;
  for (std::uint32_t m = 0; m < std::size(kMouths); ++m) {
    scene::AnimationInput input;
    input.lookAt = c.headPosition + c.T_world_figure.orientation * glm::vec3(0, 0, 2);
    input.visemeMouth = kMouths[m];
    animateFor(f.room, {input}, clock, 1.0);
    mouths.push_back(f.tile({.distance = 0.4f, .yaw = 0.0f, .lookDown = 0.05f, .verticalFov = 0.45f}));
    paste(sheet, mouths.back(), m, 2);
  }
  f.checkSheet(sheet, "tests/scene/reference/bends_sheet.png");
  for (std::size_t b = 1; b < fronts.size(); ++b) {  // every pose moved the figure
    INFO("pose " << b << ": " << differingPixels(fronts[0], fronts[b]) << " pixels differ from rest");
    CHECK(differingPixels(fronts[0], fronts[b]) > 300);
  }
  INFO("open against closed: " << differingPixels(mouths[0], mouths[1]) << " pixels");
  CHECK(differingPixels(mouths[0], mouths[1]) > 400);
}
