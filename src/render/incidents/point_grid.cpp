#include "render/incidents/point_grid.h"

#include <algorithm>
#include <cmath>

namespace fp {

void PointGrid::build(const std::vector<MapXY>& points, double pointsPerCell, int maxCellsPerSide) {
    m_bounds = {};
    size_t valid = 0;
    for (const MapXY& p : points)
        if (isFinite(p)) {
            m_bounds.extend(p.x, p.y);
            ++valid;
        }
    m_start.assign(1, 0);
    m_ids.clear();
    m_cols = m_rows = 0;
    if (valid == 0) return;
    // Square cells; a degenerate (single point or collinear) extent still gets a usable size.
    const double w = std::max(m_bounds.width(), 1e-9), h = std::max(m_bounds.height(), 1e-9);
    const double cells = std::max(1.0, static_cast<double>(valid) / std::max(pointsPerCell, 1.0));
    m_cell = std::sqrt(w * h / cells);
    m_cell = std::max({m_cell, w / maxCellsPerSide, h / maxCellsPerSide});
    m_cols = std::clamp(static_cast<int>(std::ceil(w / m_cell)), 1, maxCellsPerSide);
    m_rows = std::clamp(static_cast<int>(std::ceil(h / m_cell)), 1, maxCellsPerSide);

    auto cellOf = [&](const MapXY& p) {
        const int c = std::clamp(static_cast<int>((p.x - m_bounds.minX) / m_cell), 0, m_cols - 1);
        const int r = std::clamp(static_cast<int>((p.y - m_bounds.minY) / m_cell), 0, m_rows - 1);
        return static_cast<size_t>(r) * m_cols + c;
    };
    const size_t cellCount = static_cast<size_t>(m_cols) * m_rows;
    m_start.assign(cellCount + 1, 0);
    for (const MapXY& p : points)
        if (isFinite(p)) ++m_start[cellOf(p) + 1];
    for (size_t i = 0; i < cellCount; ++i) m_start[i + 1] += m_start[i];
    m_ids.resize(valid);
    std::vector<uint32_t> fill(m_start.begin(), m_start.end() - 1);
    for (size_t i = 0; i < points.size(); ++i)
        if (isFinite(points[i])) m_ids[fill[cellOf(points[i])]++] = static_cast<uint32_t>(i);
}

bool PointGrid::cellRange(const MapBBox& box, int& c0, int& r0, int& c1, int& r1) const {
    if (m_ids.empty() || box.empty() || !box.intersects(m_bounds)) return false;
    auto clampCell = [](double v, int n) {
        return static_cast<int>(std::clamp(std::floor(v), 0.0, static_cast<double>(n - 1)));
    };
    c0 = clampCell((box.minX - m_bounds.minX) / m_cell, m_cols);
    c1 = clampCell((box.maxX - m_bounds.minX) / m_cell, m_cols);
    r0 = clampCell((box.minY - m_bounds.minY) / m_cell, m_rows);
    r1 = clampCell((box.maxY - m_bounds.minY) / m_cell, m_rows);
    return true;
}

}  // namespace fp
