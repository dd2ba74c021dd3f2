// SPDX-License-Identifier: GPL-3.0-or-later
// Draws a list of meshes for one or two views (multiview, one command stream) into the renderer's own
// MSAA colour and depth images, resolves, and copies the result into the RenderTarget a backend hands over.
// The quality tier (quality.h) sets MSAA, the shader's work and a render scale; setQuality() changes it
// between frames on the same device (pipelines for a tier are made once, when first used).
//
// Use:  Renderer renderer(device, {.viewCount = headset.viewCount(), .extent = headset.viewExtent()});
//       per frame: FrameStats s = renderer.render(frame.views, room.drawList(), frame.target, frame.sync);
// Shaders: shaders/lit.{vert,frag}, compiled and embedded at build time (engine/gfx/CMakeLists.txt).
#pragma once
#include <overum/gfx/device.h>
#include <overum/gfx/quality.h>
#include <overum/gfx/render_target.h>

#include <cstdint>
#include <memory>
#include <span>

namespace overum::gfx {

struct FrameStats {
  std::uint32_t drawCalls = 0;
  std::uint64_t triangles = 0;  // per view
  std::uint32_t pipelineBinds = 0;
  double cpuSeconds = 0.0;                                // thread CPU time spent in render(): recording and submitting
  std::uint32_t culledDraws = 0;                          // draws skipped because they are outside every view's frustum
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;  // MSAA samples per pixel this frame
  Shading shading = Shading::full;                        // the fragment shader's work this frame
  VkExtent2D renderExtent{};  // per view, the size actually shaded (smaller than the target when scaled)
};

struct RendererConfig {
  std::uint32_t viewCount = 1;   // 1 mono, 2 stereo multiview; default mono
  VkExtent2D extent{1280, 720};  // per view; default 1280x720 (follows the target's extent when it differs)
  VkSampleCountFlagBits msaa = VK_SAMPLE_COUNT_4_BIT;  // the most any tier uses; default 4x, lowered when unsupported
  std::uint32_t framesInFlight = 2;                    // command buffers / uniform buffers in rotation; default 2
  bool frustumCulling = true;                          // skip draws whose bounding sphere no view can see; default on
  Quality quality = Quality::high;                     // MSAA, shading and render scale (quality.h); default high
};

class DrawList;  // meshes + materials + transforms; defined by gfx (see mesh.h / draw_list.h)

class Renderer {
 public:
  // Creates pipelines and attachments; throws overum::Error when the device cannot do what is asked.
  Renderer(Device& device, const RendererConfig& config);
  ~Renderer();  // waits for this renderer's frames on the GPU
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // Records and submits one frame; views.size() == config.viewCount, target.layers == viewCount.
  // The target may be R8G8B8A8 or B8G8R8A8, SRGB or UNORM (the stored bytes are sRGB-encoded either
  // way), or any other blittable colour format. Waits on sync.waitSemaphore before touching the
  // target, signals sync.signalSemaphore and sync.fence when the frame's GPU work is done. Does not
  // wait for the GPU except when all frames in flight are still busy.
  FrameStats render(std::span<const View> views, const DrawList& scene, const RenderTarget& target,
                    const FrameSync& sync);

  void resize(VkExtent2D extent);  // desktop window resize; never called with 0x0
  // Between frames: the next frame renders with this tier's (or these) settings. Waits for the
  // frames in flight only when the attachments change (MSAA or scale). Cheap when nothing changes.
  void setQuality(Quality quality);
  void setQualitySettings(const QualitySettings& settings);  // any mix, e.g. the benchmark's unlit shader
  const QualitySettings& qualitySettings() const;
  void waitIdle();  // waits until this renderer's submitted frames are done

  VkExtent2D extent() const;           // per view, of the target (the output)
  VkExtent2D renderExtent() const;     // per view, shaded (extent() times the render scale)
  VkSampleCountFlagBits msaa() const;  // the sample count actually used
  std::uint32_t viewCount() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace overum::gfx
