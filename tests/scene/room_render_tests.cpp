// SPDX-License-Identifier: GPL-3.0-or-later
// The meeting rooms rendered on lavapipe with validation on: compared with reference images (the
// default room, and each meeting's own room with its whole cast), stable from run to run, in stereo
// the two eyes see the expected parallax, and a speaker's mouth shows.
#include "image_compare.h"
#include "shipped_rooms.h"

#include <overum/core/pose.h>
#include <overum/gfx/offscreen_target.h>
#include <overum/gfx/renderer.h>
#include <overum/scene/meeting_room.h>

#include <catch2/catch.hpp>
#include <filesystem>

using namespace overum;

namespace {

constexpr VkExtent2D kSize{320, 180};
constexpr float kIpd = 0.064f;
constexpr float kVerticalFov = 1.0f;

gfx::View viewFrom(const Pose& T_world_eye) {
  gfx::View view;
  view.viewFromWorld = T_world_eye.inverse().matrix();
  view.projection =
      projectionFromFov(symmetricFov(kVerticalFov, float(kSize.width) / float(kSize.height)), 0.05f, 100.0f);
  return view;
}

struct RoomRender {
  gfx::Device device{gfx::DeviceConfig{true, {}}};
  scene::MeetingRoom room;

  explicit RoomRender(const std::vector<scene::CastMember>& cast = scene::defaultCast(),
                      const scene::RoomLayout& layout = testing::jobCentreRoom())
      : room(device, cast, layout) {}

  std::vector<gfx::ImageRGBA8> render(std::uint32_t viewCount, bool pauseRoom = false) {
    gfx::Renderer renderer(device, {viewCount, kSize});
    gfx::OffscreenTarget target(device, kSize, viewCount);
    std::vector<gfx::View> views;
    const Pose head = room.viewerHeadPose();
    if (viewCount == 1) views.push_back(viewFrom(head));
    else
      for (float side : {-0.5f, 0.5f}) views.push_back(viewFrom(head * Pose{{1, 0, 0, 0}, {side * kIpd, 0, 0}}));
    renderer.render(views, pauseRoom ? room.pauseDrawList() : room.drawList(), target.target(), {});
    std::vector<gfx::ImageRGBA8> images;
    for (std::uint32_t layer = 0; layer < viewCount; ++layer) images.push_back(target.readback(layer));
    return images;
  }
};

// The horizontal shift (pixels) that best maps the right eye's middle band onto the left eye's.
int bestShift(const gfx::ImageRGBA8& left, const gfx::ImageRGBA8& right) {
  int best = 0;
  double bestError = 1e30;
  for (int shift = -4; shift <= 16; ++shift) {
    double error = 0.0;
    for (std::uint32_t y = left.height / 3; y < left.height * 2 / 3; ++y)
      for (std::uint32_t x = 40; x + 40 < left.width; ++x)
        for (int c = 0; c < 3; ++c)
          error += std::abs(int(left.at(x, y)[c]) - int(right.at(std::uint32_t(int(x) - shift), y)[c]));
    if (error < bestError) bestError = error, best = shift;
  }
  return best;
}

}  // namespace

TEST_CASE("the meeting room matches its reference image") {
  RoomRender r;
  const auto images = r.render(1);
  const auto comparison = testing::compareWithReference(images[0], "tests/scene/reference/meeting_room_320x180.png");
  INFO(comparison.message);
  CHECK(comparison.matches);
  CHECK(r.device.validationErrorCount() == 0);
}

TEST_CASE("each meeting's own room, with everyone at the table, matches its reference image") {
  std::vector<gfx::ImageRGBA8> rooms;
  for (const char* meeting : {"myndighedsmoede", "opfoelgning", "behandlingsmoede"}) {
    const scene::CastLoad cast = scene::loadCast(std::filesystem::path("scenarios") / meeting / "cast.json");
    INFO(meeting << ": " << cast.error);
    REQUIRE(cast.cast);
    RoomRender r(cast.cast->characters, cast.cast->room);  // the bisidder too: the fullest table
    rooms.push_back(r.render(1)[0]);
    const auto comparison = testing::compareWithReference(
        rooms.back(), "tests/scene/reference/room_" + cast.cast->room.kind + "_320x180.png");
    INFO(comparison.message);
    CHECK(comparison.matches);
    CHECK(r.device.validationErrorCount() == 0);
  }
  // Three different places, not one room with other people in it.
  CHECK(testing::meanAbsoluteDifference(rooms[0], rooms[1]) > 12.0);
  CHECK(testing::meanAbsoluteDifference(rooms[0], rooms[2]) > 12.0);
  CHECK(testing::meanAbsoluteDifference(rooms[1], rooms[2]) > 12.0);

  // The follow-up as a home visit: the citizen's own living room, when its cast.json says so.
  const scene::CastLoad followUp = scene::loadCast(std::filesystem::path("scenarios") / "opfoelgning" / "cast.json");
  REQUIRE(followUp.cast);
  const scene::RoomLayoutLoad home =
      scene::loadRoomLayout(scene::roomLayoutFile(testing::kShippedRooms, "borgerens_stue"));
  INFO(home.error);
  REQUIRE(home.layout);
  RoomRender r(followUp.cast->characters, *home.layout);
  const gfx::ImageRGBA8 livingRoom = r.render(1)[0];
  const auto comparison =
      testing::compareWithReference(livingRoom, "tests/scene/reference/room_borgerens_stue_320x180.png");
  INFO(comparison.message);
  CHECK(comparison.matches);
  CHECK(testing::meanAbsoluteDifference(livingRoom, rooms[1]) > 12.0);  // not the municipality's office
}

TEST_CASE("the pause room: open sky and greenery, nobody there") {
  RoomRender r;
  const auto pause = r.render(1, true);
  const auto comparison = testing::compareWithReference(pause[0], "tests/scene/reference/pause_room_320x180.png");
  INFO(comparison.message);
  CHECK(comparison.matches);
  CHECK(testing::meanAbsoluteDifference(pause[0], r.render(1)[0]) > 20.0);  // clearly somewhere else
  CHECK(r.device.validationErrorCount() == 0);
}

TEST_CASE("rendering the same room twice gives the same pixels") {
  RoomRender r;
  const auto first = r.render(1), second = r.render(1);
  CHECK(first[0].pixels == second[0].pixels);
  CHECK(r.device.validationErrorCount() == 0);
}

TEST_CASE("stereo: both eyes see the room, offset by the parallax of the people across the table") {
  RoomRender r;
  const auto eyes = r.render(2);
  REQUIRE(eyes.size() == 2);
  for (const auto& eye : eyes) {  // both show the room: many colour changes along rows, not a flat fill
    std::size_t edges = 0;
    for (std::size_t p = 4; p < eye.pixels.size(); p += 4) edges += eye.pixels[p + 1] != eye.pixels[p - 3];
    CHECK(edges > eye.pixels.size() / 4 / 3);
  }
  CHECK(testing::meanAbsoluteDifference(eyes[0], eyes[1]) > 0.5);
  // Across the table at about 1.9 m: focal length in pixels * IPD / distance ~ 5.5 px; the right eye
  // sees things further left.
  const int shift = bestShift(eyes[0], eyes[1]);
  CHECK(shift >= 3);
  CHECK(shift <= 9);
  CHECK(r.device.validationErrorCount() == 0);
}

TEST_CASE("a speaking character's mouth shows across the table: shut for a p, wide open for an a") {
  RoomRender r;
  const auto saying = [&](scene::Viseme viseme) {
    std::vector<scene::AnimationInput> inputs(r.room.characters().size());
    for (scene::AnimationInput& in : inputs) in.lookAt = r.room.viewerHeadPose().position;
    inputs[0].visemeMouth = scene::mouthShapeOf(viseme);
    r.room.animate(1.0, inputs);  // the same moment each time: only the mouth differs
    return r.render(1)[0];
  };
  const gfx::ImageRGBA8 p = saying(scene::Viseme::PP), a = saying(scene::Viseme::aa);
  const gfx::ImageRGBA8 rest = saying(scene::Viseme::silence);
  const auto changed = [](const gfx::ImageRGBA8& x, const gfx::ImageRGBA8& y) {
    int pixels = 0;
    for (std::size_t i = 0; i < x.pixels.size(); i += 4)
      pixels +=
          std::abs(int(x.pixels[i]) - int(y.pixels[i])) + std::abs(int(x.pixels[i + 1]) - int(y.pixels[i + 1])) > 24;
    return pixels;
  };
  INFO("pixels changed: p/a " << changed(p, a) << ", p/rest " << changed(p, rest));
  CHECK(changed(p, a) >= 4);     // at 320 x 180, a face across the table is about 25 pixels high
  CHECK(changed(p, a) < 100);    // and nothing but the mouth moved
  CHECK(changed(p, rest) >= 1);  // pressed lips are thinner than resting ones
  CHECK(r.device.validationErrorCount() == 0);
}
