#include "ui/panels/incident_glyph.h"

#include <imgui.h>

#include <cmath>
#include <vector>

namespace fp {

namespace {

constexpr float kPi = 3.14159265f;

ImU32 toU32(const Color& c) {
    return ImGui::ColorConvertFloat4ToU32({c.r, c.g, c.b, c.a});
}

/// The outline of `shape` as a closed polygon around `c` (y down, tip of triangle and star up).
std::vector<ImVec2> outlineOf(MarkerShape shape, ImVec2 c, float r) {
    std::vector<ImVec2> pts;
    auto polar = [&](float radius, float angle) {
        pts.push_back({c.x + radius * std::sin(angle), c.y - radius * std::cos(angle)});
    };
    switch (shape) {
        case MarkerShape::Square: {
            const float h = 0.86f * r;
            pts = {{c.x - h, c.y - h}, {c.x + h, c.y - h}, {c.x + h, c.y + h}, {c.x - h, c.y + h}};
            break;
        }
        case MarkerShape::Triangle:
            for (int k = 0; k < 3; ++k) polar(1.18f * r, 2.f * kPi * k / 3.f);
            for (auto& p : pts) p.y += 0.25f * 1.18f * r;
            break;
        case MarkerShape::Diamond:
            for (int k = 0; k < 4; ++k) polar(1.12f * r, 0.5f * kPi * k);
            break;
        case MarkerShape::Star:
            for (int k = 0; k < 10; ++k) polar(k % 2 ? 0.45f * 1.2f * r : 1.2f * r, kPi * k / 5.f);
            break;
        case MarkerShape::Cross:
        case MarkerShape::Plus: {
            const float a = 0.36f * r, b = shape == MarkerShape::Cross ? 1.05f * r : r;
            const ImVec2 arm[12] = {{-a, -b}, {a, -b}, {a, -a}, {b, -a}, {b, a},   {a, a},
                                    {a, b},   {-a, b}, {-a, a}, {-b, a}, {-b, -a}, {-a, -a}};
            const float s = shape == MarkerShape::Cross ? 0.70710678f : 1.f;
            const float t = shape == MarkerShape::Cross ? 0.70710678f : 0.f;
            for (const ImVec2& p : arm) pts.push_back({c.x + s * p.x - t * p.y, c.y + t * p.x + s * p.y});
            break;
        }
        case MarkerShape::Hexagon:
            for (int k = 0; k < 6; ++k) polar(r, kPi / 2.f + kPi * k / 3.f);
            break;
        case MarkerShape::Circle:
            for (int k = 0; k < 24; ++k) polar(r, 2.f * kPi * k / 24.f);
            break;
    }
    return pts;
}

}  // namespace

void drawMarkerGlyph(ImDrawList* list, ImVec2 centre, float radius, const CategoryStyle& style, bool hollow) {
    const std::vector<ImVec2> pts = outlineOf(style.shape, centre, radius);
    const ImU32 fill = toU32(style.color.withAlpha(1.f));
    const ImU32 outline = IM_COL32(27, 27, 27, 255);
    const int n = static_cast<int>(pts.size());
    if (hollow) {
        list->AddPolyline(pts.data(), n, outline, ImDrawFlags_Closed, std::max(3.f, 0.5f * radius));
        list->AddPolyline(pts.data(), n, fill, ImDrawFlags_Closed, std::max(1.5f, 0.3f * radius));
        return;
    }
    // ImGui fills convex polygons only: the concave shapes are filled as a fan of triangles from the centre.
    for (int k = 0; k < n; ++k) list->AddTriangleFilled(centre, pts[k], pts[(k + 1) % n], fill);
    list->AddPolyline(pts.data(), n, outline, ImDrawFlags_Closed, 1.f);
}

}  // namespace fp
