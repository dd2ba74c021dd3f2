// SPDX-License-Identifier: GPL-3.0-or-later
// Frames in flight as Renderer and OverlayRenderer keep them: a timeline semaphore counting submitted
// frames and one command pool + buffer per slot; begin() records into the next slot, submit() sends it.
#pragma once
#include <overum/gfx/device.h>
#include <overum/gfx/render_target.h>

#include <cstdint>
#include <vector>

namespace overum::gfx {

class FrameRing {
 public:
  explicit FrameRing(const Device& device) : device_(device) {}
  ~FrameRing();  // drain(), then destroys the semaphore and the pools
  FrameRing(const FrameRing&) = delete;
  FrameRing& operator=(const FrameRing&) = delete;

  // Creates the timeline semaphore and `slots` command pools with one primary buffer each.
  void init(std::uint32_t slots);

  // The slot the next begin() records into (for per-slot data the caller keeps beside the ring).
  std::size_t slot() const { return frameNumber_ % slots_.size(); }
  // Waits until slot()'s previous frame is done, resets its pool and begins its one-time-submit buffer.
  VkCommandBuffer begin();
  // Ends the buffer begin() returned and submits it: waits for sync.waitSemaphore (when set) at
  // `waitStage`, then signals the timeline with the new frame number, sync.signalSemaphore and sync.fence.
  void submit(const FrameSync& sync, VkPipelineStageFlags2 waitStage);

  // Frames submitted so far; also the timeline value the latest one signals.
  std::uint64_t frameNumber() const { return frameNumber_; }
  // Waits until the timeline reaches `value` (0: returns at once); throws on device loss.
  void waitFor(std::uint64_t value) const;
  void waitIdle() const { waitFor(frameNumber_); }
  // waitIdle() for destructors: never throws, falls back to vkDeviceWaitIdle when the wait fails.
  void drain() noexcept;

 private:
  struct Slot {
    VkCommandPool pool = VK_NULL_HANDLE;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    std::uint64_t submitted = 0;  // timeline value signalled when this slot's last frame is done
  };
  const Device& device_;
  VkSemaphore timeline_ = VK_NULL_HANDLE;
  std::vector<Slot> slots_;
  std::uint64_t frameNumber_ = 0;
};

}  // namespace overum::gfx
