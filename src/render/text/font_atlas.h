#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace fp {

/// How a FontAtlas rasterises and packs glyphs.
struct FontAtlasOptions {
    int basePx = 40;           ///< em size glyphs are rasterised at, pixels; other sizes are scaled from it
    int spreadPx = 10;         ///< signed distance range either side of the outline, atlas texels (2..32);
                               ///< a quarter em leaves room for a 2 px halo on 10 px text
    int width = 1024;          ///< atlas width, texels (fixed)
    int initialHeight = 1024;  ///< atlas height at start, texels
    int maxHeight = 4096;      ///< the atlas doubles its height up to this, then reports full()
};

/// One rasterised glyph. Distances are in base pixels (the atlas's basePx em); multiply by
/// sizePx / basePx for another size. The bitmap is a signed distance field: texel value 128 is the outline,
/// each step of 128 / spreadPx is one texel further inside (up) or outside (down).
struct GlyphInfo {
    uint32_t glyphIndex = 0;  ///< index in the font; 0 is the font's "missing glyph" box
    float advance = 0.f;      ///< pen advance, base px
    float bearingX = 0.f;     ///< from the pen position to the bitmap's left edge (padding included), base px
    float bearingY = 0.f;     ///< from the baseline up to the bitmap's top edge (padding included), base px
    int width = 0;            ///< bitmap width, texels (= base px); 0 for blank glyphs such as space
    int height = 0;           ///< bitmap height, texels
    int atlasX = 0;           ///< left texel column of the bitmap in the atlas
    int atlasY = 0;           ///< top texel row of the bitmap in the atlas (row 0 is the first in pixels())
    bool inAtlas = false;     ///< false for blank glyphs and for glyphs that did not fit into a full atlas

    /// {u0, v0, u1, v1} of the bitmap for an atlas of the given size (it changes when the atlas grows).
    std::array<float, 4> uv(int atlasWidth, int atlasHeight) const;
};

/// Extent of a line of text at some size, pixels.
struct TextMetrics {
    float width = 0.f;    ///< sum of advances and kerning
    float ascent = 0.f;   ///< font ascender above the baseline (positive)
    float descent = 0.f;  ///< font descender below the baseline (positive)
    float height() const { return ascent + descent; }
};

/// A glyph placed on a line at base size.
struct ShapedGlyph {
    const GlyphInfo* glyph = nullptr;  ///< owned by the atlas; valid as long as the atlas lives
    float penX = 0.f;                  ///< pen position from the start of the line, base px
};

/// Rows of the atlas image changed since the last markClean(): [top, bottom).
struct AtlasDirtyRows {
    int top = 0;
    int bottom = 0;
    bool empty() const { return bottom <= top; }
};

/// Signed distance field glyphs of one font in a single-channel image, rasterised on first use with
/// FreeType and shelf-packed. CPU only: a renderer uploads pixels() when revision() changes. Kerning comes
/// from the font's 'kern' table when it has one; there is no complex shaping (no ligatures, no RTL).
/// Not thread-safe: glyph(), shape() and measure() may add glyphs.
class FontAtlas {
public:
    /// Opens face 0 of a TrueType/OpenType file. Fails with NotFound / UnsupportedFormat naming the path,
    /// or InvalidArgument for options out of range.
    static Result<FontAtlas> load(const std::string& fontPath, const FontAtlasOptions& options = {});
    FontAtlas(FontAtlas&&) noexcept;
    FontAtlas& operator=(FontAtlas&&) noexcept;
    ~FontAtlas();

    /// True if the font has a real glyph (not the missing-glyph box) for the code point.
    bool hasGlyph(char32_t codepoint) const;
    /// The glyph for a code point, rasterised into the atlas on first use. Code points the font lacks get
    /// the missing-glyph box. The reference stays valid for the atlas's lifetime.
    const GlyphInfo& glyph(char32_t codepoint);
    /// Decodes UTF-8 (malformed bytes become U+FFFD) and lays the glyphs out on one line at base size,
    /// with kerning. Control characters (below U+0020) are skipped.
    std::vector<ShapedGlyph> shape(std::string_view utf8);
    /// Width, ascent and descent of one line of `utf8` at `sizePx` (em size, pixels), scaled linearly from
    /// the base size (glyphs are unhinted, so this is exact).
    TextMetrics measure(std::string_view utf8, float sizePx);

    int basePx() const;
    int spreadPx() const;
    /// Font ascender / descender at base size, base px (both positive).
    float ascent() const;
    float descent() const;

    /// The atlas image: width() * height() bytes, rows top to bottom, no row padding.
    const std::vector<uint8_t>& pixels() const;
    int width() const;
    int height() const;
    /// Increases whenever pixels() changes (a glyph was added or the atlas grew).
    uint64_t revision() const;
    /// Rows changed since the last markClean(); all rows after the atlas grew.
    AtlasDirtyRows dirtyRows() const;
    void markClean();
    /// True once a glyph did not fit even at maxHeight; such glyphs have inAtlas == false and are not drawn.
    bool full() const;
    /// Number of distinct glyphs cached so far (blank ones included).
    size_t glyphCount() const;

private:
    struct Impl;
    explicit FontAtlas(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace fp
