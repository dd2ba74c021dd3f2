// SPDX-License-Identifier: GPL-3.0-or-later
// The voices as the director sees them, live and replayed (see voice_timeline.h).
#include "voice_timeline.h"

#include <cmath>

namespace overum::app {

void VoiceTimeline::restart() {
  spoken_ = 0;
  playing_.reset();
  busy_ = false;
}

std::optional<std::size_t> VoiceTimeline::sample(double now) {
  if (!playing_) {
    busy_ = false;
    return std::nullopt;
  }
  const std::size_t line = *playing_;
  const bool known = replaying_ && line < lineDone_.size() && !std::isnan(lineDone_[line]);
  // The track keeps times to the millisecond: a line that ended on this frame may read as up to half a
  // millisecond later.
  busy_ = known ? now < lineDone_[line] - kTrackResolution / 2 : !silent_ && voices_.busy();
  if (busy_) return std::nullopt;
  playing_.reset();
  if (replaying_) return std::nullopt;
  return line;
}

void VoiceTimeline::speak(const meeting::Speaker& who, const std::string& lineId, const std::string& text) {
  if (!silent_) voices_.speak(who, lineId, text);
  playing_ = spoken_++;
  busy_ = true;  // until the next sample says otherwise
}

void VoiceTimeline::stop() {
  voices_.stop();
  playing_.reset();
  busy_ = false;
}

}  // namespace overum::app
