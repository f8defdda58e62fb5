#pragma once

// Internal to core/places: a 1-degree grid over places for nearest and in-box queries.
#include <cstdint>
#include <vector>

#include "core/geo/types.h"
#include "core/places/place.h"

namespace fp {

/// Places bucketed by 1x1 degree cell; within a cell ordered by descending importance.
class PlaceGrid {
public:
    static constexpr int kColumns = 360;
    static constexpr int kRows = 180;

    /// `order` lists every place index by descending importance.
    void build(const std::vector<Place>& places, const std::vector<PlaceIndex>& order);

    static int column(double lon);
    static int row(double lat);
    /// Places of one cell, most important first.
    const PlaceIndex* cellBegin(int col, int row) const { return m_items.data() + m_start[cellId(col, row)]; }
    const PlaceIndex* cellEnd(int col, int row) const {
        return m_items.data() + m_start[cellId(col, row) + 1];
    }

private:
    static int cellId(int col, int row) { return row * kColumns + col; }
    std::vector<uint32_t> m_start;
    std::vector<PlaceIndex> m_items;
};

}  // namespace fp
