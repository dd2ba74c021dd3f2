// SPDX-License-Identifier: GPL-3.0-or-later
// Danish description words to colours and proportions. Colours are given in sRGB as a person would
// pick them and converted to linear for rendering.
#include <overum/avatar/appearance.h>

#include <cmath>
#include <string_view>
#include <utility>

namespace overum::avatar {
namespace {

glm::vec3 linear(float r, float g, float b) {
  auto toLinear = [](float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); };
  return {toLinear(r), toLinear(g), toLinear(b)};
}

struct Named {
  std::string_view word;
  glm::vec3 srgb;
};

// Longer words first, so "lyseblå" wins over "blå" and "mørkebrun" over "brun".
constexpr Named kClothColours[] = {
    {"lyseblå", {0.62f, 0.74f, 0.88f}},
    {"mørkeblå", {0.16f, 0.22f, 0.38f}},
    {"navy", {0.16f, 0.2f, 0.34f}},
    {"mørkegrøn", {0.18f, 0.34f, 0.24f}},
    {"lysegrøn", {0.62f, 0.78f, 0.6f}},
    {"lyserød", {0.92f, 0.68f, 0.72f}},
    {"bordeaux", {0.46f, 0.13f, 0.2f}},
    {"turkis", {0.22f, 0.6f, 0.62f}},
    {"oliven", {0.46f, 0.48f, 0.26f}},
    {"sennep", {0.8f, 0.64f, 0.22f}},
    {"lilla", {0.46f, 0.32f, 0.58f}},
    {"orange", {0.88f, 0.52f, 0.22f}},
    {"beige", {0.84f, 0.76f, 0.62f}},
    {"rosa", {0.9f, 0.66f, 0.72f}},
    {"brun", {0.46f, 0.31f, 0.21f}},
    {"grøn", {0.3f, 0.52f, 0.36f}},
    {"blå", {0.27f, 0.42f, 0.68f}},
    {"rød", {0.72f, 0.2f, 0.2f}},
    {"grå", {0.52f, 0.52f, 0.54f}},
    {"sort", {0.13f, 0.13f, 0.14f}},
    {"hvid", {0.94f, 0.94f, 0.93f}},
    {"gul", {0.92f, 0.8f, 0.32f}},
    {"denim", {0.3f, 0.4f, 0.58f}},
    // The ASCII spellings the cast files use.
    {"groen", {0.3f, 0.52f, 0.36f}},
    {"blaa", {0.27f, 0.42f, 0.68f}},
    {"roed", {0.72f, 0.2f, 0.2f}},
    {"graa", {0.52f, 0.52f, 0.54f}},
};

constexpr Named kHairColours[] = {
    {"gråsprængt", {0.5f, 0.47f, 0.44f}}, {"mørkebrun", {0.2f, 0.13f, 0.09f}}, {"lysebrun", {0.5f, 0.35f, 0.22f}},
    {"kastanje", {0.42f, 0.2f, 0.12f}},   {"blond", {0.86f, 0.74f, 0.5f}},     {"lyst", {0.84f, 0.72f, 0.5f}},
    {"rødt", {0.66f, 0.3f, 0.16f}},       {"rød", {0.66f, 0.3f, 0.16f}},       {"gråt", {0.66f, 0.65f, 0.63f}},
    {"grå", {0.66f, 0.65f, 0.63f}},       {"hvidt", {0.9f, 0.9f, 0.88f}},      {"sort", {0.07f, 0.06f, 0.06f}},
    {"brunt", {0.33f, 0.22f, 0.14f}},     {"brun", {0.33f, 0.22f, 0.14f}},     {"graa", {0.66f, 0.65f, 0.63f}},
    {"roed", {0.66f, 0.3f, 0.16f}},
};

template <std::size_t N>
const Named* firstMatch(std::string_view text, const Named (&table)[N], std::size_t from = 0) {
  const Named* best = nullptr;
  std::size_t bestAt = std::string_view::npos;
  for (const auto& entry : table) {
    const std::size_t at = text.find(entry.word, from);
    if (at < bestAt) {  // earliest word in the sentence; the table order breaks ties by length
      best = &entry;
      bestAt = at;
    }
  }
  return best;
}

bool has(std::string_view text, std::string_view word) { return text.find(word) != std::string_view::npos; }

}  // namespace

AvatarStyle styleFromAppearance(const Appearance& a) {
  AvatarStyle s;
  if (a.skin == "meget_moerk" || a.skin == "meget mørk") s.skin = linear(0.3f, 0.2f, 0.15f);
  else if (a.skin == "moerk" || a.skin == "mørk") s.skin = linear(0.45f, 0.3f, 0.22f);
  else if (a.skin == "mellem") s.skin = linear(0.76f, 0.56f, 0.42f);
  else s.skin = linear(0.93f, 0.77f, 0.67f);

  const bool woman = a.gender == "kvinde";
  const bool man = a.gender == "mand";
  s.shoulderWidth = woman ? 0.9f : man ? 1.06f : 1.0f;
  s.height = woman ? 0.96f : man ? 1.03f : 1.0f;

  const std::string_view hair = a.hair;
  s.hairStyle = has(hair, "skaldet")                        ? HairStyle::bald
                : has(hair, "krøll") || has(hair, "kruset") ? HairStyle::curly
                : has(hair, "hestehale")                    ? HairStyle::ponytail
                : has(hair, "knold")                        ? HairStyle::bun
                : has(hair, "lang")                         ? HairStyle::longHair
                                                            : HairStyle::shortCut;
  if (const Named* c = firstMatch(a.hairColor + " " + a.hair, kHairColours))
    s.hair = linear(c->srgb.x, c->srgb.y, c->srgb.z);
  else s.hair = a.age >= 62 ? linear(0.7f, 0.69f, 0.67f) : linear(0.3f, 0.2f, 0.13f);

  const std::string_view clothing = a.clothing;
  if (has(clothing, "kittel")) s.top = linear(0.95f, 0.96f, 0.96f);
  else if (const Named* c = firstMatch(a.clothingColor + " " + a.clothing, kClothColours))
    s.top = linear(c->srgb.x, c->srgb.y, c->srgb.z);
  const std::size_t over = clothing.find(" over ");
  if (over != std::string_view::npos)
    if (const Named* c = firstMatch(clothing, kClothColours, over)) s.under = linear(c->srgb.x, c->srgb.y, c->srgb.z);
  s.trousers = has(clothing, "jeans") ? linear(0.28f, 0.36f, 0.52f) : linear(0.22f, 0.23f, 0.27f);
  s.garment = has(clothing, "kittel")                             ? Garment::coat
              : has(clothing, "blazer") || has(clothing, "jakke") ? Garment::blazer
              : has(clothing, "t-shirt")                          ? Garment::tshirt
              : has(clothing, "strik") || has(clothing, "trøje")  ? Garment::knit
                                                                  : Garment::shirt;
  // A white coat over a white shirt would hide its lapels: a pale blue shirt shows them.
  if (s.garment == Garment::coat && over == std::string_view::npos) s.under = linear(0.7f, 0.8f, 0.9f);
  s.handSize = woman ? 0.92f : man ? 1.04f : 1.0f;
  // Dark frames vanish against dark skin across a table; light brown ones still show.
  if (0.2126f * s.skin.r + 0.7152f * s.skin.g + 0.0722f * s.skin.b < 0.12f) s.frames = linear(0.62f, 0.45f, 0.26f);

  for (const std::string& word : a.accessories) {
    s.glasses = s.glasses || word == "briller";
    s.necklace = s.necklace || word == "halskaede" || word == "halskæde";
    s.earrings = s.earrings || word == "oereringe" || word == "øreringe";
    if (word == "soelv" || word == "sølv") s.metal = linear(0.78f, 0.79f, 0.8f);
  }
  return s;
}

}  // namespace overum::avatar
