// SPDX-License-Identifier: GPL-3.0-or-later
// The headless OpenXR test runtime's control API: plain C functions exported from the runtime's
// shared library, which tests find with dlopen(RTLD_NOLOAD)/dlsym next to the real Khronos loader.
#pragma once
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Counters and the last submission, as the runtime saw them.
typedef struct OverumTestRuntimeStats {
  uint64_t waitFrames;               // xrWaitFrame calls
  uint64_t endFrames;                // xrEndFrame calls
  uint64_t framesWithLayers;         // xrEndFrame calls that submitted a projection layer
  uint64_t displayTimeMismatches;    // xrEndFrame displayTime not the one xrWaitFrame predicted
  uint64_t acquiresWithoutRender;    // swapchain images acquired in a frame whose shouldRender was false
  uint64_t layersWithoutRender;      // layers submitted in a frame whose shouldRender was false
  int64_t lastPredictedDisplayTime;  // from the latest xrWaitFrame, nanoseconds
  int64_t lastSubmittedDisplayTime;  // from the latest xrEndFrame with a layer
  uint64_t sessionsCreated;
  uint64_t sessionsDestroyed;
  int32_t sessionState;                    // XrSessionState of the current session (0 if none)
  int32_t referenceSpaceOfLayer;           // XrReferenceSpaceType of the last submitted layer's space
  uint64_t childrenDestroyedAfterSession;  // xrDestroySpace/xrDestroySwapchain on a handle its session took along
  uint64_t deviceChainOverlaps;  // xrCreateVulkanDeviceKHR refused: Vulkan12Features beside a struct it covers
} OverumTestRuntimeStats;

// One eye of the last submitted projection layer, read back as 8-bit RGBA (sRGB-encoded bytes as
// stored). Returns 0 when there is none. Copies at most capacity bytes into rgba.
typedef int (*PFN_overumTestRuntimeEyeImage)(uint32_t eye, uint32_t* width, uint32_t* height, uint8_t* rgba,
                                             uint64_t capacity);
typedef void (*PFN_overumTestRuntimeStats)(OverumTestRuntimeStats* out);
// Queues a session state change for the current session (e.g. XR_SESSION_STATE_VISIBLE = 4).
typedef void (*PFN_overumTestRuntimeSetState)(int32_t state);
// Queues LOSS_PENDING; later session calls return XR_ERROR_SESSION_LOST. systemAvailable = 0 also
// takes the headset away (xrGetSystem fails) so the app cannot recreate the session.
typedef void (*PFN_overumTestRuntimeLoseSession)(int systemAvailable);
// Queues XrEventDataInstanceLossPending; later calls return XR_ERROR_INSTANCE_LOST.
typedef void (*PFN_overumTestRuntimeLoseInstance)(void);
// Presses or releases a controller input, e.g. "/user/hand/right/input/select/click".
typedef void (*PFN_overumTestRuntimeSetButton)(const char* path, int pressed);
// Switches the "connected" controllers' interaction profile, e.g.
// "/interaction_profiles/valve/index_controller"; bindings suggested for it apply from the next sync.
typedef void (*PFN_overumTestRuntimeSetProfile)(const char* profile);
// Resets all control state (between test cases in one process).
typedef void (*PFN_overumTestRuntimeReset)(void);

#ifdef __cplusplus
}
#endif
