// SPDX-License-Identifier: GPL-3.0-or-later
// Characters are alive: they blink, look at whoever they should, nod while listening, show mood,
// gesture, and open their mouths with the speech audio — reproducibly.
#include <overum/avatar/appearance.h>
#include <overum/scene/character_animation.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>

using namespace overum;
using namespace overum::scene;

namespace {

const avatar::AvatarModel& figure() {
  static const avatar::AvatarModel model = avatar::buildAvatar(avatar::styleFromAppearance({}), "test");
  return model;
}

// Seated across the table at the origin, facing the citizen at +Z.
const Pose kFigure{{1, 0, 0, 0}, {0, 0, 0}};
const glm::vec3 kCitizen{0.0f, 1.2f, 1.8f};

template <class Each>
void run(CharacterAnimator& animator, double from, double to, const AnimationInput& input, Each each) {
  for (double t = from; t < to; t += 1.0 / 90.0) {
    animator.update(t, input);
    each(t);
  }
}

glm::vec3 jointWorld(const std::vector<glm::mat4>& skin, const char* name) {
  const int j = figure().findJoint(name);
  return glm::vec3(skin[std::size_t(j)] * figure().globalTransforms({})[std::size_t(j)][3]);
}

}  // namespace

TEST_CASE("characters blink every few seconds, briefly") {
  CharacterAnimator animator(figure(), kFigure, 3);
  AnimationInput input;
  input.lookAt = kCitizen;
  int closedFrames = 0, blinks = 0;
  bool closed = false;
  run(animator, 0.0, 13.0, input, [&](double) {
    const bool now = animator.eyelidClosure() > 0.8f;
    closedFrames += now;
    blinks += now && !closed;
    closed = now;
  });
  CHECK(blinks >= 2);
  CHECK(blinks <= 7);
  CHECK(closedFrames < blinks * 12);  // each blink is short (under ~130 ms closed)
}

TEST_CASE("gaze turns the head towards the target") {
  CharacterAnimator animator(figure(), kFigure, 1);
  AnimationInput input;
  input.lookAt = kCitizen;
  run(animator, 0.0, 1.0, input, [](double) {});
  CHECK(animator.headForward().z > 0.95f);
  input.lookAt = {1.5f, 1.25f, 0.3f};  // someone sitting to the figure's left (+X)
  run(animator, 1.0, 2.0, input, [](double) {});
  CHECK(animator.headForward().x > 0.5f);
  input.lookAt = {-1.5f, 1.25f, 0.3f};
  run(animator, 2.0, 3.0, input, [](double) {});
  CHECK(animator.headForward().x < -0.5f);
}

TEST_CASE("listening characters nod, idle ones barely move their head") {
  const auto pitchRange = [](bool listening) {
    CharacterAnimator animator(figure(), kFigure, 5);
    AnimationInput input;
    input.lookAt = kCitizen;
    input.listening = listening;
    float lo = 1.0f, hi = -1.0f;
    run(animator, 0.0, 9.0, input, [&](double t) {
      if (t < 1.0) return;
      lo = std::min(lo, animator.headForward().y);
      hi = std::max(hi, animator.headForward().y);
    });
    return hi - lo;
  };
  CHECK(pitchRange(true) > 0.06f);
  CHECK(pitchRange(false) < 0.04f);
}

TEST_CASE("the mouth follows the speech audio within a few frames") {
  CharacterAnimator animator(figure(), kFigure, 2);
  AnimationInput input;
  input.lookAt = kCitizen;
  input.mouthOpen = 1.0f;
  int framesToOpen = 0;
  for (double t = 0.0; animator.jawOpening() < 0.6f && framesToOpen < 90; t += 1.0 / 90.0, ++framesToOpen)
    animator.update(t, input);
  CHECK(framesToOpen <= 4);  // 63% within ~40 ms: well inside the -125..+45 ms window
  input.mouthOpen = 0.0f;
  run(animator, 1.0, 1.1, input, [](double) {});
  CHECK(animator.jawOpening() < 0.1f);
}

TEST_CASE("mood shows in the eyelids and gestures move the body") {
  CharacterAnimator animator(figure(), kFigure, 4);
  AnimationInput input;
  input.lookAt = kCitizen;
  run(animator, 0.0, 1.0, input, [](double) {});
  CHECK(animator.eyelidClosure() < 0.05f);  // open while neutral …
  input.mood = Mood::irritated;
  run(animator, 1.0, 2.0, input, [](double) {});
  CHECK(animator.eyelidClosure() > 0.2f);  // … half-lidded when irritated

  const glm::vec3 handBefore = jointWorld(animator.update(2.0, input), "forearm_r");
  input.gesture = Gesture::handUp;
  input.gestureStart = 2.0;
  glm::vec3 handRaised{};
  run(animator, 2.0, 3.0, input, [&](double) {});
  handRaised = jointWorld(animator.update(3.0, input), "forearm_r");
  CHECK(handRaised.y > handBefore.y + 0.1f);
}

TEST_CASE("the skin bends at the neck, shoulder and elbow: no seam opens when the head turns or a hand goes up") {
  // The head turned far to one side and the right hand raised: the joints turn the most they do.
  CharacterAnimator animator(figure(), kFigure, 4);
  AnimationInput input;
  input.lookAt = kCitizen + glm::vec3(2.5f, 0.0f, -1.0f);
  input.gesture = Gesture::handUp;
  input.gestureStart = 0.0;
  run(animator, 0.0, 1.2, input, [](double) {});
  const std::vector<glm::mat4> skin = animator.update(1.2, input);
  const avatar::AvatarModel& m = figure();
  const auto rest = m.globalTransforms({});
  const auto at = [&](const char* name) { return glm::vec3(rest[std::size_t(m.findJoint(name))][3]); };
  const auto carried = [&](int joint, glm::vec3 p) { return glm::vec3(skin[std::size_t(joint)] * glm::vec4(p, 1)); };
  // As the lit shader skins it: two joints' matrices blended by the vertex's share.
  const auto skinned = [&](const avatar::AvatarVertex& v) {
    const glm::mat4 blended = skin[v.joint] * (1.0f - v.blend) + skin[v.blendJoint] * v.blend;
    return glm::vec3(blended * glm::vec4(v.position, 1));
  };

  // Where a part meets its parent, its skin goes with the parent; a rigid part would pull away.
  struct Bend {
    const char *part, *parent;
    glm::vec3 joint, intoParent;
  };
  const Bend bends[] = {
      {"neck", "chest", at("neck"), {0, -1, 0}},
      {"upper_arm_r", "chest", at("upper_arm_r"), glm::normalize(at("upper_arm_r") - at("forearm_r"))},
      {"forearm_r", "upper_arm_r", at("forearm_r"), glm::normalize(at("forearm_r") - glm::vec3(-0.14f, 0.775f, 0.36f))},
  };
  for (const Bend& bend : bends) {
    INFO(bend.part);
    const int part = m.findJoint(bend.part), parent = m.findJoint(bend.parent);
    double smooth = 0.0, rigid = 0.0;
    int count = 0;
    for (const avatar::AvatarVertex& v : m.vertices) {
      if (v.joint != part || glm::dot(v.position - bend.joint, bend.intoParent) < 0.0f) continue;
      smooth += glm::distance(skinned(v), carried(parent, v.position));
      rigid += glm::distance(carried(part, v.position), carried(parent, v.position));
      ++count;
    }
    REQUIRE(count > 10);
    CHECK(rigid / count > 0.003);                 // rigid parts would part by millimetres here …
    CHECK(smooth / count < 0.3 * rigid / count);  // … the skin stays with the parent
  }
  // The neck's base is held by the chest exactly, whatever the head does.
  const int neck = m.findJoint("neck"), chest = m.findJoint("chest");
  for (const avatar::AvatarVertex& v : m.vertices)
    if (v.joint == neck && v.position.y < at("neck").y - 0.04f)
      CHECK(glm::distance(skinned(v), carried(chest, v.position)) < 1e-4f);
}

TEST_CASE("an open mouth takes the lower lip and the chin down with it, while the upper lip and the nose stay") {
  CharacterAnimator animator(figure(), kFigure, 4);
  AnimationInput input;
  input.lookAt = kCitizen;
  input.visemeMouth = MouthShape{1.0f, 1.0f, 0.0f};  // "a", wide open
  run(animator, 0.0, 0.5, input, [](double) {});
  const std::vector<glm::mat4> skin = animator.update(0.5, input);
  const avatar::AvatarModel& m = figure();
  const glm::mat4 T_rest_head = glm::inverse(skin[std::size_t(m.findJoint("head"))]);
  const glm::vec3 mouth(m.globalTransforms({})[std::size_t(m.findJoint("chin"))][3]);
  const int head = m.findJoint("head");
  float lowest = 0.0f, highest = -1.0f;  // how far the face moved down, against the head
  for (const avatar::AvatarVertex& v : m.vertices) {
    if (v.joint != head || std::abs(v.position.x) > 0.01f || v.position.z < mouth.z - 0.01f) continue;
    const glm::mat4 blended = skin[v.joint] * (1.0f - v.blend) + skin[v.blendJoint] * v.blend;
    const float down = v.position.y - glm::vec3(T_rest_head * blended * glm::vec4(v.position, 1)).y;
    if (v.position.y < mouth.y - 0.012f && v.position.y > mouth.y - 0.04f) lowest = std::min(lowest, -down);
    if (v.position.y > mouth.y + 0.01f) highest = std::max(highest, std::abs(down));
  }
  CHECK(-lowest > 0.008f);   // the chin went down about a centimetre …
  CHECK(highest < 0.0005f);  // … the upper lip and the nose did not move
}

TEST_CASE("every mood reads at the table's distance: head, lids and mouth all change") {
  // A face seen from 1.5 m: a head that turns 4° and a mouth 15 % wider or thinner is visible.
  const auto settled = [](Mood mood) {
    CharacterAnimator animator(figure(), kFigure, 4);
    AnimationInput input;
    input.lookAt = kCitizen;
    input.mood = mood;
    run(animator, 0.0, 3.0, input, [](double) {});
    return std::tuple{animator.headForward(), animator.eyelidClosure(), animator.mouthWidth(),
                      animator.face().mouthCurve};
  };
  const auto [neutralHead, neutralLid, neutralMouth, neutralCurve] = settled(Mood::neutral);
  for (const Mood mood : {Mood::friendly, Mood::happy, Mood::worried, Mood::irritated, Mood::busy}) {
    INFO(int(mood));
    const auto [head, lid, mouth, curve] = settled(mood);
    const float degrees =
        glm::degrees(std::acos(std::clamp(glm::dot(glm::normalize(head), glm::normalize(neutralHead)), -1.0f, 1.0f)));
    CHECK((degrees > 4.0f || std::abs(mouth - neutralMouth) > 0.15f || std::abs(curve - neutralCurve) > 0.25f));
    CHECK((std::abs(mouth - neutralMouth) > 0.08f || lid - neutralLid > 0.05f));
  }
  // Warm moods smile, hard moods press the mouth thin.
  CHECK(std::get<2>(settled(Mood::happy)) > 1.15f);
  CHECK(std::get<2>(settled(Mood::irritated)) < 0.85f);
}

TEST_CASE("the face carries the mood: brows, mouth corners, lids") {
  const auto face = [](Mood mood) {
    CharacterAnimator animator(figure(), kFigure, 4);
    AnimationInput input;
    input.lookAt = kCitizen;
    input.mood = mood;
    std::vector<glm::mat4> skin;
    run(animator, 0.0, 3.0, input, [&](double t) { skin = animator.update(t, input); });
    return std::pair{animator.face(), skin};
  };
  const auto [neutral, neutralSkin] = face(Mood::neutral);
  const auto [happy, happySkin] = face(Mood::happy);
  const auto [worried, worriedSkin] = face(Mood::worried);
  const auto [irritated, irritatedSkin] = face(Mood::irritated);
  CHECK(happy.mouthCurve > 0.4f);  // corners up
  CHECK(face(Mood::friendly).first.mouthCurve > 0.25f);
  CHECK(worried.mouthCurve < -0.2f);  // corners down
  CHECK(irritated.mouthCurve < -0.2f);
  CHECK(worried.browKnit < -0.2f);    // inner ends of the brows lifted
  CHECK(irritated.browKnit > 0.25f);  // brows drawn down and together
  CHECK(irritated.lid > neutral.lid + 0.2f);
  // And the joints follow: the left mouth corner's outer end rises for a smile and drops for worry.
  const auto cornerTip = [](const std::vector<glm::mat4>& skin) {
    const int j = figure().findJoint("mouth_corner_l");
    const glm::vec3 rest = glm::vec3(figure().globalTransforms({})[std::size_t(j)][3]) + glm::vec3(0.015f, 0, 0);
    return glm::vec3(skin[std::size_t(j)] * glm::vec4(rest, 1.0f));
  };
  CHECK(cornerTip(happySkin).y > cornerTip(neutralSkin).y + 0.004f);
  CHECK(cornerTip(worriedSkin).y < cornerTip(neutralSkin).y - 0.003f);
  const auto browOnHead = [](const std::vector<glm::mat4>& skin) {  // where the brow is on the face
    const auto rest = figure().globalTransforms({});
    const auto head = std::size_t(figure().findJoint("head")), brow = std::size_t(figure().findJoint("brow_l"));
    return glm::vec3(glm::inverse(skin[head] * rest[head]) * skin[brow] * rest[brow][3]);
  };
  CHECK(browOnHead(irritatedSkin).y < browOnHead(neutralSkin).y - 0.003f);
  CHECK(browOnHead(worriedSkin).y > browOnHead(neutralSkin).y + 0.002f);
}

TEST_CASE("the neck turns with the gaze, and listeners glance at the others now and then") {
  CharacterAnimator animator(figure(), kFigure, 6);
  AnimationInput input;
  input.lookAt = {1.5f, 1.25f, 0.3f};  // someone to the figure's left
  std::vector<glm::mat4> skin;
  run(animator, 0.0, 1.5, input, [&](double t) { skin = animator.update(t, input); });
  const int neck = figure().findJoint("neck");
  const glm::vec3 neckForward = glm::mat3(skin[std::size_t(neck)]) * glm::vec3(0, 0, 1);
  CHECK(neckForward.x > 0.2f);                      // the neck has turned …
  CHECK(animator.headForward().x > neckForward.x);  // … and the head further on it

  const glm::vec3 other{-1.2f, 1.25f, 0.6f};  // a colleague to the right
  animator.setGlanceTargets({kCitizen, other});
  input.lookAt = kCitizen;
  input.listening = true;
  int framesTowardsOther = 0, glances = 0;
  bool away = false;
  run(animator, 1.5, 61.5, input, [&](double) {
    const bool now = animator.headForward().x < -0.25f;
    framesTowardsOther += now;
    glances += now && !away;
    away = now;
  });
  INFO(glances << " glances, " << framesTowardsOther << " frames");
  CHECK(glances >= 2);  // several in a minute …
  CHECK(glances <= 12);
  CHECK(framesTowardsOther < 60 * 90 / 4);  // … but mostly on the one they listen to
}

TEST_CASE("the same seed gives the same motion") {
  CharacterAnimator a(figure(), kFigure, 9), b(figure(), kFigure, 9);
  AnimationInput input;
  input.listening = true;
  for (double t = 0.0; t < 5.0; t += 1.0 / 90.0) REQUIRE(a.update(t, input) == b.update(t, input));
}
