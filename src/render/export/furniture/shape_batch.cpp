#include "render/export/furniture/shape_batch.h"

#include <array>
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
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 3, GL_FLOAT, GL_FALSE, sizeof(Vertex),
                          reinterpret_cast<const void*>(offsetof(Vertex, edgeDistance)));
    glBindVertexArray(0);
    return b;
}

namespace {

/// Far enough that an edge left sharp never limits the coverage.
constexpr float kSharpEdge = 1.0e4f;
/// How far smoothed edges move out: the filter reaches half a pixel beyond the edge, and a pixel is drawn
/// only when its centre lies inside the triangle.
constexpr float kFeatherPx = 1.0f;

/// An edge's line as n . p = d, with n the unit normal pointing into the triangle.
struct EdgeLine {
    float nx = 0.f, ny = 0.f, d = 0.f;
    float distance(PixelXY p) const { return nx * p.x + ny * p.y - d; }
};

EdgeLine edgeLine(PixelXY from, PixelXY to, PixelXY opposite) {
    const float dx = to.x - from.x, dy = to.y - from.y;
    const float len = std::hypot(dx, dy);
    if (len <= 0.f) return {};
    EdgeLine e{-dy / len, dx / len, 0.f};
    e.d = e.nx * from.x + e.ny * from.y;
    if (e.distance(opposite) < 0.f) e = {-e.nx, -e.ny, -e.d};
    return e;
}

/// Where the lines of edges `e1` and `e2`, moved out by o1 and o2 pixels, meet; `corner` when they are
/// (nearly) parallel or the corner is so sharp that its mitre would reach far away.
PixelXY movedCorner(PixelXY corner, const EdgeLine& e1, float o1, const EdgeLine& e2, float o2) {
    const float det = e1.nx * e2.ny - e1.ny * e2.nx;
    if (std::fabs(det) < 1e-3f) return corner;
    const float d1 = e1.d - o1, d2 = e2.d - o2;
    const PixelXY p{(d1 * e2.ny - e1.ny * d2) / det, (e1.nx * d2 - d1 * e2.nx) / det};
    return std::hypot(p.x - corner.x, p.y - corner.y) > 8.f * kFeatherPx ? corner : p;
}

}  // namespace

void ShapeList::addTriangle(PixelXY a, PixelXY b, PixelXY c, const Color& color, unsigned smoothEdges) {
    const std::array<PixelXY, 3> p{a, b, c};
    const std::array<EdgeLine, 3> edge{edgeLine(a, b, c), edgeLine(b, c, a), edgeLine(c, a, b)};
    std::array<float, 3> out{};
    for (int i = 0; i < 3; ++i)
        out[i] = (smoothEdges & (1u << i)) && (edge[i].nx != 0.f || edge[i].ny != 0.f) ? kFeatherPx : 0.f;
    // Corner i lies between edge i-1 (arriving) and edge i (leaving).
    for (int i = 0; i < 3; ++i) {
        const int prev = (i + 2) % 3;
        const PixelXY q = out[i] > 0.f || out[prev] > 0.f
                              ? movedCorner(p[i], edge[prev], out[prev], edge[i], out[i])
                              : p[i];
        Vertex v{q.x, q.y, color.r, color.g, color.b, color.a, {kSharpEdge, kSharpEdge, kSharpEdge}};
        for (int e = 0; e < 3; ++e)
            if (out[e] > 0.f) v.edgeDistance[e] = edge[e].distance(q);
        m_vertices.push_back(v);
    }
}

void ShapeList::addRect(float x0, float y0, float x1, float y1, const Color& color) {
    // The diagonal is inside the rectangle: left sharp so that the two halves meet without a seam.
    addTriangle({x0, y0}, {x1, y0}, {x1, y1}, color, kEdgeAB | kEdgeBC);
    addTriangle({x0, y0}, {x1, y1}, {x0, y1}, color, kEdgeBC | kEdgeCA);
}

void ShapeList::addFan(PixelXY centre, const std::vector<PixelXY>& ring, const Color& color) {
    for (size_t i = 0; i < ring.size(); ++i)
        addTriangle(centre, ring[i], ring[(i + 1) % ring.size()], color, kEdgeBC);
}

void ShapeList::addLine(PixelXY a, PixelXY b, float width, const Color& color) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float len = std::hypot(dx, dy);
    if (len <= 0.f) return;
    const float nx = -dy / len * 0.5f * width, ny = dx / len * 0.5f * width;
    const PixelXY p0{a.x + nx, a.y + ny}, p1{b.x + nx, b.y + ny}, p2{b.x - nx, b.y - ny},
        p3{a.x - nx, a.y - ny};
    addTriangle(p0, p1, p2, color, kEdgeAB | kEdgeBC);
    addTriangle(p0, p2, p3, color, kEdgeBC | kEdgeCA);
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
