// SPDX-License-Identifier: GPL-3.0-or-later
// FrameRing: timeline semaphore, per-slot command buffers and the frame submit (see frame_ring.h).
#include <overum/gfx/frame_ring.h>
#include <overum/gfx/vk_check.h>

#include <array>

namespace overum::gfx {

FrameRing::~FrameRing() {
  drain();
  const VkDevice d = device_.device();
  if (timeline_ != VK_NULL_HANDLE) vkDestroySemaphore(d, timeline_, nullptr);
  for (Slot& s : slots_)
    if (s.pool != VK_NULL_HANDLE) vkDestroyCommandPool(d, s.pool, nullptr);  // frees its command buffer
}

void FrameRing::init(std::uint32_t slots) {
  const VkDevice d = device_.device();
  auto timelineType = vkStruct<VkSemaphoreTypeCreateInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_TYPE_CREATE_INFO);
  timelineType.semaphoreType = VK_SEMAPHORE_TYPE_TIMELINE;
  auto semInfo = vkStruct<VkSemaphoreCreateInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO, &timelineType);
  OVERUM_VK(vkCreateSemaphore(d, &semInfo, nullptr, &timeline_));

  slots_.resize(slots);
  for (Slot& s : slots_) {
    auto poolInfo = vkStruct<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
    poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    poolInfo.queueFamilyIndex = device_.queueFamily();
    OVERUM_VK(vkCreateCommandPool(d, &poolInfo, nullptr, &s.pool));
    auto alloc = vkStruct<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
    alloc.commandPool = s.pool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    OVERUM_VK(vkAllocateCommandBuffers(d, &alloc, &s.cmd));
  }
}

VkCommandBuffer FrameRing::begin() {
  Slot& s = slots_[slot()];
  waitFor(s.submitted);
  OVERUM_VK(vkResetCommandPool(device_.device(), s.pool, 0));
  auto begin = vkStruct<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  OVERUM_VK(vkBeginCommandBuffer(s.cmd, &begin));
  return s.cmd;
}

void FrameRing::submit(const FrameSync& sync, VkPipelineStageFlags2 waitStage) {
  Slot& s = slots_[slot()];
  OVERUM_VK(vkEndCommandBuffer(s.cmd));

  const std::uint64_t value = frameNumber_ + 1;
  auto cmdInfo = vkStruct<VkCommandBufferSubmitInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO);
  cmdInfo.commandBuffer = s.cmd;
  auto waitInfo = vkStruct<VkSemaphoreSubmitInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO);
  waitInfo.semaphore = sync.waitSemaphore;
  waitInfo.stageMask = waitStage;
  std::array<VkSemaphoreSubmitInfo, 2> signals{};
  signals[0] = vkStruct<VkSemaphoreSubmitInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO);
  signals[0].semaphore = timeline_;
  signals[0].value = value;
  signals[0].stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
  signals[1] = signals[0];
  signals[1].semaphore = sync.signalSemaphore;
  signals[1].value = 0;
  auto submit = vkStruct<VkSubmitInfo2>(VK_STRUCTURE_TYPE_SUBMIT_INFO_2);
  submit.waitSemaphoreInfoCount = sync.waitSemaphore != VK_NULL_HANDLE ? 1 : 0;
  submit.pWaitSemaphoreInfos = &waitInfo;
  submit.commandBufferInfoCount = 1;
  submit.pCommandBufferInfos = &cmdInfo;
  submit.signalSemaphoreInfoCount = sync.signalSemaphore != VK_NULL_HANDLE ? 2 : 1;
  submit.pSignalSemaphoreInfos = signals.data();
  OVERUM_VK(vkQueueSubmit2(device_.queue(), 1, &submit, sync.fence));
  frameNumber_ = value;
  s.submitted = value;
}

void FrameRing::waitFor(std::uint64_t value) const {
  if (value == 0 || timeline_ == VK_NULL_HANDLE) return;
  auto wait = vkStruct<VkSemaphoreWaitInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_WAIT_INFO);
  wait.semaphoreCount = 1;
  wait.pSemaphores = &timeline_;
  wait.pValues = &value;
  OVERUM_VK(vkWaitSemaphores(device_.device(), &wait, UINT64_MAX));
}

void FrameRing::drain() noexcept {
  if (frameNumber_ == 0 || timeline_ == VK_NULL_HANDLE) return;
  // Not waitFor(): this must not throw, and after device loss there is nothing to wait for.
  auto wait = vkStruct<VkSemaphoreWaitInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_WAIT_INFO);
  wait.semaphoreCount = 1;
  wait.pSemaphores = &timeline_;
  wait.pValues = &frameNumber_;
  if (vkWaitSemaphores(device_.device(), &wait, UINT64_MAX) != VK_SUCCESS) vkDeviceWaitIdle(device_.device());
}

}  // namespace overum::gfx
