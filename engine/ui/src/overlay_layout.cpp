// SPDX-License-Identifier: GPL-3.0-or-later
// Overlay layout: each element is built as a panel in its own units (x right, y down, origin top-left),
// then placed by one transform: onto the window in clip space, or into the room facing the viewer.
//
// Sections: colours · panel builder · panels (caption, option cards, cue card, microphone, done, pause)
//           · screen placement · world placement
#include <overum/ui/overlay_layout.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <glm/gtc/matrix_transform.hpp>
#include <vector>

namespace overum::ui {
namespace {

// ---- colours (sRGB) -------------------------------------------------------------------------------
constexpr std::uint32_t kCaptionBacking = rgba(12, 12, 16, 245);  // near black, barely see-through: > 11:1 on any scene
constexpr std::uint32_t kCaptionText = rgba(255, 255, 255);
constexpr std::uint32_t kSpeaker = rgba(255, 226, 140);  // warm, tells the name from the words
constexpr std::uint32_t kCard = rgba(28, 32, 44, 238);
constexpr std::uint32_t kCardHover = rgba(46, 66, 108, 245);
constexpr std::uint32_t kCardOutline = rgba(255, 204, 64);
constexpr std::uint32_t kCardDimmed = rgba(28, 30, 36, 150);
constexpr std::uint32_t kCardText = rgba(255, 255, 255);
constexpr std::uint32_t kCardTextDimmed = rgba(128, 130, 136);
constexpr std::uint32_t kBadge = rgba(255, 204, 64);
constexpr std::uint32_t kBadgeDimmed = rgba(86, 88, 96);
constexpr std::uint32_t kBadgeText = rgba(20, 20, 24);
constexpr std::uint32_t kNote = rgba(222, 186, 140);
constexpr std::uint32_t kPaper = rgba(250, 247, 238, 248);  // the cue card is a paper card
constexpr std::uint32_t kInk = rgba(22, 22, 26);
constexpr std::uint32_t kHeading = rgba(28, 74, 140);
constexpr std::uint32_t kInkQuiet = rgba(92, 92, 100);     // the parts not being presented
constexpr std::uint32_t kPartMarker = rgba(232, 160, 40);  // beside the part being presented
constexpr std::uint32_t kPill = rgba(12, 12, 16, 210);
constexpr std::uint32_t kMicOpen = rgba(232, 72, 56);    // recording red
constexpr std::uint32_t kMicVoice = rgba(64, 210, 112);  // distinct: the citizen is heard
constexpr std::uint32_t kDone = rgba(36, 120, 78, 240);
constexpr std::uint32_t kPauseDim = rgba(10, 14, 22, 214);  // calm, dark blue-grey veil

// The pause veil at a fraction of its strength: the fade into and out of the pause room.
std::uint32_t fadeVeil(float fade) {
  return rgba(10, 14, 22, std::uint8_t(std::lround(214.0f * std::clamp(fade, 0.0f, 1.0f))));
}
constexpr std::uint32_t kPauseTitle = rgba(214, 226, 240);
constexpr std::uint32_t kPauseText = rgba(170, 186, 204);

constexpr std::size_t kMaxOptions = 9;

// ---- panel builder --------------------------------------------------------------------------------

class Builder {
 public:
  Builder(OverlayMesh& mesh, const FontAtlas& atlas) : mesh_(mesh), atlas_(atlas) {}

  const FontAtlas& atlas() const { return atlas_; }

  void begin(PanelKind kind, int index = 0) {
    panel_ = Panel{};
    panel_.kind = kind;
    panel_.index = index;
    panel_.firstQuad = mesh_.quadCount();
    panel_.minCapHeight = INFINITY;
    panelFallbacks_ = 0;
  }

  void rect(glm::vec2 p0, glm::vec2 p1, float radius, std::uint32_t color) {
    const glm::vec2 half = (p1 - p0) * 0.5f;
    if (half.x <= 0.0f || half.y <= 0.0f) return;  // zero half size would read as text in the shader
    const glm::vec2 centre = (p0 + p1) * 0.5f;
    const float r = std::min({radius, half.x, half.y});
    for (glm::vec2 p : {p0, glm::vec2(p1.x, p0.y), p1, glm::vec2(p0.x, p1.y)})
      mesh_.vertices.push_back({glm::vec3(p, 0.0f), glm::vec2(r, 0.0f), color, glm::vec4(p - centre, half)});
  }

  void text(const TextBlock& block, glm::vec2 origin, std::uint32_t color) {
    mesh_.fallbackGlyphs += block.fallbackGlyphs;
    panelFallbacks_ += block.fallbackGlyphs;
    if (!block.glyphs.empty()) panel_.minCapHeight = std::min(panel_.minCapHeight, block.capHeight);
    for (const PlacedGlyph& g : block.glyphs) {
      const Glyph& a = *g.glyph;
      const glm::vec2 p0 = origin + glm::vec2(g.x0, g.y0), p1 = origin + glm::vec2(g.x1, g.y1);
      mesh_.vertices.push_back({glm::vec3(p0, 0.0f), {a.u0, a.v0}, color, {}});
      mesh_.vertices.push_back({glm::vec3(p1.x, p0.y, 0.0f), {a.u1, a.v0}, color, {}});
      mesh_.vertices.push_back({glm::vec3(p1, 0.0f), {a.u1, a.v1}, color, {}});
      mesh_.vertices.push_back({glm::vec3(p0.x, p1.y, 0.0f), {a.u0, a.v1}, color, {}});
    }
  }

  // Drops what the open panel emitted so far (to lay it out again at another size).
  void restart() {
    mesh_.vertices.resize(std::size_t(panel_.firstQuad) * 4);
    mesh_.fallbackGlyphs -= std::min(mesh_.fallbackGlyphs, panelFallbacks_);
    panelFallbacks_ = 0;
    panel_.minCapHeight = INFINITY;
  }

  // Moves the panel's vertices from panel units to clip space or the world.
  void end(const glm::mat4& T_out_panel, glm::vec2 size) {
    for (std::size_t i = std::size_t(panel_.firstQuad) * 4; i < mesh_.vertices.size(); ++i)
      mesh_.vertices[i].position = glm::vec3(T_out_panel * glm::vec4(mesh_.vertices[i].position, 1.0f));
    panel_.T_out_panel = T_out_panel;
    panel_.size = size;
    panel_.quadCount = mesh_.quadCount() - panel_.firstQuad;
    if (!std::isfinite(panel_.minCapHeight)) panel_.minCapHeight = 0.0f;
    mesh_.panels.push_back(panel_);
  }

 private:
  OverlayMesh& mesh_;
  const FontAtlas& atlas_;
  Panel panel_;
  std::size_t panelFallbacks_ = 0;
};

TextBlock textBlock(const FontAtlas& atlas, std::string_view text, FontFace face, float size, float maxWidth = 0.0f) {
  TextStyle style;
  style.face = face;
  style.size = size;
  style.maxWidth = maxWidth;
  return layoutText(atlas, text, style);
}

// Height of a block without the spacing below its last line, so padding looks even.
float inkHeight(const TextBlock& b, float size) { return b.lines.empty() ? 0.0f : b.height - (b.lineHeight - size); }

// ---- panels ---------------------------------------------------------------------------------------
// Each emits its geometry at the panel origin and returns the panel's size.

struct CaptionLayout {
  TextBlock speaker, text;
  float font = 0, pad = 0;
  glm::vec2 size{0.0f};
};

CaptionLayout measureCaption(const FontAtlas& atlas, const Caption& caption, float font, float maxWidth) {
  CaptionLayout c;
  c.font = font;
  c.pad = 0.55f * font;
  const float wrap = std::max(maxWidth - 2.0f * c.pad, 4.0f * font);
  if (!caption.speaker.empty()) c.speaker = textBlock(atlas, caption.speaker, FontFace::bold, font, wrap);
  c.text = textBlock(atlas, caption.text, FontFace::regular, font, wrap);
  const float speakerH = c.speaker.lines.empty() ? 0.0f : c.speaker.height;
  c.size = {std::max(c.speaker.width, c.text.width) + 2.0f * c.pad, speakerH + inkHeight(c.text, font) + 2.0f * c.pad};
  return c;
}

void emitCaption(Builder& b, const CaptionLayout& c) {
  b.rect({0, 0}, c.size, 0.35f * c.font, kCaptionBacking);
  b.text(c.speaker, {c.pad, c.pad}, kSpeaker);
  b.text(c.text, {c.pad, c.pad + (c.speaker.lines.empty() ? 0.0f : c.speaker.height)}, kCaptionText);
}

struct OptionLayout {
  TextBlock number, text, note;
  float font = 0, pad = 0, badge = 0;
  bool available = true, highlighted = false;
  float dwell = 0;
  float contentHeight = 0;
};

OptionLayout measureOption(const FontAtlas& atlas, const OptionCard& card, int index, bool highlighted, float dwell,
                           float font, float width, Language language) {
  OptionLayout o;
  o.dwell = highlighted ? std::clamp(dwell, 0.0f, 1.0f) : 0.0f;
  o.font = font;
  o.pad = 0.5f * font;
  o.badge = 1.5f * font;
  o.available = card.available;
  o.highlighted = highlighted;
  o.number = textBlock(atlas, std::to_string(index + 1), FontFace::bold, font);
  const float textWidth = std::max(width - 3.0f * o.pad - o.badge, 3.0f * font);
  o.text = textBlock(atlas, card.text, FontFace::regular, font, textWidth);
  float h = inkHeight(o.text, font);
  if (!card.available) {
    o.note = textBlock(atlas, uiText(UiText::notPossibleNow, language), FontFace::regular, 0.8f * font, textWidth);
    h += 0.3f * font + inkHeight(o.note, 0.8f * font);
  }
  o.contentHeight = std::max(h, o.badge);
  return o;
}

void emitOption(Builder& b, const OptionLayout& o, glm::vec2 size) {
  if (o.highlighted) {
    const float border = 0.14f * o.font;
    b.rect({-border, -border}, size + glm::vec2(border), 0.45f * o.font + border, kCardOutline);
  }
  b.rect({0, 0}, size, 0.45f * o.font, !o.available ? kCardDimmed : o.highlighted ? kCardHover : kCard);
  const glm::vec2 badge0{o.pad, o.pad};
  b.rect(badge0, badge0 + glm::vec2(o.badge), o.badge * 0.5f, o.available ? kBadge : kBadgeDimmed);
  // Centre the digit in its badge by its ink (digits are as tall as capitals).
  const float digitX = badge0.x + 0.5f * (o.badge - o.number.width);
  const float digitY = badge0.y + 0.5f * o.badge - o.number.baseline + 0.5f * o.number.capHeight;
  b.text(o.number, {digitX, digitY}, o.available ? kBadgeText : kCardTextDimmed);
  const float textX = 2.0f * o.pad + o.badge;
  b.text(o.text, {textX, o.pad}, o.available ? kCardText : kCardTextDimmed);
  if (!o.available) b.text(o.note, {textX, o.pad + inkHeight(o.text, o.font) + 0.3f * o.font}, kNote);
  if (o.dwell > 0.0f) {  // looking at the card fills a bar along its foot; full = chosen
    const float y = size.y - 0.3f * o.pad;
    b.rect({o.pad, y - 0.2f * o.font}, {o.pad + (size.x - 2.0f * o.pad) * o.dwell, y}, 0.1f * o.font, kBadge);
  }
}

// The cue card: the title, then the four parts in `columns` columns (1: under each other; 2: two by
// two, a landscape card for the band under the faces).
glm::vec2 emitStatement(Builder& b, const StatementCard& card, float font, float width, Language language,
                        int columns = 1) {
  const FontAtlas& atlas = b.atlas();
  const float pad = 0.9f * font, gap = 0.8f * font, columnGap = 1.2f * font;
  const float wrap = (width - 2.0f * pad - columnGap * float(columns - 1)) / float(columns);
  const TextBlock title =
      textBlock(atlas, uiText(UiText::statementTitle, language), FontFace::bold, 1.35f * font, width - 2.0f * pad);
  const std::pair<UiText, const std::string*> parts[] = {{UiText::statementIntro, &card.introduction},
                                                         {UiText::statementImportant, &card.important},
                                                         {UiText::statementHelp, &card.helpWith},
                                                         {UiText::statementSoThat, &card.soThat}};
  struct Section {
    TextBlock heading, body;
    float height;
  };
  std::vector<Section> sections;
  for (const auto& [heading, body] : parts) {
    Section s{textBlock(atlas, uiText(heading, language), FontFace::bold, font, wrap),
              textBlock(atlas, *body, FontFace::regular, font, wrap), 0.0f};
    s.height = s.heading.height + inkHeight(s.body, font);
    sections.push_back(std::move(s));
  }
  std::vector<float> rowHeights;
  for (std::size_t i = 0; i < sections.size(); i += std::size_t(columns)) {
    float h = 0.0f;
    for (std::size_t j = i; j < std::min(sections.size(), i + std::size_t(columns)); ++j)
      h = std::max(h, sections[j].height);
    rowHeights.push_back(h);
  }
  float height = pad + inkHeight(title, 1.35f * font) + gap;
  for (const float h : rowHeights) height += h + gap;
  height += pad - gap;
  const glm::vec2 size{width, height};
  b.rect({0, 0}, size, 0.5f * font, kPaper);
  b.text(title, {pad, pad}, kInk);
  float y = pad + inkHeight(title, 1.35f * font) + gap;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const std::size_t column = i % std::size_t(columns);
    const float x = pad + float(column) * (wrap + columnGap);
    // The part being presented: a warm marker beside it and its body in ink; the others a little
    // lighter, so the eye finds its place after a glance at the people.
    const bool marked = card.current >= 0;
    const bool current = marked && int(i) == card.current;
    if (current) b.rect({x - 0.55f * font, y}, {x - 0.25f * font, y + sections[i].height}, 0.15f * font, kPartMarker);
    b.text(sections[i].heading, {x, y}, kHeading);
    b.text(sections[i].body, {x, y + sections[i].heading.height}, marked && !current ? kInkQuiet : kInk);
    if (column + 1 == std::size_t(columns) || i + 1 == sections.size()) y += rowHeights[i / std::size_t(columns)] + gap;
  }
  return size;
}

glm::vec2 emitMicrophone(Builder& b, const Microphone& mic, float font, Language language) {
  const float pad = 0.45f * font, dot = 0.9f * font;
  const TextBlock label =
      textBlock(b.atlas(), uiText(mic.voiceDetected ? UiText::listening : UiText::microphoneOn, language),
                FontFace::bold, 0.8f * font);
  const glm::vec2 size{3.0f * pad + dot + label.width, 2.0f * pad + std::max(dot, inkHeight(label, 0.8f * font))};
  b.rect({0, 0}, size, size.y * 0.5f, kPill);
  const glm::vec2 dot0{pad, 0.5f * (size.y - dot)};
  const std::uint32_t colour = mic.voiceDetected ? kMicVoice : kMicOpen;
  if (mic.voiceDetected)  // a halo makes "heard" readable without colour vision too
    b.rect(dot0 - glm::vec2(0.18f * dot), dot0 + glm::vec2(1.18f * dot), 0.68f * dot, rgba(64, 210, 112, 110));
  b.rect(dot0, dot0 + glm::vec2(dot), dot * 0.5f, colour);
  b.text(label, {2.0f * pad + dot, 0.5f * (size.y - inkHeight(label, 0.8f * font))}, kCaptionText);
  return size;
}

glm::vec2 emitDone(Builder& b, const DoneHint& done, float font, Language language) {
  const float pad = 0.5f * font;
  const TextBlock label = textBlock(b.atlas(), uiText(UiText::done, language), FontFace::bold, font);
  const TextBlock key = textBlock(b.atlas(), done.keyHint.empty() ? std::string() : "(" + done.keyHint + ")",
                                  FontFace::regular, 0.8f * font);
  const float gap = key.glyphs.empty() ? 0.0f : 0.4f * font;
  const glm::vec2 size{2.0f * pad + label.width + gap + key.width, 2.0f * pad + inkHeight(label, font)};
  b.rect({0, 0}, size, 0.4f * font, kDone);
  b.text(label, {pad, pad}, kCaptionText);
  b.text(key, {pad + label.width + gap, pad + label.baseline - key.baseline}, kCaptionText);  // same baseline
  return size;
}

// The pause screen's words: "Pause" and how to come back, or, once the meeting is over, that it is
// over, that practising was good, what went well and the one thing to try (when the host has them),
// and what happens now. Lines wider than maxWidth wrap.
glm::vec2 emitPauseText(Builder& b, float font, Language language, bool vr, const OverlayContent& content,
                        float maxWidth) {
  const bool ended = content.ended;
  const TextBlock title = textBlock(b.atlas(), uiText(ended ? UiText::endTitle : UiText::pauseTitle, language),
                                    FontFace::bold, 2.2f * font);
  struct Line {
    TextBlock block;
    float size;
    float gapAbove;
  };
  std::vector<Line> lines;
  // A sentence too long for one line wraps into lines of about equal length, so the centred text has
  // no lone word on a line of its own.
  auto add = [&](std::string_view words, FontFace face, float size, float gapAbove) {
    const float oneLine = textBlock(b.atlas(), words, face, size).width;
    float wrap = maxWidth;
    if (oneLine > maxWidth) wrap = std::min(maxWidth, oneLine / std::ceil(oneLine / maxWidth) * 1.08f + size);
    lines.push_back({textBlock(b.atlas(), words, face, size, wrap), size, gapAbove});
  };
  if (ended) {
    add(uiText(UiText::endWellDone, language), FontFace::regular, font, 0.4f * font);
    const float small = 0.8f * font;
    if (!content.wentWell.empty()) {
      add(uiText(UiText::endWentWell, language), FontFace::bold, small, 0.9f * font);
      for (const std::string& sentence : content.wentWell) add(sentence, FontFace::regular, small, 0.3f * font);
    }
    if (!content.tryNext.empty()) {
      add(uiText(UiText::endTryNext, language), FontFace::bold, small, 0.9f * font);
      add(content.tryNext, FontFace::regular, small, 0.3f * font);
    }
    add(uiText(UiText::endWhatNow, language), FontFace::regular, font,
        content.wentWell.empty() && content.tryNext.empty() ? 0.4f * font : 0.9f * font);
  } else {
    add(uiText(vr ? UiText::pauseResumeVr : UiText::pauseResume, language), FontFace::regular, font, 0.4f * font);
  }
  glm::vec2 size{title.width, title.height};
  for (const Line& line : lines) {
    size.x = std::max(size.x, line.block.width);
    size.y += line.gapAbove + inkHeight(line.block, line.size);
  }
  b.text(title, {0.5f * (size.x - title.width), 0.0f}, kPauseTitle);
  float y = title.height;
  for (const Line& line : lines) {
    y += line.gapAbove;
    b.text(line.block, {0.5f * (size.x - line.block.width), y}, kPauseText);
    y += inkHeight(line.block, line.size);
  }
  return size;
}

// A short note on a dark pill: the facilitator's pause ("Pause – vi venter lidt").
glm::vec2 emitNote(Builder& b, std::string_view words, float font) {
  const float pad = 0.55f * font;
  const TextBlock label = textBlock(b.atlas(), words, FontFace::bold, font);
  const glm::vec2 size{2.0f * pad + label.width, 2.0f * pad + inkHeight(label, font)};
  b.rect({0, 0}, size, 0.5f * size.y, kPill);
  b.text(label, {pad, pad}, kPauseTitle);
  return size;
}

// The question on the calm screen: its words, a row of values with the ends' words under it, "Spring
// over" and how to answer. The values and "Spring over" become panels of their own (for hit tests),
// placed by `place` with their offset inside the question; the words are the open panel.
struct QuestionLayout {
  glm::vec2 size{0.0f};
  struct Cell {
    PanelKind kind;
    int index;
    glm::vec2 at, size;
  };
  std::vector<Cell> cells;
};

QuestionLayout emitQuestion(Builder& b, const Question& q, float font, float maxWidth, bool vr, Language language,
                            glm::vec2 origin) {
  QuestionLayout out;
  const int count = std::max(1, q.highest - q.lowest + 1);
  const float gap = 0.3f * font;
  const float cell = std::min(2.4f * font, (maxWidth - gap * float(count - 1)) / float(count));
  const float rowWidth = float(count) * cell + float(count - 1) * gap;
  const TextBlock title = textBlock(b.atlas(), q.text, FontFace::bold, 1.4f * font, std::max(rowWidth, maxWidth));
  const TextBlock low = textBlock(b.atlas(), q.lowWords, FontFace::regular, 0.8f * font, 0.45f * rowWidth);
  const TextBlock high = textBlock(b.atlas(), q.highWords, FontFace::regular, 0.8f * font, 0.45f * rowWidth);
  const TextBlock keys = textBlock(b.atlas(), uiText(vr ? UiText::questionKeysVr : UiText::questionKeys, language),
                                   FontFace::regular, 0.8f * font);
  out.size.x = std::max({rowWidth, title.width, keys.width});
  const float rowX = 0.5f * (out.size.x - rowWidth);
  float y = 0.0f;
  b.text(title, origin + glm::vec2(0.5f * (out.size.x - title.width), y), kPauseTitle);
  y += title.height + 0.6f * font;
  for (int i = 0; i < count; ++i)
    out.cells.push_back(
        {PanelKind::scaleValue, q.lowest + i, origin + glm::vec2(rowX + float(i) * (cell + gap), y), {cell, cell}});
  y += cell + 0.3f * font;
  b.text(low, origin + glm::vec2(rowX, y), kPauseText);
  b.text(high, origin + glm::vec2(rowX + rowWidth - high.width, y), kPauseText);
  y += std::max(inkHeight(low, 0.8f * font), inkHeight(high, 0.8f * font)) + 0.9f * font;
  const TextBlock skip = textBlock(b.atlas(), uiText(UiText::questionSkip, language), FontFace::regular, font);
  const glm::vec2 skipSize{skip.width + 1.6f * font, 2.0f * font};
  out.cells.push_back({PanelKind::skip, 0, origin + glm::vec2(0.5f * (out.size.x - skipSize.x), y), skipSize});
  y += skipSize.y + 0.7f * font;
  b.text(keys, origin + glm::vec2(0.5f * (out.size.x - keys.width), y), kPauseText);
  out.size.y = y + inkHeight(keys, 0.8f * font);
  return out;
}

// One value of the scale, or "Spring over": a card, outlined while marked, filling as a look dwells.
void emitQuestionCell(Builder& b, const Question& q, const QuestionLayout::Cell& c, float font, Language language) {
  const bool skip = c.kind == PanelKind::skip;
  const bool marked = skip ? q.skipMarked : q.marked == c.index;
  const float radius = 0.35f * font;
  if (marked) b.rect(glm::vec2(-0.12f * font), c.size + glm::vec2(0.12f * font), radius + 0.12f * font, kCardOutline);
  b.rect({0, 0}, c.size, radius, marked ? kCardHover : kCard);
  if (marked && !skip && q.dwell > 0.0f)
    b.rect({0, c.size.y * (1.0f - std::clamp(q.dwell, 0.0f, 1.0f))}, c.size, radius, kCardHover);
  const TextBlock label = skip ? textBlock(b.atlas(), uiText(UiText::questionSkip, language), FontFace::regular, font)
                               : textBlock(b.atlas(), std::to_string(c.index), FontFace::bold, 1.1f * font);
  b.text(label, {0.5f * (c.size.x - label.width), 0.5f * c.size.y - label.baseline + 0.5f * label.capHeight},
         kCardText);
}

// The question's words, then each value and "Spring over" as a panel of its own inside it.
void placeQuestion(Builder& b, const Question& q, float font, float maxWidth, bool vr, Language language,
                   const std::function<glm::mat4(glm::vec2 size)>& T_out_question) {
  // Measured first, then drawn again on a dark backing, so the words read over any part of the room.
  b.begin(PanelKind::question);
  const float pad = font;
  QuestionLayout layout = emitQuestion(b, q, font, maxWidth, vr, language, {0, 0});
  b.restart();
  const glm::vec2 size = layout.size + glm::vec2(2.0f * pad);
  b.rect({0, 0}, size, 0.5f * font, kCaptionBacking);
  layout = emitQuestion(b, q, font, maxWidth, vr, language, glm::vec2(pad));
  const glm::mat4 T = T_out_question(size);
  b.end(T, size);
  for (const QuestionLayout::Cell& c : layout.cells) {
    b.begin(c.kind, c.index);
    emitQuestionCell(b, q, c, font, language);
    b.end(glm::translate(T, glm::vec3(c.at, 0.0f)), c.size);
  }
}

// The desktop keys, one per line under a title.
glm::vec2 emitKeyHelp(Builder& b, float font, Language language) {
  const float pad = 0.8f * font;
  const TextBlock title = textBlock(b.atlas(), uiText(UiText::keyHelpTitle, language), FontFace::bold, font);
  std::vector<TextBlock> lines;
  for (UiText t : {UiText::keyHelpDone, UiText::keyHelpChoose, UiText::keyHelpNextPart, UiText::keyHelpPause,
                   UiText::keyHelpCard, UiText::keyHelpSize, UiText::keyHelpHelp})
    lines.push_back(textBlock(b.atlas(), uiText(t, language), FontFace::regular, 0.85f * font));
  glm::vec2 size{title.width, title.height};
  for (const TextBlock& line : lines) size = {std::max(size.x, line.width), size.y + line.height};
  size += glm::vec2(2.0f * pad);
  b.rect({0, 0}, size, 0.4f * font, kCaptionBacking);
  b.text(title, {pad, pad}, kSpeaker);
  float y = pad + title.height;
  for (const TextBlock& line : lines) {
    b.text(line, {pad, y}, kCaptionText);
    y += line.height;
  }
  return size;
}

// The card that turns to the next page of options.
void emitMoreOptions(Builder& b, float font, glm::vec2 size, int page, int pages, Language language) {
  const float pad = 0.5f * font;
  b.rect({0, 0}, size, 0.45f * font, kCard);
  const TextBlock badge = textBlock(b.atlas(), "0", FontFace::bold, font);
  const float badgeSize = 1.5f * font;
  b.rect({pad, pad}, glm::vec2(pad) + glm::vec2(badgeSize), 0.5f * badgeSize, kBadge);
  b.text(badge,
         {pad + 0.5f * (badgeSize - badge.width), pad + 0.5f * badgeSize - badge.baseline + 0.5f * badge.capHeight},
         kBadgeText);
  const std::string words = std::string(uiText(UiText::moreOptions, language)) + " (" + std::to_string(page + 1) + "/" +
                            std::to_string(pages) + ")";
  b.text(textBlock(b.atlas(), words, FontFace::regular, font, size.x - 3.0f * pad - badgeSize),
         {2.0f * pad + badgeSize, pad}, kCardText);
}

std::size_t optionCount(const Options& o) { return std::min(o.cards.size(), kMaxOptions); }

// Cards per row: one row up to 4 cards (5 in the world), then two or three rows.
std::size_t optionColumns(std::size_t n, std::size_t oneRowMax) {
  if (n <= oneRowMax) return std::max<std::size_t>(n, 1);
  return n <= 2 * oneRowMax ? (n + 1) / 2 : (n + 2) / 3;
}

// ---- screen placement -----------------------------------------------------------------------------

glm::mat4 clipFromPixels(glm::vec2 extent, glm::vec2 offset) {
  glm::mat4 T = glm::translate(glm::mat4(1.0f), glm::vec3(-1.0f, -1.0f, 0.0f));
  T = glm::scale(T, glm::vec3(2.0f / extent.x, 2.0f / extent.y, 1.0f));
  return glm::translate(T, glm::vec3(offset, 0.0f));
}

}  // namespace

const Panel* OverlayMesh::find(PanelKind kind, int index) const {
  for (const Panel& p : panels)
    if (p.kind == kind && p.index == index) return &p;
  return nullptr;
}

namespace {

// The nearest panel of one of `kinds` that the ray hits, or null.
const Panel* panelAtRay(const OverlayMesh& mesh, std::initializer_list<PanelKind> kinds, glm::vec3 origin,
                        glm::vec3 direction) {
  const Panel* best = nullptr;
  float bestT = INFINITY;
  for (const Panel& p : mesh.panels) {
    if (std::find(kinds.begin(), kinds.end(), p.kind) == kinds.end()) continue;
    const glm::vec3 normal = glm::vec3(p.T_out_panel[2]);
    const glm::vec3 point = glm::vec3(p.T_out_panel[3]);
    const float denom = glm::dot(normal, direction);
    if (std::abs(denom) < 1e-6f) continue;
    const float t = glm::dot(normal, point - origin) / denom;
    if (t <= 0.0f || t >= bestT) continue;
    const glm::vec4 local = glm::inverse(p.T_out_panel) * glm::vec4(origin + t * direction, 1.0f);
    if (local.x >= 0 && local.y >= 0 && local.x <= p.size.x && local.y <= p.size.y) best = &p, bestT = t;
  }
  return best;
}

// The panel of one of `kinds` under a window pixel, or null (screen placement).
const Panel* panelAtPixel(const OverlayMesh& mesh, std::initializer_list<PanelKind> kinds, glm::vec2 pixel,
                          glm::vec2 extent) {
  const glm::vec4 clip((pixel.x / extent.x) * 2.0f - 1.0f, (pixel.y / extent.y) * 2.0f - 1.0f, 0.0f, 1.0f);
  for (const Panel& p : mesh.panels) {
    if (std::find(kinds.begin(), kinds.end(), p.kind) == kinds.end()) continue;
    const glm::vec4 local = glm::inverse(p.T_out_panel) * clip;
    if (local.x >= 0 && local.y >= 0 && local.x <= p.size.x && local.y <= p.size.y) return &p;
  }
  return nullptr;
}

int scaleIndex(const Panel* p) { return !p ? -1 : p->kind == PanelKind::skip ? kSkipQuestion : p->index; }

}  // namespace

int optionAtPixel(const OverlayMesh& mesh, glm::vec2 pixel, glm::vec2 extent) {
  const Panel* p = panelAtPixel(mesh, {PanelKind::option, PanelKind::moreOptions}, pixel, extent);
  return !p ? -1 : p->kind == PanelKind::moreOptions ? kMoreOptionsCard : p->index;
}

int optionAtRay(const OverlayMesh& mesh, glm::vec3 origin, glm::vec3 direction) {
  const Panel* p = panelAtRay(mesh, {PanelKind::option}, origin, direction);
  return p ? p->index : -1;
}

int scaleAtPixel(const OverlayMesh& mesh, glm::vec2 pixel, glm::vec2 extent) {
  return scaleIndex(panelAtPixel(mesh, {PanelKind::scaleValue, PanelKind::skip}, pixel, extent));
}

int scaleAtRay(const OverlayMesh& mesh, glm::vec3 origin, glm::vec3 direction) {
  return scaleIndex(panelAtRay(mesh, {PanelKind::scaleValue, PanelKind::skip}, origin, direction));
}

ScreenRect pixelRect(const Panel& panel, glm::vec2 extent) {
  const glm::vec4 a = panel.T_out_panel * glm::vec4(0.0f, 0.0f, 0.0f, 1.0f);
  const glm::vec4 c = panel.T_out_panel * glm::vec4(panel.size, 0.0f, 1.0f);
  const glm::vec2 p0 = (glm::vec2(a) + 1.0f) * 0.5f * extent, p1 = (glm::vec2(c) + 1.0f) * 0.5f * extent;
  return {glm::min(p0, p1), glm::max(p0, p1)};
}

OverlayMesh layoutScreen(const FontAtlas& atlas, const OverlayContent& content, glm::vec2 extent,
                         const OverlayStyle& style) {
  OverlayMesh mesh;
  if (extent.x < 1.0f || extent.y < 1.0f) return mesh;
  Builder b(mesh, atlas);
  const float s = extent.y / 720.0f;  // sizes are given for 720 pixels high
  const float margin = style.margin * s;
  const Language lang = content.language;

  if (content.fade > 0.0f && !content.paused) {
    b.begin(PanelKind::pause, 1);
    b.rect({0, 0}, extent, 0.0f, fadeVeil(content.fade));
    b.end(clipFromPixels(extent, {0, 0}), extent);
    mesh.clipSpaceQuads = mesh.quadCount();
    return mesh;
  }
  if (content.question.visible) {
    b.begin(PanelKind::pause, 1);
    b.rect({0, 0}, extent, 0.0f, kPauseDim);
    b.end(clipFromPixels(extent, {0, 0}), extent);
    placeQuestion(b, content.question, 26.0f * s, std::min(0.85f * extent.x, 760.0f * s), false, lang,
                  [&](glm::vec2 size) { return clipFromPixels(extent, glm::round(0.5f * (extent - size))); });
    mesh.clipSpaceQuads = mesh.quadCount();
    return mesh;
  }
  if (content.paused) {
    // The veil (index 1) over the whole window, then the words (index 0) in its middle.
    b.begin(PanelKind::pause, 1);
    b.rect({0, 0}, extent, 0.0f, kPauseDim);
    b.end(clipFromPixels(extent, {0, 0}), extent);
    b.begin(PanelKind::pause, 0);
    const glm::vec2 size =
        emitPauseText(b, 30.0f * s, lang, false, content, std::min(0.85f * extent.x, 34.0f * 30.0f * s));
    b.end(clipFromPixels(extent, glm::round(0.5f * (extent - size))), size);
    mesh.clipSpaceQuads = mesh.quadCount();
    return mesh;
  }

  // Everything goes in the band under the faces: the eye line stays free. From the bottom up: the
  // microphone (left) and "færdig" (right) in the corners with the caption between them, then the
  // pause note, the key help, the option cards and the cue card, each shrinking to fit the band.
  float top = margin;
  for (const ScreenRect& face : content.faces) top = std::max(top, face.max.y + 0.5f * margin);
  float bottom = extent.y - margin;
  const float gap = 0.5f * margin;
  auto place = [&](glm::vec2 at, glm::vec2 size) { b.end(clipFromPixels(extent, glm::round(at)), size); };
  const std::size_t n = optionCount(content.options);
  const bool answersNeedRoom = n > 0 || content.statement.visible;  // the citizen's own things come first

  float cornerWidth = 0.0f, cornerTop = bottom;
  if (content.microphone.open) {
    b.begin(PanelKind::microphone);
    const glm::vec2 size = emitMicrophone(b, content.microphone, 24.0f * s, lang);
    place({margin, bottom - size.y}, size);
    cornerWidth = std::max(cornerWidth, size.x);
    cornerTop = std::min(cornerTop, bottom - size.y);
  }
  if (content.done.visible) {
    b.begin(PanelKind::done);
    const glm::vec2 size = emitDone(b, content.done, 26.0f * s, lang);
    place({extent.x - margin - size.x, bottom - size.y}, size);
    cornerWidth = std::max(cornerWidth, size.x);
    cornerTop = std::min(cornerTop, bottom - size.y);
  }
  // The caption between the corners; when that leaves too little room, above them. While the citizen
  // has answers (half) or their statement (35 %) to see, the caption takes at most that share of the
  // band: a long line in large letters steps down in size rather than push the cards into the faces.
  const float between = extent.x - 2.0f * margin - 2.0f * (cornerWidth + gap);
  bool captionBetween = cornerWidth == 0.0f || between >= 0.5f * extent.x;
  if (content.caption.visible && (!content.caption.text.empty() || !content.caption.speaker.empty())) {
    const float share = content.statement.visible ? 0.35f : n > 0 ? 0.5f : 1.0f;
    const float allowed = share * (bottom - top);
    float font = style.captionPixels[std::size_t(content.caption.size)] * s;
    const float smallest = std::min(font, 0.8f * style.captionPixels[0] * s);  // capitals still ~14 px at 720p
    CaptionLayout c;
    for (;;) {
      float maxWidth = std::min(extent.x - 2.0f * margin, std::max(0.72f * extent.x, 28.0f * font));
      if (captionBetween && cornerWidth > 0.0f) maxWidth = std::min(maxWidth, between);
      c = measureCaption(atlas, content.caption, font, maxWidth);
      if (c.size.y <= allowed) break;
      if (captionBetween && cornerWidth > 0.0f) {
        captionBetween = false;  // first the whole width above the corners
      } else if (font > smallest) {
        font = std::max(font * 0.9f, smallest);
      } else {
        break;
      }
    }
    if (!captionBetween) bottom = cornerTop - gap;
    b.begin(PanelKind::caption);
    emitCaption(b, c);
    place({0.5f * (extent.x - c.size.x), bottom - c.size.y}, c.size);
    bottom -= c.size.y + gap;
  } else {
    bottom = std::min(bottom, cornerTop - gap);
  }

  if (content.held || !content.note.empty()) {
    b.begin(PanelKind::held);
    const glm::vec2 size = emitNote(b, content.note.empty() ? uiText(UiText::heldNote, lang) : content.note, 24.0f * s);
    place({0.5f * (extent.x - size.x), bottom - size.y}, size);
    bottom -= size.y + gap;
  }

  if (content.keyHelp) {
    b.begin(PanelKind::keyHelp);
    float font = 22.0f * s;
    glm::vec2 size = emitKeyHelp(b, font, lang);
    for (int attempt = 0; attempt < 4 && size.y > bottom - top && font > 14.0f * s; ++attempt) {
      font = std::max(font * 0.85f, 14.0f * s);
      b.restart();
      size = emitKeyHelp(b, font, lang);
    }
    // The citizen's answers and statement come first: the help waits for a calmer moment (or F1)
    // when it would leave them less than a row of cards.
    if (size.y > bottom - top || (answersNeedRoom && bottom - top - size.y - gap < 3.0f * style.optionPixels * s)) {
      b.restart();
    } else {
      place({margin, bottom - size.y}, size);  // bottom left, beside whatever comes above the caption
      if (answersNeedRoom) bottom -= size.y + gap;
    }
  }

  // Option cards: up to four a row, their text shrinking to 18 px; when even that does not fit, they
  // are shown a page at a time with a "Flere svar" card (0) that turns the page.
  if (n > 0) {
    const std::size_t columns = std::min<std::size_t>(n, n == 4 ? 4 : 3 + (n > 6));
    const float minimum = 18.0f * s;
    float font = style.optionPixels * s;
    std::vector<OptionLayout> cards;
    float cardGap = 0, width = 0;
    std::vector<float> rowHeights;
    // A row is as tall as its tallest card's text, at least one and a half lines, plus half a line
    // of padding above and below.
    const auto rowHeight = [](float contentHeight, float f) { return std::max(contentHeight, 1.5f * f) + f; };
    auto measure = [&](float f) {
      cardGap = 0.5f * f;
      width = std::min(380.0f * s, (extent.x - 2.0f * margin - cardGap * float(columns - 1)) / float(columns));
      cards.clear();
      for (std::size_t i = 0; i < n; ++i)
        cards.push_back(measureOption(atlas, content.options.cards[i], int(i), content.options.highlighted == int(i),
                                      content.options.dwell, f, width, lang));
      rowHeights.clear();
      float total = 0.0f;
      for (std::size_t first = 0; first < n; first += columns) {
        float h = 0.0f;
        for (std::size_t i = first; i < std::min(n, first + columns); ++i) h = std::max(h, cards[i].contentHeight);
        rowHeights.push_back(rowHeight(h, f));
        total += rowHeights.back() + (first > 0 ? cardGap : 0.0f);
      }
      return total;
    };
    float total = measure(font);
    while (total > bottom - top && font > minimum) {
      font = std::max(font * 0.9f, minimum);
      total = measure(font);
    }
    // The cards on this page: all, or as many rows as fit with the last place for "Flere svar".
    std::size_t first = 0, last = n;
    if (total > bottom - top) {
      // As many rows as fit when every row is as tall as the tallest, so no page runs into a face.
      const float tallest = *std::max_element(rowHeights.begin(), rowHeights.end());
      const std::size_t rows = std::max<std::size_t>(1, std::size_t((bottom - top + cardGap) / (tallest + cardGap)));
      const std::size_t perPage = std::max<std::size_t>(1, rows * columns - 1);
      mesh.optionPages = int((n + perPage - 1) / perPage);
      const std::size_t page = std::size_t(std::clamp(content.options.page, 0, mesh.optionPages - 1));
      first = page * perPage;
      last = std::min(n, first + perPage);
    }
    const std::size_t shown = last - first + (mesh.optionPages > 1 ? 1 : 0);
    const std::size_t rows = (shown + columns - 1) / columns;
    // Rows from the bottom up, so the first row ("1", "2", …) reads first, on top.
    for (std::size_t row = rows; row-- > 0;) {
      const std::size_t rowFirst = row * columns, rowLast = std::min(shown, rowFirst + columns);
      float height = 0.0f;
      for (std::size_t k = rowFirst; k < rowLast; ++k)
        if (first + k < last) height = std::max(height, cards[first + k].contentHeight);
      height = rowHeight(height, font);
      const float rowWidth = float(rowLast - rowFirst) * width + float(rowLast - rowFirst - 1) * cardGap;
      const float y = bottom - height;
      for (std::size_t k = rowFirst; k < rowLast; ++k) {
        const glm::vec2 at{0.5f * (extent.x - rowWidth) + float(k - rowFirst) * (width + cardGap), y};
        if (first + k < last) {
          b.begin(PanelKind::option, int(first + k));
          emitOption(b, cards[first + k], {width, height});
        } else {
          b.begin(PanelKind::moreOptions);
          emitMoreOptions(b, font, {width, height}, std::clamp(content.options.page, 0, mesh.optionPages - 1),
                          mesh.optionPages, lang);
        }
        place(at, {width, height});
      }
      bottom = y - cardGap;
    }
  }

  // The cue card: landscape across the band (the four parts two by two), shrinking to fit it; a
  // narrow window gets the tall card on the left.
  if (content.statement.visible) {
    b.begin(PanelKind::statement);
    const float minimum = 13.0f * s;
    const bool wide = extent.x >= 1.2f * extent.y;
    const int columns = wide ? 2 : 1;
    const float width = wide ? std::min(extent.x - 2.0f * margin, 1100.0f * s)
                             : std::min(std::max(0.3f * extent.x, 380.0f * s), extent.x - 2.0f * margin);
    float font = style.statementPixels * s;
    glm::vec2 size = emitStatement(b, content.statement, font, width, lang, columns);
    for (int attempt = 0; attempt < 6 && size.y > bottom - top && font > minimum; ++attempt) {
      font = std::max(font * std::sqrt((bottom - top) / size.y) * 0.98f, minimum);
      b.restart();
      size = emitStatement(b, content.statement, font, width, lang, columns);
    }
    place({wide ? 0.5f * (extent.x - size.x) : margin, bottom - size.y}, size);
  }
  mesh.clipSpaceQuads = mesh.quadCount();
  return mesh;
}

// ---- world placement ------------------------------------------------------------------------------

namespace {

constexpr glm::vec3 kUp{0.0f, 1.0f, 0.0f};

// Panel units -> world for a panel of `size` centred at `centre`, facing `eye`, upright, with
// `metresPerUnit`.
glm::mat4 facing(glm::vec3 centre, glm::vec3 eye, glm::vec3 fallbackRight, glm::vec2 size, float metresPerUnit) {
  glm::vec3 normal = eye - centre;
  normal = glm::length(normal) > 1e-5f ? glm::normalize(normal) : glm::vec3(0, 0, 1);
  glm::vec3 right = glm::cross(kUp, normal);
  right = glm::length(right) > 1e-4f ? glm::normalize(right) : fallbackRight;
  const glm::vec3 up = glm::cross(normal, right);
  glm::mat4 T(glm::vec4(right, 0.0f), glm::vec4(up, 0.0f), glm::vec4(normal, 0.0f), glm::vec4(centre, 1.0f));
  T = glm::scale(T, glm::vec3(metresPerUnit, -metresPerUnit, 1.0f));  // panel y runs down
  return glm::translate(T, glm::vec3(-0.5f * size, 0.0f));
}

struct Head {
  glm::vec3 eye;
  glm::vec3 forward;  // level (yaw only): text stays upright and steady when the head tilts
  glm::vec3 right;
  glm::vec3 gaze;  // full line of sight
};

Head headFrame(const Pose& T_world_head) {
  Head h;
  h.eye = T_world_head.position;
  h.gaze = T_world_head.orientation * glm::vec3(0, 0, -1);
  glm::vec3 level(h.gaze.x, 0.0f, h.gaze.z);
  if (glm::length(level) < 1e-3f) {  // looking straight up or down: use the head's up instead
    const glm::vec3 up = T_world_head.orientation * glm::vec3(0, 1, 0);
    level = glm::vec3(h.gaze.y > 0 ? -up.x : up.x, 0.0f, h.gaze.y > 0 ? -up.z : up.z);
  }
  h.forward = glm::length(level) > 1e-6f ? glm::normalize(level) : glm::vec3(0, 0, -1);
  h.right = glm::cross(h.forward, kUp);
  return h;
}

// Direction from the eye: yaw degrees to the right of forward, elevation degrees above level.
glm::vec3 direction(const Head& h, float yawDegrees, float elevationDegrees) {
  const float yaw = glm::radians(yawDegrees), elevation = glm::radians(elevationDegrees);
  const glm::vec3 level = std::cos(yaw) * h.forward + std::sin(yaw) * h.right;
  return std::cos(elevation) * level + std::sin(elevation) * kUp;
}

float metresPerUnit(const OverlayStyle& style, float distance) {
  return distance * std::tan(glm::radians(style.degreesPerUnit));
}

}  // namespace

Pose headPoseFromViews(std::span<const gfx::View> views) {
  Pose head;
  if (views.empty()) return head;
  glm::vec3 mean(0.0f);
  for (const gfx::View& v : views) mean += glm::vec3(glm::inverse(v.viewFromWorld)[3]) / float(views.size());
  head.orientation = glm::normalize(glm::quat_cast(glm::mat3(glm::inverse(views[0].viewFromWorld))));
  head.position = mean;
  return head;
}

OverlayMesh layoutWorld(const FontAtlas& atlas, const OverlayContent& content, const Pose& T_world_head,
                        const OverlayStyle& style) {
  OverlayMesh mesh;
  Builder b(mesh, atlas);
  const Head head = headFrame(T_world_head);
  const Language lang = content.language;

  // Builds a panel, then places it `distance` along `dir` facing the eye.
  auto placeAlong = [&](PanelKind kind, int index, glm::vec3 dir, float distance, auto&& emit) {
    b.begin(kind, index);
    const glm::vec2 size = emit();
    const glm::vec3 centre = head.eye + dir * distance;
    b.end(facing(centre, head.eye, head.right, size, metresPerUnit(style, distance)), size);
  };

  if (content.fade > 0.0f && !content.paused) {
    b.begin(PanelKind::pause, 1);
    b.rect({-1, -1}, {1, 1}, 0.0f, fadeVeil(content.fade));
    b.end(glm::mat4(1.0f), {2, 2});
    mesh.clipSpaceQuads = mesh.quadCount();
    return mesh;
  }
  if (content.question.visible) {
    b.begin(PanelKind::pause, 1);
    b.rect({-1, -1}, {1, 1}, 0.0f, kPauseDim);
    b.end(glm::mat4(1.0f), {2, 2});
    mesh.clipSpaceQuads = mesh.quadCount();
    // Straight ahead and a little down, level: steady while the citizen looks along the row.
    const float distance = 1.4f;
    const glm::vec3 centre = head.eye + direction(head, 0.0f, -8.0f) * distance;
    placeQuestion(b, content.question, 30.0f, 30.0f * 26.0f, true, lang, [&](glm::vec2 size) {
      return facing(centre, head.eye, head.right, size, metresPerUnit(style, distance));
    });
    return mesh;
  }
  if (content.paused) {
    // The veil is in clip space: it covers each eye's whole view, however wide the field of view.
    b.begin(PanelKind::pause, 1);
    b.rect({-1, -1}, {1, 1}, 0.0f, kPauseDim);
    b.end(glm::mat4(1.0f), {2, 2});
    mesh.clipSpaceQuads = mesh.quadCount();
    // The words follow the full line of sight so they are in view wherever the citizen looks.
    placeAlong(PanelKind::pause, 0, head.gaze, 2.0f,
               [&] { return emitPauseText(b, 30.0f, lang, true, content, 30.0f * 30.0f); });
    return mesh;
  }

  if (content.statement.visible) {
    const float font = style.statementPixels;
    const float width = 420.0f;
    b.begin(PanelKind::statement);
    const glm::vec2 size = emitStatement(b, content.statement, font, width, lang);
    glm::vec3 centre;
    if (content.anchors.T_world_controller) {
      // Held in the hand: just above and beyond the controller, as if pinched at its lower edge.
      const Pose& c = *content.anchors.T_world_controller;
      centre = c.apply(glm::vec3(0.0f, 0.12f, -0.06f));
    } else if (content.anchors.T_world_cardOnTable) {
      // Lying on the table and tilted up: its lower edge on the table, leaning back towards the eyes.
      const float distance = glm::length(content.anchors.T_world_cardOnTable->position - head.eye);
      const float height = size.y * metresPerUnit(style, distance);
      const Pose& t = *content.anchors.T_world_cardOnTable;
      centre = t.position + (t.orientation * kUp) * (0.35f * height);
    } else {
      centre = head.eye + direction(head, -25.0f, -30.0f) * 0.65f;
    }
    const float distance = std::max(glm::length(centre - head.eye), 0.2f);
    b.end(facing(centre, head.eye, head.right, size, metresPerUnit(style, distance)), size);
  }

  // Below the eye line, never between the citizen and a face: from just under it downwards, the
  // pause note, the option cards (first row on top), the caption and "færdig".
  float elevation = -style.clearBelowEyeDegrees;  // the top edge of what comes next
  if (content.held || !content.note.empty()) {
    b.begin(PanelKind::held);
    const glm::vec2 size = emitNote(b, content.note.empty() ? uiText(UiText::heldNote, lang) : content.note, 24.0f);
    const float degrees = size.y * style.degreesPerUnit;
    const glm::vec3 centre = head.eye + direction(head, 0.0f, elevation - 0.5f * degrees) * style.captionDistance;
    b.end(facing(centre, head.eye, head.right, size, metresPerUnit(style, style.captionDistance)), size);
    elevation -= degrees + 1.2f;
  }
  const std::size_t n = optionCount(content.options);
  if (n > 0) {
    const float font = style.optionPixels;
    const float width = (style.optionSpacingDegrees - 1.2f) / style.degreesPerUnit;
    const std::size_t columns = optionColumns(n, 5);
    std::vector<OptionLayout> cards;
    for (std::size_t i = 0; i < n; ++i)
      cards.push_back(measureOption(atlas, content.options.cards[i], int(i), content.options.highlighted == int(i),
                                    content.options.dwell, font, width, lang));
    const std::size_t rows = (n + columns - 1) / columns;
    for (std::size_t row = 0; row < rows; ++row) {
      const std::size_t first = row * columns, last = std::min(n, first + columns);
      float height = 0.0f;
      for (std::size_t i = first; i < last; ++i) height = std::max(height, cards[i].contentHeight);
      height += 2.0f * cards[first].pad;
      const float rowDegrees = height * style.degreesPerUnit;
      for (std::size_t i = first; i < last; ++i) {
        const float yaw = (float(i - first) - 0.5f * float(last - first - 1)) * style.optionSpacingDegrees;
        placeAlong(PanelKind::option, int(i), direction(head, yaw, elevation - 0.5f * rowDegrees), style.optionDistance,
                   [&] {
                     emitOption(b, cards[i], {width, height});
                     return glm::vec2(width, height);
                   });
      }
      elevation -= rowDegrees + 1.2f;
    }
  }

  if (content.caption.visible && (!content.caption.text.empty() || !content.caption.speaker.empty())) {
    const float font = style.captionPixels[std::size_t(content.caption.size)];
    const CaptionLayout c =
        measureCaption(atlas, content.caption, font, style.captionWidthDegrees / style.degreesPerUnit);
    const float degrees = c.size.y * style.degreesPerUnit;
    const float centre = std::min(-style.captionBelowDegrees, elevation - 0.5f * degrees);
    placeAlong(PanelKind::caption, 0, direction(head, 0.0f, centre), style.captionDistance, [&] {
      emitCaption(b, c);
      return c.size;
    });
    elevation = centre - 0.5f * degrees - 1.2f;
  }

  if (content.done.visible) {
    b.begin(PanelKind::done);
    const glm::vec2 size = emitDone(b, content.done, 26.0f, lang);
    const float degrees = size.y * style.degreesPerUnit;
    const glm::vec3 centre = head.eye + direction(head, 0.0f, elevation - 0.5f * degrees) * style.captionDistance;
    b.end(facing(centre, head.eye, head.right, size, metresPerUnit(style, style.captionDistance)), size);
  }

  if (content.microphone.open)
    placeAlong(PanelKind::microphone, 0, direction(head, 26.0f, -style.captionBelowDegrees), 1.5f,
               [&] { return emitMicrophone(b, content.microphone, 24.0f, lang); });
  return mesh;
}

OverlayMesh layoutOverlay(const FontAtlas& atlas, const OverlayContent& content, std::span<const gfx::View> views,
                          glm::vec2 extent, const OverlayStyle& style) {
  if (content.placement == Placement::screen) return layoutScreen(atlas, content, extent, style);
  const Pose head = content.anchors.T_world_head ? *content.anchors.T_world_head : headPoseFromViews(views);
  return layoutWorld(atlas, content, head, style);
}

}  // namespace overum::ui
