// SPDX-License-Identifier: GPL-3.0-or-later
// FontAtlas: bakes SDF glyphs for regular and bold DejaVu Sans into one R8 texture packed by stb_rect_pack,
// and layoutText: greedy word wrapping with kerning on top of it.
//
// Sections: stb_truetype and stb_rect_pack (the one implementation each) · baking · glyph queries · layout
#include <overum/core/check.h>
#include <overum/core/files.h>
#include <overum/core/utf8.h>
#include <overum/ui/font_atlas.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iterator>
#include <memory>
#include <unordered_map>

// ---- stb_truetype (the one implementation) ----------------------------------------------------------
// STBTT_STATIC keeps its symbols private to this file, so another module may embed its own copy.
#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#define STB_RECT_PACK_IMPLEMENTATION  // before stb_truetype, which would otherwise define its own stand-in
#define STBRP_STATIC
#include <stb/stb_rect_pack.h>
#include <stb/stb_truetype.h>
#pragma GCC diagnostic pop

namespace overum::ui {

struct FontAtlas::Face {
  std::vector<unsigned char> data;  // the .ttf file; stbtt_fontinfo points into it
  stbtt_fontinfo info{};
  float scale = 0.0f;  // font units -> baked pixels
  FontMetrics metrics;
  std::vector<Glyph> glyphs;                                   // baked glyphs
  std::array<std::int32_t, 256> latin{};                       // code point < 256 -> index into glyphs, -1 if none
  std::unordered_map<char32_t, std::int32_t> other;            // the rest
  std::int32_t fallback = -1;                                  // U+FFFD (or '?')
  mutable std::unordered_map<std::uint64_t, float> kernCache;  // stb's GPOS lookup is slow; pairs repeat

  std::int32_t find(char32_t cp) const {
    if (cp < 256) return latin[cp];
    const auto it = other.find(cp);
    return it == other.end() ? -1 : it->second;
  }
};

namespace {

// What every overlay may show: ASCII, Latin-1 (æøåéü…) and typographic punctuation that Danish text
// and the UI strings use (en dash, quotes, ellipsis, bullet, euro, minus), plus the fallback mark.
std::vector<char32_t> bakedCodePoints() {
  std::vector<char32_t> cps;
  for (char32_t c = 0x20; c <= 0x7E; ++c) cps.push_back(c);
  for (char32_t c = 0xA0; c <= 0xFF; ++c) cps.push_back(c);
  for (char32_t c : {0x2013u, 0x2014u, 0x2018u, 0x2019u, 0x201Cu, 0x201Du, 0x201Eu, 0x2026u, 0x2022u, 0x20ACu, 0x2192u,
                     0x2212u, 0x25CFu, 0xFFFDu})
    cps.push_back(c);
  return cps;
}

std::vector<unsigned char> readFont(const std::string& path) {
  std::string why;
  const auto text = readTextFile(path, &why);
  if (!text) throw Error(format("font file: {}: install fonts-dejavu-core (apt install fonts-dejavu-core)", why));
  if (text->empty()) throw Error(format("font file {} is empty: reinstall fonts-dejavu-core", path));
  return {text->begin(), text->end()};
}

struct Bitmap {
  std::vector<unsigned char> pixels;
  int w = 0, h = 0, xoff = 0, yoff = 0;
};

}  // namespace

// ---- baking ---------------------------------------------------------------------------------------

FontAtlas::FontAtlas(const FontAtlasConfig& config) : config_(config) {
  OVERUM_CHECK(config.bakePixelHeight >= 8.0f && config.sdfPadding >= 1 && config.width >= 256,
               "FontAtlasConfig bake {} px, padding {}, width {}", config.bakePixelHeight, config.sdfPadding,
               config.width);
  const std::vector<char32_t> codePoints = bakedCodePoints();
  constexpr int kSolid = 8;  // solid block for backings; uv at its centre is far from any edge

  struct Pending {
    Face* face;
    std::size_t glyph;
    Bitmap bitmap;
    std::pair<int, int> at;
  };
  std::vector<Pending> pending;
  for (const std::string* path : {&config.regularPath, &config.boldPath}) {
    auto face = std::make_unique<Face>();
    face->data = readFont(*path);
    if (!stbtt_InitFont(&face->info, face->data.data(), stbtt_GetFontOffsetForIndex(face->data.data(), 0)))
      throw Error(format("font file {} is not a TrueType font: reinstall fonts-dejavu-core", *path));
    face->scale = stbtt_ScaleForPixelHeight(&face->info, config.bakePixelHeight);
    int ascent = 0, descent = 0, lineGap = 0;
    stbtt_GetFontVMetrics(&face->info, &ascent, &descent, &lineGap);
    face->metrics.ascent = float(ascent) * face->scale;
    face->metrics.descent = float(descent) * face->scale;
    face->metrics.lineGap = float(lineGap) * face->scale;
    int bx0 = 0, by0 = 0, bx1 = 0, by1 = 0;
    if (stbtt_GetCodepointBox(&face->info, 'H', &bx0, &by0, &bx1, &by1))
      face->metrics.capHeight = float(by1) * face->scale;
    face->latin.fill(-1);

    // onedge 128 and a ramp of `padding` baked pixels either side: 0 = padding outside, 255 ~ inside.
    const float distScale = 128.0f / float(config.sdfPadding);
    for (char32_t cp : codePoints) {
      const int index = stbtt_FindGlyphIndex(&face->info, int(cp));
      if (index == 0 && cp != 0x20) continue;  // not in this font: falls back
      Glyph g;
      g.codePoint = cp;
      int advance = 0, lsb = 0;
      stbtt_GetGlyphHMetrics(&face->info, index, &advance, &lsb);
      g.advance = float(advance) * face->scale;
      Bitmap bitmap;
      unsigned char* sdf = stbtt_GetGlyphSDF(&face->info, face->scale, index, config.sdfPadding, 128, distScale,
                                             &bitmap.w, &bitmap.h, &bitmap.xoff, &bitmap.yoff);
      const auto glyphIndex = static_cast<std::int32_t>(face->glyphs.size());
      if (sdf != nullptr) {
        bitmap.pixels.assign(sdf, sdf + std::size_t(bitmap.w) * std::size_t(bitmap.h));
        stbtt_FreeSDF(sdf, nullptr);
        g.empty = false;
        g.x0 = float(bitmap.xoff);
        g.y0 = float(bitmap.yoff);
        g.x1 = g.x0 + float(bitmap.w);
        g.y1 = g.y0 + float(bitmap.h);
        pending.push_back({face.get(), std::size_t(glyphIndex), std::move(bitmap), {}});
      }
      face->glyphs.push_back(g);
      if (cp < 256) face->latin[cp] = glyphIndex;
      else face->other[cp] = glyphIndex;
    }
    face->fallback = face->find(kReplacementChar);
    if (face->fallback < 0) face->fallback = face->find(U'?');
    OVERUM_CHECK(face->fallback >= 0, "font file {} has neither U+FFFD nor '?'", *path);
    faces_.push_back(std::move(face));
  }

  // Every glyph and the solid block (the last rect) with a one-texel gap: bilinear filtering never bleeds.
  std::vector<stbrp_rect> rects;
  for (const Pending& p : pending) rects.push_back({int(rects.size()), p.bitmap.w + 1, p.bitmap.h + 1, 0, 0, 0});
  rects.push_back({int(rects.size()), kSolid + 1, kSolid + 1, 0, 0, 0});
  std::vector<stbrp_node> nodes(config.width);
  stbrp_context packer;
  stbrp_init_target(&packer, int(config.width), 1 << 15, nodes.data(), int(nodes.size()));
  OVERUM_CHECK(stbrp_pack_rects(&packer, rects.data(), int(rects.size())) == 1, "the glyphs do not fit a {}-wide atlas",
               config.width);
  int usedHeight = 0;
  for (const stbrp_rect& r : rects) usedHeight = std::max(usedHeight, r.y + r.h);
  for (std::size_t i = 0; i < pending.size(); ++i) pending[i].at = {rects[i].x, rects[i].y};
  const stbrp_rect& solid = rects.back();

  width_ = config.width;
  height_ = 64;
  while (height_ < std::uint32_t(usedHeight)) height_ *= 2;
  pixels_.assign(std::size_t(width_) * height_, 0);
  for (int y = 0; y < kSolid; ++y)
    std::fill_n(pixels_.begin() + std::ptrdiff_t(solid.y + y) * width_ + solid.x, kSolid, std::uint8_t(255));
  solidU_ = (float(solid.x) + kSolid * 0.5f) / float(width_);
  solidV_ = (float(solid.y) + kSolid * 0.5f) / float(height_);
  for (Pending& p : pending) {
    for (int y = 0; y < p.bitmap.h; ++y)
      std::copy_n(p.bitmap.pixels.begin() + std::ptrdiff_t(y) * p.bitmap.w, p.bitmap.w,
                  pixels_.begin() + std::ptrdiff_t(p.at.second + y) * width_ + p.at.first);
    Glyph& g = p.face->glyphs[p.glyph];
    g.u0 = float(p.at.first) / float(width_);
    g.v0 = float(p.at.second) / float(height_);
    g.u1 = float(p.at.first + p.bitmap.w) / float(width_);
    g.v1 = float(p.at.second + p.bitmap.h) / float(height_);
  }
}

FontAtlas::~FontAtlas() = default;

// ---- glyph queries --------------------------------------------------------------------------------

const Glyph& FontAtlas::glyph(FontFace face, char32_t codePoint) const {
  const Face& f = *faces_[std::size_t(face)];
  const std::int32_t i = f.find(codePoint);
  return f.glyphs[std::size_t(i >= 0 ? i : f.fallback)];
}

bool FontAtlas::hasGlyph(FontFace face, char32_t codePoint) const {
  return codePoint != kReplacementChar && faces_[std::size_t(face)]->find(codePoint) >= 0;
}

float FontAtlas::kerning(FontFace face, char32_t left, char32_t right) const {
  const Face& f = *faces_[std::size_t(face)];
  const std::uint64_t key = (std::uint64_t(left) << 32) | right;
  const auto it = f.kernCache.find(key);
  if (it != f.kernCache.end()) return it->second;
  const float k = float(stbtt_GetCodepointKernAdvance(&f.info, int(left), int(right))) * f.scale;
  f.kernCache.emplace(key, k);
  return k;
}

const FontMetrics& FontAtlas::metrics(FontFace face) const { return faces_[std::size_t(face)]->metrics; }

// ---- layout ---------------------------------------------------------------------------------------

namespace {

// Code points as drawn: tabs become spaces, other control characters (and CR) vanish, '\n' stays.
std::u32string normalise(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    const char32_t c = decodeUtf8(utf8, pos);
    if (c == U'\t') {
      out.push_back(U' ');
    } else if (c == U'\n' || c >= 0x20) {
      if (c >= 0x7F && c < 0xA0) continue;  // C1 controls
      out.push_back(c);                     // U+00A0 stays: it draws as a space but is no place to wrap
    }
  }
  return out;
}

}  // namespace

TextBlock layoutText(const FontAtlas& atlas, std::string_view utf8, const TextStyle& style) {
  TextBlock block;
  const std::u32string text = normalise(utf8);
  const FontMetrics& m = atlas.metrics(style.face);
  const float k = style.size / atlas.bakePixelHeight();
  block.lineHeight = (m.ascent - m.descent + m.lineGap) * k * style.lineSpacing;
  block.capHeight = m.capHeight * k;
  block.baseline = m.ascent * k;
  const float maxWidth = style.maxWidth > 0.0f ? style.maxWidth : INFINITY;

  auto advanceOf = [&](char32_t prev, char32_t c) {
    return atlas.glyph(style.face, c).advance * k + (prev != 0 ? atlas.kerning(style.face, prev, c) * k : 0.0f);
  };

  // Pass 1: line ranges [begin, end) by greedy wrapping at break opportunities.
  struct Line {
    std::size_t begin, end;
    bool hyphen = false;  // a word too long for a line was broken here: draw a hyphen after it
  };
  const float hyphenWidth = atlas.glyph(style.face, U'-').advance * k;
  std::vector<Line> lines;
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const std::size_t begin = i;
    float pen = 0.0f;
    char32_t prev = 0;
    std::size_t breakEnd = 0, breakNext = 0;  // last wrap point in this line: content end, next start
    bool haveBreak = false, wrapped = false;
    std::size_t end = n, next = n;
    bool hyphen = false;
    for (std::size_t j = begin; j < n; ++j) {
      const char32_t c = text[j];
      if (c == U'\n') {
        end = j, next = j + 1;
        break;
      }
      const float w = advanceOf(prev, c);
      if (c != U' ' && pen + w > maxWidth && j > begin) {
        if (haveBreak) end = breakEnd, next = breakNext;
        else {
          // One word longer than the line: break it with a hyphen, leaving at least three letters
          // for the next line ("rehabiliterings-/teamet", never "rehabiliteringstea/m").
          std::size_t wordEnd = j;
          while (wordEnd < n && text[wordEnd] != U' ' && text[wordEnd] != U'\n') ++wordEnd;
          std::size_t at = j;
          float fits = pen;
          while (at > begin + 1 && (fits + hyphenWidth > maxWidth || wordEnd - at < 3)) {
            --at;
            fits -= advanceOf(at > begin ? text[at - 1] : 0, text[at]);
          }
          end = next = std::max(at, begin + 1);
          hyphen = true;
        }
        wrapped = true;
        break;
      }
      pen += w;
      prev = c;
      if (c == U' ') haveBreak = true, breakEnd = j, breakNext = j + 1;
      if ((c == U'-' || c == U'/') && j + 1 < n && text[j + 1] != U' ') haveBreak = true, breakEnd = breakNext = j + 1;
    }
    while (end > begin && text[end - 1] == U' ') --end;
    lines.push_back({begin, end, hyphen});
    i = next;
    if (wrapped)
      while (i < n && text[i] == U' ') ++i;
  }

  // Pass 2: glyph quads, y down from the block's top.
  const float ascent = m.ascent * k;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const float baseline = float(l) * block.lineHeight + ascent;
    float pen = 0.0f;
    char32_t prev = 0;
    const std::size_t first = block.glyphs.size();
    for (std::size_t j = lines[l].begin; j < lines[l].end; ++j) {
      const char32_t c = text[j];
      if (prev != 0) pen += atlas.kerning(style.face, prev, c) * k;
      const Glyph& g = atlas.glyph(style.face, c);
      if (!atlas.hasGlyph(style.face, c) && c != U' ') ++block.fallbackGlyphs;
      if (!g.empty)
        block.glyphs.push_back({&g, pen + g.x0 * k, baseline + g.y0 * k, pen + g.x1 * k, baseline + g.y1 * k});
      pen += g.advance * k;
      prev = c;
    }
    if (lines[l].hyphen) {
      const Glyph& g = atlas.glyph(style.face, U'-');
      if (!g.empty)
        block.glyphs.push_back({&g, pen + g.x0 * k, baseline + g.y0 * k, pen + g.x1 * k, baseline + g.y1 * k});
      pen += g.advance * k;
    }
    block.lines.emplace_back(first, pen);
    block.width = std::max(block.width, pen);
  }
  block.height = float(lines.size()) * block.lineHeight;
  return block;
}

float measureText(const FontAtlas& atlas, std::string_view utf8, FontFace face, float size) {
  TextStyle style;
  style.face = face;
  style.size = size;
  float width = 0.0f;
  for (const auto& line : layoutText(atlas, utf8, style).lines) width = std::max(width, line.second);
  return width;
}

}  // namespace overum::ui
