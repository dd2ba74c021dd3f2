// SPDX-License-Identifier: GPL-3.0-or-later
// The text layer over time: the calm fade into and out of the pause room, and choosing an option
// card by looking at it long enough (for citizens who cannot or would rather not use a controller).
#pragma once
#include <algorithm>

namespace overum::ui {

// Into the pause room: the meeting darkens to the pause screen's veil, then the pause room shows
// behind it. Out: the meeting shows at once behind the full veil, which lightens. Well within the
// one second the citizen is promised, and never a jump from bright to dark.
class PauseFade {
 public:
  static constexpr double kSeconds = 0.4;

  void update(bool paused, double now) {
    now_ = now;
    if (paused != paused_) {
      // A change while fading continues from the veil shown now, without a jump.
      const double shown = level();
      paused_ = paused;
      changedAt_ = now - (paused ? shown : 1.0 - shown) * kSeconds;
    }
  }
  bool showPauseRoom() const { return paused_ && progress() >= 1.0; }
  // 0..1 of the pause screen's veil to draw over the meeting; 0 once the pause room shows.
  float veil() const { return showPauseRoom() ? 0.0f : float(level()); }

 private:
  double progress() const { return std::clamp((now_ - changedAt_) / kSeconds, 0.0, 1.0); }
  double level() const { return paused_ ? progress() : 1.0 - progress(); }  // 1: fully veiled
  bool paused_ = false;
  double changedAt_ = -1e9;
  double now_ = 0.0;
};

// Looking at one card for kSeconds chooses it; looking away resets. The bar on the card shows how
// far it has got, so nothing is chosen by surprise.
class GazeDwell {
 public:
  static constexpr double kSeconds = 2.0;

  // `looked` is the card under the gaze this frame (-1: none). Returns the card chosen now, or -1.
  int update(int looked, double now) {
    if (looked != card_) {
      card_ = looked;
      since_ = now;
    }
    progress_ = card_ < 0 ? 0.0f : float(std::clamp((now - since_) / kSeconds, 0.0, 1.0));
    if (card_ >= 0 && progress_ >= 1.0f) {
      const int chosen = card_;
      reset();
      return chosen;
    }
    return -1;
  }
  void reset() {
    card_ = -1;
    progress_ = 0.0f;
  }
  int card() const { return card_; }
  float progress() const { return progress_; }

 private:
  int card_ = -1;
  double since_ = 0.0;
  float progress_ = 0.0f;
};

}  // namespace overum::ui
