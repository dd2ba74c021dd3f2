// SPDX-License-Identifier: GPL-3.0-or-later
// Lip-sync: espeak-ng's Danish phonemes map to sensible visemes, the viseme track blends without
// snapping yet reaches every sound's shape, and a speaking character's mouth mesh shows it.
#include <overum/avatar/appearance.h>
#include <overum/scene/character_animation.h>
#include <overum/scene/visemes.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace overum;
using namespace overum::scene;

namespace {

// "Mamma og Peter Bo" as espeak-ng's Danish voice reports it (seconds, phoneme), from a real run.
const std::vector<PhonemeEvent> kMammaPeterBo{{0.000, "m"}, {0.078, "?A"}, {0.116, "m"},  {0.174, "?&"}, {0.206, "V"},
                                              {0.340, "p"}, {0.372, "?e"}, {0.485, "t"},  {0.525, "?V"}, {0.604, "_!"},
                                              {0.634, "b"}, {0.660, "?o"}, {0.750, "_:"}, {0.760, "_"}};

const avatar::AvatarModel& figure() {
  static const avatar::AvatarModel model = avatar::buildAvatar(avatar::styleFromAppearance({}), "test");
  return model;
}

// The mouth's size as drawn, on the face: the extent of the jaw joint's vertices after skinning, in
// the head's frame, so that the head's own motion does not count (metres).
glm::vec2 mouthExtent(const std::vector<glm::mat4>& skin) {
  const int jaw = figure().findJoint("jaw");
  const glm::mat4 T_head_jaw = glm::inverse(skin[std::size_t(figure().findJoint("head"))]) * skin[std::size_t(jaw)];
  glm::vec2 lo(1e9f), hi(-1e9f);
  for (const avatar::AvatarVertex& v : figure().vertices)
    if (v.joint == jaw) {
      const glm::vec3 p(T_head_jaw * glm::vec4(v.position, 1.0f));
      lo = glm::min(lo, glm::vec2(p.x, p.y));
      hi = glm::max(hi, glm::vec2(p.x, p.y));
    }
  return hi - lo;  // (width, height)
}

}  // namespace

TEST_CASE("espeak-ng's Danish phonemes map to visemes, unknown ones to a neutral mouth") {
  CHECK(visemeOfPhoneme("m") == Viseme::PP);
  CHECK(visemeOfPhoneme("b") == Viseme::PP);
  CHECK(visemeOfPhoneme("p") == Viseme::PP);
  CHECK(visemeOfPhoneme("f") == Viseme::FF);
  CHECK(visemeOfPhoneme("?A") == Viseme::aa);  // stød does not change the lips
  CHECK(visemeOfPhoneme("&") == Viseme::aa);   // æ
  CHECK(visemeOfPhoneme("?W") == Viseme::O);   // ø
  CHECK(visemeOfPhoneme("u") == Viseme::U);
  CHECK(visemeOfPhoneme("y") == Viseme::U);
  CHECK(visemeOfPhoneme("i") == Viseme::I);
  CHECK(visemeOfPhoneme("D") == Viseme::TH);  // blødt d
  CHECK(visemeOfPhoneme("tS") == Viseme::CH);
  CHECK(visemeOfPhoneme("R") == Viseme::RR);
  CHECK(visemeOfPhoneme("@-") == Viseme::E);  // schwa with espeak's mark
  CHECK(visemeOfPhoneme("_!") == Viseme::silence);
  CHECK(visemeOfPhoneme("") == Viseme::silence);
  CHECK(visemeOfPhoneme("?") == Viseme::silence);
  CHECK(visemeOfPhoneme("%x9") == Viseme::nn);
  CHECK(visemeOfPhoneme(std::string_view("\xff\xfe", 2)) == Viseme::nn);
}

TEST_CASE("visemes shape the mouth: p b m close the lips, a opens wide, o and u round") {
  CHECK(mouthShapeOf(Viseme::PP).closure == 1.0f);
  CHECK(mouthShapeOf(Viseme::PP).open == 0.0f);
  CHECK(mouthShapeOf(Viseme::aa).open >= 0.9f);
  CHECK(mouthShapeOf(Viseme::aa).closure == 0.0f);
  for (const Viseme round : {Viseme::O, Viseme::U})
    for (const Viseme spread : {Viseme::E, Viseme::I}) {
      CHECK(mouthShapeOf(round).width < 0.8f);
      CHECK(mouthShapeOf(spread).width > 1.1f);
    }
  const MouthShape rest = mouthShapeOf(Viseme::silence);
  CHECK((rest.open == 0.0f && rest.width == 1.0f && rest.closure == 0.0f));
}

TEST_CASE("the viseme track blends neighbours without snapping and closes the lips before a p's release") {
  const VisemeTrack track(kMammaPeterBo);
  CHECK(track.mouthAt(-1.0).open == 0.0f);  // before the line: at rest
  // espeak-ng times the p at its release (0.340 s); the lips shut over the closure before it.
  CHECK(track.mouthAt(0.330).closure > 0.99f);
  CHECK(track.mouthAt(0.330).open < 0.01f);
  CHECK(track.mouthAt(0.350).closure > 0.3f);   // and open at the release, not at once
  CHECK(track.mouthAt(0.250).closure < 0.01f);  // the vowel before keeps its own shape first
  // The b after a 30 ms pause: the pause is its closure.
  CHECK(track.mouthAt(0.630).closure > 0.99f);
  CHECK(track.mouthAt(0.100).open > 0.9f);    // the a of "mamma"
  CHECK(track.mouthAt(0.700).width < 0.75f);  // the o of "Bo"
  // No jump larger than a short ramp allows: at most 0.1 of the range per millisecond.
  MouthShape before = track.mouthAt(0.0);
  float steepest = 0.0f;
  for (double t = 0.001; t < 0.8; t += 0.001) {
    const MouthShape now = track.mouthAt(t);
    steepest = std::max({steepest, std::abs(now.open - before.open), std::abs(now.closure - before.closure),
                         std::abs(now.width - before.width)});
    before = now;
  }
  CHECK(steepest < 0.1f);
  CHECK(steepest > 0.01f);  // it does move
}

TEST_CASE("a speaking character's mouth mesh differs between a p and an a, and is untouched at rest") {
  const VisemeTrack track(kMammaPeterBo);
  const Pose T_world_figure{{1, 0, 0, 0}, {0, 0, 0}};
  CharacterAnimator speaking(figure(), T_world_figure, 2), silent(figure(), T_world_figure, 2);
  AnimationInput input;
  input.lookAt = {0.0f, 1.2f, 1.8f};  // the citizen across the table
  glm::vec2 atP{}, atA{}, atO{};
  for (double t = 0.0; t < 0.8; t += 1.0 / 90.0) {
    input.visemeMouth = track.mouthAt(t);
    const glm::vec2 extent = mouthExtent(speaking.update(t, input));
    if (std::abs(t - 0.330) < 0.5 / 90.0) atP = extent;  // the frame nearest the p's closure
    if (std::abs(t - 0.100) < 0.5 / 90.0) atA = extent;
    if (std::abs(t - 0.705) < 0.5 / 90.0) atO = extent;
  }
  input.visemeMouth.reset();
  const glm::vec2 rest = mouthExtent(silent.update(0.0, input));
  INFO("rest " << rest.x << " x " << rest.y << ", p " << atP.x << " x " << atP.y << ", a " << atA.x << " x " << atA.y
               << ", o " << atO.x << " x " << atO.y);
  CHECK(atP.y < 0.6f * rest.y);  // lips pressed: thinner than at rest
  CHECK(atA.y > 3.0f * atP.y);   // a wide-open jaw
  CHECK(atA.y > 0.015f);         // over 1.5 cm open: visible across the table
  CHECK(atO.x < 0.85f * atA.x);  // rounded: narrower than the a
  // Not speaking, the face is exactly as it was before lip-sync (the render references stay valid).
  CHECK(rest.x == Approx(2 * 0.022f).epsilon(0.06));  // the mouth's radii in avatar_head.cpp
  CHECK(rest.y == Approx(2 * 0.0042f).epsilon(0.02));
}
