#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/util/disk_cache.h"

namespace fp {

/// One glyph as FreeType rasterised it: metrics (base px) and its signed distance bitmap, rows top-down.
struct GlyphBitmap {
    float advance = 0.f;
    float bearingX = 0.f;
    float bearingY = 0.f;
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels;  ///< width * height bytes; empty for blank glyphs
};

/// The glyphs of one font file at one size and spread that earlier runs rasterised, kept in the user's
/// DiskCache under the font file's path, size and content hash, the FreeType version and the program's
/// build: a start-up draws its labels without rasterising them again. A FontAtlas looks glyphs up here
/// before FreeType, adds those it rasterised, and saves once when it is done.
class GlyphCache {
public:
    GlyphCache() = default;
    /// Reads the cached glyphs of this font and options (none when there is no cache or no entry).
    static GlyphCache open(const std::string& fontPath, int basePx, int spreadPx,
                           const std::string& freetypeVersion);

    const GlyphBitmap* find(uint32_t glyphIndex) const;
    /// Remembers a glyph rasterised now, to be stored by save().
    void add(uint32_t glyphIndex, GlyphBitmap glyph);
    /// Stores the glyphs if any was added since open().
    void save();

private:
    std::optional<DiskCache> m_cache;
    std::string m_key;
    std::unordered_map<uint32_t, GlyphBitmap> m_glyphs;
    bool m_added = false;
};

}  // namespace fp
