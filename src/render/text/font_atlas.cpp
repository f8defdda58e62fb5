#include "render/text/font_atlas.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <unordered_map>

#include "render/text/glyph_cache.h"
#include "render/text/utf8.h"

namespace fp {

namespace {

// Keeps linear filtering of one glyph from picking up texels of its neighbour.
constexpr int kGlyphGap = 1;

struct Shelf {
    int y = 0;
    int height = 0;
    int nextX = 0;
};

}  // namespace

struct FontAtlas::Impl {
    FT_Library library = nullptr;
    FT_Face face = nullptr;
    FontAtlasOptions options;
    float ascent = 0.f;
    float descent = 0.f;
    bool hasKerning = false;

    std::unordered_map<char32_t, uint32_t> glyphIndexOf;
    std::unordered_map<uint32_t, GlyphInfo> glyphs;  // node-based: references survive rehashing
    std::unordered_map<uint64_t, float> kerningCache;

    std::vector<uint8_t> pixels;
    int width = 0;
    int height = 0;
    std::vector<Shelf> shelves;
    int nextShelfY = 0;
    uint64_t revision = 0;
    AtlasDirtyRows dirty;
    bool full = false;
    GlyphCache cache;

    ~Impl() {
        cache.save();
        if (face) FT_Done_Face(face);
        if (library) FT_Done_FreeType(library);
    }

    uint32_t glyphIndex(char32_t cp) {
        auto it = glyphIndexOf.find(cp);
        if (it != glyphIndexOf.end()) return it->second;
        uint32_t index = FT_Get_Char_Index(face, cp);
        glyphIndexOf.emplace(cp, index);
        return index;
    }

    void markDirty(int top, int bottom) {
        if (dirty.empty()) {
            dirty = {top, bottom};
        } else {
            dirty.top = std::min(dirty.top, top);
            dirty.bottom = std::max(dirty.bottom, bottom);
        }
        ++revision;
    }

    bool grow() {
        if (height * 2 > options.maxHeight) return false;
        // Rows are stored top-down with a fixed width, so growing only appends zeroed rows.
        height *= 2;
        pixels.resize(static_cast<size_t>(width) * height, 0);
        markDirty(0, height);
        return true;
    }

    /// Finds room for a w x h bitmap; false when the atlas cannot hold it.
    bool allocate(int w, int h, int& outX, int& outY) {
        const int needW = w + kGlyphGap;
        const int needH = h + kGlyphGap;
        if (needW > width) return false;
        Shelf* best = nullptr;
        for (Shelf& s : shelves) {
            // Shelves much taller than the glyph would waste their height; leave them to tall glyphs.
            if (s.height >= needH && needH * 10 >= s.height * 7 && s.nextX + needW <= width) {
                if (!best || s.height < best->height) best = &s;
            }
        }
        if (!best) {
            while (nextShelfY + needH > height)
                if (!grow()) return false;
            shelves.push_back({nextShelfY, needH, 0});
            nextShelfY += needH;
            best = &shelves.back();
        }
        outX = best->nextX;
        outY = best->y;
        best->nextX += needW;
        return true;
    }

    /// The glyph's metrics and signed distance bitmap from FreeType (blank when it has no outline).
    GlyphBitmap renderGlyph(uint32_t index) {
        GlyphBitmap out;
        if (FT_Load_Glyph(face, index, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0) return out;
        FT_GlyphSlot slot = face->glyph;
        out.advance = static_cast<float>(slot->linearHoriAdvance) / 65536.f;
        if (slot->format != FT_GLYPH_FORMAT_OUTLINE || slot->outline.n_contours <= 0) return out;
        // Coverage first, then FT_RENDER_MODE_SDF on that bitmap (FreeType's "bsdf" module): about three
        // times faster than the outline "sdf" module, and the difference is invisible within the spread.
        if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) != 0) return out;
        if (FT_Render_Glyph(slot, FT_RENDER_MODE_SDF) != 0) return out;
        const FT_Bitmap& bm = slot->bitmap;
        if (bm.pixel_mode != FT_PIXEL_MODE_GRAY || bm.width == 0 || bm.rows == 0) return out;
        out.width = static_cast<int>(bm.width);
        out.height = static_cast<int>(bm.rows);
        out.bearingX = static_cast<float>(slot->bitmap_left);
        out.bearingY = static_cast<float>(slot->bitmap_top);
        out.pixels.resize(static_cast<size_t>(out.width) * out.height);
        const int pitch = bm.pitch;
        for (int row = 0; row < out.height; ++row) {
            // A negative pitch means the buffer holds the bottom row first.
            const unsigned char* src =
                pitch >= 0 ? bm.buffer + static_cast<ptrdiff_t>(row) * pitch
                           : bm.buffer + static_cast<ptrdiff_t>(out.height - 1 - row) * -pitch;
            std::memcpy(&out.pixels[static_cast<size_t>(row) * out.width], src, out.width);
        }
        return out;
    }

    /// Fills `g` from the glyph cache, else from FreeType (and adds it to the cache), and packs its bitmap.
    void rasterise(GlyphInfo& g) {
        const GlyphBitmap* cached = cache.find(g.glyphIndex);
        GlyphBitmap rendered;
        if (!cached) {
            rendered = renderGlyph(g.glyphIndex);
            cache.add(g.glyphIndex, rendered);
        }
        const GlyphBitmap& bm = cached ? *cached : rendered;
        g.advance = bm.advance;
        if (bm.width == 0 || bm.height == 0) return;
        g.width = bm.width;
        g.height = bm.height;
        g.bearingX = bm.bearingX;
        g.bearingY = bm.bearingY;
        int x = 0, y = 0;
        if (!allocate(bm.width, bm.height, x, y)) {
            full = true;
            return;
        }
        g.atlasX = x;
        g.atlasY = y;
        g.inAtlas = true;
        for (int row = 0; row < bm.height; ++row)
            std::memcpy(&pixels[static_cast<size_t>(y + row) * width + x],
                        &bm.pixels[static_cast<size_t>(row) * bm.width], bm.width);
        markDirty(y, y + bm.height);
    }

    const GlyphInfo& glyphByIndex(uint32_t index) {
        auto it = glyphs.find(index);
        if (it != glyphs.end()) return it->second;
        GlyphInfo g;
        g.glyphIndex = index;
        rasterise(g);
        return glyphs.emplace(index, g).first->second;
    }

    float kerning(uint32_t left, uint32_t right) {
        if (!hasKerning || left == 0 || right == 0) return 0.f;
        const uint64_t key = (static_cast<uint64_t>(left) << 32) | right;
        auto it = kerningCache.find(key);
        if (it != kerningCache.end()) return it->second;
        FT_Vector delta{0, 0};
        float k = 0.f;
        // Unscaled font units keep kerning exact and linear at every size.
        if (FT_Get_Kerning(face, left, right, FT_KERNING_UNSCALED, &delta) == 0)
            k = static_cast<float>(delta.x) * options.basePx / face->units_per_EM;
        kerningCache.emplace(key, k);
        return k;
    }
};

std::array<float, 4> GlyphInfo::uv(int atlasWidth, int atlasHeight) const {
    return {static_cast<float>(atlasX) / atlasWidth, static_cast<float>(atlasY) / atlasHeight,
            static_cast<float>(atlasX + width) / atlasWidth,
            static_cast<float>(atlasY + height) / atlasHeight};
}

Result<FontAtlas> FontAtlas::load(const std::string& fontPath, const FontAtlasOptions& options) {
    if (options.basePx < 8 || options.basePx > 256 || options.spreadPx < 2 || options.spreadPx > 32 ||
        options.width < 64 || options.initialHeight < 64 || options.maxHeight < options.initialHeight)
        return makeError(ErrorCode::InvalidArgument, fontPath, "font atlas options out of range");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(fontPath, ec))
        return makeError(ErrorCode::NotFound, fontPath, "font file does not exist");

    auto impl = std::make_unique<Impl>();
    impl->options = options;
    if (FT_Init_FreeType(&impl->library) != 0)
        return makeError(ErrorCode::Internal, fontPath, "FreeType could not be initialised");
    FT_Int spread = options.spreadPx;
    if (FT_Property_Set(impl->library, "bsdf", "spread", &spread) != 0)
        return makeError(ErrorCode::Internal, fontPath,
                         "FreeType lacks the SDF renderer (needs FreeType 2.11 or later)");
    if (FT_New_Face(impl->library, fontPath.c_str(), 0, &impl->face) != 0)
        return makeError(ErrorCode::UnsupportedFormat, fontPath, "FreeType cannot read this file as a font");
    FT_Face face = impl->face;
    if (!FT_IS_SCALABLE(face) || face->units_per_EM == 0)
        return makeError(ErrorCode::UnsupportedFormat, fontPath, "font has no scalable outlines");
    if (FT_Select_Charmap(face, FT_ENCODING_UNICODE) != 0)
        return makeError(ErrorCode::UnsupportedFormat, fontPath, "font has no Unicode character map");
    if (FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(options.basePx)) != 0)
        return makeError(ErrorCode::UnsupportedFormat, fontPath, "font cannot be scaled");

    const float unitsToBase = static_cast<float>(options.basePx) / face->units_per_EM;
    impl->ascent = face->ascender * unitsToBase;
    impl->descent = -face->descender * unitsToBase;
    impl->hasKerning = FT_HAS_KERNING(face);
    impl->width = options.width;
    impl->height = options.initialHeight;
    impl->pixels.assign(static_cast<size_t>(impl->width) * impl->height, 0);
    impl->dirty = {0, impl->height};
    impl->revision = 1;
    FT_Int major = 0, minor = 0, patch = 0;
    FT_Library_Version(impl->library, &major, &minor, &patch);
    impl->cache =
        GlyphCache::open(fontPath, options.basePx, options.spreadPx,
                         std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch));
    return FontAtlas(std::move(impl));
}

FontAtlas::FontAtlas(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
FontAtlas::FontAtlas(FontAtlas&&) noexcept = default;
FontAtlas& FontAtlas::operator=(FontAtlas&&) noexcept = default;
FontAtlas::~FontAtlas() = default;

bool FontAtlas::hasGlyph(char32_t codepoint) const {
    return m_impl->glyphIndex(codepoint) != 0;
}

const GlyphInfo& FontAtlas::glyph(char32_t codepoint) {
    return m_impl->glyphByIndex(m_impl->glyphIndex(codepoint));
}

std::vector<ShapedGlyph> FontAtlas::shape(std::string_view utf8) {
    std::vector<ShapedGlyph> out;
    const std::vector<char32_t> cps = decodeUtf8(utf8);
    out.reserve(cps.size());
    float pen = 0.f;
    uint32_t previous = 0;
    for (char32_t cp : cps) {
        if (cp < 0x20 || cp == 0x7F) continue;
        const uint32_t index = m_impl->glyphIndex(cp);
        pen += m_impl->kerning(previous, index);
        const GlyphInfo& g = m_impl->glyphByIndex(index);
        out.push_back({&g, pen});
        pen += g.advance;
        previous = index;
    }
    return out;
}

TextMetrics FontAtlas::measure(std::string_view utf8, float sizePx) {
    const float scale = sizePx / static_cast<float>(m_impl->options.basePx);
    const std::vector<ShapedGlyph> glyphs = shape(utf8);
    const float width = glyphs.empty() ? 0.f : glyphs.back().penX + glyphs.back().glyph->advance;
    return {width * scale, m_impl->ascent * scale, m_impl->descent * scale};
}

int FontAtlas::basePx() const {
    return m_impl->options.basePx;
}
int FontAtlas::spreadPx() const {
    return m_impl->options.spreadPx;
}
float FontAtlas::ascent() const {
    return m_impl->ascent;
}
float FontAtlas::descent() const {
    return m_impl->descent;
}
const std::vector<uint8_t>& FontAtlas::pixels() const {
    return m_impl->pixels;
}
int FontAtlas::width() const {
    return m_impl->width;
}
int FontAtlas::height() const {
    return m_impl->height;
}
uint64_t FontAtlas::revision() const {
    return m_impl->revision;
}
AtlasDirtyRows FontAtlas::dirtyRows() const {
    return m_impl->dirty;
}
void FontAtlas::markClean() {
    m_impl->dirty = {};
}
bool FontAtlas::full() const {
    return m_impl->full;
}
size_t FontAtlas::glyphCount() const {
    return m_impl->glyphs.size();
}

}  // namespace fp
