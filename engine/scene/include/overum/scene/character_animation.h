// SPDX-License-Identifier: GPL-3.0-or-later
// Keeps a seated character alive: breathing, blinking, small posture shifts, gaze that turns neck, head
// and eyes towards a target, glances at the others and nods while listening, mood in posture and face
// (brows, lids, mouth corners), the scenario's
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

// What the face shows, eased towards the mood's: the brows, the eyelids at rest and the mouth.
struct FaceExpression {
  float browRaise = 0.0f;   // metres up (+) or down (-)
  float browKnit = 0.0f;    // radians: inner ends down (+, displeasure, concentration) or up (-, worry)
  float lid = 0.0f;         // resting eyelid closure, 0 open .. 1 shut
  float mouthCurve = 0.0f;  // radians: corners up (+, a smile) or down (-)
  float mouthWidth = 1.0f;  // a smile widens the mouth, irritation presses it thin
};

struct AnimationInput {
  glm::vec3 lookAt{0.0f, 1.2f, 0.0f};  // world point the character looks at; default the citizen's eyes
  Mood mood = Mood::neutral;
  std::optional<Gesture> gesture;         // the latest one-shot gesture, none yet
  double gestureStart = -1e9;             // seconds, on the same clock as update()
  bool listening = false;                 // nods now and then, and glances at the others
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
  float mouthWidth() const { return face_.mouthWidth; }           // what the mood does to its width
  const FaceExpression& face() const { return face_; }            // what the mood shows now, eased

  // Where the others at the table are (world, their eyes): a listener glances at them now and then.
  void setGlanceTargets(std::vector<glm::vec3> worldPoints);

 private:
  struct Joints {
    int spine = -1, chest = -1, neck = -1, head = -1, jaw = -1, chin = -1, eyeL = -1, eyeR = -1, lidL = -1, lidR = -1;
    int browL = -1, browR = -1, cornerL = -1, cornerR = -1;
    int upperArmR = -1, forearmR = -1, upperArmL = -1, forearmL = -1;
  };
  double nextBlinkAfter(double t);
  std::uint32_t nextGlanceRandom();  // its own sequence, so glances leave the blink rhythm as it was
  glm::vec3 glanceTarget(double t, const AnimationInput& in);
  glm::vec2 saccadeAt(double t);

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
  float moodLean_ = 0.0f, moodTilt_ = 0.0f, moodChin_ = 0.0f;  // the shown mood, eased
  FaceExpression face_;
  float restingLid_ = 0.0f;
  std::vector<glm::vec3> glanceTargets_;
  std::uint64_t glanceRng_ = 0;
  double glanceAt_ = 0.0, glanceUntil_ = -1.0, saccadeAt_ = 0.0;
  int glanceIndex_ = -1;
  glm::vec2 saccade_{0.0f};
  glm::quat headWorld_{1, 0, 0, 0};
};

}  // namespace overum::scene
