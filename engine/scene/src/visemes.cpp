// SPDX-License-Identifier: GPL-3.0-or-later
// The phoneme → viseme table, each viseme's mouth, and the blend between neighbouring visemes.
#include <overum/scene/visemes.h>

#include <algorithm>
#include <array>
#include <utility>

namespace overum::scene {
namespace {

// espeak-ng's names for the sounds its Danish voice makes (what `espeak-ng -v da -x` prints, with the
// stød mark '?' taken off), grouped by what the lips and jaw do. The groups follow the usual viseme
// sets' consonant classes; Danish vowels go to the nearest of aa, E, I, O, U by openness and rounding.
constexpr std::array<std::pair<std::string_view, Viseme>, 41> kDanishPhonemes{{
    {"p", Viseme::PP}, {"b", Viseme::PP},  {"m", Viseme::PP},                      // lips together
    {"f", Viseme::FF}, {"v", Viseme::FF},                                          // lower lip to teeth
    {"D", Viseme::TH}, {"T", Viseme::TH},                                          // soft d (ð), tongue to teeth
    {"t", Viseme::DD}, {"d", Viseme::DD},                                          // tongue tip, jaw half open
    {"n", Viseme::nn}, {"l", Viseme::nn},  {"h", Viseme::nn},                      // tongue or breath, lips at rest
    {"k", Viseme::kk}, {"g", Viseme::kk},  {"N", Viseme::kk},                      // back of the tongue (ŋ too)
    {"S", Viseme::CH}, {"tS", Viseme::CH}, {"dZ", Viseme::CH}, {"Z", Viseme::CH},  // sj, tj, dj: lips pushed out
    {"s", Viseme::SS}, {"z", Viseme::SS},                                          // teeth together, lips spread
    {"R", Viseme::RR}, {"r", Viseme::RR},                                          // Danish r (ʁ)
    {"A", Viseme::aa}, {"a", Viseme::aa},  {"&", Viseme::aa},  {"V", Viseme::aa},  // ɑ, a, æ, ʌ: open
    {"E", Viseme::E},  {"e", Viseme::E},   {"@", Viseme::E},   {"3", Viseme::E},   // ɛ, e, schwa, ɐ: mid, spread
    {"i", Viseme::I},  {"j", Viseme::I},                                           // i, j: close, spread
    {"o", Viseme::O},  {"O", Viseme::O},   {"0", Viseme::O},   {"W", Viseme::O},   // o, ɔ, ɒ (å), ø: rounded
    {"Y", Viseme::O},  {"u", Viseme::U},   {"y", Viseme::U},   {"w", Viseme::U},   // u, y, the w-glide: close, round
}};

const Viseme* lookUp(std::string_view name) {
  for (const auto& [phoneme, viseme] : kDanishPhonemes)
    if (phoneme == name) return &viseme;
  return nullptr;
}

// The phoneme without espeak-ng's stød mark: stød changes the voice, not the lips.
std::string_view withoutStod(std::string_view name) { return name.starts_with('?') ? name.substr(1) : name; }

bool isStop(std::string_view name) {
  return name == "p" || name == "b" || name == "t" || name == "d" || name == "k" || name == "g";
}

MouthShape blend(const MouthShape& a, const MouthShape& b, float w) {
  return {a.open + (b.open - a.open) * w, a.width + (b.width - a.width) * w, a.closure + (b.closure - a.closure) * w};
}

}  // namespace

MouthShape mouthShapeOf(Viseme viseme) {
  switch (viseme) {
    case Viseme::silence: return {0.0f, 1.0f, 0.0f};
    case Viseme::PP: return {0.0f, 1.0f, 1.0f};
    case Viseme::FF: return {0.1f, 1.05f, 0.6f};
    case Viseme::TH: return {0.2f, 1.05f, 0.0f};
    case Viseme::DD: return {0.25f, 1.05f, 0.0f};
    case Viseme::kk: return {0.3f, 1.0f, 0.0f};
    case Viseme::CH: return {0.2f, 0.8f, 0.0f};
    case Viseme::SS: return {0.1f, 1.15f, 0.0f};
    case Viseme::nn: return {0.2f, 1.0f, 0.0f};
    case Viseme::RR: return {0.25f, 0.9f, 0.0f};
    case Viseme::aa: return {1.0f, 1.1f, 0.0f};
    case Viseme::E: return {0.5f, 1.2f, 0.0f};
    case Viseme::I: return {0.3f, 1.3f, 0.0f};
    case Viseme::O: return {0.6f, 0.7f, 0.0f};
    case Viseme::U: return {0.3f, 0.55f, 0.0f};
  }
  return {};
}

Viseme visemeOfPhoneme(std::string_view name) {
  name = withoutStod(name);
  if (name.empty() || name.starts_with('_')) return Viseme::silence;  // pauses
  if (const Viseme* exact = lookUp(name)) return *exact;
  if (const Viseme* first = lookUp(name.substr(0, 1))) return *first;  // "@-", "3-", "e:": the sound without its mark
  return Viseme::nn;
}

VisemeTrack::VisemeTrack(const std::vector<PhonemeEvent>& phonemes) {
  for (const PhonemeEvent& e : phonemes) {
    VisemeKey key{e.time_s, visemeOfPhoneme(e.phoneme)};
    if (isStop(withoutStod(e.phoneme)) && !keys_.empty()) {
      // A pause before a stop is its closure; a sound before it keeps at least half its time.
      const VisemeKey& before = keys_.back();
      const double earliest = before.viseme == Viseme::silence ? before.time_s : 0.5 * (before.time_s + key.time_s);
      key.time_s = std::max(key.time_s - kStopClosure_s, earliest);
      if (key.time_s <= before.time_s) keys_.pop_back();
    }
    add(key);
  }
}

VisemeTrack::VisemeTrack(const std::vector<VisemeKey>& keys) {
  for (const VisemeKey& key : keys) add(key);
}

void VisemeTrack::add(VisemeKey key) {
  if (!keys_.empty() && keys_.back().viseme == key.viseme) return;
  if (!keys_.empty()) key.time_s = std::max(key.time_s, keys_.back().time_s);  // never out of order
  keys_.push_back(key);
}

MouthShape VisemeTrack::mouthAt(double t) const {
  // Index of the key in force at t (the last starting at or before it), -1 before the first.
  const auto after =
      std::upper_bound(keys_.begin(), keys_.end(), t, [](double at, const VisemeKey& k) { return at < k.time_s; });
  const std::ptrdiff_t i = (after - keys_.begin()) - 1;
  const auto visemeAt = [&](std::ptrdiff_t k) { return k < 0 ? Viseme::silence : keys_[std::size_t(k)].viseme; };
  const auto startOf = [&](std::ptrdiff_t k) { return k < 0 ? -1e9 : keys_[std::size_t(k)].time_s; };
  const auto endOf = [&](std::ptrdiff_t k) { return k + 1 < std::ptrdiff_t(keys_.size()) ? startOf(k + 1) : 1e9; };
  // The cross-fade around the change from key k-1 to key k: centred on the change, at most 40 % of
  // either sound, so that every sound reaches its own shape for a moment.
  const auto fadeInto = [&](std::ptrdiff_t k) {
    const double change = startOf(k);
    const double half = std::min({kCoarticulation_s / 2, 0.4 * (change - startOf(k - 1)), 0.4 * (endOf(k) - change)});
    if (half <= 0.0) return t >= change ? 1.0f : 0.0f;
    const double s = std::clamp((t - change + half) / (2 * half), 0.0, 1.0);
    return float(s * s * (3.0 - 2.0 * s));
  };
  // The fades do not overlap (each takes at most 40 % of a sound), so applying both is exact.
  MouthShape mouth = mouthShapeOf(visemeAt(i));
  if (i >= 0) mouth = blend(mouthShapeOf(visemeAt(i - 1)), mouth, fadeInto(i));
  if (i + 1 < std::ptrdiff_t(keys_.size())) mouth = blend(mouth, mouthShapeOf(visemeAt(i + 1)), fadeInto(i + 1));
  return mouth;
}

}  // namespace overum::scene
