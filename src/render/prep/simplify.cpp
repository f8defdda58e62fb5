#include "render/prep/simplify.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace fp {

namespace {

double segmentDistanceSq(const MapXY& p, const MapXY& a, const MapXY& b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0.0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return ex * ex + ey * ey;
}

/// Marks the vertices to keep between first and last (both kept), iteratively: rings of 100k vertices would
/// overflow a recursive version's stack.
void markKept(const std::vector<MapXY>& pts, size_t first, size_t last, double tolSq,
              std::vector<char>& keep) {
    std::vector<std::pair<size_t, size_t>> stack{{first, last}};
    while (!stack.empty()) {
        auto [a, b] = stack.back();
        stack.pop_back();
        double worst = -1.0;
        size_t worstIndex = a;
        for (size_t i = a + 1; i < b; ++i) {
            double d = segmentDistanceSq(pts[i], pts[a], pts[b]);
            if (d > worst) {
                worst = d;
                worstIndex = i;
            }
        }
        if (worst > tolSq) {
            keep[worstIndex] = 1;
            stack.push_back({a, worstIndex});
            stack.push_back({worstIndex, b});
        }
    }
}

}  // namespace

std::vector<MapXY> simplifyPolyline(const std::vector<MapXY>& points, double tolerance, bool closed) {
    const size_t n = points.size();
    if (n < 3 || !(tolerance > 0.0)) return points;
    std::vector<char> keep(n, 0);
    const double tolSq = tolerance * tolerance;
    if (closed) {
        // Split the ring at vertex 0 and the vertex farthest from it; simplify both halves.
        size_t far = 0;
        double farDist = -1.0;
        for (size_t i = 1; i < n; ++i) {
            double dx = points[i].x - points[0].x, dy = points[i].y - points[0].y;
            if (dx * dx + dy * dy > farDist) {
                farDist = dx * dx + dy * dy;
                far = i;
            }
        }
        keep[0] = keep[far] = 1;
        markKept(points, 0, far, tolSq, keep);
        std::vector<MapXY> tail(points.begin() + static_cast<long>(far), points.end());
        tail.push_back(points[0]);
        std::vector<char> tailKeep(tail.size(), 0);
        markKept(tail, 0, tail.size() - 1, tolSq, tailKeep);
        for (size_t i = 1; i + 1 < tail.size(); ++i)
            if (tailKeep[i]) keep[far + i] = 1;
    } else {
        keep[0] = keep[n - 1] = 1;
        markKept(points, 0, n - 1, tolSq, keep);
    }
    std::vector<MapXY> out;
    for (size_t i = 0; i < n; ++i)
        if (keep[i]) out.push_back(points[i]);
    return out;
}

}  // namespace fp
