#include "render/text/glyph_cache.h"

#include <algorithm>

#include "core/util/binary_io.h"

namespace fp {

namespace {

constexpr std::string_view kKind = "glyphs";

}  // namespace

GlyphCache GlyphCache::open(const std::string& fontPath, int basePx, int spreadPx,
                            const std::string& freetypeVersion) {
    GlyphCache c;
    c.m_cache = DiskCache::user();
    if (!c.m_cache) return c;
    const std::string font = fileFingerprint(fontPath);
    if (font.empty()) {
        c.m_cache.reset();
        return c;
    }
    c.m_key = std::string(kKind) + " 1\n" + programBuildId() + "\nFreeType " + freetypeVersion + "\n" +
              fontPath + " " + font + "\n" + std::to_string(basePx) + " " + std::to_string(spreadPx);
    const auto payload = c.m_cache->read(kKind, c.m_key);
    if (!payload) return c;
    ByteReader r(*payload);
    uint64_t count = 0;
    if (!r.get(count) || count > payload->size()) return c;
    std::unordered_map<uint32_t, GlyphBitmap> glyphs;
    for (uint64_t i = 0; i < count; ++i) {
        uint32_t index = 0;
        GlyphBitmap g;
        if (!r.get(index) || !r.get(g.advance) || !r.get(g.bearingX) || !r.get(g.bearingY) ||
            !r.get(g.width) || !r.get(g.height) || !r.getVector(g.pixels) ||
            g.pixels.size() !=
                static_cast<size_t>(std::max(g.width, 0)) * static_cast<size_t>(std::max(g.height, 0)))
            return c;
        glyphs.emplace(index, std::move(g));
    }
    if (r.atEnd()) c.m_glyphs = std::move(glyphs);
    return c;
}

const GlyphBitmap* GlyphCache::find(uint32_t glyphIndex) const {
    auto it = m_glyphs.find(glyphIndex);
    return it == m_glyphs.end() ? nullptr : &it->second;
}

void GlyphCache::add(uint32_t glyphIndex, GlyphBitmap glyph) {
    if (!m_cache) return;
    m_glyphs[glyphIndex] = std::move(glyph);
    m_added = true;
}

void GlyphCache::save() {
    if (!m_cache || !m_added) return;
    std::vector<uint32_t> indices;
    for (const auto& [index, g] : m_glyphs) indices.push_back(index);
    std::sort(indices.begin(), indices.end());
    ByteWriter w;
    w.put<uint64_t>(indices.size());
    for (uint32_t index : indices) {
        const GlyphBitmap& g = m_glyphs.at(index);
        w.put(index);
        w.put(g.advance);
        w.put(g.bearingX);
        w.put(g.bearingY);
        w.put(g.width);
        w.put(g.height);
        w.putVector(g.pixels);
    }
    m_cache->write(kKind, m_key, w.bytes());
    m_added = false;
}

}  // namespace fp
