#pragma once

#include <cstdint>
#include <vector>

#include "core/geo/types.h"

namespace fp {

/// A uniform grid over points in the plane, built once: each cell lists the ids of the points inside it
/// (compressed rows, no per-cell allocation). A box query visits only the cells the box touches, so its cost
/// follows the box's size and the points in it, not the total count.
class PointGrid {
public:
    /// Indexes `points` (id = position in the vector; non-finite points are left out) with cells sized so
    /// that about `pointsPerCell` points share a cell on average, at most `maxCellsPerSide` cells a side.
    void build(const std::vector<MapXY>& points, double pointsPerCell = 4.0, int maxCellsPerSide = 2048);

    bool empty() const { return m_ids.empty(); }
    const MapBBox& bounds() const { return m_bounds; }
    double cellSize() const { return m_cell; }
    int columns() const { return m_cols; }
    int rows() const { return m_rows; }

    /// Calls `visit(id)` for every point in cells touching `box` (a superset of the points inside it).
    template <class F>
    void forEachNear(const MapBBox& box, F&& visit) const {
        int c0, r0, c1, r1;
        if (!cellRange(box, c0, r0, c1, r1)) return;
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c) {
                const size_t cell = static_cast<size_t>(r) * m_cols + c;
                for (uint32_t k = m_start[cell]; k < m_start[cell + 1]; ++k) visit(m_ids[k]);
            }
    }

    /// Cell index range touched by `box`, clamped to the grid; false when the box misses the grid.
    bool cellRange(const MapBBox& box, int& c0, int& r0, int& c1, int& r1) const;
    /// Ids in cell (c, r), which must be inside the grid.
    const uint32_t* cellBegin(int c, int r) const {
        return m_ids.data() + m_start[static_cast<size_t>(r) * m_cols + c];
    }
    const uint32_t* cellEnd(int c, int r) const {
        return m_ids.data() + m_start[static_cast<size_t>(r) * m_cols + c + 1];
    }
    size_t memoryBytes() const { return m_start.capacity() * 4 + m_ids.capacity() * 4; }

private:
    MapBBox m_bounds;
    double m_cell = 1.0;
    int m_cols = 0;
    int m_rows = 0;
    std::vector<uint32_t> m_start;  // m_cols * m_rows + 1 offsets into m_ids
    std::vector<uint32_t> m_ids;
};

}  // namespace fp
