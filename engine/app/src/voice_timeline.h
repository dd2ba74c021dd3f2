// SPDX-License-Identifier: GPL-3.0-or-later
// The voices as the director sees them: one answer to "is a line still playing?" per frame, sampled before
// the director's update. A live meeting keeps when each line finished (for its replay); a replay answers
// from those times, so the director takes the same turns at the same moments without the live audio's timing.
#pragma once
#include <overum/meeting/director.h>

#include <optional>
#include <vector>

namespace overum::app {

class VoiceTimeline : public meeting::SpeechOutput {
 public:
  static constexpr double kTrackResolution = 0.001;  // the replay track's times are kept to the millisecond

  explicit VoiceTimeline(meeting::SpeechOutput& voices) : voices_(voices) {}

  // A replay: line n (counted from the director's start) finished at lineDone[n]; NaN or missing: the
  // voices say. Silent: lines are not heard (seeking through a replay).
  void replay(std::vector<double> lineDone) { lineDone_ = std::move(lineDone), replaying_ = true; }
  void setSilent(bool silent) { silent_ = silent; }
  void restart();  // the director starts again: lines count from 0

  // Before each director update: what busy() says until then. Live: returns the line that has just
  // finished (to keep), if one has.
  std::optional<std::size_t> sample(double now);

  void speak(const meeting::Speaker& who, const std::string& lineId, const std::string& text) override;
  bool busy() const override { return busy_; }
  void stop() override;

 private:
  meeting::SpeechOutput& voices_;
  std::vector<double> lineDone_;
  bool replaying_ = false, silent_ = false;
  bool busy_ = false;
  std::size_t spoken_ = 0;              // lines spoken since the start
  std::optional<std::size_t> playing_;  // the line that has not been seen to finish
};

}  // namespace overum::app
