// SPDX-License-Identifier: GPL-3.0-or-later
// The per-frame work (10 ms: VAD decision, YIN pitch, intensity, loudness block) runs in feed(); the
// whole-turn work (segments, pauses, syllable nuclei, thirds of the loudness, pitch spread) in finish().
//
// VAD choice: WebRTC's VoiceDetection (webrtc-audio-processing 0.3, a GMM over sub-band energies) was
// tried first and kept: on espeak-ng Danish with a -60 dBFS noise floor it finds each onset within a
// frame or two, holds words together, and never fires on the noise or on -20 dB quieter speech, at 16 and
// 48 kHz alike. speexdsp's preprocessor VAD was not needed (and is weaker in noise, see the research note).
#include <overum/speech/turn_analyser.h>

#include <overum/core/check.h>

#include <aubio/aubio.h>
#include <ebur128.h>
#include <webrtc/modules/audio_processing/include/audio_processing.h>
#include <webrtc/modules/interface/module_common_types.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace overum::speech {
namespace {

constexpr double kFrameSeconds = 0.01;  // WebRTC's VAD works on 10 ms frames
constexpr int kBlockFrames = 10;        // a momentary-loudness value every 100 ms (BS.1770's 75 % overlap)
constexpr int kMomentaryFrames = 40;    // a momentary block is 400 ms

struct Frame {
  float energyDb = -120.0f;  // mean square of the frame, dBFS
  float pitchHz = 0.0f;      // YIN estimate (0 = none)
  float confidence = 0.0f;   // YIN confidence, 1 = clean periodicity
  bool voice = false;        // the VAD's decision
};

struct Segment {
  int start = 0, end = 0;  // frames, end exclusive
};

double percentileOf(std::vector<double> v, double p) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const double pos = p * double(v.size() - 1);
  const auto lo = std::size_t(std::floor(pos));
  const auto hi = std::min(v.size() - 1, lo + 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - double(lo));
}

// BS.1770 gating over momentary (400 ms) block loudnesses: absolute gate -70 LUFS, relative gate -10 LU.
std::optional<double> gatedLoudness(std::span<const double> blocks) {
  auto energy = [](double lufs) { return std::pow(10.0, (lufs + 0.691) / 10.0); };
  double sum = 0.0;
  int n = 0;
  for (double b : blocks)
    if (b > -70.0) sum += energy(b), ++n;
  if (n == 0) return std::nullopt;
  const double relativeGate = -0.691 + 10.0 * std::log10(sum / n) - 10.0;
  sum = 0.0;
  n = 0;
  for (double b : blocks)
    if (b > -70.0 && b > relativeGate) sum += energy(b), ++n;
  if (n == 0) return std::nullopt;
  return -0.691 + 10.0 * std::log10(sum / n);
}

}  // namespace

struct TurnAnalyser::State {
  AnalyserConfig config;
  int frameSize = 160;
  int pitchBuffer = 1024;
  std::vector<float> pendingF;
  std::vector<std::int16_t> pendingI;
  int pending = 0;
  std::int64_t frameIndex = 0;  // frames analysed since the first sample
  std::int64_t questionEndFrame = 0;

  webrtc::AudioProcessing* apm = nullptr;
  webrtc::AudioFrame apmFrame;
  aubio_pitch_t* pitch = nullptr;
  fvec_t* pitchIn = nullptr;
  fvec_t* pitchOut = nullptr;
  ebur128_state* loudness = nullptr;

  std::vector<Frame> frames;   // from the question's end on
  std::vector<double> blocks;  // momentary loudness every 100 ms, blocks[k] ends at frame (k + 4) * 10
  bool lastVoice = false;

  explicit State(const AnalyserConfig& c) : config(c) {
    const int sr = c.sampleRate;
    OVERUM_CHECK(sr == 8000 || sr == 16000 || sr == 32000 || sr == 48000,
                 "speech analysis needs 8, 16, 32 or 48 kHz, not {} Hz", sr);
    frameSize = sr / 100;
    pendingF.assign(std::size_t(frameSize), 0.0f);
    pendingI.assign(std::size_t(frameSize), 0);
    questionEndFrame = std::max<std::int64_t>(0, std::llround(c.questionEndSeconds / kFrameSeconds));

    apm = webrtc::AudioProcessing::Create();
    OVERUM_CHECK(apm != nullptr, "WebRTC audio processing could not start");
    apm->voice_detection()->Enable(true);
    const webrtc::VoiceDetection::Likelihood likelihoods[] = {
        webrtc::VoiceDetection::kVeryLowLikelihood, webrtc::VoiceDetection::kLowLikelihood,
        webrtc::VoiceDetection::kModerateLikelihood, webrtc::VoiceDetection::kHighLikelihood};
    apm->voice_detection()->set_likelihood(likelihoods[std::clamp(c.vadLikelihood, 0, 3)]);
    apm->voice_detection()->set_frame_size_ms(10);
    apmFrame.num_channels_ = 1;
    apmFrame.sample_rate_hz_ = sr;
    apmFrame.samples_per_channel_ = std::size_t(frameSize);

    // YIN needs two periods of the lowest pitch in its window: >= 40 ms, a power of two for the FFT.
    pitchBuffer = 256;
    while (pitchBuffer < int(0.04 * sr)) pitchBuffer *= 2;
    pitch = new_aubio_pitch("yinfast", uint_t(pitchBuffer), uint_t(frameSize), uint_t(sr));
    OVERUM_CHECK(pitch != nullptr, "aubio could not create a YIN pitch detector");
    aubio_pitch_set_unit(pitch, "Hz");
    aubio_pitch_set_silence(pitch, -60.0f);
    pitchIn = new_fvec(uint_t(frameSize));
    pitchOut = new_fvec(1);

    loudness = ebur128_init(1, static_cast<unsigned long>(sr), EBUR128_MODE_M | EBUR128_MODE_I);
    OVERUM_CHECK(loudness != nullptr, "libebur128 could not start");

    const auto reserveFrames = std::size_t(std::max(0.0, c.reserveSeconds) / kFrameSeconds);
    frames.reserve(reserveFrames);
    blocks.reserve(reserveFrames / kBlockFrames + 1);
  }

  ~State() {
    delete apm;
    if (pitch) del_aubio_pitch(pitch);
    if (pitchIn) del_fvec(pitchIn);
    if (pitchOut) del_fvec(pitchOut);
    if (loudness) ebur128_destroy(&loudness);
  }

  void analyseFrame() {
    Frame f;
    double sumSquares = 0.0;
    for (int i = 0; i < frameSize; ++i) sumSquares += double(pendingF[std::size_t(i)]) * pendingF[std::size_t(i)];
    f.energyDb = float(10.0 * std::log10(sumSquares / frameSize + 1e-12));

    std::copy(pendingI.begin(), pendingI.end(), apmFrame.data_);
    apmFrame.samples_per_channel_ = std::size_t(frameSize);
    apmFrame.sample_rate_hz_ = config.sampleRate;
    apmFrame.num_channels_ = 1;
    if (apm->ProcessStream(&apmFrame) == webrtc::AudioProcessing::kNoError)
      f.voice = apm->voice_detection()->stream_has_voice();
    lastVoice = f.voice;

    std::copy(pendingF.begin(), pendingF.end(), pitchIn->data);
    aubio_pitch_do(pitch, pitchIn, pitchOut);
    f.pitchHz = float(pitchOut->data[0]);
    f.confidence = float(aubio_pitch_get_confidence(pitch));

    if (frameIndex >= questionEndFrame) {
      frames.push_back(f);
      ebur128_add_frames_float(loudness, pendingF.data(), std::size_t(frameSize));
      const auto n = frames.size();
      if (n >= std::size_t(kMomentaryFrames) && n % kBlockFrames == 0) {
        double m = -HUGE_VAL;
        ebur128_loudness_momentary(loudness, &m);
        blocks.push_back(std::isfinite(m) ? m : -200.0);
      }
    }
    ++frameIndex;
    pending = 0;
  }

  template <class T, class ToFloat, class ToInt>
  void feedSamples(std::span<const T> samples, ToFloat toFloat, ToInt toInt) {
    for (const T s : samples) {
      pendingF[std::size_t(pending)] = toFloat(s);
      pendingI[std::size_t(pending)] = toInt(s);
      if (++pending == frameSize) analyseFrame();
    }
  }

  TurnMeasures finish() const;
};

TurnAnalyser::TurnAnalyser(const AnalyserConfig& config) : s_(std::make_unique<State>(config)) {}
TurnAnalyser::~TurnAnalyser() = default;
TurnAnalyser::TurnAnalyser(TurnAnalyser&&) noexcept = default;
TurnAnalyser& TurnAnalyser::operator=(TurnAnalyser&&) noexcept = default;

void TurnAnalyser::feed(std::span<const std::int16_t> samples) {
  s_->feedSamples(
      samples, [](std::int16_t v) { return float(v) / 32768.0f; }, [](std::int16_t v) { return v; });
}

void TurnAnalyser::feed(std::span<const float> samples) {
  s_->feedSamples(
      samples, [](float v) { return std::clamp(v, -1.0f, 1.0f); },
      [](float v) { return std::int16_t(std::lrint(std::clamp(v, -1.0f, 1.0f) * 32767.0f)); });
}

bool TurnAnalyser::speaking() const { return s_->lastVoice; }
double TurnAnalyser::fedSeconds() const {
  return double(s_->frameIndex) * kFrameSeconds + double(s_->pending) / s_->config.sampleRate;
}

TurnMeasures TurnAnalyser::finish() { return s_->finish(); }

TurnMeasures TurnAnalyser::State::finish() const {
  const AnalyserConfig& c = config;
  TurnMeasures m;
  const int n = int(frames.size());
  m.turnSeconds = n * kFrameSeconds;
  if (n == 0) return m;

  // Speech segments: the VAD's runs, word gaps bridged, clicks dropped.
  const int bridge = int(std::lround(c.bridgeSeconds / kFrameSeconds));
  const int minSpeech = std::max(1, int(std::lround(c.minSpeechSeconds / kFrameSeconds)));
  std::vector<Segment> raw;
  for (int i = 0; i < n; ++i) {
    if (!frames[std::size_t(i)].voice) continue;
    if (!raw.empty() && i - raw.back().end < bridge) {
      raw.back().end = i + 1;
    } else {
      raw.push_back({i, i + 1});
    }
  }
  // WebRTC's VAD holds its decision for a few frames after speech ends (its hangover): each stretch's
  // ends are trimmed to where the frame energy is within trimDb of the speech's loud frames.
  std::vector<double> voiceDb;
  for (const Frame& f : frames)
    if (f.voice) voiceDb.push_back(f.energyDb);
  const double trimDb = percentileOf(voiceDb, 0.99) - c.trimDb;
  std::vector<Segment> segments;
  for (Segment s : raw) {
    while (s.end > s.start && frames[std::size_t(s.end - 1)].energyDb < trimDb) --s.end;
    while (s.start < s.end && frames[std::size_t(s.start)].energyDb < trimDb) ++s.start;
    if (s.end - s.start >= minSpeech) segments.push_back(s);
  }
  if (segments.empty()) return m;

  m.latencySeconds = segments.front().start * kFrameSeconds;
  m.floorSeconds = (segments.back().end - segments.front().start) * kFrameSeconds;
  const int minPause = int(std::lround(c.minPauseSeconds / kFrameSeconds));
  int runStart = segments.front().start;
  int longestRun = 0, longestPause = 0;
  for (std::size_t k = 0; k < segments.size(); ++k) {
    m.speakingSeconds += (segments[k].end - segments[k].start) * kFrameSeconds;
    if (k + 1 < segments.size()) {
      const int gap = segments[k + 1].start - segments[k].end;
      if (gap >= minPause) {
        ++m.pauseCount;
        longestPause = std::max(longestPause, gap);
        longestRun = std::max(longestRun, segments[k].end - runStart);
        runStart = segments[k + 1].start;
      }
    }
  }
  longestRun = std::max(longestRun, segments.back().end - runStart);
  m.longestSpeechRunSeconds = longestRun * kFrameSeconds;
  m.longestPauseSeconds = longestPause * kFrameSeconds;
  m.segmentCount = m.pauseCount + 1;

  std::vector<bool> inSpeech(std::size_t(n), false);
  for (const Segment& s : segments)
    for (int i = s.start; i < s.end; ++i) inSpeech[std::size_t(i)] = true;

  // YIN's estimate at frame i covers the window ending there: its centre lies `lag` frames earlier.
  const int lag = std::max(0, int(std::lround((pitchBuffer / 2.0 - frameSize / 2.0) / frameSize)));
  auto pitchAt = [&](int i) -> const Frame& { return frames[std::size_t(std::min(n - 1, i + lag))]; };
  auto voicedAt = [&](int i) {
    const Frame& f = pitchAt(i);
    return f.confidence >= c.voicedConfidence && f.pitchHz >= c.minPitchHz && f.pitchHz <= c.maxPitchHz;
  };

  // Syllable nuclei: intensity smoothed over ~70 ms (Praat's intensity at a 50 Hz pitch floor uses a
  // 64 ms window), peaks above the 0.99 quantile - silenceDb, with a dip of nucleusDipDb on both sides.
  static constexpr double kernel[] = {0.25, 0.5, 0.75, 1.0, 0.75, 0.5, 0.25};
  std::vector<double> intensity(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    double e = 0.0, w = 0.0;
    for (int k = -3; k <= 3; ++k) {
      const int j = i + k;
      if (j < 0 || j >= n) continue;
      e += kernel[k + 3] * std::pow(10.0, frames[std::size_t(j)].energyDb / 10.0);
      w += kernel[k + 3];
    }
    intensity[std::size_t(i)] = 10.0 * std::log10(e / w + 1e-12);
  }
  std::vector<double> speechIntensity;
  for (int i = 0; i < n; ++i)
    if (inSpeech[std::size_t(i)]) speechIntensity.push_back(intensity[std::size_t(i)]);
  const double floorDb = percentileOf(speechIntensity, 0.99) - c.silenceDb;
  std::vector<int> nuclei;
  for (int i = 1; i + 1 < n; ++i) {
    const double v = intensity[std::size_t(i)];
    if (!(v > intensity[std::size_t(i - 1)] && v >= intensity[std::size_t(i + 1)]) || v < floorDb) continue;
    if (nuclei.empty()) {
      nuclei.push_back(i);
      continue;
    }
    const int prev = nuclei.back();
    const double dip = *std::min_element(intensity.begin() + prev, intensity.begin() + i + 1);
    if (v - dip >= c.nucleusDipDb && intensity[std::size_t(prev)] - dip >= c.nucleusDipDb) {
      nuclei.push_back(i);
    } else if (v > intensity[std::size_t(prev)]) {
      nuclei.back() = i;
    }
  }
  for (int i : nuclei) {
    if (!inSpeech[std::size_t(i)]) continue;
    bool voiced = false;
    for (int k = -2; k <= 2 && !voiced; ++k) voiced = i + k >= 0 && i + k < n && voicedAt(i + k);
    if (voiced) ++m.syllableCount;
  }
  if (m.floorSeconds > 0) m.speechRate = m.syllableCount / m.floorSeconds;
  if (m.speakingSeconds > 0) m.articulationRate = m.syllableCount / m.speakingSeconds;

  // Loudness: the library's integrated value, and the same gating over the blocks in each third.
  double integrated = -HUGE_VAL;
  if (ebur128_loudness_global(loudness, &integrated) == EBUR128_SUCCESS && std::isfinite(integrated) &&
      integrated > -70.0)
    m.loudnessLufs = integrated;
  const double third = (segments.back().end - segments.front().start) / 3.0;
  auto thirdLoudness = [&](int k) -> std::optional<double> {
    if (third * kFrameSeconds < 0.4) return std::nullopt;
    const double from = segments.front().start + k * third, to = from + third;
    std::vector<double> in;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      const double centre = double(b * kBlockFrames + kMomentaryFrames) - kMomentaryFrames / 2.0;
      if (centre >= from && centre < to) in.push_back(blocks[b]);
    }
    return gatedLoudness(in);
  };
  m.firstThirdLufs = thirdLoudness(0);
  m.lastThirdLufs = thirdLoudness(2);

  // Pitch spread in semitones over confidently voiced speech frames.
  std::vector<double> hz;
  for (int i = 0; i < n; ++i)
    if (inSpeech[std::size_t(i)] && voicedAt(i)) hz.push_back(pitchAt(i).pitchHz);
  m.voicedFrames = int(hz.size());
  if (hz.size() >= 10) {
    const double median = percentileOf(hz, 0.5);
    std::vector<double> st;
    for (double f : hz) st.push_back(12.0 * std::log2(f / median));
    const double mean = std::accumulate(st.begin(), st.end(), 0.0) / double(st.size());
    double var = 0.0;
    for (double s : st) var += (s - mean) * (s - mean);
    m.medianPitchHz = median;
    m.pitchSdSemitones = std::sqrt(var / double(st.size()));
    m.pitchRangeSemitones = percentileOf(st, 0.9) - percentileOf(st, 0.1);
  }
  return m;
}

TurnMeasures analyseTurn(std::span<const std::int16_t> samples, const AnalyserConfig& config) {
  TurnAnalyser a(config);
  a.feed(samples);
  return a.finish();
}

TurnMeasures analyseTurn(std::span<const float> samples, const AnalyserConfig& config) {
  TurnAnalyser a(config);
  a.feed(samples);
  return a.finish();
}

double shareOfTalkTime(double citizenSpeakingSeconds, double othersSpeakingSeconds) {
  const double c = std::max(0.0, citizenSpeakingSeconds), o = std::max(0.0, othersSpeakingSeconds);
  return c + o > 0.0 ? c / (c + o) : 0.0;
}

double totalSpeakingSeconds(std::span<const TurnMeasures> turns) {
  double sum = 0.0;
  for (const TurnMeasures& t : turns) sum += t.speakingSeconds;
  return sum;
}

}  // namespace overum::speech
