// SPDX-License-Identifier: GPL-3.0-or-later
// Procedural animation for seated characters. Every motion is a smooth function of time and the
// character's seed, so runs are reproducible; targets (gaze, mood) are approached with exponential
// smoothing so nothing snaps.
#include <overum/scene/character_animation.h>

#include <algorithm>
#include <cmath>
#include <glm/gtc/constants.hpp>

namespace overum::scene {
namespace {

// 0 outside [start, start + duration], easing in and out over `ease` seconds inside.
float window(double t, double start, double duration, double ease = 0.3) {
  const double local = t - start;
  if (local <= 0.0 || local >= duration) return 0.0f;
  const double edge = std::min({local, duration - local, ease}) / ease;
  return float(edge * edge * (3.0 - 2.0 * edge));
}

// Phase 0..1 of a gesture that lasts `duration`, or -1 when not playing.
double phaseOf(double t, double start, double duration) {
  const double local = t - start;
  return local < 0.0 || local > duration ? -1.0 : local / duration;
}

float approach(float current, float target, float rate, double dt) {
  return target + (current - target) * float(std::exp(-rate * dt));
}

// Each mood must read across a meeting table (about 1.5 m): the whole body says it, and the face
// with brows, lids and mouth corners together, as people read faces.
struct MoodPosture {
  float lean = 0.0f;      // chest pitch forward (+) / back (-)
  float tilt = 0.0f;      // head roll: a warm or worried head tilts
  float nodRate = 1.0f;   // how often they nod while listening
  float chin = 0.0f;      // head pitch down (+, worried, busy) / up (-, irritated)
  FaceExpression face{};  // brows, lids, mouth
};

MoodPosture postureOf(Mood mood) {
  // face: brow raise, brow knit, lid, mouth curve, mouth width
  switch (mood) {
    case Mood::busy: return {0.10f, 0.0f, 0.5f, 0.10f, {-0.001f, 0.16f, 0.12f, -0.12f, 0.92f}};
    case Mood::worried: return {0.07f, 0.16f, 1.2f, 0.12f, {0.004f, -0.32f, 0.2f, -0.4f, 0.86f}};
    case Mood::irritated: return {-0.12f, -0.05f, 0.3f, -0.10f, {-0.004f, 0.4f, 0.32f, -0.3f, 0.76f}};
    case Mood::happy: return {0.06f, 0.09f, 1.4f, -0.03f, {0.004f, -0.04f, 0.12f, 0.62f, 1.22f}};
    case Mood::friendly: return {0.05f, 0.08f, 1.2f, 0.0f, {0.002f, 0.0f, 0.05f, 0.4f, 1.12f}};
    case Mood::neutral: break;
  }
  return {};
}

FaceExpression approach(const FaceExpression& current, const FaceExpression& target, float rate, double dt) {
  return {approach(current.browRaise, target.browRaise, rate, dt),
          approach(current.browKnit, target.browKnit, rate, dt), approach(current.lid, target.lid, rate, dt),
          approach(current.mouthCurve, target.mouthCurve, rate, dt),
          approach(current.mouthWidth, target.mouthWidth, rate, dt)};
}

}  // namespace

CharacterAnimator::CharacterAnimator(const avatar::AvatarModel& model, Pose T_world_figure, std::uint64_t seed)
    : model_(model), T_world_figure_(T_world_figure), rng_(seed * 0x9E3779B97F4A7C15ull + 1) {
  j_.spine = model.findJoint("spine");
  j_.chest = model.findJoint("chest");
  j_.neck = model.findJoint("neck");
  j_.head = model.findJoint("head");
  j_.jaw = model.findJoint("jaw");
  j_.chin = model.findJoint("chin");
  j_.browL = model.findJoint("brow_l");
  j_.browR = model.findJoint("brow_r");
  j_.cornerL = model.findJoint("mouth_corner_l");
  j_.cornerR = model.findJoint("mouth_corner_r");
  j_.eyeL = model.findJoint("eye_l");
  j_.eyeR = model.findJoint("eye_r");
  j_.lidL = model.findJoint("eyelid_l");
  j_.lidR = model.findJoint("eyelid_r");
  j_.upperArmR = model.findJoint("upper_arm_r");
  j_.forearmR = model.findJoint("forearm_r");
  j_.upperArmL = model.findJoint("upper_arm_l");
  j_.forearmL = model.findJoint("forearm_l");
  restGlobal_ = model.globalTransforms({});
  for (const glm::mat4& m : restGlobal_) inverseRest_.push_back(glm::inverse(m));
  skin_.assign(model.joints.size(), glm::mat4(1.0f));
  seedPhase_ = double(rng_ % 997) / 997.0 * glm::two_pi<double>();
  blinkAt_ = nextBlinkAfter(0.0);
  glanceRng_ = rng_ ^ 0xD1B54A32D192ED03ull;
  glanceAt_ = 3.0 + double(nextGlanceRandom() % 5000) / 1000.0;
  nodAt_ = 1.0 + double(rng_ % 1000) / 400.0;
}

double CharacterAnimator::nextBlinkAfter(double t) {
  rng_ = rng_ * 6364136223846793005ull + 1442695040888963407ull;
  return t + 2.0 + double((rng_ >> 33) % 4000) / 1000.0;  // every 2–6 s, like people at rest
}

glm::vec3 CharacterAnimator::headForward() const { return headWorld_ * glm::vec3(0, 0, 1); }

void CharacterAnimator::setGlanceTargets(std::vector<glm::vec3> worldPoints) {
  glanceTargets_ = std::move(worldPoints);
}

std::uint32_t CharacterAnimator::nextGlanceRandom() {
  glanceRng_ = glanceRng_ * 6364136223846793005ull + 1442695040888963407ull;
  return std::uint32_t(glanceRng_ >> 33);
}

glm::vec3 CharacterAnimator::glanceTarget(double t, const AnimationInput& in) {
  // Every 5-12 s a listener looks at one of the others for about a second, then back: people at a
  // table do, and a room where everyone stares at one point reads as staged.
  if (!in.listening || glanceTargets_.empty()) {
    glanceUntil_ = -1.0;
    return in.lookAt;
  }
  if (t >= glanceAt_) {
    const std::size_t pick = nextGlanceRandom() % glanceTargets_.size();
    const bool alreadyThere = glm::length(glanceTargets_[pick] - in.lookAt) < 0.3f;  // then no glance this time
    glanceIndex_ = alreadyThere ? -1 : int(pick);
    glanceUntil_ = t + 0.8 + double(nextGlanceRandom() % 900) / 1000.0;
    glanceAt_ = glanceUntil_ + 5.0 + double(nextGlanceRandom() % 7000) / 1000.0;
  }
  return t < glanceUntil_ && glanceIndex_ >= 0 ? glanceTargets_[std::size_t(glanceIndex_)] : in.lookAt;
}

glm::vec2 CharacterAnimator::saccadeAt(double t) {
  // The eyes never rest quite still: small jumps every half second or so, under a degree.
  if (t >= saccadeAt_) {
    saccade_ = glm::vec2(float(int(nextGlanceRandom() % 41) - 20), float(int(nextGlanceRandom() % 31) - 15)) * 0.0006f;
    saccadeAt_ = t + 0.4 + double(nextGlanceRandom() % 1200) / 1000.0;
  }
  return saccade_;
}

const std::vector<glm::mat4>& CharacterAnimator::update(double t, const AnimationInput& in) {
  const double dt = lastT_ < 0.0 ? 1.0 : std::clamp(t - lastT_, 0.0, 1.0);
  lastT_ = t;
  std::vector<avatar::Joint> locals = model_.joints;
  const auto rotate = [&](int joint, const glm::quat& q) {
    if (joint >= 0) locals[std::size_t(joint)].rotation = q * locals[std::size_t(joint)].rotation;
  };
  const double seedPhase = seedPhase_;
  const MoodPosture mood = postureOf(in.mood);
  const std::optional<Gesture>& g = in.gesture;
  const double gt = in.gestureStart;

  // Breathing and slow posture shifts: sums of incommensurate sines never repeat visibly.
  const float breath = float(std::sin(t * glm::two_pi<double>() / (in.mood == Mood::busy ? 3.2 : 4.3) + seedPhase));
  const float sway = float(0.025 * std::sin(0.13 * t + seedPhase) + 0.015 * std::sin(0.31 * t + 2.0 * seedPhase));
  moodLean_ = approach(moodLean_, mood.lean, 2.0f, dt);  // moods settle over half a second, never snap
  moodTilt_ = approach(moodTilt_, mood.tilt, 2.0f, dt);
  moodChin_ = approach(moodChin_, mood.chin, 2.0f, dt);
  float lean = moodLean_;
  if (g == Gesture::leanIn) lean += 0.12f * window(t, gt, 3.0, 0.5);
  if (g == Gesture::leanBack) lean -= 0.1f * window(t, gt, 3.0, 0.5);
  rotate(j_.spine, glm::angleAxis(sway, glm::vec3(0, 1, 0)));
  rotate(j_.chest, glm::angleAxis(lean - 0.012f * breath, glm::vec3(1, 0, 0)));
  if (j_.chest >= 0) locals[std::size_t(j_.chest)].translation.y += 0.003f * breath;

  // Gaze: the head takes most of the turn, the eyes the rest, each clamped to what a neck and eyes do.
  // A listener glances at the others now and then; the eyes make small saccades all along.
  const glm::vec3 lookAt = glanceTarget(t, in);
  const glm::vec2 saccade = saccadeAt(t);
  const glm::vec3 eyes =
      j_.eyeL >= 0 && j_.eyeR >= 0
          ? 0.5f * (glm::vec3(restGlobal_[std::size_t(j_.eyeL)][3]) + glm::vec3(restGlobal_[std::size_t(j_.eyeR)][3]))
          : glm::vec3(0, 1.25f, 0.1f);
  glm::vec3 toTarget = T_world_figure_.inverse().apply(lookAt) - eyes;
  if (glm::length(toTarget) < 1e-3f) toTarget = {0, 0, 1};
  float yaw = std::atan2(toTarget.x, toTarget.z);
  float pitchDown = std::atan2(-toTarget.y, glm::length(glm::vec2(toTarget.x, toTarget.z)));
  if (g == Gesture::lookAtPapers || g == Gesture::takeNotes) {
    const float w = window(t, gt, 3.0, 0.4);
    yaw *= 1.0f - w;
    pitchDown = pitchDown * (1.0f - w) + 0.55f * w;
  }
  const glm::vec2 headTarget(std::clamp(0.75f * yaw, -1.0f, 1.0f), std::clamp(0.6f * pitchDown, -0.4f, 0.5f));
  headYawPitch_.x = approach(headYawPitch_.x, headTarget.x, 5.0f, dt);
  headYawPitch_.y = approach(headYawPitch_.y, headTarget.y, 5.0f, dt);
  const glm::vec2 eyeTarget(std::clamp(yaw - headYawPitch_.x + saccade.x, -0.4f, 0.4f),
                            std::clamp(pitchDown - headYawPitch_.y + saccade.y, -0.3f, 0.35f));
  eyeYawPitch_.x = approach(eyeYawPitch_.x, eyeTarget.x, 20.0f, dt);
  eyeYawPitch_.y = approach(eyeYawPitch_.y, eyeTarget.y, 20.0f, dt);

  // Nods: now and then while listening, twice for the "nik" gesture; head shakes for "ryst_hovedet".
  float nod = 0.0f, shake = 0.0f;
  if (in.listening && t >= nodAt_) {
    lastNodStart_ = t;
    nodAt_ = t + (3.0 + double((rng_ >> 20) % 3000) / 1000.0) / mood.nodRate;
  }
  if (const double p = phaseOf(t, lastNodStart_, 0.7); p >= 0.0) nod += 0.1f * float(std::sin(glm::pi<double>() * p));
  if (g == Gesture::nod) {
    const double p = phaseOf(t, gt, 1.2);
    if (p >= 0.0) nod += 0.14f * float(std::max(0.0, std::sin(glm::two_pi<double>() * p)));
  }
  if (g == Gesture::shakeHead) {
    const double p = phaseOf(t, gt, 1.4);
    if (p >= 0.0) shake = 0.16f * float(std::sin(glm::two_pi<double>() * 2.0 * p) * std::sin(glm::pi<double>() * p));
  }
  const float smiling = g == Gesture::smile ? window(t, gt, 2.0) : 0.0f;
  const float tilt = moodTilt_ + 0.05f * smiling;
  // The neck takes a share of every turn, so the head turns on it rather than on a stiff post.
  const float neckShare = j_.neck >= 0 ? 1.0f : 0.0f;
  const glm::quat neckTurn = glm::angleAxis(neckShare * 0.4f * headYawPitch_.x, glm::vec3(0, 1, 0)) *
                             glm::angleAxis(neckShare * 0.35f * headYawPitch_.y, glm::vec3(1, 0, 0));
  const glm::quat headTurn =
      glm::angleAxis((1.0f - neckShare * 0.4f) * headYawPitch_.x + shake, glm::vec3(0, 1, 0)) *
      glm::angleAxis((1.0f - neckShare * 0.35f) * headYawPitch_.y + nod + moodChin_, glm::vec3(1, 0, 0)) *
      glm::angleAxis(tilt, glm::vec3(0, 0, 1));
  // The chest's lean would tip the head too; the neck (or head) compensates so gaze stays on target.
  const glm::quat unlean = glm::angleAxis(-(lean - 0.012f * breath), glm::vec3(1, 0, 0));
  if (j_.neck >= 0) {
    rotate(j_.neck, unlean * neckTurn);
    rotate(j_.head, headTurn);
  } else {
    rotate(j_.head, unlean * headTurn);
  }
  const glm::quat eyeTurn =
      glm::angleAxis(eyeYawPitch_.x, glm::vec3(0, 1, 0)) * glm::angleAxis(eyeYawPitch_.y, glm::vec3(1, 0, 0));
  rotate(j_.eyeL, eyeTurn);
  rotate(j_.eyeR, eyeTurn);

  // Blinks: 150 ms, lids swing down over the eyes from their resting (mood) closure.
  if (t >= blinkAt_ + 0.15) blinkAt_ = nextBlinkAfter(t);
  const double blinkPhase = phaseOf(t, blinkAt_, 0.15);
  const float blink = blinkPhase < 0.0 ? 0.0f : float(1.0 - std::abs(blinkPhase * 2.0 - 1.0));
  face_ = approach(face_, mood.face, 2.0f, dt);  // moods settle over half a second, never snap
  restingLid_ = approach(restingLid_, mood.face.lid - 0.06f * smiling, 3.0f, dt);
  lidClosure_ = std::max(restingLid_, blink);
  const glm::quat lid = glm::angleAxis(lidClosure_ * glm::half_pi<float>(), glm::vec3(1, 0, 0));
  rotate(j_.lidL, lid);
  rotate(j_.lidR, lid);

  // The mouth takes the line's visemes, or opens with its loudness where it has none (a line without
  // a voice); a smile widens it. Visemes come blended already: easing them again would keep a short p
  // from closing the lips.
  if (in.visemeMouth) {
    speechMouth_ = *in.visemeMouth;
  } else {
    speechMouth_.open = approach(speechMouth_.open, std::clamp(in.mouthOpen, 0.0f, 1.0f), 30.0f, dt);
    speechMouth_.width = approach(speechMouth_.width, 1.0f, 30.0f, dt);
    speechMouth_.closure = approach(speechMouth_.closure, 0.0f, 30.0f, dt);
  }
  // The mouth is a dark ellipsoid just proud of the face: its height is the jaw (pressed to a line
  // for p, b, m), its width the lips. Opening it, and rounding the lips, brings it forward, or the
  // curve of the face would hide most of an open mouth. Its corners follow its ends, and curl up
  // for a smile or down for worry and displeasure.
  const float mouthScale = (face_.mouthWidth + 0.1f * smiling) * speechMouth_.width;
  const float jawDrop = 0.006f * speechMouth_.open;
  if (j_.jaw >= 0) {
    const float height = (1.0f + 2.8f * speechMouth_.open) * (1.0f - 0.5f * speechMouth_.closure);
    const float depth = 1.0f + 1.5f * speechMouth_.open + 1.5f * std::max(0.0f, 1.0f - speechMouth_.width);
    locals[std::size_t(j_.jaw)].scale = glm::vec3(mouthScale, height, depth);
    locals[std::size_t(j_.jaw)].translation.y -= jawDrop;
  }
  // The lower lip and the chin go down with the jaw, so the opening shows between the lips.
  if (j_.chin >= 0) locals[std::size_t(j_.chin)].translation.y -= 2.0f * jawDrop;
  const float curve = face_.mouthCurve + 0.5f * smiling;
  for (const auto& [corner, side] : {std::pair{j_.cornerL, 1.0f}, std::pair{j_.cornerR, -1.0f}}) {
    if (corner < 0) continue;
    locals[std::size_t(corner)].translation.x += restGlobal_[std::size_t(corner)][3].x * (mouthScale - 1.0f);
    locals[std::size_t(corner)].translation.y -= jawDrop;
    rotate(corner, glm::angleAxis(side * curve, glm::vec3(0, 0, 1)));
  }
  // Brows: raised by surprise, warmth or worry; knitted (inner ends down and together) by displeasure
  // or concentration; a worried brow lifts its inner ends instead.
  for (const auto& [brow, side] : {std::pair{j_.browL, 1.0f}, std::pair{j_.browR, -1.0f}}) {
    if (brow < 0) continue;
    locals[std::size_t(brow)].translation.y += face_.browRaise + 0.002f * smiling;
    locals[std::size_t(brow)].translation.x -= side * 0.008f * std::max(0.0f, face_.browKnit);
    rotate(brow, glm::angleAxis(side * face_.browKnit, glm::vec3(0, 0, 1)));
  }

  // Arms: a raised hand, or writing.
  if (g == Gesture::handUp) {
    const float w = window(t, gt, 2.0, 0.4);
    rotate(j_.upperArmR, glm::angleAxis(-1.1f * w, glm::vec3(1, 0, 0)));
    rotate(j_.forearmR, glm::angleAxis(-0.6f * w, glm::vec3(1, 0, 0)));
  }
  if (g == Gesture::takeNotes) {
    const float w = window(t, gt, 3.0, 0.4);
    rotate(j_.forearmR, glm::angleAxis(0.05f * w * float(std::sin(t * 14.0)), glm::vec3(0, 1, 0)));
  }

  const std::vector<glm::mat4> global = model_.globalTransforms(locals);
  for (std::size_t i = 0; i < global.size(); ++i) skin_[i] = global[i] * inverseRest_[i];
  if (j_.head >= 0) headWorld_ = T_world_figure_.orientation * glm::quat_cast(glm::mat3(global[std::size_t(j_.head)]));
  return skin_;
}

}  // namespace overum::scene
