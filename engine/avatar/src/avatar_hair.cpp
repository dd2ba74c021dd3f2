// SPDX-License-Identifier: GPL-3.0-or-later
// Hair by style, never a helmet: a cap with a hairline (higher at the forehead, down to the nape,
// sideburns by the ears), thin where it meets the skin, tufts or curls in its surface, and for long
// hair, tails and buns the hair that falls or is gathered beyond the skull.
#include "figure_parts.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/constants.hpp>

namespace overum::avatar {
namespace {

// The polar angle (from the crown) of the hairline at forehead, temples and nape, blended round the head.
float hairlineAt(float u, float front, float side, float back) {
  const float c = std::cos(u);
  return c >= 0.0f ? side + (front - side) * c * c : side + (back - side) * c * c;
}

// How a cap stands off the skull: `thickness` over the crown, thinning to the hairline, plus tufts.
HairShell cap(const FigureLayout& f, float front, float side, float back, float thickness, float tufts, float parting) {
  HairShell shell;
  shell.centre = f.craniumCentre;
  shell.radii = f.craniumRadii;
  // A parting sweeps the fringe to one side: the hairline dips lower over one brow; tufts make the
  // edge of the fringe uneven rather than a cut line.
  shell.hairline = [=](float u) {
    const float sweep = parting * std::max(0.0f, std::sin(u)) * std::max(0.0f, std::cos(u));
    const float uneven = tufts * 2.5f * std::sin(17.0f * u) * std::max(0.0f, std::cos(u));
    return hairlineAt(u, front, side, back) + sweep + uneven;
  };
  shell.lift = [=, hairline = shell.hairline](float u, float v) {
    const float fromEdge = hairline(u) - v;
    const float body = thickness * (0.15f + 0.85f * glm::smoothstep(0.0f, 0.55f, fromEdge));
    const float texture = tufts * (std::sin(7.0f * u + 1.3f) * std::sin(9.0f * v) +
                                   0.6f * std::sin(13.0f * u + 0.4f) * std::sin(5.0f * v + 2.0f));
    return body + texture * glm::smoothstep(0.0f, 0.25f, fromEdge);
  };
  return shell;
}

void addCurls(FigureBuilder& b, const AvatarStyle& s, const FigureLayout& f) {
  HairShell shell = cap(f, 0.72f, 1.62f, 2.25f, 0.26f, 0.0f, 0.0f);
  const auto body = shell.lift;
  // Curls: many small bumps of different sizes, so the outline is soft and round.
  shell.lift = [=, hairline = shell.hairline](float u, float v) {
    const float bumps = 0.045f * std::sin(11.0f * u) * std::sin(13.0f * v + 0.7f) +
                        0.03f * std::sin(17.0f * u + 2.1f) * std::sin(19.0f * v) +
                        0.02f * std::sin(23.0f * u + 0.5f) * std::sin(7.0f * v + 1.1f);
    return body(u, v) + bumps * glm::smoothstep(0.0f, 0.2f, hairline(u) - v);
  };
  b.hair("head", shell, s.hair, 48, 22);
}

void addLongFall(FigureBuilder& b, const AvatarStyle& s, const FigureLayout& f) {
  const glm::vec3 c = f.craniumCentre;
  // Down the back to the shoulders, and a lock each side framing the face, behind the cheeks.
  b.shape("head", c + glm::vec3(0, -0.135f, -0.055f), {0.083f, 0.13f, 0.042f}, s.hair, 0.75f, 16, 12,
          glm::angleAxis(0.12f, glm::vec3(1, 0, 0)));
  for (float side : {1.0f, -1.0f}) {
    b.limb("head", c + glm::vec3(side * 0.068f, -0.02f, 0.012f), c + glm::vec3(side * 0.08f, -0.2f, -0.02f), 0.024f,
           s.hair, 10, 8);
    b.limb("head", c + glm::vec3(side * 0.06f, 0.0f, -0.03f), c + glm::vec3(side * 0.075f, -0.2f, -0.055f), 0.03f,
           s.hair, 10, 8);
  }
}

void addPonytail(FigureBuilder& b, const AvatarStyle& s, const FigureLayout& f) {
  const glm::vec3 tie = f.craniumCentre + glm::vec3(0, -0.02f, -f.craniumRadii.z - 0.004f);
  b.ring("head", tie, {0, 0.4f, -1}, 0.016f, 0.006f, s.hair * 0.5f, 12, 5);
  const glm::vec3 a = tie + glm::vec3(0, -0.005f, -0.02f), m = tie + glm::vec3(0, -0.09f, -0.04f);
  b.limb("head", a, m, 0.024f, s.hair, 10, 8);
  b.limb("head", m, tie + glm::vec3(0, -0.17f, -0.028f), 0.018f, s.hair, 10, 8);
}

void addBun(FigureBuilder& b, const AvatarStyle& s, const FigureLayout& f) {
  HairShell bun;
  bun.centre = f.craniumCentre + glm::vec3(0, 0.05f, -0.093f);
  bun.radii = glm::vec3(0.036f);
  bun.hairline = [](float) { return glm::pi<float>(); };
  bun.lift = [](float u, float v) { return 0.12f * std::sin(3.0f * u + 4.0f * v); };  // twisted strands
  b.hair("head", bun, s.hair, 20, 12);
}

}  // namespace

void addHair(FigureBuilder& b, const AvatarStyle& s, const FigureLayout& f) {
  switch (s.hairStyle) {
    case HairStyle::shortCut: b.hair("head", cap(f, 0.8f, 1.58f, 2.2f, 0.12f, 0.02f, 0.35f), s.hair); break;
    case HairStyle::longHair:
      b.hair("head", cap(f, 0.7f, 1.85f, 2.3f, 0.075f, 0.006f, 0.25f), s.hair);
      addLongFall(b, s, f);
      break;
    case HairStyle::ponytail:
      b.hair("head", cap(f, 0.72f, 1.7f, 2.25f, 0.05f, 0.004f, 0.0f), s.hair);
      addPonytail(b, s, f);
      break;
    case HairStyle::bun:
      b.hair("head", cap(f, 0.72f, 1.7f, 2.25f, 0.05f, 0.004f, 0.0f), s.hair);
      addBun(b, s, f);
      break;
    case HairStyle::curly: addCurls(b, s, f); break;
    case HairStyle::bald: {
      // What is left at the sides and the back, below a bare crown.
      HairShell fringe = cap(f, 1.68f, 1.68f, 2.2f, 0.045f, 0.004f, 0.0f);
      fringe.top = [](float u) {
        const float c = std::cos(u);
        return c > 0.0f ? 1.3f + 0.38f * std::min(1.0f, 2.0f * c) : 1.3f - 0.1f * c * c;
      };
      b.hair("head", fringe, s.hair);
      break;
    }
  }
}

}  // namespace overum::avatar
