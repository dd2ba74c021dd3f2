// SPDX-License-Identifier: GPL-3.0-or-later
// Hands at rest on the table: a wrist, a flat palm, four fingers that curl down to the table top and
// a thumb on the inner side. They ride on the forearm, so a raised or writing arm takes its hand along.
#include "figure_parts.h"

#include <cmath>

namespace overum::avatar {
namespace {

constexpr float kTableTop = 0.742f;  // just proud of a 0.74 m table, so fingertips never sink in

// Turns a direction in the table's plane about the vertical.
glm::vec3 turned(glm::vec3 v, float radians) {
  const float c = std::cos(radians), s = std::sin(radians);
  return {c * v.x + s * v.z, v.y, -s * v.x + c * v.z};
}

}  // namespace

void addHand(FigureBuilder& b, const AvatarStyle& s, std::string_view forearm, glm::vec3 elbow, glm::vec3 wrist,
             float side) {
  const float k = s.handSize;
  const glm::vec3 up(0, 1, 0);
  const glm::vec3 forward = glm::normalize(glm::vec3(wrist.x - elbow.x, 0.0f, wrist.z - elbow.z));
  // Towards the thumb: the body's middle, for either hand.
  const glm::vec3 inner = side * glm::cross(forward, up);
  const glm::vec3 skin = s.skin;
  const glm::vec3 knuckleShade = s.skin * 0.93f;

  b.limb(forearm, wrist - forward * 0.035f, wrist + forward * 0.01f - up * 0.002f, 0.024f * k, skin, 10, 6);
  // The palm: a flat rounded plate held just off the table; fingertips and thumb rest on it.
  const glm::vec3 palm = glm::vec3(wrist.x, kTableTop + 0.0045f + 0.0135f * k, wrist.z) + forward * 0.045f * k;
  const glm::quat palmTurn = glm::quat_cast(glm::mat3(glm::cross(up, forward), up, forward));
  b.shape(forearm, palm, glm::vec3(0.036f, 0.0135f, 0.048f) * k, skin, 0.55f, 12, 8, palmTurn);

  // Index to little finger: where they leave the palm (across), how long, how far they fan out.
  struct Finger {
    float across, length, fan;
  };
  constexpr Finger kFingers[] = {
      {0.0245f, 0.076f, 0.07f}, {0.0083f, 0.084f, 0.0f}, {-0.0083f, 0.079f, -0.07f}, {-0.0235f, 0.063f, -0.16f}};
  const float radius = 0.0082f * k;
  for (const Finger& finger : kFingers) {
    const glm::vec3 along = turned(forward, side * finger.fan);
    const glm::vec3 knuckle =
        glm::vec3(palm.x, kTableTop + 0.02f * k, palm.z) + forward * 0.04f * k + inner * finger.across * k;
    const float length = finger.length * k;
    // Relaxed: the first joint runs nearly level, the rest curls down so the tip rests on the table.
    const glm::vec3 middle = knuckle + along * length * 0.5f - up * 0.007f * k;
    const glm::vec3 tip = middle + along * length * 0.4f + glm::vec3(0, kTableTop + radius * 0.7f - middle.y, 0);
    // Fingers are a few pixels wide across the table: six sides are plenty, eight where the tip rests.
    b.shape(forearm, knuckle - forward * 0.004f, glm::vec3(radius * 1.15f), knuckleShade, 1.0f, 6, 4);
    b.limb(forearm, knuckle, middle, radius, skin, 6, 5);
    b.limb(forearm, middle, tip, radius * 0.92f, skin, 8, 6);
  }
  // The thumb: from the heel of the palm, forwards and in, lying on its side.
  const glm::vec3 thumbBase =
      glm::vec3(wrist.x, kTableTop + 0.018f * k, wrist.z) + forward * 0.022f * k + inner * 0.03f * k;
  const glm::vec3 thumbMiddle = thumbBase + (forward * 0.036f + inner * 0.02f) * k - up * 0.004f * k;
  const glm::vec3 thumbTip = thumbMiddle + (forward * 0.03f + inner * 0.004f) * k;
  b.limb(forearm, thumbBase, thumbMiddle, 0.0105f * k, skin, 6, 5);
  b.limb(forearm, thumbMiddle, glm::vec3(thumbTip.x, kTableTop + 0.009f * k, thumbTip.z), 0.0092f * k, skin, 6, 5);
}

}  // namespace overum::avatar
