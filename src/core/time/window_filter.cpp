#include "core/time/window_filter.h"

#include <algorithm>

namespace fp {

void WindowRowFilter::setRows(const std::vector<uint32_t>& rows, size_t storeSize) {
    m_position.assign(storeSize, kAbsent);
    for (size_t k = 0; k < rows.size(); ++k)
        if (rows[k] < storeSize) m_position[rows[k]] = static_cast<uint32_t>(k);
}

std::vector<uint32_t> WindowRowFilter::filter(const WindowCounts& counts, TimeSpan window) const {
    const auto [first, last] = counts.candidates(window);
    m_visited = last - first;
    // (position, row) pairs sort straight into table order.
    std::vector<std::pair<uint32_t, uint32_t>> hits;
    for (size_t i = first; i < last && i < m_position.size(); ++i)
        if (m_position[i] != kAbsent && counts.contains(i, window))
            hits.emplace_back(m_position[i], static_cast<uint32_t>(i));
    std::sort(hits.begin(), hits.end());
    std::vector<uint32_t> rows;
    rows.reserve(hits.size());
    for (const auto& [position, row] : hits) rows.push_back(row);
    return rows;
}

}  // namespace fp
