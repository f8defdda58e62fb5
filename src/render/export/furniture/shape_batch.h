#pragma once

#include <vector>

#include "core/model/color.h"
#include "core/util/result.h"
#include "render/gl/gl_objects.h"

namespace fp {

/// A point in pixels from the image's top-left corner, y down.
struct PixelXY {
    float x = 0.f;
    float y = 0.f;
};

/// Filled 2D shapes in image pixels (map furniture: panels, bars, arrows, glyphs; hexagonal bins) as
/// coloured triangles: plain data, laid out once and drawn by ShapeBatch as often as needed (once per tile).
/// Outer edges are antialiased by the shader (a one-pixel box filter across each smoothed edge), so shapes
/// need no multisampled target; edges shared inside a shape are left sharp so that they leave no seam.
class ShapeList {
public:
    /// Which edges of a triangle (a, b, c) are the shape's outer edges, to be smoothed.
    enum Edge : unsigned { kEdgeAB = 1u, kEdgeBC = 2u, kEdgeCA = 4u, kAllEdges = 7u };
    void addTriangle(PixelXY a, PixelXY b, PixelXY c, const Color& color, unsigned smoothEdges = kAllEdges);
    void addRect(float x0, float y0, float x1, float y1, const Color& color);
    /// A convex or star-shaped polygon, filled as a fan from `centre`; its ring is smoothed.
    void addFan(PixelXY centre, const std::vector<PixelXY>& ring, const Color& color);
    /// A straight stroke of `width` pixels from a to b (butt ends).
    void addLine(PixelXY a, PixelXY b, float width, const Color& color);
    bool empty() const { return m_vertices.empty(); }

    struct Vertex {
        float x, y;
        float r, g, b, a;
        float edgeDistance[3];  ///< signed distance in pixels to each smoothed edge, positive inside
    };
    const std::vector<Vertex>& vertices() const { return m_vertices; }

private:
    std::vector<Vertex> m_vertices;
};

/// Draws ShapeLists with straight-alpha blending in one call each, their outer edges antialiased. Needs a
/// current GL 3.3 context for its whole life.
class ShapeBatch {
public:
    static Result<ShapeBatch> create();
    /// Draws `shapes` into the bound framebuffer, whose GL viewport is an image of the given size.
    void draw(const ShapeList& shapes, int viewportWidthPx, int viewportHeightPx);

private:
    ShapeBatch() = default;
    using Vertex = ShapeList::Vertex;
    gl::Program m_program;
    gl::VertexArray m_vao;
    gl::Buffer m_vbo;
};

}  // namespace fp
