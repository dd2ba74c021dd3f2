// SPDX-License-Identifier: GPL-3.0-or-later
// Clocks for the frame loop: real time for users, a fixed 1/90 s step for tests and headless runs,
// so the same inputs give the same frames.
#pragma once
#include <chrono>
#include <cstdint>

namespace overum {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual double now() const = 0;  // seconds since the clock started
  virtual void tick() {}           // called once per frame
};

class RealClock final : public Clock {
 public:
  double now() const override {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

class FixedStepClock final : public Clock {
 public:
  explicit FixedStepClock(double step = 1.0 / 90.0) : step_(step) {}
  double now() const override { return static_cast<double>(ticks_) * step_; }
  void tick() override { ++ticks_; }
  double step() const { return step_; }

 private:
  double step_;
  std::uint64_t ticks_ = 0;
};

// Thread CPU time in seconds: engine cost per frame excluding waits on the GPU or the display.
double threadCpuSeconds();

}  // namespace overum
