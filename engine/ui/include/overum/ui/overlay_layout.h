// SPDX-License-Identifier: GPL-3.0-or-later
// Turns OverlayContent into textured quads for the atlas: in clip space for a window (screen placement)
// or as world-space panels that face the viewer (headsets). Pure CPU; tests inspect the result.
#pragma once
#include <overum/core/pose.h>
#include <overum/gfx/render_target.h>
#include <overum/ui/font_atlas.h>
#include <overum/ui/overlay.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace overum::ui {

// Mirrors the inputs of shaders/overlay.vert. 40 bytes.
struct OverlayVertex {
  glm::vec3 position{0.0f};  // clip space (x, y in -1..1, y down; z 0) or world metres
  glm::vec2 uv{0.0f};        // atlas coordinates; for rounded rects uv.x is the corner radius
  std::uint32_t color = 0;   // sRGB RGBA8, straight alpha, R in the lowest byte
  glm::vec4 shape{0.0f};     // rounded rect: local position xy and half size zw (zw > 0); text: zero
};
static_assert(sizeof(OverlayVertex) == 40);

// Packs an sRGB colour (0..255 per channel) for OverlayVertex::color.
constexpr std::uint32_t rgba(std::uint32_t r, std::uint32_t g, std::uint32_t b, std::uint32_t a = 255) {
  return r | (g << 8) | (b << 16) | (a << 24);
}

enum class PanelKind : std::uint8_t {
  caption,
  option,
  statement,
  microphone,
  done,
  pause,
  moreOptions,
  held,
  keyHelp,
  question,    // the question's words and the ends' words
  scaleValue,  // one value of the question's scale (index = the value)
  skip,        // "Spring over"
};

// One laid-out element, for the app (hit tests against option cards) and tests (legibility).
struct Panel {
  PanelKind kind = PanelKind::caption;
  int index = 0;                // the option's index for PanelKind::option, the value for scaleValue, else 0
  glm::mat4 T_out_panel{1.0f};  // panel units (x right, y down, origin top-left) -> clip space or world
  glm::vec2 size{0.0f};         // in panel units
  float minCapHeight = 0.0f;    // the smallest capital letter on the panel, in panel units
  std::uint32_t firstQuad = 0, quadCount = 0;
};

struct OverlayMesh {
  std::vector<OverlayVertex> vertices;  // 4 per quad: top-left, top-right, bottom-right, bottom-left
  std::uint32_t clipSpaceQuads = 0;     // quads at the start already in clip space; the rest are in the world
  std::vector<Panel> panels;
  std::size_t fallbackGlyphs = 0;  // characters shown as U+FFFD: missing from the atlas or bad UTF-8
  int optionPages = 1;             // screen: the option cards did not all fit readably, so they are paged

  std::uint32_t quadCount() const { return static_cast<std::uint32_t>(vertices.size() / 4); }
  const Panel* find(PanelKind kind, int index = 0) const;
};

inline constexpr int kMoreOptionsCard = -2;  // optionAtPixel: the "Flere svar" card that turns the page
inline constexpr int kSkipQuestion = -3;     // scaleAtPixel/scaleAtRay: "Spring over"

struct OverlayStyle {
  // Screen placement: sizes are pixels at a 720-pixel-high window and scale with its height.
  float captionPixels[3] = {24.0f, 30.0f, 38.0f};  // default 24/30/38: small/medium/large caption text
  float optionPixels = 26.0f;                      // default 26: option card text
  float statementPixels = 21.0f;                   // default 21: cue card body text (headings are bold at this size)
  float margin = 28.0f;                            // default 28: distance from the window's edges
  // World placement: panel units are visual angle, so legibility does not depend on distance.
  float degreesPerUnit = 0.055f;       // default 0.055°: medium captions are 1.65° tall, capitals ~1°
  float captionDistance = 1.6f;        // default 1.6 m ahead of the head
  float captionBelowDegrees = 15.0f;   // default 15° below the line of sight
  float clearBelowEyeDegrees = 8.0f;   // default 8°: panels start this far below the level line of sight,
                                       // clear of the faces across the table (about ±4° each at 1.6 m)
  float captionWidthDegrees = 34.0f;   // default 34°: wider captions wrap (about 0.95 m at 1.6 m)
  float optionDistance = 1.2f;         // default 1.2 m, cards on an arc around the head
  float optionSpacingDegrees = 15.0f;  // default 15° between card centres
};

// The viewer's head: the mean of the eyes, oriented like the first view.
Pose headPoseFromViews(std::span<const gfx::View> views);

// Screen placement for a window of extent pixels (content.placement is not consulted).
OverlayMesh layoutScreen(const FontAtlas& atlas, const OverlayContent& content, glm::vec2 extent,
                         const OverlayStyle& style = {});
// World placement around T_world_head (content.anchors.T_world_head is not consulted).
OverlayMesh layoutWorld(const FontAtlas& atlas, const OverlayContent& content, const Pose& T_world_head,
                        const OverlayStyle& style = {});
// The panel's rectangle in window pixels (screen placement).
ScreenRect pixelRect(const Panel& panel, glm::vec2 extent);
// The option card under a window pixel (mouse), or -1; kMoreOptionsCard for "Flere svar". Screen placement.
int optionAtPixel(const OverlayMesh& mesh, glm::vec2 pixel, glm::vec2 extent);
// The nearest option card a ray hits (controller or gaze; world metres), or -1. World placement.
int optionAtRay(const OverlayMesh& mesh, glm::vec3 origin, glm::vec3 direction);

// The question's value under a window pixel or hit by a ray, kSkipQuestion for "Spring over", or -1.
int scaleAtPixel(const OverlayMesh& mesh, glm::vec2 pixel, glm::vec2 extent);
int scaleAtRay(const OverlayMesh& mesh, glm::vec3 origin, glm::vec3 direction);
// What OverlayRenderer draws: by content.placement, with the head from the anchors or the views.
OverlayMesh layoutOverlay(const FontAtlas& atlas, const OverlayContent& content, std::span<const gfx::View> views,
                          glm::vec2 extent, const OverlayStyle& style = {});

}  // namespace overum::ui
