// SPDX-License-Identifier: GPL-3.0-or-later
// The facilitator's desktop window (see console_window.h): GLFW window + VkSurfaceKHR + swapchain +
// render pass, and Dear ImGui 1.86's GLFW and Vulkan backends on their own ImGui context.
#define GLFW_INCLUDE_VULKAN
#include "console_window.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_vulkan.h>
#include <overum/console/fonts.h>
#include <overum/gfx/readback.h>
#include <overum/gfx/vk_resources.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <optional>
#include <utility>
#include <vector>

namespace overum::app {
namespace {

constexpr std::uint32_t kFramesInFlight = 2;

std::string glfwErrorText() {
  const char* text = nullptr;
  glfwGetError(&text);
  return text ? text : "unknown GLFW error";
}

// True when GLFW is initialised now (by anyone): glfwGetTime reports GLFW_NOT_INITIALIZED otherwise.
bool glfwIsInitialised() {
  glfwGetError(nullptr);
  glfwGetTime();
  return glfwGetError(nullptr) != GLFW_NOT_INITIALIZED;
}

// GLFW's lifetime: the citizen's window (xr::DesktopWindow) initialises it and terminates it when
// destroyed. When we were first, we never terminate it while the process runs: closing the X
// connection and opening a new one on re-init can reuse its address, and Mesa's WSI caches per
// connection address (seen: BadRequest on XFixes under Xvfb). It is terminated at exit instead.
bool gTerminateAtExitRegistered = false;

// Initialises GLFW when nobody has; then it is this file's to terminate, at exit.
bool startGlfw() {
  if (glfwIsInitialised()) return true;
  if (!glfwInit()) return false;
  if (!gTerminateAtExitRegistered) {
    gTerminateAtExitRegistered = true;
    std::atexit([] { glfwTerminate(); });
  }
  return true;
}

std::string vkText(VkResult r) { return "VkResult " + std::to_string(static_cast<int>(r)); }

}  // namespace

struct ConsoleWindow::Impl {
  gfx::Device& device;
  VkDevice vk = VK_NULL_HANDLE;
  GLFWwindow* window = nullptr;
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  VkSurfaceFormatKHR format{};
  VkRenderPass renderPass = VK_NULL_HANDLE;
  VkDescriptorPool descriptorPool = VK_NULL_HANDLE;
  VkCommandPool commandPool = VK_NULL_HANDLE;
  VkSwapchainKHR swapchain = VK_NULL_HANDLE;
  VkExtent2D extent{0, 0};
  std::vector<VkImage> images;
  std::vector<VkImageView> views;
  std::vector<VkFramebuffer> framebuffers;
  std::vector<VkSemaphore> renderDone;  // one per swapchain image (present waits on it)
  struct Frame {
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
    VkSemaphore acquired = VK_NULL_HANDLE;
  };
  std::array<Frame, kFramesInFlight> frames{};
  std::uint64_t frameIndex = 0;
  std::uint64_t drawn = 0;
  bool needRecreate = false;
  bool canCapture = false, captureRequested = false, canMirror = false;
  struct Mirror {
    VkImage image = VK_NULL_HANDLE;
    VkExtent2D extent{};
    VkImageLayout layout = VK_IMAGE_LAYOUT_UNDEFINED;
    VkOffset3D from{}, to{};  // the area in the window, clamped to it
  };
  std::optional<Mirror> mirror;  // for the frame being drawn only
  std::optional<gfx::ImageRGBA8> capture;
  bool closed = false;
  int recreatedForWidth = -1, recreatedForHeight = -1;  // the window size the swapchain was made for
  ImGuiContext* imgui = nullptr;
  bool glfwBackend = false;
  bool vulkanBackend = false;

  explicit Impl(gfx::Device& d) : device(d), vk(d.device()) {}

  ~Impl() {
    if (vk) vkDeviceWaitIdle(vk);
    if (imgui) {
      ImGuiContext* previous = ImGui::GetCurrentContext();
      ImGui::SetCurrentContext(imgui);
      if (vulkanBackend) ImGui_ImplVulkan_Shutdown();
      if (glfwBackend && glfwIsInitialised()) {
        ImGui_ImplGlfw_Shutdown();
      } else if (glfwBackend) {  // GLFW already terminated (cursors gone): just detach the backend
        ImGui::GetIO().BackendPlatformName = nullptr;
        ImGui::GetIO().BackendPlatformUserData = nullptr;
      }
      ImGui::DestroyContext(imgui);
      ImGui::SetCurrentContext(previous == imgui ? nullptr : previous);
    }
    destroySwapchainObjects();
    if (swapchain) vkDestroySwapchainKHR(vk, swapchain, nullptr);
    for (Frame& f : frames) {
      if (f.fence) vkDestroyFence(vk, f.fence, nullptr);
      if (f.acquired) vkDestroySemaphore(vk, f.acquired, nullptr);
    }
    if (commandPool) vkDestroyCommandPool(vk, commandPool, nullptr);
    if (descriptorPool) vkDestroyDescriptorPool(vk, descriptorPool, nullptr);
    if (renderPass) vkDestroyRenderPass(vk, renderPass, nullptr);
    if (surface) vkDestroySurfaceKHR(device.instance(), surface, nullptr);
    // If the citizen's window already terminated GLFW, our window went with it.
    if (window && glfwIsInitialised()) glfwDestroyWindow(window);
  }

  void destroySwapchainObjects() {
    for (VkFramebuffer f : framebuffers) vkDestroyFramebuffer(vk, f, nullptr);
    for (VkImageView v : views) vkDestroyImageView(vk, v, nullptr);
    for (VkSemaphore s : renderDone) vkDestroySemaphore(vk, s, nullptr);
    framebuffers.clear();
    views.clear();
    renderDone.clear();
    images.clear();
  }

  // Chooses the surface format and checks the queue can present; fills whyNot when it cannot.
  bool chooseFormat(std::string& whyNot) {
    VkBool32 supported = VK_FALSE;
    vkGetPhysicalDeviceSurfaceSupportKHR(device.physicalDevice(), device.queueFamily(), surface, &supported);
    if (!supported) {
      whyNot = "the graphics queue cannot present to the console window";
      return false;
    }
    std::uint32_t count = 0;
    vkGetPhysicalDeviceSurfaceFormatsKHR(device.physicalDevice(), surface, &count, nullptr);
    std::vector<VkSurfaceFormatKHR> formats(count);
    vkGetPhysicalDeviceSurfaceFormatsKHR(device.physicalDevice(), surface, &count, formats.data());
    if (formats.empty()) {
      whyNot = "the console window's surface offers no formats";
      return false;
    }
    // ImGui's colours are sRGB-encoded already: a UNORM target shows them as designed.
    format = formats[0];
    for (const VkSurfaceFormatKHR& f : formats)
      if ((f.format == VK_FORMAT_B8G8R8A8_UNORM || f.format == VK_FORMAT_R8G8B8A8_UNORM) &&
          f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) {
        format = f;
        break;
      }
    return true;
  }

  VkResult createStaticObjects() {
    VkAttachmentDescription color{};
    color.format = format.format;
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
    VkRenderPassCreateInfo rp{};
    rp.sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO;
    rp.attachmentCount = 1;
    rp.pAttachments = &color;
    rp.subpassCount = 1;
    rp.pSubpasses = &subpass;
    rp.dependencyCount = 1;
    rp.pDependencies = &dep;
    if (VkResult r = vkCreateRenderPass(vk, &rp, nullptr, &renderPass); r != VK_SUCCESS) return r;

    VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16};
    VkDescriptorPoolCreateInfo dp{};
    dp.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    dp.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    dp.maxSets = 16;
    dp.poolSizeCount = 1;
    dp.pPoolSizes = &size;
    if (VkResult r = vkCreateDescriptorPool(vk, &dp, nullptr, &descriptorPool); r != VK_SUCCESS) return r;

    VkCommandPoolCreateInfo cp{};

    cp.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
    cp.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    cp.queueFamilyIndex = device.queueFamily();
    if (VkResult r = vkCreateCommandPool(vk, &cp, nullptr, &commandPool); r != VK_SUCCESS) return r;
    for (Frame& f : frames) {
      VkCommandBufferAllocateInfo ai{};
      ai.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
      ai.commandPool = commandPool;
      ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
      ai.commandBufferCount = 1;
      if (VkResult r = vkAllocateCommandBuffers(vk, &ai, &f.cmd); r != VK_SUCCESS) return r;
      VkFenceCreateInfo fi{};
      fi.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
      fi.flags = VK_FENCE_CREATE_SIGNALED_BIT;
      if (VkResult r = vkCreateFence(vk, &fi, nullptr, &f.fence); r != VK_SUCCESS) return r;
      VkSemaphoreCreateInfo si{};
      si.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
      if (VkResult r = vkCreateSemaphore(vk, &si, nullptr, &f.acquired); r != VK_SUCCESS) return r;
    }
    return VK_SUCCESS;
  }

  // (Re)creates the swapchain for the window's current size. VK_SUCCESS with extent 0x0: minimised.
  VkResult recreate() {
    VkSurfaceCapabilitiesKHR caps{};
    if (VkResult r = vkGetPhysicalDeviceSurfaceCapabilitiesKHR(device.physicalDevice(), surface, &caps);
        r != VK_SUCCESS)
      return r;
    VkExtent2D want = caps.currentExtent;
    if (want.width == UINT32_MAX) {
      int w = 0, h = 0;
      glfwGetFramebufferSize(window, &w, &h);
      want = {std::clamp(static_cast<std::uint32_t>(std::max(w, 0)), caps.minImageExtent.width,
                         caps.maxImageExtent.width),
              std::clamp(static_cast<std::uint32_t>(std::max(h, 0)), caps.minImageExtent.height,
                         caps.maxImageExtent.height)};
    }
    if (want.width == 0 || want.height == 0) {
      extent = {0, 0};
      return VK_SUCCESS;  // minimised: keep the old swapchain until there is something to show
    }
    vkDeviceWaitIdle(vk);  // rare (resize): the old images and semaphores must be out of use
    destroySwapchainObjects();

    std::uint32_t imageCount = std::max(caps.minImageCount + 1, 2u);
    if (caps.maxImageCount > 0) imageCount = std::min(imageCount, caps.maxImageCount);
    VkCompositeAlphaFlagBitsKHR alpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
    for (VkCompositeAlphaFlagBitsKHR a : {VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR, VK_COMPOSITE_ALPHA_INHERIT_BIT_KHR,
                                          VK_COMPOSITE_ALPHA_PRE_MULTIPLIED_BIT_KHR,
                                          VK_COMPOSITE_ALPHA_POST_MULTIPLIED_BIT_KHR})
      if (caps.supportedCompositeAlpha & a) {
        alpha = a;
        break;
      }
    VkSwapchainCreateInfoKHR info{};
    info.sType = VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR;
    info.surface = surface;
    info.minImageCount = imageCount;
    info.imageFormat = format.format;
    info.imageColorSpace = format.colorSpace;
    info.imageExtent = want;
    info.imageArrayLayers = 1;
    // Transfer source too where offered, so a frame can be read back (tests, screenshots).
    // Transfer destination for the citizen's view.
    info.imageUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT |
                      (caps.supportedUsageFlags & (VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT));
    canCapture = (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_SRC_BIT) != 0;
    canMirror = (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_DST_BIT) != 0;
    info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
    info.preTransform = (caps.supportedTransforms & VK_SURFACE_TRANSFORM_IDENTITY_BIT_KHR)
                            ? VK_SURFACE_TRANSFORM_IDENTITY_BIT_KHR
                            : caps.currentTransform;
    info.compositeAlpha = alpha;
    info.presentMode = VK_PRESENT_MODE_FIFO_KHR;  // always available
    info.clipped = VK_TRUE;
    info.oldSwapchain = swapchain;
    VkSwapchainKHR fresh = VK_NULL_HANDLE;
    const VkResult r = vkCreateSwapchainKHR(vk, &info, nullptr, &fresh);
    if (swapchain) vkDestroySwapchainKHR(vk, swapchain, nullptr);
    swapchain = VK_NULL_HANDLE;
    extent = {0, 0};
    if (r != VK_SUCCESS) return r;
    swapchain = fresh;

    std::uint32_t count = 0;
    vkGetSwapchainImagesKHR(vk, swapchain, &count, nullptr);
    images.resize(count);
    vkGetSwapchainImagesKHR(vk, swapchain, &count, images.data());
    for (VkImage image : images) {
      VkImageViewCreateInfo vi{};
      vi.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO;
      vi.image = image;
      vi.viewType = VK_IMAGE_VIEW_TYPE_2D;
      vi.format = format.format;
      vi.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
      VkImageView view = VK_NULL_HANDLE;
      if (VkResult e = vkCreateImageView(vk, &vi, nullptr, &view); e != VK_SUCCESS) return e;
      views.push_back(view);
      VkFramebufferCreateInfo fb{};
      fb.sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO;
      fb.renderPass = renderPass;
      fb.attachmentCount = 1;
      fb.pAttachments = &view;
      fb.width = want.width;
      fb.height = want.height;
      fb.layers = 1;
      VkFramebuffer framebuffer = VK_NULL_HANDLE;
      if (VkResult e = vkCreateFramebuffer(vk, &fb, nullptr, &framebuffer); e != VK_SUCCESS) return e;
      framebuffers.push_back(framebuffer);
      VkSemaphoreCreateInfo si{};
      si.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
      VkSemaphore done = VK_NULL_HANDLE;
      if (VkResult e = vkCreateSemaphore(vk, &si, nullptr, &done); e != VK_SUCCESS) return e;
      renderDone.push_back(done);
    }
    extent = want;
    needRecreate = false;
    return VK_SUCCESS;
  }

  // The GLFW backend's callbacks talk to the *current* ImGui context; GLFW may call them from any
  // window's event poll (the citizen's too), so ours switch to this window's context around them.
  struct ContextScope {
    ImGuiContext* previous;
    explicit ContextScope(ImGuiContext* c) : previous(ImGui::GetCurrentContext()) { ImGui::SetCurrentContext(c); }
    ~ContextScope() { ImGui::SetCurrentContext(previous); }
    ContextScope(const ContextScope&) = delete;
    ContextScope& operator=(const ContextScope&) = delete;
  };
  static Impl* self(GLFWwindow* w) { return static_cast<Impl*>(glfwGetWindowUserPointer(w)); }
  static void onKey(GLFWwindow* w, int key, int scancode, int action, int mods) {
    ContextScope scope(self(w)->imgui);
    ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
  }
  static void onChar(GLFWwindow* w, unsigned int c) {
    ContextScope scope(self(w)->imgui);
    ImGui_ImplGlfw_CharCallback(w, c);
  }
  static void onScroll(GLFWwindow* w, double x, double y) {
    ContextScope scope(self(w)->imgui);
    ImGui_ImplGlfw_ScrollCallback(w, x, y);
  }
  static void onMouseButton(GLFWwindow* w, int button, int action, int mods) {
    ContextScope scope(self(w)->imgui);
    ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods);
  }
  static void onFocus(GLFWwindow* w, int focused) {
    ContextScope scope(self(w)->imgui);
    ImGui_ImplGlfw_WindowFocusCallback(w, focused);
  }
  static void onCursorEnter(GLFWwindow* w, int entered) {
    ContextScope scope(self(w)->imgui);
    ImGui_ImplGlfw_CursorEnterCallback(w, entered);
  }

  // Everything after the window and surface exist. False with whyNot on failure.
  bool setUp(float uiScale, std::string& whyNot) {
    if (!chooseFormat(whyNot)) return false;
    if (VkResult r = createStaticObjects(); r != VK_SUCCESS) {
      whyNot = "could not create the console window's Vulkan objects (" + vkText(r) + ")";
      return false;
    }
    if (VkResult r = recreate(); r != VK_SUCCESS) {
      whyNot = "could not create the console window's swapchain (" + vkText(r) + ")";
      return false;
    }

    ContextScope scope(nullptr);
    imgui = ImGui::CreateContext();
    ImGui::SetCurrentContext(imgui);
    console::configureConsoleContext();
    console::setupConsoleFonts(uiScale);  // falls back to ImGui's own font (scaled) when missing
    glfwBackend = ImGui_ImplGlfw_InitForVulkan(window, false);
    if (!glfwBackend) {
      whyNot = "the ImGui GLFW backend did not start";
      return false;
    }
    glfwSetWindowUserPointer(window, this);
    glfwSetKeyCallback(window, onKey);
    glfwSetCharCallback(window, onChar);
    glfwSetScrollCallback(window, onScroll);
    glfwSetMouseButtonCallback(window, onMouseButton);
    glfwSetWindowFocusCallback(window, onFocus);
    glfwSetCursorEnterCallback(window, onCursorEnter);

    ImGui_ImplVulkan_InitInfo info{};
    info.Instance = device.instance();
    info.PhysicalDevice = device.physicalDevice();
    info.Device = vk;
    info.QueueFamily = device.queueFamily();
    info.Queue = device.queue();
    info.DescriptorPool = descriptorPool;
    info.Subpass = 0;
    info.MinImageCount = kFramesInFlight;
    info.ImageCount = kFramesInFlight;  // the backend's vertex buffers rotate per frame in flight
    info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
    vulkanBackend = ImGui_ImplVulkan_Init(&info, renderPass);
    if (!vulkanBackend) {
      whyNot = "the ImGui Vulkan backend did not start";
      return false;
    }
    bool fonts = false;
    device.runOneShot([&](VkCommandBuffer cmd) { fonts = ImGui_ImplVulkan_CreateFontsTexture(cmd); });
    ImGui_ImplVulkan_DestroyFontUploadObjects();
    if (!fonts) {
      whyNot = "could not upload the console's font texture";
      return false;
    }
    return true;
  }

  // ImGui 1.86's Vulkan backend draws only its font texture, so the citizen's view is scaled into
  // the swapchain image after ImGui, into the space the console left for it.
  void copyMirror(VkCommandBuffer cmd, VkImage target) {
    constexpr VkImageAspectFlags kColor = VK_IMAGE_ASPECT_COLOR_BIT;
    gfx::ImageBarriers barriers;
    const Mirror& m = *mirror;
    // The view was written by earlier submissions on this queue (the renderer's).
    barriers.add(m.image, kColor, 1, m.layout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                 VK_ACCESS_2_MEMORY_WRITE_BIT, VK_PIPELINE_STAGE_2_BLIT_BIT, VK_ACCESS_2_TRANSFER_READ_BIT);
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

  bool frame(const std::function<void()>& drawUi) {
    if (closed) return false;
    glfwPollEvents();
    if (glfwWindowShouldClose(window)) {
      closed = true;
      return false;
    }
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(window, &fw, &fh);
    if (fw <= 0 || fh <= 0 || glfwGetWindowAttrib(window, GLFW_ICONIFIED)) return true;  // minimised
    if (needRecreate || !swapchain || extent.width == 0 || fw != recreatedForWidth || fh != recreatedForHeight) {
      recreatedForWidth = fw;
      recreatedForHeight = fh;
      const VkResult r = recreate();
      if (r == VK_ERROR_SURFACE_LOST_KHR) return closed = true, false;
      if (r != VK_SUCCESS || extent.width == 0 || extent.height == 0) return true;  // try again next frame
    }

    Frame& f = frames[frameIndex % kFramesInFlight];
    vkWaitForFences(vk, 1, &f.fence, VK_TRUE, UINT64_MAX);
    std::uint32_t image = 0;
    VkResult r = vkAcquireNextImageKHR(vk, swapchain, UINT64_MAX, f.acquired, VK_NULL_HANDLE, &image);
    if (r == VK_ERROR_OUT_OF_DATE_KHR) {
      needRecreate = true;
      return true;
    }
    if (r == VK_ERROR_SURFACE_LOST_KHR) return closed = true, false;
    if (r != VK_SUCCESS && r != VK_SUBOPTIMAL_KHR) return true;
    if (r == VK_SUBOPTIMAL_KHR) needRecreate = true;

    {
      ContextScope scope(imgui);
      ImGui_ImplVulkan_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      ImGui::NewFrame();
      if (drawUi) drawUi();
      ImGui::Render();
      ImDrawData* data = ImGui::GetDrawData();

      vkResetFences(vk, 1, &f.fence);
      vkResetCommandBuffer(f.cmd, 0);
      VkCommandBufferBeginInfo bi{};
      bi.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
      bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
      vkBeginCommandBuffer(f.cmd, &bi);
      VkClearValue clear{};
      clear.color = {{0.09f, 0.09f, 0.10f, 1.0f}};
      VkRenderPassBeginInfo rb{};
      rb.sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO;
      rb.renderPass = renderPass;
      rb.framebuffer = framebuffers[image];
      rb.renderArea.extent = extent;
      rb.clearValueCount = 1;
      rb.pClearValues = &clear;
      vkCmdBeginRenderPass(f.cmd, &rb, VK_SUBPASS_CONTENTS_INLINE);
      ImGui_ImplVulkan_RenderDrawData(data, f.cmd);
      vkCmdEndRenderPass(f.cmd);
      if (mirror) copyMirror(f.cmd, images[image]);
      mirror.reset();
      vkEndCommandBuffer(f.cmd);
    }

    const VkPipelineStageFlags waitStage = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    VkSubmitInfo si{};
    si.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    si.waitSemaphoreCount = 1;
    si.pWaitSemaphores = &f.acquired;
    si.pWaitDstStageMask = &waitStage;
    si.commandBufferCount = 1;
    si.pCommandBuffers = &f.cmd;
    si.signalSemaphoreCount = 1;
    si.pSignalSemaphores = &renderDone[image];
    if (vkQueueSubmit(device.queue(), 1, &si, f.fence) != VK_SUCCESS) return closed = true, false;
    if (captureRequested && canCapture) {
      // Still ours until presented: read it back once the frame is drawn.
      vkWaitForFences(vk, 1, &f.fence, VK_TRUE, UINT64_MAX);
      capture = gfx::readbackImage(device, images[image], format.format, extent, 0, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR);
      captureRequested = false;
    }

    VkPresentInfoKHR pi{};

    pi.sType = VK_STRUCTURE_TYPE_PRESENT_INFO_KHR;
    pi.waitSemaphoreCount = 1;
    pi.pWaitSemaphores = &renderDone[image];
    pi.swapchainCount = 1;
    pi.pSwapchains = &swapchain;
    pi.pImageIndices = &image;
    r = vkQueuePresentKHR(device.queue(), &pi);
    if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) needRecreate = true;
    if (r == VK_ERROR_SURFACE_LOST_KHR) closed = true;
    ++frameIndex;
    ++drawn;
    return !closed;
  }
};

ConsoleWindow::ConsoleWindow(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ConsoleWindow::~ConsoleWindow() = default;

bool ConsoleWindow::addWindowNeeds(gfx::DeviceHooks& hooks) {
  if (!startGlfw()) return false;
  std::uint32_t count = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&count);
  if (!names) return false;
  auto add = [](std::vector<std::string>& list, const std::string& name) {
    if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
  };
  for (std::uint32_t i = 0; i < count; ++i) add(hooks.instanceExtensions, names[i]);
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
  if (!startGlfw()) {
    whyNot = "no display for the console window (" + glfwErrorText() + ")";
    return nullptr;
  }
  auto impl = std::make_unique<Impl>(device);
  if (!glfwVulkanSupported()) {
    whyNot = "GLFW found no Vulkan loader";
    return nullptr;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
  impl->window = glfwCreateWindow(static_cast<int>(std::max(size.width, 1u)), static_cast<int>(std::max(size.height, 1u)),
                                  "Øverum — facilitator", nullptr, nullptr);
  glfwDefaultWindowHints();
  if (!impl->window) {
    whyNot = "could not open the console window (" + glfwErrorText() + ")";
    return nullptr;
  }
  // GLFW asks the instance for the platform's surface command: absent when the instance was made
  // without GLFW's surface extensions (XR runtime's instance, headless).
  if (VkResult r = glfwCreateWindowSurface(device.instance(), impl->window, nullptr, &impl->surface);
      r != VK_SUCCESS) {
    impl->surface = VK_NULL_HANDLE;
    whyNot = "the Vulkan instance cannot make a window surface (" + glfwErrorText() + ")";
    return nullptr;
  }
  try {
    if (!impl->setUp(uiScale, whyNot)) return nullptr;
  } catch (const std::exception& e) {  // runOneShot and friends throw overum::Error
    whyNot = std::string("could not set up the console window: ") + e.what();
    return nullptr;
  }
  return std::unique_ptr<ConsoleWindow>(new ConsoleWindow(std::move(impl)));
}

bool ConsoleWindow::frame(const std::function<void()>& drawUi) { return impl_->frame(drawUi); }
ImGuiContext* ConsoleWindow::context() const { return impl_->imgui; }
void ConsoleWindow::requestClose() { glfwSetWindowShouldClose(impl_->window, GLFW_TRUE); }
void ConsoleWindow::setSize(VkExtent2D size) {
  glfwSetWindowSize(impl_->window, static_cast<int>(size.width), static_cast<int>(size.height));
}
VkExtent2D ConsoleWindow::swapchainExtent() const { return impl_->extent; }
std::uint64_t ConsoleWindow::framesDrawn() const { return impl_->drawn; }
bool ConsoleWindow::showMirror(VkImage image, VkExtent2D extent, VkImageLayout layout, float x0, float y0, float x1,
                               float y1) {
  Impl& w = *impl_;
  if (!w.canMirror) return false;
  const auto clampX = [&](float v) { return std::clamp(std::int32_t(std::lround(v)), 0, std::int32_t(w.extent.width)); };
  const auto clampY = [&](float v) { return std::clamp(std::int32_t(std::lround(v)), 0, std::int32_t(w.extent.height)); };
  const VkOffset3D from{clampX(x0), clampY(y0), 0}, to{clampX(x1), clampY(y1), 1};
  if (!image || extent.width == 0 || extent.height == 0 || to.x <= from.x || to.y <= from.y) return true;
  w.mirror = Impl::Mirror{image, extent, layout, from, to};
  return true;
}

void ConsoleWindow::captureNextFrame() { impl_->captureRequested = true; }
std::optional<gfx::ImageRGBA8> ConsoleWindow::takeCapture() { return std::exchange(impl_->capture, std::nullopt); }

}  // namespace overum::app
