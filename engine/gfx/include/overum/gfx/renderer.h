// Draws a list of meshes for one or two views (multiview, one command stream) into the renderer's own
// MSAA colour and depth images, resolves, and copies the result into the RenderTarget a backend hands over.
// (Contract sketch: the gfx implementer owns this header and may extend it; keep these calls working.)
#pragma once
#include <overum/gfx/device.h>
#include <overum/gfx/render_target.h>

#include <cstdint>
#include <span>

namespace overum::gfx {

struct FrameStats {
  std::uint32_t drawCalls = 0;
  std::uint64_t triangles = 0;  // per view
  std::uint32_t pipelineBinds = 0;
};

struct RendererConfig {
  std::uint32_t viewCount = 1;     // 1 mono, 2 stereo multiview; default mono
  VkExtent2D extent{1280, 720};    // per view; default 1280x720
  VkSampleCountFlagBits msaa = VK_SAMPLE_COUNT_4_BIT;  // default 4x, lowered when unsupported
};

class DrawList;  // meshes + materials + transforms; defined by gfx (see mesh.h / draw_list.h)

class Renderer {
 public:
  Renderer(Device& device, const RendererConfig& config);
  ~Renderer();

  // Records and submits one frame; views.size() == config.viewCount, target.layers == viewCount.
  FrameStats render(std::span<const View> views, const DrawList& scene, const RenderTarget& target,
                    const FrameSync& sync);

  void resize(VkExtent2D extent);  // desktop window resize; never called with 0x0
};

}  // namespace overum::gfx
