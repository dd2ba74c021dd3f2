// SPDX-License-Identifier: GPL-3.0-or-later
// The public factories: each backend is built inside a try, so a missing runtime, headset or display
// becomes nullptr plus a one-line reason for the user, never an exception or a crash.
#include <overum/core/check.h>
#include <overum/xr/headset.h>

#include <cstdlib>
#include <exception>

#include "backends.h"

namespace overum::xr {
namespace {

template <typename Make>
std::unique_ptr<Headset> guarded(Make make, const HeadsetConfig& config, std::string& whyNot) {
  try {
    return make(config);
  } catch (const std::exception& e) {
    whyNot = e.what();
  } catch (...) {
    whyNot = "unknown error";
  }
  return nullptr;
}

bool hasEnv(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}

}  // namespace

std::unique_ptr<Headset> createOpenXrHeadset(const HeadsetConfig& config, std::string& whyNot) {
  return guarded(makeOpenXrHeadset, config, whyNot);
}

std::unique_ptr<Headset> createDesktopHeadset(const HeadsetConfig& config, std::string& whyNot) {
  // Checked up front: GLFW's own message for this ("X11: The DISPLAY environment variable is
  // missing") does not tell a user what is wrong.
  if (!hasEnv("DISPLAY") && !hasEnv("WAYLAND_DISPLAY")) {
    whyNot = "no display for a window (neither DISPLAY nor WAYLAND_DISPLAY is set)";
    return nullptr;
  }
  if (config.size.width == 0 || config.size.height == 0) {
    whyNot = "window size must not be zero";
    return nullptr;
  }
  return guarded(makeDesktopHeadset, config, whyNot);
}

std::unique_ptr<Headset> createHeadlessHeadset(const HeadsetConfig& config, std::string& whyNot) {
  if (config.size.width == 0 || config.size.height == 0) {
    whyNot = "headless size must not be zero";
    return nullptr;
  }
  return guarded(makeHeadlessHeadset, config, whyNot);
}

}  // namespace overum::xr
