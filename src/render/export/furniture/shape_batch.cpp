#include "render/export/furniture/shape_batch.h"

#include <cmath>

namespace fp {

Result<ShapeBatch> ShapeBatch::create() {
    auto program = gl::Program::fromEmbedded("shape.vert", "shape.frag");
    if (!program) return program.error();
    ShapeBatch b;
    b.m_program = std::move(program).value();
    b.m_vao = gl::createVertexArray();
    b.m_vbo = gl::createBuffer();
    glBindVertexArray(b.m_vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, b.m_vbo.id());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(Vertex), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, sizeof(Vertex),
                          reinterpret_cast<const void*>(offsetof(Vertex, r)));
    glBindVertexArray(0);
    return b;
}

void ShapeList::addTriangle(PixelXY a, PixelXY b, PixelXY c, const Color& color) {
    for (const PixelXY& p : {a, b, c}) m_vertices.push_back({p.x, p.y, color.r, color.g, color.b, color.a});
}

void ShapeList::addRect(float x0, float y0, float x1, float y1, const Color& color) {
    addTriangle({x0, y0}, {x1, y0}, {x1, y1}, color);
    addTriangle({x0, y0}, {x1, y1}, {x0, y1}, color);
}

void ShapeList::addFan(PixelXY centre, const std::vector<PixelXY>& ring, const Color& color) {
    for (size_t i = 0; i < ring.size(); ++i) addTriangle(centre, ring[i], ring[(i + 1) % ring.size()], color);
}

void ShapeList::addLine(PixelXY a, PixelXY b, float width, const Color& color) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float len = std::hypot(dx, dy);
    if (len <= 0.f) return;
    const float nx = -dy / len * 0.5f * width, ny = dx / len * 0.5f * width;
    const PixelXY p0{a.x + nx, a.y + ny}, p1{b.x + nx, b.y + ny}, p2{b.x - nx, b.y - ny},
        p3{a.x - nx, a.y - ny};
    addTriangle(p0, p1, p2, color);
    addTriangle(p0, p2, p3, color);
}

void ShapeBatch::draw(const ShapeList& shapes, int viewportWidthPx, int viewportHeightPx) {
    const auto& vertices = shapes.vertices();
    if (vertices.empty()) return;
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    m_program.use();
    glUniform2f(m_program.uniform("u_viewport"), static_cast<float>(viewportWidthPx),
                static_cast<float>(viewportHeightPx));
    glBindVertexArray(m_vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, m_vbo.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(Vertex)), vertices.data(),
                 GL_STREAM_DRAW);
    glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(vertices.size()));
    glBindVertexArray(0);
}

}  // namespace fp
