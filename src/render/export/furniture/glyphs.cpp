#include "render/export/furniture/glyphs.h"

#include <cmath>
#include <numbers>

namespace fp {

namespace {

/// The outline ring of a filled shape at `radius` around the origin (y down).
std::vector<PixelXY> shapeRing(MarkerShape shape, float r) {
    auto regular = [&](int n, float startDeg, float radius) {
        std::vector<PixelXY> ring;
        for (int i = 0; i < n; ++i) {
            const double a = (startDeg + 360.0 * i / n) * std::numbers::pi / 180.0;
            ring.push_back(
                {static_cast<float>(radius * std::cos(a)), static_cast<float>(radius * std::sin(a))});
        }
        return ring;
    };
    switch (shape) {
        case MarkerShape::Square:
            return regular(4, 45.f, r * 1.2f);
        case MarkerShape::Triangle:
            return regular(3, -90.f, r * 1.25f);
        case MarkerShape::Diamond:
            return regular(4, -90.f, r * 1.2f);
        case MarkerShape::Hexagon:
            return regular(6, -90.f, r * 1.08f);
        case MarkerShape::Star: {
            std::vector<PixelXY> ring;
            for (int i = 0; i < 10; ++i) {
                const double a = (-90.0 + 36.0 * i) * std::numbers::pi / 180.0;
                const float radius = i % 2 ? r * 0.55f : r * 1.3f;
                ring.push_back(
                    {static_cast<float>(radius * std::cos(a)), static_cast<float>(radius * std::sin(a))});
            }
            return ring;
        }
        default:
            return regular(28, 0.f, r);
    }
}

PixelXY offset(PixelXY c, PixelXY d) {
    return {c.x + d.x, c.y + d.y};
}

}  // namespace

std::vector<PixelXY> circleRing(PixelXY centre, float radius, int segments) {
    std::vector<PixelXY> ring;
    for (int i = 0; i < segments; ++i) {
        const double a = 2.0 * std::numbers::pi * i / segments;
        ring.push_back({centre.x + static_cast<float>(radius * std::cos(a)),
                        centre.y + static_cast<float>(radius * std::sin(a))});
    }
    return ring;
}

void addMarkerGlyph(ShapeList& shapes, PixelXY c, float r, MarkerShape shape, const Color& fill,
                    const Color& outline, float w) {
    if (shape == MarkerShape::Cross || shape == MarkerShape::Plus) {
        const float d = shape == MarkerShape::Plus ? r * 1.2f : r * 0.9f;
        const PixelXY a1 = shape == MarkerShape::Plus ? PixelXY{-d, 0} : PixelXY{-d, -d};
        const PixelXY b1 = shape == MarkerShape::Plus ? PixelXY{d, 0} : PixelXY{d, d};
        const PixelXY a2 = shape == MarkerShape::Plus ? PixelXY{0, -d} : PixelXY{-d, d};
        const PixelXY b2 = shape == MarkerShape::Plus ? PixelXY{0, d} : PixelXY{d, -d};
        const float bar = r * 0.7f;
        for (int pass = 0; pass < 2; ++pass) {
            const float width = pass == 0 ? bar + 2.f * w : bar;
            const Color& col = pass == 0 ? outline : fill;
            shapes.addLine(offset(c, a1), offset(c, b1), width, col);
            shapes.addLine(offset(c, a2), offset(c, b2), width, col);
        }
        return;
    }
    std::vector<PixelXY> outer = shapeRing(shape, r + w), inner = shapeRing(shape, r);
    for (auto& p : outer) p = offset(c, p);
    for (auto& p : inner) p = offset(c, p);
    shapes.addFan(c, outer, outline);
    shapes.addFan(c, inner, fill);
}

PixelXY addNorthArrow(ShapeList& shapes, PixelXY c, float radius, double angle, const Color& panel) {
    shapes.addFan(c, circleRing(c, radius, 40), panel);
    const float cs = static_cast<float>(std::cos(angle)), sn = static_cast<float>(std::sin(angle));
    // Rotating clockwise on a y-down screen: (x, y) -> (x cos - y sin, x sin + y cos).
    auto at = [&](float x, float y) { return PixelXY{c.x + x * cs - y * sn, c.y + x * sn + y * cs}; };
    const float l = radius * 0.55f;
    const PixelXY tip = at(0, -l), left = at(-0.42f * l, 0.75f * l), right = at(0.42f * l, 0.75f * l),
                  notch = at(0, 0.35f * l);
    shapes.addTriangle(tip, left, notch, Color::rgb(30, 30, 30));
    shapes.addTriangle(tip, notch, right, Color::rgb(110, 110, 110));
    return at(0, -radius * 0.76f);
}

}  // namespace fp
