// SPDX-License-Identifier: GPL-3.0-or-later
// The stylised seated figure: its skeleton, body and clothes (collars, lapels, sleeves). Hands, head
// and hair are in their own files. The figure sits on a 46 cm seat facing +Z, hands on a 74 cm table.
#include "figure_parts.h"

#include <algorithm>
#include <cmath>

namespace overum::avatar {
namespace {

// A superquadric of the body; its front surface is where collars and lapels lie.
struct Rounded {
  glm::vec3 centre, radii;
  float exponent;
  float frontZ(float x, float y) const {
    const float e = 2.0f / exponent;
    const float rest = 1.0f - std::pow(std::abs(x / radii.x), e) - std::pow(std::abs((y - centre.y) / radii.y), e);
    return centre.z + radii.z * std::pow(std::max(rest, 0.0f), exponent / 2.0f);  // outside: its outline
  }
};

// The torso: a chest, shoulders, and the muscles that rise from them to the neck.
struct Torso {
  Rounded chest, shoulders, trapezius;
  glm::vec3 front(float x, float y, float lift = 0.0f) const {
    return {x, y, std::max({chest.frontZ(x, y), shoulders.frontZ(x, y), trapezius.frontZ(x, y)}) + lift};
  }
};

glm::vec3 shade(glm::vec3 c, float f) { return c * f; }

// The neckline of each garment: what at the table reads as "shirt", "jumper", "blazer" or "white coat".
void addNeckline(FigureBuilder& b, const AvatarStyle& s, const Torso& torso, float neckBaseY) {
  const float y = neckBaseY;
  const auto shirtCollar = [&](glm::vec3 color) {
    // A stand collar round the neck, lower in front, and two points lying on the chest.
    b.ring("chest", {0, y + 0.012f, 0.004f}, {0, 1, 0.45f}, 0.054f, 0.011f, color, 24, 6);
    for (float side : {1.0f, -1.0f}) {
      // Each point a four-cornered piece of cloth lying on the chest: from the neck out and down to its tip.
      // A shadow just below it, where the light does not reach, lets a white collar on a white shirt show.
      const glm::vec2 neckInner(0.014f, y - 0.002f), neckOuter(0.056f, y - 0.002f);
      const glm::vec2 tipInner(0.03f, y - 0.056f), tipOuter(0.06f, y - 0.044f);
      const auto point = [&](float u, float v, glm::vec2 shift, float above) {
        const glm::vec2 p = glm::mix(glm::mix(neckInner, neckOuter, u), glm::mix(tipInner, tipOuter, u), v) + shift;
        return torso.front(side * p.x, p.y, above);
      };
      b.sheet(
          "chest",
          [&](float u, float v) {
            return point(u, v, {0.004f, -0.007f}, 0.0015f);
          },
          {side * 0.2f, 0.3f, 1.0f}, color * 0.4f, 5, 3);
      b.sheet(
          "chest", [&](float u, float v) { return point(u, v, {}, 0.004f + 0.003f * (1.0f - v)); },
          {side * 0.2f, 0.3f, 1.0f}, color, 5, 3);
    }
  };
  switch (s.garment) {
    case Garment::shirt:
      shirtCollar(shade(s.top, 0.9f));
      // The open neck below the collar, and the button placket down the front.
      b.sheet(
          "chest",
          [&](float u, float v) {
            const float below = 0.055f * v;
            return torso.front((u - 0.5f) * 0.05f * (1.0f - v), y + 0.004f - below, 0.0025f);
          },
          {0, 0, 1}, s.skin, 4, 4);
      b.sheet(
          "chest", [&](float u, float v) { return torso.front((u - 0.5f) * 0.018f, y - 0.05f - 0.26f * v, 0.0025f); },
          {0, 0, 1}, shade(s.top, 0.86f), 10, 1);
      break;
    case Garment::knit:
    case Garment::tshirt:
      // A ribbed round neck.
      b.ring("chest", {0, y + 0.004f, 0.0f}, {0, 1, 0.3f}, 0.062f, s.garment == Garment::knit ? 0.013f : 0.008f,
             shade(s.top, 0.8f), 24, 6);
      break;
    case Garment::blazer:
    case Garment::coat: {
      // The shirt in a V below the neck, its collar, and the lapels along the V's edges.
      constexpr float kDepth = 0.2f, kOpen = 0.075f, kLapel = 0.048f;
      b.sheet(
          "chest",
          [&](float u, float v) {
            return torso.front((u - 0.5f) * 2.0f * kOpen * (1.0f - v), y + 0.01f - kDepth * v, 0.003f);
          },
          {0, 0, 1}, s.under, 10, 6);
      b.ring("chest", {0, y + 0.012f, 0.004f}, {0, 1, 0.45f}, 0.054f, 0.011f, s.under, 24, 6);
      for (float side : {1.0f, -1.0f})
        b.sheet(
            "chest",
            [&](float u, float v) {
              const float inner = kOpen * (1.0f - v), width = kLapel * (1.0f - 0.55f * v);
              return torso.front(side * (inner + width * u), y + 0.01f - kDepth * v, 0.006f);
            },
            {0, 0, 1}, shade(s.top, 0.78f), 10, 3);
      break;
    }
  }
  if (s.necklace) {
    // A chain hanging in a curve over the chest from the sides of the neck, and a pendant.
    constexpr float kDrop = 0.065f;
    b.sheet(
        "chest",
        [&](float u, float v) {
          const float a = (v - 0.5f) * 2.4f;  // radians round the curve
          const float x = 0.07f * std::sin(a), below = kDrop * std::cos(a * 0.8f) - 0.004f * u;
          return torso.front(x, y - 0.004f - below + kDrop * 0.35f, 0.004f);
        },
        {0, 0, 1}, s.metal, 20, 1);
    b.shape("chest", torso.front(0, y - 0.004f - kDrop * 0.65f - 0.012f, 0.007f), glm::vec3(0.0075f), s.metal, 1.0f, 8,
            6);
  }
}

}  // namespace

AvatarModel buildAvatar(const AvatarStyle& s, std::string name) {
  AvatarModel m;
  m.name = std::move(name);
  FigureBuilder b(m);
  const float sw = s.shoulderWidth, h = s.height, bw = s.bodyWidth;
  auto up = [h](float y) { return 0.5f + (y - 0.5f) * h; };  // stretch everything above the seat

  FigureLayout f;
  f.headCentre = {0, up(1.275f), 0.01f};
  f.craniumCentre = f.headCentre + glm::vec3(0, 0.006f, -0.002f);
  f.craniumRadii = {0.078f, 0.12f, 0.1f};
  f.eyeY = f.headCentre.y + 0.015f;
  f.eyeX = 0.033f;
  f.eyeZ = f.faceFrontZ(f.eyeX, f.eyeY) - 0.002f;
  f.mouth = {0, f.headCentre.y - 0.064f, 0.0f};
  f.mouth.z = f.faceFrontZ(0, f.mouth.y) - 0.004f;
  f.mouthHalfWidth = 0.022f;

  b.joint("hips", "", {0, 0.50f, 0});
  b.joint("spine", "hips", {0, up(0.58f), 0});
  b.joint("chest", "spine", {0, up(0.86f), 0});
  b.joint("neck", "chest", {0, up(1.07f), 0.0f});
  b.joint("head", "neck", {0, up(1.16f), 0.01f});
  b.joint("eye_l", "head", {f.eyeX, f.eyeY, f.eyeZ});
  b.joint("eye_r", "head", {-f.eyeX, f.eyeY, f.eyeZ});
  b.joint("eyelid_l", "head", {f.eyeX, f.eyeY, f.eyeZ});
  b.joint("eyelid_r", "head", {-f.eyeX, f.eyeY, f.eyeZ});
  b.joint("jaw", "head", f.mouth);
  b.joint("chin", "head", f.mouth);  // the lower lip and chin drop with it as the mouth opens
  for (float side : {1.0f, -1.0f}) {
    const float x = side * (f.eyeX + 0.002f), y = f.eyeY + 0.027f;
    b.joint(side > 0 ? "brow_l" : "brow_r", "head", {x, y, f.faceFrontZ(x, y) + 0.001f});
  }
  for (float side : {1.0f, -1.0f})
    b.joint(side > 0 ? "mouth_corner_l" : "mouth_corner_r", "head",
            f.mouth + glm::vec3(side * f.mouthHalfWidth * 0.8f, 0, -0.0015f));
  const float shoulderY = up(1.02f);
  b.joint("upper_arm_l", "chest", {0.19f * sw, shoulderY, 0});
  b.joint("forearm_l", "upper_arm_l", {0.23f * sw, 0.80f, 0.10f});
  b.joint("upper_arm_r", "chest", {-0.19f * sw, shoulderY, 0});
  b.joint("forearm_r", "upper_arm_r", {-0.23f * sw, 0.80f, 0.10f});
  b.joint("thigh_l", "hips", {0.10f * bw, 0.50f, 0});
  b.joint("thigh_r", "hips", {-0.10f * bw, 0.50f, 0});

  // Legs: mostly under the table, but seen from the side.
  for (const char* side : {"l", "r"}) {
    const float x = (side[0] == 'l' ? 0.10f : -0.10f) * bw;
    const std::string thigh = std::string("thigh_") + side;
    b.limb(thigh, {x, 0.52f, 0.02f}, {x, 0.53f, 0.42f}, 0.075f * bw, s.trousers, 10, 6);
    b.limb(thigh, {x, 0.50f, 0.44f}, {x, 0.08f, 0.46f}, 0.06f, s.trousers, 10, 6);
    b.shape(thigh, {x, 0.04f, 0.52f}, {0.05f, 0.04f, 0.11f}, glm::vec3(0.08f, 0.07f, 0.07f), 0.7f, 10, 8);
  }
  // Torso: a waist narrower than the shoulders, which slope down from the neck.
  const glm::vec3 top = s.top;
  const Torso torso{{{0, up(0.83f), -0.01f}, {0.168f * sw * bw, 0.25f * h, 0.112f * bw}, 0.6f},
                    {{0, up(1.005f), -0.014f}, {0.2f * sw, 0.09f, 0.102f * bw}, 0.9f},
                    {{0, up(1.06f), -0.022f}, {0.115f * sw, 0.05f, 0.078f}, 1.0f}};
  b.shape("spine", {0, up(0.60f), 0.0f}, {0.16f * bw, 0.12f, 0.125f * bw}, s.trousers, 0.6f);
  b.shape("chest", torso.chest.centre, torso.chest.radii, top, torso.chest.exponent, 24, 16);
  b.shape("chest", torso.shoulders.centre, torso.shoulders.radii, top, torso.shoulders.exponent, 24, 12);
  b.shape("chest", torso.trapezius.centre, torso.trapezius.radii, top, torso.trapezius.exponent, 16, 8);
  const float neckBaseY = up(1.1f);
  b.limb("neck", {0, up(1.03f), -0.005f}, {0, up(1.19f), 0.0f}, 0.051f + 0.004f * (sw - 0.9f) / 0.16f, s.skin);
  addNeckline(b, s, torso, neckBaseY);

  addHead(b, s, f);
  addHair(b, s, f);

  // Arms resting on the table (top at 0.74 m), hands in front: sleeves to the wrist, or short ones.
  for (float side : {1.0f, -1.0f}) {
    const std::string upper = side > 0 ? "upper_arm_l" : "upper_arm_r";
    const std::string fore = side > 0 ? "forearm_l" : "forearm_r";
    const glm::vec3 shoulder(side * 0.19f * sw, shoulderY, 0), elbow(side * 0.23f * sw, 0.80f, 0.10f);
    const glm::vec3 wrist(side * 0.14f, 0.775f, 0.36f);
    const glm::vec3 forward = glm::normalize(wrist - elbow);
    b.shape("chest", shoulder + glm::vec3(-side * 0.01f, -0.018f, 0), glm::vec3(0.05f * sw), top, 1.0f, 10, 6);
    if (s.garment == Garment::tshirt) {
      const glm::vec3 sleeveEnd = glm::mix(shoulder, elbow, 0.45f);
      b.limb(upper, shoulder, sleeveEnd, 0.05f, top);
      b.limb(upper, sleeveEnd, elbow, 0.04f, s.skin);
      b.limb(fore, elbow, wrist - forward * 0.02f, 0.035f, s.skin);
    } else {
      b.limb(upper, shoulder, elbow, 0.044f, top);
      b.limb(fore, elbow, wrist - forward * 0.045f, 0.037f, top);
      b.ring(fore, wrist - forward * 0.035f, forward, 0.026f, 0.008f,
             s.garment == Garment::knit ? shade(top, 0.8f) : top, 14, 6);
    }
    addHand(b, s, fore, elbow, wrist, side);
    // A raised hand bends the arm at the shoulder and the elbow, not between two rigid pieces.
    b.bend(upper, "chest", shoulder, glm::normalize(shoulder - elbow), 0.04f, 0.12f);
    b.bend(fore, upper, elbow, -forward, 0.035f, 0.1f);
  }

  // Where the body bends, the skin follows both sides (smooth skinning), so a turned head or a lean
  // shows no seam: the neck is held by the chest at its base and by the head at the top, long hair
  // rests on the shoulders, the chest meets the waist. (The arms bend where they are made, above.)
  const glm::vec3 down(0, -1, 0), neckAt(0, up(1.07f), 0), headAt(0, up(1.16f), 0.01f);
  b.bend("neck", "chest", neckAt, down, 0.035f, 0.15f);
  b.bend("neck", "head", headAt, -down, 0.035f, 0.15f);
  b.bend("head", "chest", neckAt, down, 0.05f, 0.4f);
  b.bend("chest", "spine", {0, up(0.66f), 0}, down, 0.06f, 0.3f);
  // Speech: the lower lip and the chin go down with the opening mouth, the upper lip stays.
  b.bend("head", "chin", f.mouth + glm::vec3(0, -0.003f, 0), down, 0.005f, 0.06f);
  return m;
}

namespace {

// Below the eyes the head narrows to the jaw; the chin comes forward and the back of the head tucks
// in to the nape. `height` is the direction's height on the unit sphere (1 at the crown).
float jawWidth(float height) { return 1.0f - 0.2f * glm::smoothstep(-0.1f, -1.0f, height); }
float frontDepth(float height) { return 1.0f + 0.05f * glm::smoothstep(-0.35f, -0.85f, height); }
float backDepth(float height) { return 1.0f - 0.12f * glm::smoothstep(-0.2f, -0.9f, height); }

}  // namespace

glm::vec3 FigureLayout::skullPoint(glm::vec3 unit) const {
  const float depth = unit.z >= 0.0f ? frontDepth(unit.y) : backDepth(unit.y);
  return craniumCentre + glm::vec3(unit.x * jawWidth(unit.y), unit.y, unit.z * depth) * craniumRadii;
}

float FigureLayout::faceFrontZ(float x, float y) const {
  // skullPoint inverted for the front: the height fixes the width and depth, the rest is the sphere's.
  const float height = std::clamp((y - craniumCentre.y) / craniumRadii.y, -1.0f, 1.0f);
  const float across = (x - craniumCentre.x) / (craniumRadii.x * jawWidth(height));
  const float rest = 1.0f - across * across - height * height;
  return craniumCentre.z + craniumRadii.z * frontDepth(height) * std::sqrt(std::max(rest, 0.0f));
}

}  // namespace overum::avatar
