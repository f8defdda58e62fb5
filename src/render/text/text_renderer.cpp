#include "render/text/text_renderer.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace fp {

namespace {

void premultipliedBytes(const Color& c, uint8_t out[4]) {
    const float a = std::clamp(c.a, 0.f, 1.f);
    const float channels[4] = {c.r * a, c.g * a, c.b * a, a};
    for (int i = 0; i < 4; ++i)
        out[i] = static_cast<uint8_t>(std::lround(std::clamp(channels[i], 0.f, 1.f) * 255.f));
}

/// GL state flush() changes, captured so it can be put back.
struct SavedState {
    GLboolean blend, depth, stencil, cull, scissor;
    GLint srcRgb, dstRgb, srcAlpha, dstAlpha, eqRgb, eqAlpha;

    static SavedState capture() {
        SavedState s{};
        s.blend = glIsEnabled(GL_BLEND);
        s.depth = glIsEnabled(GL_DEPTH_TEST);
        s.stencil = glIsEnabled(GL_STENCIL_TEST);
        s.cull = glIsEnabled(GL_CULL_FACE);
        s.scissor = glIsEnabled(GL_SCISSOR_TEST);
        glGetIntegerv(GL_BLEND_SRC_RGB, &s.srcRgb);
        glGetIntegerv(GL_BLEND_DST_RGB, &s.dstRgb);
        glGetIntegerv(GL_BLEND_SRC_ALPHA, &s.srcAlpha);
        glGetIntegerv(GL_BLEND_DST_ALPHA, &s.dstAlpha);
        glGetIntegerv(GL_BLEND_EQUATION_RGB, &s.eqRgb);
        glGetIntegerv(GL_BLEND_EQUATION_ALPHA, &s.eqAlpha);
        return s;
    }
    static void setEnabled(GLenum cap, GLboolean on) { on ? glEnable(cap) : glDisable(cap); }
    void restore() const {
        setEnabled(GL_BLEND, blend);
        setEnabled(GL_DEPTH_TEST, depth);
        setEnabled(GL_STENCIL_TEST, stencil);
        setEnabled(GL_CULL_FACE, cull);
        setEnabled(GL_SCISSOR_TEST, scissor);
        glBlendFuncSeparate(srcRgb, dstRgb, srcAlpha, dstAlpha);
        glBlendEquationSeparate(eqRgb, eqAlpha);
    }
};

}  // namespace

Result<TextRenderer> TextRenderer::create(const std::string& fontPath, const FontAtlasOptions& options) {
    auto atlas = FontAtlas::load(fontPath, options);
    if (!atlas) return atlas.error();
    auto program = gl::Program::fromEmbedded("text.vert", "text.frag");
    if (!program) return program.error();

    TextRenderer r(std::move(atlas).value());
    r.m_program = std::move(program).value();
    r.m_texture = gl::createTexture();
    glBindTexture(GL_TEXTURE_2D, r.m_texture.id());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);

    r.m_vao = gl::createVertexArray();
    r.m_vbo = gl::createBuffer();
    glBindVertexArray(r.m_vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, r.m_vbo.id());
    const auto stride = static_cast<GLsizei>(sizeof(Vertex));
    auto offset = [](size_t bytes) { return reinterpret_cast<const void*>(bytes); };
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, offset(offsetof(Vertex, x)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, offset(offsetof(Vertex, u)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, offset(offsetof(Vertex, fill)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, offset(offsetof(Vertex, halo)));
    glEnableVertexAttribArray(4);
    glVertexAttribPointer(4, 1, GL_FLOAT, GL_FALSE, stride, offset(offsetof(Vertex, haloWidthPx)));
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);

    if (auto err = gl::takeGlError(); !err.empty())
        return makeError(ErrorCode::GraphicsError, "text renderer", err + " while creating GL objects");
    return r;
}

void TextRenderer::begin(int viewportWidthPx, int viewportHeightPx) {
    m_viewportWidth = std::max(1, viewportWidthPx);
    m_viewportHeight = std::max(1, viewportHeightPx);
    m_vertices.clear();
}

void TextRenderer::addText(std::string_view utf8, float x, float y, const TextStyle& style) {
    if (!(style.sizePx > 0.f) || !std::isfinite(x) || !std::isfinite(y)) return;
    const float scale = style.sizePx / static_cast<float>(m_atlas.basePx());
    const std::vector<ShapedGlyph> glyphs = m_atlas.shape(utf8);
    if (glyphs.empty()) return;
    const float width = (glyphs.back().penX + glyphs.back().glyph->advance) * scale;
    const float ascent = m_atlas.ascent() * scale;
    const float descent = m_atlas.descent() * scale;
    // Whole-pixel origins keep the same label from shimmering as the map pans by fractions of a pixel.
    const float originX = std::round(x - width * 0.5f);
    const float baseline = std::round(y + (ascent - descent) * 0.5f);

    // Beyond the SDF's spread the distance saturates; half a pixel is kept for the antialiased outer edge.
    const float maxHalo = std::max(0.f, m_atlas.spreadPx() * scale - 0.5f);
    const float halo = std::clamp(style.haloWidthPx, 0.f, maxHalo);
    // Halos of the whole line go down before any fill: with glyphs packed tightly, a glyph's halo would
    // otherwise paint over its left neighbour. Same shader for both: a zero colour switches a part off.
    Vertex haloProto{};
    premultipliedBytes(style.halo, haloProto.halo);
    haloProto.haloWidthPx = halo;
    Vertex fillProto{};
    premultipliedBytes(style.fill, fillProto.fill);
    const bool drawHalo = halo > 0.f && haloProto.halo[3] > 0;

    for (const Vertex* proto : {drawHalo ? &haloProto : nullptr, &fillProto}) {
        if (!proto) continue;
        for (const ShapedGlyph& sg : glyphs) {
            const GlyphInfo& g = *sg.glyph;
            if (!g.inAtlas) continue;
            const float x0 = originX + (sg.penX + g.bearingX) * scale;
            const float y0 = baseline - g.bearingY * scale;
            const float x1 = x0 + g.width * scale;
            const float y1 = y0 + g.height * scale;
            const auto u0 = static_cast<float>(g.atlasX), v0 = static_cast<float>(g.atlasY);
            const float u1 = u0 + g.width, v1 = v0 + g.height;
            const float corners[6][4] = {{x0, y0, u0, v0}, {x1, y0, u1, v0}, {x1, y1, u1, v1},
                                         {x0, y0, u0, v0}, {x1, y1, u1, v1}, {x0, y1, u0, v1}};
            for (const auto& c : corners) {
                Vertex v = *proto;
                v.x = c[0];
                v.y = c[1];
                v.u = c[2];
                v.v = c[3];
                m_vertices.push_back(v);
            }
        }
    }
}

void TextRenderer::uploadAtlas() {
    if (m_atlas.revision() == m_uploadedRevision) return;
    GLint alignment = 4, rowLength = 0;
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
    glGetIntegerv(GL_UNPACK_ROW_LENGTH, &rowLength);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glBindTexture(GL_TEXTURE_2D, m_texture.id());
    const int w = m_atlas.width(), h = m_atlas.height();
    if (w != m_textureWidth || h != m_textureHeight) {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, m_atlas.pixels().data());
        m_textureWidth = w;
        m_textureHeight = h;
    } else if (AtlasDirtyRows rows = m_atlas.dirtyRows(); !rows.empty()) {
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, rows.top, w, rows.bottom - rows.top, GL_RED, GL_UNSIGNED_BYTE,
                        m_atlas.pixels().data() + static_cast<size_t>(rows.top) * w);
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, rowLength);
    m_atlas.markClean();
    m_uploadedRevision = m_atlas.revision();
}

void TextRenderer::flush() {
    if (m_vertices.empty()) return;
    glActiveTexture(GL_TEXTURE0);
    uploadAtlas();

    glBindBuffer(GL_ARRAY_BUFFER, m_vbo.id());
    const size_t bytes = m_vertices.size() * sizeof(Vertex);
    if (bytes > m_vboCapacity) {
        m_vboCapacity = std::max(bytes, m_vboCapacity * 2);
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(m_vboCapacity), nullptr, GL_STREAM_DRAW);
    }
    glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(bytes), m_vertices.data());
    glBindBuffer(GL_ARRAY_BUFFER, 0);

    const SavedState saved = SavedState::capture();
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glBlendEquationSeparate(GL_FUNC_ADD, GL_FUNC_ADD);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);

    m_program.use();
    glUniform2f(m_program.uniform("u_viewport"), static_cast<float>(m_viewportWidth),
                static_cast<float>(m_viewportHeight));
    glUniform1f(m_program.uniform("u_spread"), static_cast<float>(m_atlas.spreadPx()));
    glUniform1i(m_program.uniform("u_atlas"), 0);
    glBindTexture(GL_TEXTURE_2D, m_texture.id());
    glBindVertexArray(m_vao.id());
    glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(m_vertices.size()));
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glUseProgram(0);

    saved.restore();
    m_vertices.clear();
}

}  // namespace fp
