// SPDX-License-Identifier: GPL-3.0-or-later
// The facilitator's desktop window (see console_window.h): an xr::Window shown through xr::WindowPresenter,
// with Dear ImGui 1.86's GLFW and Vulkan backends on their own ImGui context, and the citizen's view blitted in.
#include "console_window.h"

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_vulkan.h>
#include <overum/console/fonts.h>
#include <overum/core/log.h>
#include <overum/gfx/readback.h>
#include <overum/gfx/vk_check.h>
#include <overum/gfx/vk_resources.h>
#include <overum/xr/window_presenter.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <optional>
#include <utility>
#include <vector>

namespace overum::app {
namespace {

constexpr std::uint32_t kFramesInFlight = xr::WindowPresenter::kFramesInFlight;

// ImGui's colours are sRGB-encoded already (a UNORM target shows them as designed); the images are read
// back (screenshots, tests) and take the citizen's view where the surface allows it.
xr::PresenterConfig consolePresenter() {
  xr::PresenterConfig config;
  config.srgbFormat = false;
  config.requiredUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
  config.optionalUsage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  config.minImageCount = 2;
  return config;
}

gfx::OwnedRenderPass makeRenderPass(const gfx::Device& device, VkFormat format) {
  VkAttachmentDescription color{};
  color.format = format;
  color.samples = VK_SAMPLE_COUNT_1_BIT;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  color.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  color.finalLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
  VkAttachmentReference ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &ref;
  VkSubpassDependency dep{};
  dep.srcSubpass = VK_SUBPASS_EXTERNAL;
  dep.dstSubpass = 0;
  dep.srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  dep.dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  dep.srcAccessMask = 0;
  dep.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  auto info = gfx::vkStruct<VkRenderPassCreateInfo>(VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO);
  info.attachmentCount = 1;
  info.pAttachments = &color;
  info.subpassCount = 1;
  info.pSubpasses = &subpass;
  info.dependencyCount = 1;
  info.pDependencies = &dep;
  VkRenderPass pass = VK_NULL_HANDLE;
  OVERUM_VK(vkCreateRenderPass(device.device(), &info, nullptr, &pass));
  return gfx::OwnedRenderPass(device.device(), pass);
}

// The ImGui Vulkan backend's font texture and anything the console samples.
gfx::OwnedDescriptorPool makeDescriptorPool(const gfx::Device& device) {
  VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16};
  auto info = gfx::vkStruct<VkDescriptorPoolCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO);
  info.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
  info.maxSets = 16;
  info.poolSizeCount = 1;
  info.pPoolSizes = &size;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  OVERUM_VK(vkCreateDescriptorPool(device.device(), &info, nullptr, &pool));
  return gfx::OwnedDescriptorPool(device.device(), pool);
}

gfx::OwnedCommandPool makeCommandPool(const gfx::Device& device) {
  auto info = gfx::vkStruct<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
  info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  info.queueFamilyIndex = device.queueFamily();
  VkCommandPool pool = VK_NULL_HANDLE;
  OVERUM_VK(vkCreateCommandPool(device.device(), &info, nullptr, &pool));
  return gfx::OwnedCommandPool(device.device(), pool);
}

std::array<VkCommandBuffer, kFramesInFlight> allocateCommands(const gfx::Device& device, VkCommandPool pool) {
  auto info = gfx::vkStruct<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
  info.commandPool = pool;
  info.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  info.commandBufferCount = kFramesInFlight;
  std::array<VkCommandBuffer, kFramesInFlight> commands{};
  OVERUM_VK(vkAllocateCommandBuffers(device.device(), &info, commands.data()));
  return commands;
}

// The GLFW backend's callbacks talk to the *current* ImGui context; GLFW may call them from any
// window's event poll (the citizen's too), so ours switch to this window's context around them.
class ContextScope {
 public:
  explicit ContextScope(ImGuiContext* c) : previous_(ImGui::GetCurrentContext()) { ImGui::SetCurrentContext(c); }
  ~ContextScope() { ImGui::SetCurrentContext(previous_); }
  ContextScope(const ContextScope&) = delete;
  ContextScope& operator=(const ContextScope&) = delete;

 private:
  ImGuiContext* previous_;
};

// Dear ImGui on one window: its own context with the GLFW and Vulkan backends and the console's fonts
// and style; shut down in reverse, once the device no longer reads the backend's buffers.
class ImGuiOnWindow {
 public:
  ImGuiOnWindow(const gfx::Device& device, xr::Window& window, VkRenderPass renderPass, VkDescriptorPool pool,
                float uiScale)
      : device_(device.device()) {
    ContextScope scope(nullptr);
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    try {
      console::configureConsoleContext();
      console::setupConsoleFonts(uiScale);  // falls back to ImGui's own font (scaled) when missing
      glfwBackend_ = ImGui_ImplGlfw_InitForVulkan(window.handle(), false);  // events come through xr::Window
      OVERUM_CHECK(glfwBackend_, "the ImGui GLFW backend did not start");
      ImGui_ImplVulkan_InitInfo info{};
      info.Instance = device.instance();
      info.PhysicalDevice = device.physicalDevice();
      info.Device = device.device();
      info.QueueFamily = device.queueFamily();
      info.Queue = device.queue();
      info.DescriptorPool = pool;
      info.Subpass = 0;
      info.MinImageCount = kFramesInFlight;
      info.ImageCount = kFramesInFlight;  // the backend's vertex buffers rotate per frame in flight
      info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
      vulkanBackend_ = ImGui_ImplVulkan_Init(&info, renderPass);
      OVERUM_CHECK(vulkanBackend_, "the ImGui Vulkan backend did not start");
      bool fonts = false;
      device.runOneShot([&](VkCommandBuffer cmd) { fonts = ImGui_ImplVulkan_CreateFontsTexture(cmd); });
      ImGui_ImplVulkan_DestroyFontUploadObjects();
      OVERUM_CHECK(fonts, "could not upload the console's font texture");
    } catch (...) {
      shutDown();
      throw;
    }
  }
  ~ImGuiOnWindow() {
    vkDeviceWaitIdle(device_);
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(context_);
    shutDown();
    ImGui::SetCurrentContext(previous == context_ ? nullptr : previous);  // never a destroyed context
  }
  ImGuiOnWindow(const ImGuiOnWindow&) = delete;
  ImGuiOnWindow& operator=(const ImGuiOnWindow&) = delete;

  ImGuiContext* context() const { return context_; }

 private:
  // With this context current.
  void shutDown() {
    if (vulkanBackend_) ImGui_ImplVulkan_Shutdown();
    if (glfwBackend_) ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext(context_);
  }

  VkDevice device_;
  ImGuiContext* context_ = nullptr;
  bool glfwBackend_ = false, vulkanBackend_ = false;
};

}  // namespace

struct ConsoleWindow::Impl final : xr::WindowEvents {
  struct Mirror {
    VkImage image = VK_NULL_HANDLE;
    VkExtent2D extent{};
    VkImageLayout layout = VK_IMAGE_LAYOUT_UNDEFINED;
    VkOffset3D from{}, to{};  // the area in the window, clamped to it
  };

  gfx::Device& device;
  xr::Window window;
  xr::WindowPresenter presenter;
  gfx::OwnedRenderPass renderPass;
  gfx::OwnedDescriptorPool descriptorPool;
  gfx::OwnedCommandPool commandPool;
  std::array<VkCommandBuffer, kFramesInFlight> commands;  // freed with their pool
  ImGuiOnWindow imgui;                                    // last: shut down first
  std::optional<Mirror> mirror;                           // for the frame being drawn only
  bool captureRequested = false;
  std::optional<gfx::ImageRGBA8> capture;
  std::uint64_t drawn = 0;
  bool closed = false;

  Impl(gfx::Device& d, VkExtent2D size, float uiScale)
      : device(d),
        window({size, "Øverum — facilitator", true}, this),
        presenter(d, window, consolePresenter()),
        renderPass(makeRenderPass(d, presenter.format())),
        descriptorPool(makeDescriptorPool(d)),
        commandPool(makeCommandPool(d)),
        commands(allocateCommands(d, commandPool.get())),
        imgui(d, window, renderPass.get(), descriptorPool.get(), uiScale) {
    presenter.useRenderPass(renderPass.get());
  }

  bool canCapture() const { return presenter.usage() & VK_IMAGE_USAGE_TRANSFER_SRC_BIT; }
  bool canMirror() const { return presenter.usage() & VK_IMAGE_USAGE_TRANSFER_DST_BIT; }

  // ImGui's GLFW backend hears this window's events with this window's context current.
  void key(int key, int scancode, int action, int mods) override {
    ContextScope scope(imgui.context());
    ImGui_ImplGlfw_KeyCallback(window.handle(), key, scancode, action, mods);
  }
  void character(unsigned c) override {
    ContextScope scope(imgui.context());
    ImGui_ImplGlfw_CharCallback(window.handle(), c);
  }
  void scroll(double dx, double dy) override {
    ContextScope scope(imgui.context());
    ImGui_ImplGlfw_ScrollCallback(window.handle(), dx, dy);
  }
  void mouseButton(int button, int action, int mods) override {
    ContextScope scope(imgui.context());
    ImGui_ImplGlfw_MouseButtonCallback(window.handle(), button, action, mods);
  }
  void focused(bool focused) override {
    ContextScope scope(imgui.context());
    ImGui_ImplGlfw_WindowFocusCallback(window.handle(), focused ? 1 : 0);
  }
  void cursorEntered(bool entered) override {
    ContextScope scope(imgui.context());
    ImGui_ImplGlfw_CursorEnterCallback(window.handle(), entered ? 1 : 0);
  }

  // ImGui 1.86's Vulkan backend draws only its font texture, so the citizen's view is scaled into
  // the swapchain image after ImGui, into the space the console left for it.
  void copyMirror(VkCommandBuffer cmd, VkImage target) {
    constexpr VkImageAspectFlags kColor = VK_IMAGE_ASPECT_COLOR_BIT;
    gfx::ImageBarriers barriers;
    const Mirror& m = *mirror;
    // The view was written by earlier submissions on this queue (the renderer's).
    barriers.add(m.image, kColor, 1, m.layout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                 VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_ACCESS_2_MEMORY_WRITE_BIT, VK_PIPELINE_STAGE_2_BLIT_BIT,
                 VK_ACCESS_2_TRANSFER_READ_BIT);
    barriers.add(target, kColor, 1, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                 VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                 VK_PIPELINE_STAGE_2_BLIT_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
    barriers.record(cmd);
    VkImageBlit region{};
    region.srcSubresource = region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.srcOffsets[1] = {std::int32_t(m.extent.width), std::int32_t(m.extent.height), 1};
    region.dstOffsets[0] = m.from;
    region.dstOffsets[1] = m.to;
    vkCmdBlitImage(cmd, m.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                   &region, VK_FILTER_LINEAR);
    // Back as they were; the renderer's next writes to the view wait for this read.
    barriers.add(m.image, kColor, 1, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, m.layout, VK_PIPELINE_STAGE_2_BLIT_BIT,
                 VK_ACCESS_2_NONE, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_ACCESS_2_NONE);
    barriers.add(target, kColor, 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR,
                 VK_PIPELINE_STAGE_2_BLIT_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                 VK_ACCESS_2_NONE);
    barriers.record(cmd);
  }

  void record(VkCommandBuffer cmd, const xr::PresentImage& image) {
    OVERUM_VK(vkResetCommandBuffer(cmd, 0));
    auto begin = gfx::vkStruct<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    OVERUM_VK(vkBeginCommandBuffer(cmd, &begin));
    VkClearValue clear{};
    clear.color = {{0.09f, 0.09f, 0.10f, 1.0f}};
    auto pass = gfx::vkStruct<VkRenderPassBeginInfo>(VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO);
    pass.renderPass = renderPass.get();
    pass.framebuffer = image.framebuffer;
    pass.renderArea.extent = presenter.extent();
    pass.clearValueCount = 1;
    pass.pClearValues = &clear;
    vkCmdBeginRenderPass(cmd, &pass, VK_SUBPASS_CONTENTS_INLINE);
    ImGui_ImplVulkan_RenderDrawData(ImGui::GetDrawData(), cmd);
    vkCmdEndRenderPass(cmd);
    if (mirror) copyMirror(cmd, image.image);
    mirror.reset();
    OVERUM_VK(vkEndCommandBuffer(cmd));
  }

  void submit(VkCommandBuffer cmd, const xr::PresentImage& image) {
    const VkPipelineStageFlags waitStage = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    auto info = gfx::vkStruct<VkSubmitInfo>(VK_STRUCTURE_TYPE_SUBMIT_INFO);
    info.waitSemaphoreCount = 1;
    info.pWaitSemaphores = &image.acquired;
    info.pWaitDstStageMask = &waitStage;
    info.commandBufferCount = 1;
    info.pCommandBuffers = &cmd;
    info.signalSemaphoreCount = 1;
    info.pSignalSemaphores = &image.renderFinished;
    OVERUM_VK(vkQueueSubmit(device.queue(), 1, &info, image.fence));
    if (captureRequested && canCapture()) {
      // Still ours until presented: read it back once the frame is drawn.
      OVERUM_VK(vkWaitForFences(device.device(), 1, &image.fence, VK_TRUE, UINT64_MAX));
      capture = gfx::readbackImage(device, image.image, presenter.format(), presenter.extent(), 0,
                                   VK_IMAGE_LAYOUT_PRESENT_SRC_KHR);
      captureRequested = false;
    }
  }

  bool frame(const std::function<void()>& drawUi) {
    if (closed) return false;
    window.poll();
    closed = window.closeRequested();
    if (closed) return false;
    try {
      const std::optional<xr::PresentImage> image = presenter.acquire();
      if (!image) return true;  // minimised, or the swapchain is being renewed
      const VkCommandBuffer cmd = commands[image->slot];
      {
        ContextScope scope(imgui.context());
        ImGui_ImplVulkan_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        if (drawUi) drawUi();
        ImGui::Render();
        record(cmd, *image);
      }
      submit(cmd, *image);
      presenter.present(*image);
    } catch (const Error& e) {  // a lost surface or device: the console closes, the meeting goes on
      log::warn("console", "the console window closes: {}", e.what());
      closed = true;
      return false;
    }
    ++drawn;
    return true;
  }
};

ConsoleWindow::ConsoleWindow(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ConsoleWindow::~ConsoleWindow() = default;

bool ConsoleWindow::addWindowNeeds(gfx::DeviceHooks& hooks) {
  std::vector<std::string> extensions;
  try {
    extensions = xr::GlfwLibrary::acquire()->requiredInstanceExtensions();
  } catch (const Error&) {
    return false;  // no display
  }
  if (extensions.empty()) return false;
  auto add = [](std::vector<std::string>& list, const std::string& name) {
    if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
  };
  for (const std::string& name : extensions) add(hooks.instanceExtensions, name);
  add(hooks.deviceExtensions, VK_KHR_SWAPCHAIN_EXTENSION_NAME);
  return true;
}

std::unique_ptr<ConsoleWindow> ConsoleWindow::open(gfx::Device& device, VkExtent2D size, float uiScale,
                                                   std::string& whyNot) {
  // A device made without VK_KHR_swapchain (headless, or an XR runtime's) has no such command.
  if (!vkGetDeviceProcAddr(device.device(), "vkCreateSwapchainKHR")) {
    whyNot = "the Vulkan device was created without VK_KHR_swapchain (headless or XR mode)";
    return nullptr;
  }
  try {
    return std::unique_ptr<ConsoleWindow>(new ConsoleWindow(std::make_unique<Impl>(device, size, uiScale)));
  } catch (const std::exception& e) {  // overum::Error from xr, gfx and the ImGui set-up: one line each
    whyNot = std::string("the console window cannot open: ") + e.what();
    return nullptr;
  }
}

bool ConsoleWindow::frame(const std::function<void()>& drawUi) { return impl_->frame(drawUi); }
ImGuiContext* ConsoleWindow::context() const { return impl_->imgui.context(); }
void ConsoleWindow::requestClose() { impl_->window.requestClose(); }
void ConsoleWindow::setSize(VkExtent2D size) { impl_->window.resize(size); }
VkExtent2D ConsoleWindow::swapchainExtent() const { return impl_->presenter.extent(); }
std::uint64_t ConsoleWindow::framesDrawn() const { return impl_->drawn; }
bool ConsoleWindow::showMirror(VkImage image, VkExtent2D extent, VkImageLayout layout, float x0, float y0, float x1,
                               float y1) {
  Impl& w = *impl_;
  if (!w.canMirror()) return false;
  const VkExtent2D size = w.presenter.extent();
  const auto clampX = [&](float v) { return std::clamp(std::int32_t(std::lround(v)), 0, std::int32_t(size.width)); };
  const auto clampY = [&](float v) { return std::clamp(std::int32_t(std::lround(v)), 0, std::int32_t(size.height)); };
  const VkOffset3D from{clampX(x0), clampY(y0), 0}, to{clampX(x1), clampY(y1), 1};
  if (!image || extent.width == 0 || extent.height == 0 || to.x <= from.x || to.y <= from.y) return true;
  w.mirror = Impl::Mirror{image, extent, layout, from, to};
  return true;
}

void ConsoleWindow::captureNextFrame() { impl_->captureRequested = true; }
std::optional<gfx::ImageRGBA8> ConsoleWindow::takeCapture() { return std::exchange(impl_->capture, std::nullopt); }

}  // namespace overum::app
