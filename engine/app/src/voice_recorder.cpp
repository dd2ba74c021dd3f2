// SPDX-License-Identifier: GPL-3.0-or-later
// Trimming and loudness normalisation of a recorded line; see voice_recorder.h.
#include "voice_recorder.h"

#include <overum/speech/loudness.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace overum::app {

std::optional<audio::Pcm> trimSilence(const audio::Pcm& take, const TrimSettings& settings) {
  const auto window = std::size_t(std::max(1.0, settings.window_s * take.sampleRate));
  std::vector<double> levelDb;  // RMS per window, dBFS
  for (std::size_t at = 0; at < take.samples.size(); at += window) {
    const std::size_t end = std::min(take.samples.size(), at + window);
    double sum = 0.0;
    for (std::size_t i = at; i < end; ++i) sum += double(take.samples[i]) * double(take.samples[i]);
    const double rms = std::sqrt(sum / double(end - at)) / 32768.0;
    levelDb.push_back(20.0 * std::log10(std::max(rms, 1e-9)));
  }
  if (levelDb.empty()) return std::nullopt;
  const double loudest = *std::max_element(levelDb.begin(), levelDb.end());
  // The room's noise: a take has silence before and after the line, so its quietest tenth is the room.
  std::vector<double> sorted = levelDb;
  const auto tenth = sorted.begin() + std::ptrdiff_t(sorted.size() / 10);
  std::nth_element(sorted.begin(), tenth, sorted.end());
  const double aboveNoise = std::min(*tenth + settings.aboveNoise_db, loudest - settings.soundBelowLoudest_db);
  const double threshold = std::max({settings.floor_dbfs, loudest - settings.belowLoudest_db, aboveNoise});
  const auto sound = [&](double db) { return db >= threshold; };
  const auto first = std::find_if(levelDb.begin(), levelDb.end(), sound);
  if (first == levelDb.end()) return std::nullopt;
  const auto last = std::find_if(levelDb.rbegin(), levelDb.rend(), sound);
  const auto keepBefore = std::size_t(settings.keepBefore_s * take.sampleRate);
  const auto keepAfter = std::size_t(settings.keepAfter_s * take.sampleRate);
  const std::size_t soundFrom = std::size_t(first - levelDb.begin()) * window;
  const std::size_t soundTo = std::min(take.samples.size(), std::size_t(levelDb.rend() - last) * window);
  const std::size_t from = soundFrom > keepBefore ? soundFrom - keepBefore : 0;
  const std::size_t to = std::min(take.samples.size(), soundTo + keepAfter);

  audio::Pcm trimmed{take.sampleRate,
                     {take.samples.begin() + std::ptrdiff_t(from), take.samples.begin() + std::ptrdiff_t(to)}};
  const auto fade = std::min(trimmed.samples.size() / 2, std::size_t(settings.fade_s * take.sampleRate));
  for (std::size_t i = 0; i < fade; ++i) {
    const double gain = double(i) / double(fade);
    trimmed.samples[i] = std::int16_t(std::lround(trimmed.samples[i] * gain));
    auto& tail = trimmed.samples[trimmed.samples.size() - 1 - i];
    tail = std::int16_t(std::lround(tail * gain));
  }
  return trimmed;
}

namespace {

// A look-ahead peak limiter: the gain each sample needs to stay under the ceiling, taken as the least
// over the next 2 ms (so the gain is down before the peak arrives), recovering over about 50 ms, then
// averaged over 2 ms (no click where it bends). The average of gains each at most the peak's need
// stays under it, so no sample passes the ceiling. Short peaks come down; the loudness hardly moves.
// Returns the most it took off, in dB.
double limitPeaks(std::vector<double>& samples, int sampleRate, double ceiling) {
  const auto lookAhead = std::size_t(std::max(1, sampleRate / 500));
  const double recovery = 1.0 / (0.05 * sampleRate);
  const std::size_t n = samples.size();
  std::vector<double> need(n);
  for (std::size_t i = 0; i < n; ++i) need[i] = std::min(1.0, ceiling / std::max(std::abs(samples[i]), 1e-9));
  std::vector<double> gain(n);
  double previous = 1.0;
  for (std::size_t i = 0; i < n; ++i) {
    double least = 1.0;  // short window: a direct minimum is cheap enough for a take of seconds
    for (std::size_t j = i; j < std::min(n, i + lookAhead); ++j) least = std::min(least, need[j]);
    previous = std::min(least, previous + recovery);
    gain[i] = previous;
  }
  // Before the first sample the window holds the first gain, which is at most what those samples need.
  const double first = n > 0 ? gain[0] : 1.0;
  double sum = 0.0, deepest = 1.0;  // the window's sum less lookAhead times the first gain
  for (std::size_t i = 0; i < n; ++i) {
    sum += gain[i] - (i >= lookAhead ? gain[i - lookAhead] : first);
    const double smoothed = std::min(1.0, first + sum / double(lookAhead));
    samples[i] *= smoothed;
    deepest = std::min(deepest, smoothed);
  }
  return -20.0 * std::log10(deepest);
}

}  // namespace

std::optional<Normalised> normaliseLoudness(const audio::Pcm& take, double targetLufs) {
  const std::optional<double> measured = speech::integratedLoudness(take.samples, take.sampleRate);
  if (!measured) return std::nullopt;
  const double ceiling = 32768.0 * std::pow(10.0, kVoicePeakLimitDbfs / 20.0);
  Normalised result;
  result.measuredLufs = *measured;
  result.gainDb = targetLufs - *measured;
  result.pcm.sampleRate = take.sampleRate;
  // Limiting takes a little loudness off: measured again and the gain corrected, two rounds at most.
  for (int round = 0; round < 3; ++round) {
    const double gain = std::pow(10.0, result.gainDb / 20.0);
    std::vector<double> scaled(take.samples.size());
    for (std::size_t i = 0; i < scaled.size(); ++i) scaled[i] = double(take.samples[i]) * gain;
    result.limitedDb = limitPeaks(scaled, take.sampleRate, ceiling);
    result.pcm.samples.resize(scaled.size());
    for (std::size_t i = 0; i < scaled.size(); ++i)
      result.pcm.samples[i] = std::int16_t(std::clamp(std::lround(scaled[i]), -32768L, 32767L));
    // Measured rather than computed: what is written is what counts (the limiter, the rounding).
    result.resultLufs = speech::integratedLoudness(result.pcm.samples, result.pcm.sampleRate).value_or(targetLufs);
    if (std::abs(result.resultLufs - targetLufs) < 0.1) break;
    result.gainDb += targetLufs - result.resultLufs;
  }
  return result;
}

double clippedShare(const audio::Pcm& take) {
  if (take.samples.empty()) return 0.0;
  const auto clipped =
      std::count_if(take.samples.begin(), take.samples.end(), [](std::int16_t s) { return s >= 32767 || s <= -32767; });
  return double(clipped) / double(take.samples.size());
}

}  // namespace overum::app
