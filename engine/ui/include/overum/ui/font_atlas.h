// SPDX-License-Identifier: GPL-3.0-or-later
// A signed-distance-field glyph atlas baked from DejaVu Sans (regular + bold) with stb_truetype, and
// measured text layout (UTF-8, kerning, word wrapping) in font pixels that scale to any size.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace overum::ui {

enum class FontFace : std::uint8_t { regular = 0, bold = 1 };

struct FontAtlasConfig {
  std::string regularPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";    // default: Debian fonts-dejavu-core
  std::string boldPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";  // default: Debian fonts-dejavu-core
  float bakePixelHeight = 40.0f;  // default 40: the SDF stays crisp when drawn from ~8 to ~120 px
  int sdfPadding = 5;             // default 5 texels of distance ramp around each glyph
  std::uint32_t width = 1024;     // default 1024 texels; the height grows to fit (power of two)
};

// One baked glyph. Offsets and advance are in baked pixels (bakePixelHeight), y down from the baseline.
struct Glyph {
  char32_t codePoint = 0;
  float advance = 0.0f;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // quad relative to the pen position on the baseline
  float u0 = 0, v0 = 0, u1 = 0, v1 = 0;  // atlas texture coordinates (0..1)
  bool empty = true;                     // no ink (space)
};

struct FontMetrics {
  float ascent = 0, descent = 0, lineGap = 0;  // baked pixels; descent is negative
  float capHeight = 0;                         // height of "H" in baked pixels
  float lineHeight() const { return ascent - descent + lineGap; }
};

// Immutable after construction except for a kerning cache: use one atlas from one thread at a time.
class FontAtlas {
 public:
  // Reads both fonts and bakes ASCII, Latin-1 and a few typographic extras (– — ‘ ’ “ ” … • €, U+FFFD).
  // Throws overum::Error naming the font file and "install fonts-dejavu-core" when one is missing.
  explicit FontAtlas(const FontAtlasConfig& config = {});
  ~FontAtlas();
  FontAtlas(const FontAtlas&) = delete;
  FontAtlas& operator=(const FontAtlas&) = delete;

  // The glyph for a code point; characters that were not baked map to U+FFFD (the fallback glyph).
  const Glyph& glyph(FontFace face, char32_t codePoint) const;
  bool hasGlyph(FontFace face, char32_t codePoint) const;             // false: glyph() would return the fallback
  float kerning(FontFace face, char32_t left, char32_t right) const;  // baked pixels, usually <= 0
  const FontMetrics& metrics(FontFace face) const;
  float bakePixelHeight() const { return config_.bakePixelHeight; }

  // R8 texture: signed distance, 128 on the outline, 255 inside. A solid block of 255 sits at
  // solidUv() so backings can sample "fully inside" too.
  std::uint32_t width() const { return width_; }
  std::uint32_t height() const { return height_; }
  const std::vector<std::uint8_t>& pixels() const { return pixels_; }
  float solidU() const { return solidU_; }
  float solidV() const { return solidV_; }

 private:
  struct Face;
  FontAtlasConfig config_;
  std::vector<std::unique_ptr<Face>> faces_;  // regular, bold
  std::uint32_t width_ = 0, height_ = 0;
  std::vector<std::uint8_t> pixels_;
  float solidU_ = 0, solidV_ = 0;
};

// ---- measured layout ----------------------------------------------------------------------------

// One glyph placed by layoutText, in output units (pixels for screen text, metres for world text),
// y down, origin at the top-left of the text block.
struct PlacedGlyph {
  const Glyph* glyph = nullptr;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct TextBlock {
  std::vector<PlacedGlyph> glyphs;                   // inked glyphs only
  std::vector<std::pair<std::size_t, float>> lines;  // per line: index of its first glyph, its width
  float width = 0;                                   // widest line
  float height = 0;                                  // lines * lineHeight
  float lineHeight = 0;
  float capHeight = 0;             // height of a capital at this size
  float baseline = 0;              // the first line's baseline, from the top
  std::size_t fallbackGlyphs = 0;  // characters drawn as U+FFFD (missing or invalid)
};

struct TextStyle {
  FontFace face = FontFace::regular;  // default regular
  float size = 24.0f;                 // default 24 units: the font's pixel height (ascent - descent)
  float maxWidth = 0.0f;              // default 0: no wrapping; otherwise wrap words to this width
  float lineSpacing = 1.15f;          // default 1.15 x the font's natural line height
};

// Lays UTF-8 text out: words wrap at spaces (and after '-', '/'); a word longer than maxWidth is
// broken between characters; '\n' forces a line break. Never throws on bad input.
TextBlock layoutText(const FontAtlas& atlas, std::string_view utf8, const TextStyle& style);

// Width of a single line of text (no wrapping), for centring and tests.
float measureText(const FontAtlas& atlas, std::string_view utf8, FontFace face, float size);

}  // namespace overum::ui
