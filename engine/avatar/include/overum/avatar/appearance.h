// SPDX-License-Identifier: GPL-3.0-or-later
// From a cast file's words about a character (age, gender, skin, hair, clothing, in Danish) to the
// colours, proportions, garment and accessories of a stylised figure. Deterministic: the same words give the same
// figure.
#pragma once
#include <overum/avatar/avatar_model.h>

#include <string>
#include <vector>

namespace overum::avatar {

struct Appearance {
  int age = 40;               // years
  std::string gender;         // "kvinde", "mand", or anything else (then neutral proportions)
  std::string skin;           // "lys" (default), "mellem", "moerk", "meget_moerk"
  std::string hair;           // style words: "kort" (default), "langt", "hestehale", "knold", "skaldet", "kruset"
  std::string hairColor;      // "sort", "brun", "blond", "graa", "roed"; empty: from `hair`, else by age
  std::string clothing;       // "skjorte", "striktroeje", "blazer", "kittel", "t-shirt" or free words with colours
  std::string clothingColor;  // "blaa", "groen", "graa", "beige", "bordeaux", "sort", "hvid"; empty: from `clothing`
  std::vector<std::string> accessories;  // "briller", "halskaede", "oereringe"; "soelv" makes jewellery silver
};

enum class HairStyle { shortCut, longHair, ponytail, bun, curly, bald };
enum class Garment { shirt, knit, blazer, coat, tshirt };

struct AvatarStyle {
  glm::vec3 skin{0.80f, 0.60f, 0.48f};
  glm::vec3 hair{0.25f, 0.16f, 0.10f};
  glm::vec3 top{0.30f, 0.42f, 0.62f};    // main garment
  glm::vec3 under{0.92f, 0.92f, 0.90f};  // collar / shirt showing at the neck
  glm::vec3 trousers{0.22f, 0.24f, 0.30f};
  glm::vec3 metal{0.83f, 0.6f, 0.25f};    // jewellery
  glm::vec3 frames{0.04f, 0.03f, 0.03f};  // spectacle frames
  HairStyle hairStyle = HairStyle::shortCut;
  Garment garment = Garment::shirt;
  bool glasses = false;
  bool necklace = false;
  bool earrings = false;
  float shoulderWidth = 1.0f;  // relative; 1 = average
  float height = 1.0f;         // relative seated height
  float bodyWidth = 1.0f;      // relative girth
  float handSize = 1.0f;       // relative
};

AvatarStyle styleFromAppearance(const Appearance& appearance);
AvatarModel buildAvatar(const AvatarStyle& style, std::string name);

}  // namespace overum::avatar
