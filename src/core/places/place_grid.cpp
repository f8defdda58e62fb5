#include "core/places/place_grid.h"

#include <algorithm>
#include <cmath>

namespace fp {

int PlaceGrid::column(double lon) {
    return std::clamp(static_cast<int>(std::floor(lon + 180.0)), 0, kColumns - 1);
}

int PlaceGrid::row(double lat) {
    return std::clamp(static_cast<int>(std::floor(lat + 90.0)), 0, kRows - 1);
}

void PlaceGrid::build(const std::vector<Place>& places, const std::vector<PlaceIndex>& order) {
    m_start.assign(kColumns * kRows + 1, 0);
    for (const Place& p : places) ++m_start[cellId(column(p.position.lon), row(p.position.lat)) + 1];
    for (size_t c = 0; c + 1 < m_start.size(); ++c) m_start[c + 1] += m_start[c];
    m_items.resize(places.size());
    std::vector<uint32_t> fill(m_start.begin(), m_start.end() - 1);
    // Filling in importance order keeps each cell sorted by importance.
    for (PlaceIndex i : order) {
        const Place& p = places[i];
        m_items[fill[cellId(column(p.position.lon), row(p.position.lat))]++] = i;
    }
}

}  // namespace fp
