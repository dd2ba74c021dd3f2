// SPDX-License-Identifier: GPL-3.0-or-later
// GLFW's one owner, the window and its events, and the window's presenter (see window_presenter.h).
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <overum/core/log.h>
#include <overum/gfx/vk_check.h>
#include <overum/xr/window_presenter.h>

#include <algorithm>

namespace overum::xr {
namespace {

std::string glfwErrorText() {
  const char* text = nullptr;
  glfwGetError(&text);
  return text ? text : "unknown GLFW error";
}

}  // namespace

// --- GLFW -------------------------------------------------------------------------------------------

std::shared_ptr<GlfwLibrary> GlfwLibrary::acquire() {
  static std::weak_ptr<GlfwLibrary> current;  // GLFW runs on the main thread only
  if (auto held = current.lock()) return held;
  if (!glfwInit()) throw Error("no display for a window (" + glfwErrorText() + ")");
  std::shared_ptr<GlfwLibrary> library(new GlfwLibrary);  // from here its destructor terminates GLFW
  if (!glfwVulkanSupported()) throw Error("GLFW found no Vulkan loader");
  current = library;
  return library;
}

GlfwLibrary::~GlfwLibrary() { glfwTerminate(); }

std::vector<std::string> GlfwLibrary::requiredInstanceExtensions() const {
  std::uint32_t count = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&count);
  return names ? std::vector<std::string>(names, names + count) : std::vector<std::string>{};
}

// --- The window ---------------------------------------------------------------------------------------

Window::Window(const WindowConfig& config, WindowEvents* events) : glfw_(GlfwLibrary::acquire()), events_(events) {
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  glfwWindowHint(GLFW_RESIZABLE, config.resizable ? GLFW_TRUE : GLFW_FALSE);
  window_ =
      glfwCreateWindow(static_cast<int>(std::max(config.size.width, 1u)),
                       static_cast<int>(std::max(config.size.height, 1u)), config.title.c_str(), nullptr, nullptr);
  glfwDefaultWindowHints();
  if (!window_) throw Error("could not open a window (" + glfwErrorText() + ")");
  glfwSetWindowUserPointer(window_, this);
  // Each event goes to this window's listener (GLFW calls back from any window's poll).
  static constexpr auto listener = [](GLFWwindow* w) {
    return static_cast<Window*>(glfwGetWindowUserPointer(w))->events_;
  };
  if (!events_) return;
  glfwSetKeyCallback(window_, [](GLFWwindow* w, int key, int scancode, int action, int mods) {
    listener(w)->key(key, scancode, action, mods);
  });
  glfwSetCharCallback(window_, [](GLFWwindow* w, unsigned c) { listener(w)->character(c); });
  glfwSetScrollCallback(window_, [](GLFWwindow* w, double dx, double dy) { listener(w)->scroll(dx, dy); });
  glfwSetMouseButtonCallback(
      window_, [](GLFWwindow* w, int button, int action, int mods) { listener(w)->mouseButton(button, action, mods); });
  glfwSetCursorPosCallback(window_, [](GLFWwindow* w, double x, double y) { listener(w)->cursorMoved(x, y); });
  glfwSetWindowFocusCallback(window_, [](GLFWwindow* w, int focused) { listener(w)->focused(focused == GLFW_TRUE); });
  glfwSetCursorEnterCallback(window_,
                             [](GLFWwindow* w, int entered) { listener(w)->cursorEntered(entered == GLFW_TRUE); });
}

Window::~Window() { glfwDestroyWindow(window_); }

void Window::poll() { glfwPollEvents(); }
void Window::waitBriefly() { glfwWaitEventsTimeout(0.05); }
bool Window::closeRequested() const { return glfwWindowShouldClose(window_) == GLFW_TRUE; }
void Window::requestClose() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }

void Window::resize(VkExtent2D size) {
  glfwSetWindowSize(window_, static_cast<int>(size.width), static_cast<int>(size.height));
}

VkExtent2D Window::framebufferSize() const {
  if (simulatedMinimised_ || glfwGetWindowAttrib(window_, GLFW_ICONIFIED)) return {0, 0};
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return {static_cast<std::uint32_t>(std::max(w, 0)), static_cast<std::uint32_t>(std::max(h, 0))};
}

// --- The presenter ------------------------------------------------------------------------------------

WindowPresenter::Surface::Surface(VkInstance i, Window& window) : instance(i) {
  // GLFW asks the instance for the platform's surface command: absent when the instance was made
  // without GLFW's surface extensions (an XR runtime's, headless).
  if (glfwCreateWindowSurface(instance, window.handle(), nullptr, &handle) != VK_SUCCESS) {
    handle = VK_NULL_HANDLE;
    throw Error("the Vulkan instance cannot make a window surface (" + glfwErrorText() + ")");
  }
}

WindowPresenter::Surface::~Surface() {
  if (handle) vkDestroySurfaceKHR(instance, handle, nullptr);
}

WindowPresenter::WindowPresenter(const gfx::Device& device, Window& window, const PresenterConfig& config)
    : device_(device), window_(window), config_(config), surface_(device.instance(), window) {
  VkBool32 supported = VK_FALSE;
  OVERUM_VK(
      vkGetPhysicalDeviceSurfaceSupportKHR(device.physicalDevice(), device.queueFamily(), surface_.handle, &supported));
  OVERUM_CHECK(supported == VK_TRUE, "the graphics queue cannot present to this window");

  std::uint32_t count = 0;
  OVERUM_VK(vkGetPhysicalDeviceSurfaceFormatsKHR(device.physicalDevice(), surface_.handle, &count, nullptr));
  std::vector<VkSurfaceFormatKHR> formats(count);
  OVERUM_VK(vkGetPhysicalDeviceSurfaceFormatsKHR(device.physicalDevice(), surface_.handle, &count, formats.data()));
  OVERUM_CHECK(!formats.empty(), "the window offers no surface formats");
  const VkFormat wanted[2] = {config.srgbFormat ? VK_FORMAT_B8G8R8A8_SRGB : VK_FORMAT_B8G8R8A8_UNORM,
                              config.srgbFormat ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM};
  auto it = std::find_if(formats.begin(), formats.end(), [&](const VkSurfaceFormatKHR& f) {
    return (f.format == wanted[0] || f.format == wanted[1]) && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
  });
  if (it == formats.end()) {
    log::warn("xr", "window has no {} surface format; colours will look wrong", config.srgbFormat ? "sRGB" : "UNORM");
    it = formats.begin();
  }
  format_ = *it;
  for (std::uint32_t i = 0; i < kFramesInFlight; ++i) {
    acquired_[i] = gfx::makeSemaphore(device.device());
    inFlight_[i] = gfx::makeFence(device.device(), true);
  }
  if (const VkExtent2D size = window.framebufferSize(); size.width > 0 && size.height > 0) recreate(size);
}

WindowPresenter::~WindowPresenter() { vkDeviceWaitIdle(device_.device()); }

void WindowPresenter::useRenderPass(VkRenderPass renderPass) {
  renderPass_ = renderPass;
  for (SwapchainImage& image : images_) makeFramebuffer(image);
}

void WindowPresenter::makeFramebuffer(SwapchainImage& image) {
  image.framebuffer.reset();
  image.view = gfx::OwnedImageView(
      device_.device(), gfx::createImageView(device_, image.image, format_.format, 1, VK_IMAGE_VIEW_TYPE_2D));
  VkImageView view = image.view.get();
  auto info = gfx::vkStruct<VkFramebufferCreateInfo>(VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO);
  info.renderPass = renderPass_;
  info.attachmentCount = 1;
  info.pAttachments = &view;
  info.width = extent_.width;
  info.height = extent_.height;
  info.layers = 1;
  VkFramebuffer framebuffer = VK_NULL_HANDLE;
  OVERUM_VK(vkCreateFramebuffer(device_.device(), &info, nullptr, &framebuffer));
  image.framebuffer = gfx::OwnedFramebuffer(device_.device(), framebuffer);
}

bool WindowPresenter::recreate(VkExtent2D framebuffer) {
  VkSurfaceCapabilitiesKHR caps;
  OVERUM_VK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(device_.physicalDevice(), surface_.handle, &caps));
  VkExtent2D extent = caps.currentExtent;
  if (extent.width == UINT32_MAX) {
    extent.width = std::clamp(framebuffer.width, caps.minImageExtent.width, caps.maxImageExtent.width);
    extent.height = std::clamp(framebuffer.height, caps.minImageExtent.height, caps.maxImageExtent.height);
  }
  if (extent.width == 0 || extent.height == 0) return false;  // minimised after all: keep the old one
  OVERUM_CHECK((caps.supportedUsageFlags & config_.requiredUsage) == config_.requiredUsage,
               "window images cannot be drawn or copied into");
  OVERUM_VK(vkDeviceWaitIdle(device_.device()));  // rare (resize): the old images and semaphores must be out of use
  images_.clear();

  std::uint32_t imageCount = std::max(caps.minImageCount + 1, config_.minImageCount);
  if (caps.maxImageCount > 0) imageCount = std::min(imageCount, caps.maxImageCount);
  VkCompositeAlphaFlagBitsKHR alpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  for (VkCompositeAlphaFlagBitsKHR a :
       {VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR, VK_COMPOSITE_ALPHA_INHERIT_BIT_KHR,
        VK_COMPOSITE_ALPHA_PRE_MULTIPLIED_BIT_KHR, VK_COMPOSITE_ALPHA_POST_MULTIPLIED_BIT_KHR})
    if (caps.supportedCompositeAlpha & a) {
      alpha = a;
      break;
    }
  usage_ = config_.requiredUsage | (caps.supportedUsageFlags & config_.optionalUsage);
  auto info = gfx::vkStruct<VkSwapchainCreateInfoKHR>(VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR);
  info.surface = surface_.handle;
  info.minImageCount = imageCount;
  info.imageFormat = format_.format;
  info.imageColorSpace = format_.colorSpace;
  info.imageExtent = extent;
  info.imageArrayLayers = 1;
  info.imageUsage = usage_;
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = (caps.supportedTransforms & VK_SURFACE_TRANSFORM_IDENTITY_BIT_KHR)
                          ? VK_SURFACE_TRANSFORM_IDENTITY_BIT_KHR
                          : caps.currentTransform;
  info.compositeAlpha = alpha;
  info.presentMode = VK_PRESENT_MODE_FIFO_KHR;  // always available; no tearing
  info.clipped = VK_TRUE;
  info.oldSwapchain = swapchain_.get();
  VkSwapchainKHR created = VK_NULL_HANDLE;
  OVERUM_VK(vkCreateSwapchainKHR(device_.device(), &info, nullptr, &created));
  swapchain_ = OwnedSwapchain(device_.device(), created);  // the old one goes
  extent_ = extent;
  madeFor_ = framebuffer;
  outOfDate_ = false;

  std::uint32_t count = 0;
  OVERUM_VK(vkGetSwapchainImagesKHR(device_.device(), created, &count, nullptr));
  std::vector<VkImage> images(count);
  OVERUM_VK(vkGetSwapchainImagesKHR(device_.device(), created, &count, images.data()));
  images_.resize(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    images_[i].image = images[i];
    images_[i].renderFinished = gfx::makeSemaphore(device_.device());
    if (renderPass_) makeFramebuffer(images_[i]);
  }
  log::info("xr", "window swapchain {}x{}, {} images", extent.width, extent.height, count);
  return true;
}

std::optional<PresentImage> WindowPresenter::acquire() {
  const VkExtent2D size = window_.framebufferSize();
  if (size.width == 0 || size.height == 0) return std::nullopt;  // minimised: no swapchain work at 0x0
  if (outOfDate_ || !swapchain_.get() || size.width != madeFor_.width || size.height != madeFor_.height)
    if (!recreate(size)) return std::nullopt;

  VkFence fence = inFlight_[slot_].get();
  OVERUM_VK(vkWaitForFences(device_.device(), 1, &fence, VK_TRUE, UINT64_MAX));
  std::uint32_t index = 0;
  const VkResult r = vkAcquireNextImageKHR(device_.device(), swapchain_.get(), UINT64_MAX, acquired_[slot_].get(),
                                           VK_NULL_HANDLE, &index);
  if (r == VK_ERROR_OUT_OF_DATE_KHR) {
    outOfDate_ = true;  // skip this frame; the next one gets a fresh swapchain
    return std::nullopt;
  }
  if (r == VK_SUBOPTIMAL_KHR) outOfDate_ = true;  // still presentable: draw, then recreate
  else OVERUM_VK(r);
  OVERUM_VK(vkResetFences(device_.device(), 1, &fence));
  const SwapchainImage& image = images_[index];
  return PresentImage{
      index, slot_, image.image, image.framebuffer.get(), acquired_[slot_].get(), image.renderFinished.get(), fence};
}

void WindowPresenter::present(const PresentImage& image) {
  VkSwapchainKHR swapchain = swapchain_.get();
  auto info = gfx::vkStruct<VkPresentInfoKHR>(VK_STRUCTURE_TYPE_PRESENT_INFO_KHR);
  info.waitSemaphoreCount = 1;
  info.pWaitSemaphores = &image.renderFinished;
  info.swapchainCount = 1;
  info.pSwapchains = &swapchain;
  info.pImageIndices = &image.index;
  const VkResult r = vkQueuePresentKHR(device_.queue(), &info);
  if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) outOfDate_ = true;
  else OVERUM_VK(r);
  slot_ = (slot_ + 1) % kFramesInFlight;
}

}  // namespace overum::xr
