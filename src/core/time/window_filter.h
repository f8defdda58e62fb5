#pragma once

#include <cstdint>
#include <vector>

#include "core/time/window_counts.h"

namespace fp {

/// A table's rows restricted to the incidents a time window shows, without a pass over every row: each
/// store row's position in the table is remembered once (O(n) when the rows change), and a window then
/// visits only the store rows that can overlap it (WindowCounts::candidates, two binary searches) and sorts
/// the hits back into table order: O(k log k) for k candidates, whatever the store's size. Cheap enough for
/// every frame of playback while k stays moderate; callers may still throttle (see IncidentTablePanel).
class WindowRowFilter {
public:
    /// The table's rows: store rows in display order (each at most once), from a store of `storeSize` rows.
    void setRows(const std::vector<uint32_t>& rows, size_t storeSize);
    /// The rows of setRows() whose incident overlaps `window`, in the same order.
    std::vector<uint32_t> filter(const WindowCounts& counts, TimeSpan window) const;
    /// Candidate store rows visited by the last filter() (its cost, for tests and benchmarks).
    size_t lastVisited() const { return m_visited; }

private:
    static constexpr uint32_t kAbsent = UINT32_MAX;
    std::vector<uint32_t> m_position;  ///< per store row: its index in the table, kAbsent when filtered out
    mutable size_t m_visited = 0;
};

}  // namespace fp
