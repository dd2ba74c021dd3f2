// SPDX-License-Identifier: GPL-3.0-or-later
// Keeps a seated character alive: breathing, blinking, small posture shifts, gaze that turns head
// and eyes towards a target, nods while listening, mood in posture and eyelids, the scenario's
// gestures, and the mouth following the speech: its visemes (lip-sync) or else its loudness. Output:
// one transform per joint.
#pragma once
#include <overum/avatar/avatar_model.h>
#include <overum/core/body_language.h>
#include <overum/core/pose.h>
#include <overum/scene/visemes.h>

#include <optional>
#include <vector>

namespace overum::scene {

struct AnimationInput {
  glm::vec3 lookAt{0.0f, 1.2f, 0.0f};  // world point the character looks at; default the citizen's eyes
  Mood mood = Mood::neutral;
  std::optional<Gesture> gesture;         // the latest one-shot gesture, none yet
  double gestureStart = -1e9;             // seconds, on the same clock as update()
  bool listening = false;                 // nods now and then
  float mouthOpen = 0.0f;                 // 0 closed .. 1 wide open, from the speech audio's loudness now
  std::optional<MouthShape> visemeMouth;  // the line's visemes now (lip-sync); when set, mouthOpen is not used
};

class CharacterAnimator {
 public:
  // seed makes each character blink and shift on its own rhythm, the same on every run.
  CharacterAnimator(const avatar::AvatarModel& model, Pose T_world_figure, std::uint64_t seed);

  // Advances to time t (seconds) and returns, per joint, the transform from its rest pose to its
  // animated pose in the figure's frame (model-space skinning matrices).
  const std::vector<glm::mat4>& update(double t, const AnimationInput& input);

  // The current world-space head forward direction, and how far the eyelids are closed (0..1); for tests.
  glm::vec3 headForward() const;
  float eyelidClosure() const { return lidClosure_; }
  float jawOpening() const { return speechMouth_.open; }
  const MouthShape& speechMouth() const { return speechMouth_; }  // what speaking does to the mouth now, eased
  float mouthWidth() const { return mouthWidth_; }                // what the mood does to its width

 private:
  struct Joints {
    int spine = -1, chest = -1, neck = -1, head = -1, jaw = -1, eyeL = -1, eyeR = -1, lidL = -1, lidR = -1;
    int upperArmR = -1, forearmR = -1, upperArmL = -1, forearmL = -1;
  };
  double nextBlinkAfter(double t);

  const avatar::AvatarModel& model_;
  Pose T_world_figure_;
  Joints j_;
  std::vector<glm::mat4> restGlobal_, inverseRest_, skin_;
  std::uint64_t rng_;
  double lastT_ = -1.0;
  double blinkAt_ = 0.0;
  double nodAt_ = 0.0;
  double lastNodStart_ = -1e9;
  double seedPhase_ = 0.0;
  glm::vec2 headYawPitch_{0.0f};  // smoothed, radians
  glm::vec2 eyeYawPitch_{0.0f};
  float lidClosure_ = 0.0f;
  MouthShape speechMouth_;
  float moodLean_ = 0.0f, moodTilt_ = 0.0f, moodChin_ = 0.0f, mouthWidth_ = 1.0f;  // the shown mood, eased
  glm::quat headWorld_{1, 0, 0, 0};
};

}  // namespace overum::scene
