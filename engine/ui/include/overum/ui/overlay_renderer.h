// SPDX-License-Identifier: GPL-3.0-or-later
// Draws the overlay (captions, option cards, cue card, microphone, pause) on top of what gfx::Renderer
// left in a RenderTarget, on the same queue, for one or two views (multiview).
#pragma once
#include <overum/gfx/device.h>
#include <overum/gfx/render_target.h>
#include <overum/ui/font_atlas.h>
#include <overum/ui/overlay.h>
#include <overum/ui/overlay_layout.h>

#include <cstdint>
#include <memory>
#include <span>

namespace overum::ui {

struct OverlayRendererConfig {
  std::uint32_t framesInFlight = 2;  // default 2: command buffers and vertex buffers in rotation
  // Default true: the target was created with COLOR_ATTACHMENT usage (window and XR swapchains, the
  // headless headset) and is drawn into directly. false: the target only allows transfers (as
  // gfx::OffscreenTarget does); it is copied into a scratch image, drawn on, and copied back, which
  // needs TRANSFER_SRC and TRANSFER_DST usage.
  bool drawDirectly = true;
  FontAtlasConfig font;  // default: DejaVu Sans from fonts-dejavu-core
  OverlayStyle style;    // default sizes and distances, see overlay_layout.h
};

struct OverlayStats {
  std::uint32_t quads = 0;     // drawn this frame
  double layoutSeconds = 0.0;  // thread CPU time laying out
  double recordSeconds = 0.0;  // thread CPU time recording and submitting
};

class OverlayRenderer {
 public:
  // Bakes the font atlas, uploads it and builds the pipeline for targetFormat (any 8-bit RGBA/BGRA,
  // SRGB or UNORM holding sRGB bytes) and viewCount 1 or 2. Throws overum::Error (e.g. font missing).
  OverlayRenderer(gfx::Device& device, VkFormat targetFormat, std::uint32_t viewCount,
                  const OverlayRendererConfig& config = {});
  ~OverlayRenderer();  // waits for this renderer's frames on the GPU
  OverlayRenderer(const OverlayRenderer&) = delete;
  OverlayRenderer& operator=(const OverlayRenderer&) = delete;

  // Records and submits the overlay for this frame. The target must be in target.finalLayout (where
  // gfx::Renderer left it) and is left there again; earlier work on the queue is ordered before it
  // by a barrier over ALL_COMMANDS. Waits on sync.waitSemaphore, signals sync.signalSemaphore and
  // sync.fence. views.size() == viewCount == target.layers. Nothing to show still submits (so the
  // semaphores and fence behave the same every frame).
  void render(std::span<const gfx::View> views, const OverlayContent& content, const gfx::RenderTarget& target,
              const gfx::FrameSync& sync);

  void waitIdle();  // waits until this renderer's submitted frames are done

  const FontAtlas& atlas() const;
  const OverlayMesh& lastMesh() const;  // what the latest render() laid out (hit tests, tests)
  const OverlayStats& lastStats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace overum::ui
