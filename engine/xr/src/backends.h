// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: the three backends' constructors, which throw overum::Error (one line) when they cannot
// run; factories.cpp turns that into nullptr + whyNot so nothing throws across the module API.
#pragma once
#include <overum/xr/headset.h>

#include <memory>

namespace overum::xr {

std::unique_ptr<Headset> makeOpenXrHeadset(const HeadsetConfig& config);
std::unique_ptr<Headset> makeDesktopHeadset(const HeadsetConfig& config);
std::unique_ptr<Headset> makeHeadlessHeadset(const HeadsetConfig& config);

// Test hooks for the desktop backend (Xvfb tests): resize or close the window as a user would.
// No-ops on other backends.
void desktopResizeForTest(Headset& headset, VkExtent2D size);
void desktopCloseForTest(Headset& headset);
void desktopKeyForTest(Headset& headset, int glfwKey, int mods = 0);
void desktopDragForTest(Headset& headset, double dx, double dy);
void desktopMinimiseForTest(Headset& headset, bool minimised);

}  // namespace overum::xr
