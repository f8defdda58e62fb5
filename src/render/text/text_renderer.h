#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/color.h"
#include "core/util/result.h"
#include "render/gl/gl_objects.h"
#include "render/text/font_atlas.h"

namespace fp {

/// How one label is drawn.
struct TextStyle {
    float sizePx = 14.f;                ///< em size, screen pixels
    Color fill = {0.f, 0.f, 0.f, 1.f};  ///< glyph colour, straight alpha
    Color halo = {1.f, 1.f, 1.f, 1.f};  ///< outline colour, straight alpha
    float haloWidthPx = 2.f;            ///< outline width outside the glyph edge, screen pixels; 0 = none.
                                        ///< Capped at spreadPx * sizePx / basePx - 0.5 (the SDF's reach,
                                        ///< 2 px at 10 px text with the default atlas).
};

/// Draws screen-aligned text from a signed distance field atlas: crisp at any size, with a halo for
/// legibility over the map. Queue labels between begin() and flush(); flush() draws them all in one call.
/// Needs a current GL 3.3 context for its whole life, including destruction.
class TextRenderer {
public:
    /// Loads the font (see FontAtlas::load) and creates the GL program, texture and buffers. Fails with the
    /// atlas's error or ErrorCode::GraphicsError.
    static Result<TextRenderer> create(const std::string& fontPath, const FontAtlasOptions& options = {});

    /// Starts a batch for a viewport of the given size, pixels. Drops anything queued and not flushed.
    void begin(int viewportWidthPx, int viewportHeightPx);
    /// Queues one line of text centred on (x, y), pixels from the viewport's top-left: horizontally on its
    /// advance width, vertically on the font's ascent + descent box (so labels share a baseline offset).
    /// The pen origin is snapped to whole pixels. Malformed UTF-8 is drawn as U+FFFD. The line's halo is
    /// drawn under all of its glyphs, so wide halos never cover neighbouring letters.
    void addText(std::string_view utf8, float x, float y, const TextStyle& style);
    /// Draws everything queued since begin() / the last flush() into the bound framebuffer, one draw call.
    /// Uploads new atlas rows first. Uses premultiplied-alpha blending with depth, stencil, cull and
    /// scissor tests off, and restores those states afterwards; leaves program, VAO and texture unbound.
    void flush();

    /// Size of one line of text at `sizePx`, pixels; the box addText() centres on (x, y).
    TextMetrics measure(std::string_view utf8, float sizePx) { return m_atlas.measure(utf8, sizePx); }
    FontAtlas& atlas() { return m_atlas; }
    /// Quads queued and not yet flushed: one per visible glyph, two when the style has a halo.
    size_t queuedQuads() const { return m_vertices.size() / 6; }

private:
    struct Vertex {
        float x, y;       // screen pixels, top-left origin
        float u, v;       // atlas texels
        uint8_t fill[4];  // premultiplied
        uint8_t halo[4];  // premultiplied
        float haloWidthPx;
    };

    explicit TextRenderer(FontAtlas atlas) : m_atlas(std::move(atlas)) {}
    void uploadAtlas();

    FontAtlas m_atlas;
    gl::Program m_program;
    gl::Texture m_texture;
    gl::VertexArray m_vao;
    gl::Buffer m_vbo;
    int m_textureWidth = 0;
    int m_textureHeight = 0;
    uint64_t m_uploadedRevision = 0;
    size_t m_vboCapacity = 0;
    int m_viewportWidth = 1;
    int m_viewportHeight = 1;
    std::vector<Vertex> m_vertices;
};

}  // namespace fp
