// SPDX-License-Identifier: GPL-3.0-or-later
// The generated figure's parts (internal to the avatar library): build_avatar.cpp lays out the
// skeleton and body, and hands, head and hair dress it at the places recorded in FigureLayout.
#pragma once
#include "figure_builder.h"

namespace overum::avatar {

// Where the skeleton put things, in model space (metres; +Y up, facing +Z).
struct FigureLayout {
  glm::vec3 headCentre{0.0f};  // middle of the skull
  // The skull: an ellipsoid (which the hair covers) whose lower half narrows to the jaw and whose
  // chin comes forward, so the face is one smooth shape.
  glm::vec3 craniumCentre{0.0f}, craniumRadii{0.0f};
  float eyeY = 0.0f, eyeX = 0.0f, eyeZ = 0.0f;
  glm::vec3 mouth{0.0f};  // middle of the closed mouth
  float mouthHalfWidth = 0.0f;

  // The skull's surface in the direction `unit` from its centre.
  glm::vec3 skullPoint(glm::vec3 unit) const;
  // How far forward the face's surface is at (x, y): features sit on it.
  float faceFrontZ(float x, float y) const;
};

// Fingers and thumb resting on the table, bound to the forearm; side +1 for the left hand (at +X).
void addHand(FigureBuilder& b, const AvatarStyle& s, std::string_view forearm, glm::vec3 elbow, glm::vec3 wrist,
             float side);

// Skull, ears, eyes, lids, brows, nose and mouth (with its corners), glasses and earrings.
void addHead(FigureBuilder& b, const AvatarStyle& s, const FigureLayout& f);

// The hair by style: a cap with a hairline (never a helmet), curls, a fall of long hair, a bun or a tail.
void addHair(FigureBuilder& b, const AvatarStyle& s, const FigureLayout& f);

}  // namespace overum::avatar
