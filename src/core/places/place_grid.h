#pragma once

// Internal to core/places: a 1-degree grid over places for nearest and in-box queries.
#include <cstdint>
#include <span>
#include <vector>

#include "core/places/gazetteer_data.h"

namespace fp {

/// Places bucketed by 1x1 degree cell; within a cell ordered by descending importance. A view of the
/// gazetteer's gridStart/gridItems tables.
class PlaceGrid {
public:
    static constexpr int kColumns = kGridColumns;
    static constexpr int kRows = kGridRows;

    PlaceGrid() = default;
    PlaceGrid(std::span<const uint32_t> start, std::span<const uint32_t> items)
        : m_start(start), m_items(items) {}

    /// The tables of a grid over `places`; `order` lists every place index by descending importance.
    static void build(std::span<const PlaceRow> places, std::span<const uint32_t> order,
                      std::vector<uint32_t>& start, std::vector<uint32_t>& items);

    static int column(double lon);
    static int row(double lat);
    /// Places of one cell, most important first.
    const uint32_t* cellBegin(int col, int row) const { return m_items.data() + m_start[cellId(col, row)]; }
    const uint32_t* cellEnd(int col, int row) const { return m_items.data() + m_start[cellId(col, row) + 1]; }

private:
    static int cellId(int col, int row) { return row * kColumns + col; }
    std::span<const uint32_t> m_start;
    std::span<const uint32_t> m_items;
};

}  // namespace fp
