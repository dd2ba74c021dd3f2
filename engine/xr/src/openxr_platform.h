// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: openxr.h with the Vulkan platform types (XR_KHR_vulkan_enable2) switched on.
#pragma once
#include <vulkan/vulkan.h>
#define XR_USE_GRAPHICS_API_VULKAN
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>
