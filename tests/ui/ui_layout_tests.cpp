// SPDX-License-Identifier: GPL-3.0-or-later
// ui layout tests without a GPU: UTF-8 decoding (bad bytes never crash), the font atlas (æøå present,
// a missing font says what to install), word wrapping and measuring, and where the overlay's panels go
// on screen and in the world, including the 0.65° legibility floor for world-space text.
#include <catch2/catch.hpp>
#include <overum/core/check.h>
#include <overum/core/strings.h>
#include <overum/core/utf8.h>
#include <overum/ui/font_atlas.h>
#include <overum/ui/overlay_layout.h>
#include <overum/ui/overlay_timing.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

using namespace overum;
using namespace overum::ui;

namespace {

// Baking takes a moment; every test shares one atlas.
const FontAtlas& sharedAtlas() {
  static const FontAtlas atlas;
  return atlas;
}

OverlayContent everything() {
  OverlayContent c;
  c.caption = {true, "Mette (sagsbehandler)",
               "Velkommen til mødet. Vi skal i dag tale om dit ressourceforløb og om, hvad der er vigtigt for dig.",
               CaptionSize::medium};
  c.options.cards = {{"Jeg vil gerne starte med mit statement.", true},
                     {"Kan du forklare, hvad et ressourceforløb er?", true},
                     {"Jeg har min bisidder med.", false},
                     {"Jeg vil gerne holde en pause.", true}};
  c.options.highlighted = 1;
  c.statement = {true, "Jeg hedder Ali, jeg er 34 år og bor i Aarhus.", "blive hørt og selv være med til at bestemme.",
                 "at finde et arbejde med faste rammer.", "få en hverdag, der hænger sammen."};
  c.microphone = {true, false};
  c.done = {true, "Enter"};
  return c;
}

// Angle in degrees that a capital letter at the panel's centre fills, seen from `eye`.
float capAngleDegrees(const Panel& p, glm::vec3 eye) {
  const glm::vec2 c = 0.5f * p.size;
  const glm::vec3 top = p.T_out_panel * glm::vec4(c.x, c.y - 0.5f * p.minCapHeight, 0.0f, 1.0f);
  const glm::vec3 bottom = p.T_out_panel * glm::vec4(c.x, c.y + 0.5f * p.minCapHeight, 0.0f, 1.0f);
  const float cosine = glm::dot(glm::normalize(top - eye), glm::normalize(bottom - eye));
  return glm::degrees(std::acos(std::clamp(cosine, -1.0f, 1.0f)));
}

glm::vec3 panelCentre(const Panel& p) { return p.T_out_panel * glm::vec4(0.5f * p.size, 0.0f, 1.0f); }

// A panel's rectangle in pixels for a screen layout of extent.
glm::vec4 pixelBox(const Panel& p, glm::vec2 extent) {
  const glm::vec4 a = p.T_out_panel * glm::vec4(0, 0, 0, 1), b = p.T_out_panel * glm::vec4(p.size, 0, 1);
  return {(a.x + 1) * 0.5f * extent.x, (a.y + 1) * 0.5f * extent.y, (b.x + 1) * 0.5f * extent.x,
          (b.y + 1) * 0.5f * extent.y};
}

}  // namespace

TEST_CASE("font atlas has real glyphs for æøå and says what to install when a font is missing", "[ui][font]") {
  const FontAtlas& atlas = sharedAtlas();
  for (char32_t cp : {U'a', U'H', char32_t(0xE6), char32_t(0xF8), char32_t(0xE5), char32_t(0xC6), char32_t(0xD8),
                      char32_t(0xC5), char32_t(0xE9), char32_t(0x2026), char32_t(0x2013)}) {
    for (FontFace face : {FontFace::regular, FontFace::bold}) {
      INFO("code point " << std::uint32_t(cp));
      CHECK(atlas.hasGlyph(face, cp));
      const Glyph& g = atlas.glyph(face, cp);
      CHECK_FALSE(g.empty);
      CHECK(g.advance > 0.0f);
      // Ink in the atlas: some texel of the glyph's rectangle is inside the outline.
      int inside = 0;
      for (auto y = std::uint32_t(g.v0 * atlas.height()); y < std::uint32_t(g.v1 * atlas.height()); ++y)
        for (auto x = std::uint32_t(g.u0 * atlas.width()); x < std::uint32_t(g.u1 * atlas.width()); ++x)
          inside += atlas.pixels()[y * atlas.width() + x] > 136;
      CHECK(inside > 3);
    }
  }
  CHECK_FALSE(atlas.hasGlyph(FontFace::regular, 0x4E2D));  // CJK: drawn as the fallback mark
  CHECK(atlas.glyph(FontFace::regular, 0x4E2D).codePoint == kReplacementChar);
  CHECK(atlas.metrics(FontFace::regular).capHeight > 0.5f * atlas.bakePixelHeight());
  CHECK(atlas.kerning(FontFace::regular, U'A', U'V') < 0.0f);  // DejaVu kerns AV
  CHECK(atlas.pixels()[std::size_t(atlas.solidV() * atlas.height()) * atlas.width() +
                       std::size_t(atlas.solidU() * atlas.width())] == 255);

  FontAtlasConfig missing;
  missing.boldPath = "/nonexistent/DejaVuSans-Bold.ttf";
  try {
    FontAtlas broken(missing);
    FAIL("a missing font must throw");
  } catch (const Error& e) {
    const std::string what = e.what();
    CHECK(what.find("/nonexistent/DejaVuSans-Bold.ttf") != std::string::npos);
    CHECK(what.find("install fonts-dejavu-core") != std::string::npos);
  }
}

TEST_CASE("text layout wraps words to a width and measures what it lays out", "[ui][layout]") {
  const FontAtlas& atlas = sharedAtlas();
  const std::string text = "Det er vigtigt for mig at blive hørt og selv være med til at bestemme, hvad der skal ske.";
  TextStyle style;
  style.size = 20.0f;
  const TextBlock one = layoutText(atlas, text, style);
  REQUIRE(one.lines.size() == 1);
  CHECK(one.width == Approx(measureText(atlas, text, FontFace::regular, 20.0f)));
  CHECK(one.fallbackGlyphs == 0);

  style.maxWidth = 200.0f;
  const TextBlock wrapped = layoutText(atlas, text, style);
  CHECK(wrapped.lines.size() >= 3);
  CHECK(wrapped.width <= 200.0f);
  for (const auto& [first, width] : wrapped.lines) CHECK(width <= 200.0f);
  CHECK(wrapped.height == Approx(float(wrapped.lines.size()) * wrapped.lineHeight));
  // Words are not split: every line after the first starts with the first letter of a word.
  for (std::size_t l = 1; l < wrapped.lines.size(); ++l) {
    const PlacedGlyph& g = wrapped.glyphs[wrapped.lines[l].first];
    CHECK(g.x0 < 3.0f);
  }
  // Same ink, just rearranged.
  CHECK(wrapped.glyphs.size() == one.glyphs.size());

  // Bigger size: proportionally wider.
  style.maxWidth = 0.0f;
  style.size = 40.0f;
  CHECK(layoutText(atlas, text, style).width == Approx(2.0f * one.width).epsilon(0.01));

  // Forced breaks and a word longer than the width.
  style.size = 20.0f;
  CHECK(layoutText(atlas, "en\nto\ntre", style).lines.size() == 3);
  style.maxWidth = 60.0f;
  const TextBlock longWord = layoutText(atlas, "Socialforvaltningsmedarbejder", style);
  CHECK(longWord.lines.size() >= 3);
  for (const auto& [first, width] : longWord.lines) CHECK(width <= 60.0f);
  CHECK(layoutText(atlas, "", style).glyphs.empty());
  CHECK(layoutText(atlas, "   ", style).glyphs.empty());

  // Invalid bytes: a visible mark each, never a crash.
  const TextBlock bad = layoutText(atlas, "ok \xff\xfe ok \xc3", style);
  CHECK(bad.fallbackGlyphs == 3);
  CHECK(atlas.glyph(FontFace::regular, kReplacementChar).codePoint == kReplacementChar);
}

TEST_CASE("screen layout: captions at the bottom centre, sizes grow, options above, cue card left", "[ui][layout]") {
  const FontAtlas& atlas = sharedAtlas();
  const glm::vec2 extent(1280, 720);
  OverlayContent content = everything();
  const OverlayMesh mesh = layoutScreen(atlas, content, extent);
  CHECK(mesh.fallbackGlyphs == 0);
  CHECK(mesh.clipSpaceQuads == mesh.quadCount());

  const Panel* caption = mesh.find(PanelKind::caption);
  REQUIRE(caption != nullptr);
  const glm::vec4 r = pixelBox(*caption, extent);
  CHECK(0.5f * (r.x + r.z) == Approx(640.0f).margin(1.0f));
  CHECK(r.w < 720.0f - 10.0f);
  CHECK(r.w > 720.0f - 60.0f);
  CHECK(caption->minCapHeight >= 18.0f);  // medium captions: capitals at least 18 px at 720p

  // Option cards: one row of four above the caption, left to right, highlighted one included.
  float lastX = -1.0f;
  for (int i = 0; i < 4; ++i) {
    const Panel* card = mesh.find(PanelKind::option, i);
    REQUIRE(card != nullptr);
    const glm::vec4 c = pixelBox(*card, extent);
    CHECK(c.w < r.y);
    CHECK(c.x > lastX);
    lastX = c.z;
  }
  const Panel* statement = mesh.find(PanelKind::statement);
  REQUIRE(statement != nullptr);
  CHECK(pixelBox(*statement, extent).x < 100.0f);
  const Panel* mic = mesh.find(PanelKind::microphone);
  REQUIRE(mic != nullptr);
  CHECK(pixelBox(*mic, extent).x < 60.0f);  // bottom left, in the band below the faces
  CHECK(pixelBox(*mic, extent).y > 600.0f);
  CHECK(mesh.find(PanelKind::done) != nullptr);

  // Three caption sizes, each bigger than the last.
  float lastHeight = 0.0f, lastCap = 0.0f;
  for (CaptionSize size : {CaptionSize::small, CaptionSize::medium, CaptionSize::large}) {
    content.caption.size = size;
    const Panel* p = layoutScreen(atlas, content, extent).find(PanelKind::caption);
    REQUIRE(p != nullptr);
    CHECK(p->size.y > lastHeight);
    CHECK(p->minCapHeight > lastCap);
    lastHeight = p->size.y, lastCap = p->minCapHeight;
  }

  // Nine options at most, in rows; the tenth is not drawn.
  content.options.cards.assign(10, OptionCard{"Valg", true});
  const OverlayMesh many = layoutScreen(atlas, content, extent);
  CHECK(many.find(PanelKind::option, 8) != nullptr);
  CHECK(many.find(PanelKind::option, 9) == nullptr);
  CHECK(pixelBox(*many.find(PanelKind::option, 0), extent).w < pixelBox(*many.find(PanelKind::option, 8), extent).y);

  // Paused: only the pause screen, over the whole window.
  content.paused = true;
  const OverlayMesh paused = layoutScreen(atlas, content, extent);
  for (const Panel& p : paused.panels) CHECK(p.kind == PanelKind::pause);
  const glm::vec4 veil = pixelBox(*paused.find(PanelKind::pause, 1), extent);
  CHECK(veil == glm::vec4(0, 0, 1280, 720));

  // Over: the same calm room, with the end's three lines of words instead of the pause's two.
  content.ended = true;
  const OverlayMesh over = layoutScreen(atlas, content, extent);
  for (const Panel& p : over.panels) CHECK(p.kind == PanelKind::pause);
  const glm::vec4 pauseWords = pixelBox(*paused.find(PanelKind::pause, 0), extent);
  const glm::vec4 endWords = pixelBox(*over.find(PanelKind::pause, 0), extent);
  CHECK(endWords.w - endWords.y > pauseWords.w - pauseWords.y);
  CHECK(endWords.x >= 0.0f);
  CHECK(endWords.z <= 1280.0f);
}

TEST_CASE("the UI's own words come in Danish and English", "[ui][layout]") {
  CHECK(uiText(UiText::notPossibleNow, Language::da) == "ikke muligt nu");
  CHECK(uiText(UiText::pauseResume, Language::da) == "Tryk P for at fortsætte");
  CHECK(uiText(UiText::pauseResume, Language::en) == "Press P to continue");
  CHECK(uiText(UiText::statementTitle, Language::da) == "Mit statement");
  CHECK(uiText(UiText::statementIntro, Language::da) == "Sådan vil jeg introducere mig selv");
  CHECK(uiText(UiText::statementImportant, Language::da) == "Det er vigtigt for mig at…");
  CHECK(uiText(UiText::statementHelp, Language::da) == "Jeg vil gerne have hjælp til");
  CHECK(uiText(UiText::statementSoThat, Language::da) == "Så jeg kan");
  // Every UI word renders without the fallback glyph, in both languages.
  const FontAtlas& atlas = sharedAtlas();
  for (Language lang : {Language::da, Language::en})
    for (int t = 0; t <= int(UiText::endWhatNow); ++t)
      for (FontFace face : {FontFace::regular, FontFace::bold}) {
        TextStyle style;
        style.face = face;
        CHECK(layoutText(atlas, uiText(UiText(t), lang), style).fallbackGlyphs == 0);
      }
}

TEST_CASE("world layout: captions 1.6 m ahead and at least 15° down, cards below the eye line, legible, facing the eye",
          "[ui][layout][world]") {
  const FontAtlas& atlas = sharedAtlas();
  OverlayContent content = everything();
  const Pose head = seatedHeadPose({0.3f, 1.2f, 0.5f}, 0.4f, -0.1f);
  const glm::vec3 eye = head.position;

  auto checkAll = [&](const OverlayMesh& mesh) {
    REQUIRE_FALSE(mesh.panels.empty());
    for (const Panel& p : mesh.panels) {
      if (p.minCapHeight <= 0.0f) continue;
      INFO("panel kind " << int(p.kind) << " index " << p.index);
      CHECK(capAngleDegrees(p, eye) >= 0.65f);
      // Facing the viewer: the panel's normal (+Z of T_world_panel) points at the eye.
      const glm::vec3 normal = glm::normalize(glm::vec3(p.T_out_panel[2]));
      CHECK(glm::dot(normal, glm::normalize(eye - panelCentre(p))) > 0.99f);
    }
  };

  for (CaptionSize size : {CaptionSize::small, CaptionSize::medium, CaptionSize::large}) {
    content.caption.size = size;
    const OverlayMesh mesh = layoutWorld(atlas, content, head);
    CHECK(mesh.clipSpaceQuads == 0);
    checkAll(mesh);
  }

  const OverlayMesh mesh = layoutWorld(atlas, content, head);
  const Panel* caption = mesh.find(PanelKind::caption);
  REQUIRE(caption != nullptr);
  const glm::vec3 toCaption = panelCentre(*caption) - eye;
  CHECK(glm::length(toCaption) == Approx(1.6f).margin(0.01f));
  // Below the answer cards, never between the citizen and a face: at least 15° down, still in view.
  const float captionDegrees = glm::degrees(std::asin(toCaption.y / glm::length(toCaption)));
  CHECK(captionDegrees <= -14.5f);
  CHECK(captionDegrees > -35.0f);
  // Straight ahead in yaw: the head turned 0.4 rad to the left (towards -X) from -Z.
  const glm::vec3 forward = head.orientation * glm::vec3(0, 0, -1);
  CHECK(glm::dot(glm::normalize(glm::vec2(toCaption.x, toCaption.z)), glm::normalize(glm::vec2(forward.x, forward.z))) >
        0.999f);

  // Cards 1.2 m away, above the caption, ordered left to right.
  float lastAngle = -1e9f;
  for (int i = 0; i < 4; ++i) {
    const Panel* card = mesh.find(PanelKind::option, i);
    REQUIRE(card != nullptr);
    const glm::vec3 d = panelCentre(*card) - eye;
    CHECK(glm::length(d) == Approx(1.2f).margin(0.01f));
    CHECK(d.y / glm::length(d) > toCaption.y / glm::length(toCaption));
    CHECK(glm::degrees(std::asin(d.y / glm::length(d))) < -8.0f);  // clear of the faces across the table
    const float angle = glm::dot(glm::normalize(d), head.orientation * glm::vec3(1, 0, 0));
    CHECK(angle > lastAngle);
    lastAngle = angle;
  }

  // The cue card on the table, and in the hand: still legible and facing the eye.
  content.anchors.T_world_cardOnTable = Pose{glm::quat(1, 0, 0, 0), eye + glm::vec3(-0.1f, -0.45f, -0.35f)};
  const OverlayMesh onTable = layoutWorld(atlas, content, head);
  checkAll(onTable);
  CHECK(glm::length(panelCentre(*onTable.find(PanelKind::statement)) - eye) < 0.7f);
  content.anchors.T_world_controller = Pose{glm::quat(1, 0, 0, 0), eye + glm::vec3(-0.2f, -0.35f, -0.4f)};
  checkAll(layoutWorld(atlas, content, head));

  // Paused in the headset: a clip-space veil first, then words in the line of sight.
  content.paused = true;
  const OverlayMesh paused = layoutWorld(atlas, content, head);
  CHECK(paused.clipSpaceQuads == 1);
  checkAll(paused);
}

TEST_CASE("head pose from views: the mean eye, looking where the first view looks", "[ui][layout][world]") {
  const Pose head = seatedHeadPose({0.0f, 1.2f, 0.0f}, 0.3f, 0.0f);
  gfx::View views[2];
  for (int e = 0; e < 2; ++e) {
    const Pose eye = head * Pose{glm::quat(1, 0, 0, 0), glm::vec3(e == 0 ? -0.032f : 0.032f, 0, 0)};
    views[e].viewFromWorld = eye.inverse().matrix();
  }
  const Pose derived = headPoseFromViews(views);
  CHECK(glm::length(derived.position - head.position) < 1e-4f);
  CHECK(std::abs(glm::dot(derived.orientation, head.orientation)) > 0.9999f);
}

TEST_CASE("hit testing finds the option card under the mouse or the controller ray", "[ui][layout]") {
  const FontAtlas& atlas = sharedAtlas();
  OverlayContent content = everything();
  const glm::vec2 extent(1280, 720);
  const OverlayMesh screen = layoutScreen(atlas, content, extent);
  for (int i = 0; i < 4; ++i) {
    const glm::vec4 r = pixelBox(*screen.find(PanelKind::option, i), extent);
    CHECK(optionAtPixel(screen, {0.5f * (r.x + r.z), 0.5f * (r.y + r.w)}, extent) == i);
  }
  CHECK(optionAtPixel(screen, {5.0f, 5.0f}, extent) == -1);

  const Pose head = seatedHeadPose({0.0f, 1.2f, 0.0f}, 0.0f, 0.0f);
  const OverlayMesh world = layoutWorld(atlas, content, head);
  for (int i = 0; i < 4; ++i) {
    const glm::vec3 target = panelCentre(*world.find(PanelKind::option, i));
    const glm::vec3 hand = head.position + glm::vec3(0.2f, -0.3f, -0.2f);
    CHECK(optionAtRay(world, hand, glm::normalize(target - hand)) == i);
  }
  CHECK(optionAtRay(world, head.position, {0, 0, 1}) == -1);  // pointing backwards
}

TEST_CASE("every string in the core string table renders without the fallback glyph", "[ui][font]") {
  const FontAtlas& atlas = sharedAtlas();
  for (std::string_view s : allStrings())
    for (FontFace face : {FontFace::regular, FontFace::bold}) {
      TextStyle style;
      style.face = face;
      INFO(std::string(s));
      CHECK(layoutText(atlas, s, style).fallbackGlyphs == 0);
    }
}

TEST_CASE("a long statement shrinks to fit the window but stays readable", "[ui][layout]") {
  const FontAtlas& atlas = sharedAtlas();
  OverlayContent content;
  content.statement.visible = true;
  std::string longText;
  for (int i = 0; i < 12; ++i) longText += "Jeg vil gerne fortælle lidt mere om, hvordan min hverdag ser ud. ";
  content.statement.introduction = content.statement.important = content.statement.helpWith = content.statement.soThat =
      longText;
  const glm::vec2 extent(1280, 720);
  const OverlayMesh mesh = layoutScreen(atlas, content, extent);
  const Panel* card = mesh.find(PanelKind::statement);
  REQUIRE(card != nullptr);
  const glm::vec4 r = pixelBox(*card, extent);
  CHECK(card->minCapHeight >= 15.0f * 0.6f);
  CHECK(mesh.fallbackGlyphs == 0);
  // Either it fits, or it reached the smallest size it may have.
  CHECK((r.w <= 720.0f || card->minCapHeight <= 15.0f * 0.65f));
}

TEST_CASE("every character in the shipped scenarios, casts and sample statement has a glyph", "[ui][font]") {
  // Tests run from the source root (overum_test's WORKING_DIRECTORY).
  const std::filesystem::path root = "scenarios";
  REQUIRE(std::filesystem::is_directory(root));
  const FontAtlas& atlas = sharedAtlas();
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    const std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".yarn" && ext != ".json" && ext != ".txt")) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ++files;
    for (char32_t cp : decodeUtf8(text)) {
      if (cp < 0x20) continue;  // line breaks and tabs
      INFO(entry.path().string() << ": U+" << std::hex << std::uint32_t(cp));
      CHECK(atlas.hasGlyph(FontFace::regular, cp));
      CHECK(atlas.hasGlyph(FontFace::bold, cp));
    }
  }
  CHECK(files >= 3);
}

TEST_CASE("the way into the pause room darkens within the promised second and never jumps", "[ui][layout]") {
  PauseFade fade;
  fade.update(false, 0.0);
  CHECK(fade.veil() == 0.0f);
  CHECK_FALSE(fade.showPauseRoom());
  fade.update(true, 10.0);
  float last = 0.0f;
  for (double t = 10.0; t < 10.0 + PauseFade::kSeconds; t += 1.0 / 90.0) {
    fade.update(true, t);
    CHECK(fade.veil() >= last);         // darkens steadily
    CHECK(fade.veil() - last < 0.05f);  // in small steps
    last = fade.veil();
  }
  fade.update(true, 10.0 + PauseFade::kSeconds);
  CHECK(fade.showPauseRoom());  // well within one second
  CHECK(PauseFade::kSeconds < 1.0);
  // Resuming: the meeting shows behind the full veil, which lightens.
  fade.update(false, 20.0);
  CHECK_FALSE(fade.showPauseRoom());
  CHECK(fade.veil() == Approx(1.0f));
  fade.update(false, 20.0 + PauseFade::kSeconds / 2);
  CHECK(fade.veil() == Approx(0.5f).margin(0.03));
  // Pausing again half-way out turns back from where it is.
  fade.update(true, 20.0 + PauseFade::kSeconds / 2);
  CHECK(fade.veil() == Approx(0.5f).margin(0.03));

  // The layout draws the veil alone, over the whole window, at that strength of the pause veil.
  const FontAtlas& atlas = sharedAtlas();
  OverlayContent content;
  content.caption = {true, "Mette", "Velkommen"};
  content.fade = 0.5f;
  const OverlayMesh mesh = layoutScreen(atlas, content, {1280, 720});
  REQUIRE(mesh.panels.size() == 1);
  CHECK(mesh.quadCount() == 1);
  const std::uint32_t alpha = mesh.vertices[0].color >> 24;
  CHECK(alpha == 107);  // half of the pause screen's 214
}

TEST_CASE("looking at a card for two seconds chooses it, looking away starts over", "[ui][layout]") {
  GazeDwell dwell;
  CHECK(dwell.update(1, 0.0) == -1);
  CHECK(dwell.update(1, 1.0) == -1);
  CHECK(dwell.progress() == Approx(0.5f));
  CHECK(dwell.update(-1, 1.5) == -1);  // looked away
  CHECK(dwell.progress() == 0.0f);
  CHECK(dwell.update(2, 2.0) == -1);
  CHECK(dwell.update(2, 3.9) == -1);
  CHECK(dwell.update(2, 4.0) == 2);
  CHECK(dwell.card() == -1);

  // The bar on the looked-at card grows with the dwell.
  const FontAtlas& atlas = sharedAtlas();
  OverlayContent content;
  content.options.cards = {{"Ja", true}, {"Nej", true}};
  content.options.highlighted = 0;
  const std::size_t without = layoutScreen(atlas, content, {1280, 720}).quadCount();
  content.options.dwell = 0.5f;
  CHECK(layoutScreen(atlas, content, {1280, 720}).quadCount() == without + 1);
}

TEST_CASE("a how-do-you-feel question: every value and 'Spring over' can be hit, on the screen and in the room",
          "[ui][layout][question]") {
  const FontAtlas& atlas = sharedAtlas();
  OverlayContent content = everything();  // the question takes the screen: nothing else is laid out
  content.question.visible = true;
  content.question.text = "Hvor urolig er du lige nu?";
  content.question.lowWords = "helt rolig";
  content.question.highWords = "meget urolig";
  content.question.marked = 7;
  const glm::vec2 extent(1280, 720);
  const OverlayMesh screen = layoutScreen(atlas, content, extent);
  CHECK(screen.find(PanelKind::option, 0) == nullptr);
  CHECK(screen.find(PanelKind::caption) == nullptr);
  REQUIRE(screen.find(PanelKind::question) != nullptr);
  CHECK(screen.fallbackGlyphs == 0);
  float lastX = -1.0f;
  for (int v = 0; v <= 10; ++v) {
    const Panel* cell = screen.find(PanelKind::scaleValue, v);
    REQUIRE(cell != nullptr);
    const glm::vec4 r = pixelBox(*cell, extent);
    CHECK(r.x > lastX);  // left to right, 0 first
    lastX = r.x;
    CHECK(r.z - r.x >= 30.0f);  // a target a shaky hand can hit at 720p
    CHECK(scaleAtPixel(screen, {0.5f * (r.x + r.z), 0.5f * (r.y + r.w)}, extent) == v);
  }
  CHECK(screen.find(PanelKind::scaleValue, 11) == nullptr);
  const glm::vec4 skip = pixelBox(*screen.find(PanelKind::skip), extent);
  CHECK(scaleAtPixel(screen, {0.5f * (skip.x + skip.z), 0.5f * (skip.y + skip.w)}, extent) == kSkipQuestion);
  CHECK(scaleAtPixel(screen, {5.0f, 5.0f}, extent) == -1);
  CHECK(optionAtPixel(screen, {0.5f * (skip.x + skip.z), 0.5f * (skip.y + skip.w)}, extent) == -1);

  // The comfort items have four values.
  content.question.highest = 3;
  const OverlayMesh four = layoutScreen(atlas, content, extent);
  CHECK(four.find(PanelKind::scaleValue, 3) != nullptr);
  CHECK(four.find(PanelKind::scaleValue, 4) == nullptr);

  content.question.highest = 10;
  const Pose head = seatedHeadPose({0.0f, 1.2f, 0.0f}, 0.0f, 0.0f);
  const OverlayMesh world = layoutWorld(atlas, content, head);
  for (int v : {0, 5, 10}) {
    const glm::vec3 target = panelCentre(*world.find(PanelKind::scaleValue, v));
    CHECK(scaleAtRay(world, head.position, glm::normalize(target - head.position)) == v);
    const glm::vec3 hand = head.position + glm::vec3(0.2f, -0.3f, -0.2f);
    CHECK(scaleAtRay(world, hand, glm::normalize(target - hand)) == v);
  }
  const glm::vec3 skipCentre = panelCentre(*world.find(PanelKind::skip));
  CHECK(scaleAtRay(world, head.position, glm::normalize(skipCentre - head.position)) == kSkipQuestion);
  // Legible in the headset: the question's capitals are at least the 0.65° floor at its distance.
  const Panel& words = *world.find(PanelKind::question);
  const float distance = glm::length(panelCentre(words) - head.position);
  const float metresPerUnit = glm::length(glm::vec3(words.T_out_panel[0]));
  CHECK(glm::degrees(std::atan(words.minCapHeight * metresPerUnit / distance)) >= 0.65f);
}
