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

void PlaceGrid::build(std::span<const PlaceRow> places, std::span<const uint32_t> order,
                      std::vector<uint32_t>& start, std::vector<uint32_t>& items) {
    auto cellOf = [](const PlaceRow& p) { return cellId(column(p.lonE6 / 1e6), row(p.latE6 / 1e6)); };
    start.assign(kColumns * kRows + 1, 0);
    for (const PlaceRow& p : places) ++start[cellOf(p) + 1];
    for (size_t c = 0; c + 1 < start.size(); ++c) start[c + 1] += start[c];
    items.resize(places.size());
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    // Filling in importance order keeps each cell sorted by importance.
    for (uint32_t i : order) items[fill[cellOf(places[i])]++] = i;
}

}  // namespace fp
