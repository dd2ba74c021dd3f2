// SPDX-License-Identifier: GPL-3.0-or-later
// The head: a skull of cranium and jaw, ears, eyes with lids and lash lines, brows and mouth corners
// on their own joints (so moods move them), a nose, lips, and glasses and earrings when the cast says so.
// Sizes are a real adult's, features a little bolder so they read across a meeting table.
#include "figure_parts.h"

#include <glm/gtc/constants.hpp>

namespace overum::avatar {
namespace {

const glm::vec3 kMouthColor(0.12f, 0.03f, 0.03f);

void addEye(FigureBuilder& b, const AvatarStyle& s, const FigureLayout& f, float side) {
  const char* eye = side > 0 ? "eye_l" : "eye_r";
  const char* lid = side > 0 ? "eyelid_l" : "eyelid_r";
  const glm::vec3 at(side * f.eyeX, f.eyeY, f.eyeZ);
  b.shape(eye, at, {0.0165f, 0.0125f, 0.011f}, glm::vec3(0.8f, 0.78f, 0.74f), 1.0f, 12, 8);
  b.shape(eye, at + glm::vec3(0, 0, 0.0078f), {0.0078f, 0.0078f, 0.0042f}, glm::vec3(0.07f, 0.045f, 0.03f), 1.0f, 8, 4);
  // The upper lid rests above the eye; blinking and moods swing its joint down over it. Its lower edge
  // carries the lash line, which gives the eye its shape at a distance.
  b.shape(lid, at + glm::vec3(0, 0.0185f, 0.001f), {0.0195f, 0.0085f, 0.0138f}, s.skin * 0.96f, 1.0f, 12, 6);
  b.shape(lid, at + glm::vec3(0, 0.0104f, 0.0086f), {0.0172f, 0.0019f, 0.0034f}, glm::vec3(0.04f, 0.03f, 0.03f), 1.0f,
          8, 4);
  b.shape("head", at + glm::vec3(0, -0.0125f, 0.0025f), {0.018f, 0.0045f, 0.0095f}, s.skin * 0.95f, 1.0f, 8, 4);
  // The brow: an arch, lower at its outer end, darker than the hair so grey and blond brows still show.
  const char* brow = side > 0 ? "brow_l" : "brow_r";
  const glm::quat arch = glm::angleAxis(side * -0.14f, glm::vec3(0, 0, 1));
  const glm::vec3 browAt(side * (f.eyeX + 0.002f), f.eyeY + 0.027f, f.faceFrontZ(side * f.eyeX, f.eyeY + 0.027f));
  b.shape(brow, browAt + glm::vec3(0, 0, 0.002f), {0.0195f, 0.0046f, 0.0055f}, s.hair * 0.7f, 0.8f, 10, 6, arch);
}

void addNoseAndMouth(FigureBuilder& b, const AvatarStyle& s, const FigureLayout& f) {
  const glm::vec3 nose = s.skin * 0.98f;
  const float tipY = f.eyeY - 0.043f;
  b.limb("head", {0, f.eyeY - 0.004f, f.faceFrontZ(0, f.eyeY) - 0.004f},
         {0, tipY + 0.004f, f.faceFrontZ(0, tipY) + 0.013f}, 0.0085f, nose, 8, 6);
  b.shape("head", {0, tipY, f.faceFrontZ(0, tipY) + 0.015f}, {0.0115f, 0.0095f, 0.0105f}, nose, 1.0f, 10, 8);
  for (float side : {1.0f, -1.0f})
    b.shape("head", {side * 0.0095f, tipY - 0.004f, f.faceFrontZ(side * 0.0095f, tipY) + 0.003f},
            {0.0072f, 0.0062f, 0.0065f}, nose * 0.97f, 1.0f, 8, 6);

  // Lips around the mouth, the mouth itself on the jaw (speech scales it), its corners on their own
  // joints: up for a smile, down for worry or displeasure.
  const glm::vec3 lips = glm::mix(s.skin, glm::vec3(0.45f, 0.12f, 0.12f), 0.22f) * 0.92f;
  b.shape("head", f.mouth + glm::vec3(0, -0.0005f, -0.004f), {f.mouthHalfWidth + 0.005f, 0.0105f, 0.009f}, lips, 1.0f,
          12, 8);
  b.shape("jaw", f.mouth, {f.mouthHalfWidth, 0.0042f, 0.0085f}, kMouthColor, 1.0f, 12, 6);
  for (float side : {1.0f, -1.0f}) {
    const glm::vec3 pivot = f.mouth + glm::vec3(side * f.mouthHalfWidth * 0.8f, 0, -0.0015f);
    b.shape(side > 0 ? "mouth_corner_l" : "mouth_corner_r", pivot + glm::vec3(side * 0.0075f, 0, 0),
            {0.0085f, 0.0026f, 0.0075f}, kMouthColor, 1.0f, 8, 4);
  }
}

void addGlasses(FigureBuilder& b, const AvatarStyle& s, const FigureLayout& f) {
  const float rim = 0.0195f, z = f.eyeZ + 0.017f, y = f.eyeY + 0.001f;
  for (float side : {1.0f, -1.0f}) {
    b.ring("head", {side * f.eyeX, y, z}, {0, 0, 1}, rim, 0.0028f, s.frames, 20, 5);
    b.limb("head", {side * (f.eyeX + rim), y + 0.004f, z - 0.002f},
           {side * (f.craniumRadii.x + 0.004f), y + 0.004f, f.headCentre.z - 0.012f}, 0.0019f, s.frames, 6, 4);
  }
  b.limb("head", {f.eyeX - rim, y + 0.005f, z + 0.001f}, {-(f.eyeX - rim), y + 0.005f, z + 0.001f}, 0.0022f, s.frames,
         6, 4);
}

}  // namespace

void addHead(FigureBuilder& b, const AvatarStyle& s, const FigureLayout& f) {
  b.surface(
      "head", f.craniumCentre, [&](glm::vec3 unit) { return f.skullPoint(unit); }, s.skin, 28, 20);
  for (float side : {1.0f, -1.0f}) {
    const glm::vec3 ear(side * (f.craniumRadii.x - 0.003f), f.headCentre.y - 0.004f, f.headCentre.z - 0.014f);
    b.shape("head", ear, {0.011f, 0.028f, 0.017f}, s.skin * 0.95f, 1.0f, 8, 6,
            glm::angleAxis(-0.2f, glm::vec3(1, 0, 0)));
    if (s.earrings)
      b.shape("head", ear + glm::vec3(side * 0.004f, -0.03f, 0.004f), glm::vec3(0.0045f), s.metal, 1.0f, 6, 4);
    addEye(b, s, f, side);
  }
  addNoseAndMouth(b, s, f);
  if (s.glasses) addGlasses(b, s, f);
}

}  // namespace overum::avatar
