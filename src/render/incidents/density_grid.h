#pragma once

#include <climits>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "core/geo/types.h"
#include "core/model/incident.h"
#include "core/model/map_view.h"
#include "render/incidents/incident_prep.h"

namespace fp {

/// Heatmap kernel: a Gaussian of this standard deviation in logical pixels (times the view's pixelRatio),
/// gridded in cells of kHeatCellLogicalPx, so a heatmap looks the same at any dpi.
inline constexpr float kHeatSigmaLogicalPx = 9.f;
inline constexpr float kHeatCellLogicalPx = 3.f;
/// Hexagonal bins: centre-to-corner radius in logical pixels.
inline constexpr float kHexRadiusLogicalPx = 18.f;

/// One incident as density drawing needs it (16 bytes); its category and fatalities stay in the store.
struct DensityPoint {
    float x = 0.f, y = 0.f;      ///< map units from DensityPoints::origin
    int32_t start = 0, end = 0;  ///< covered span as IncidentInstance::start and ::end
};

/// The drawn incidents of one IncidentPrep in the store's start-time order, with two running bounds that
/// turn any time window into one contiguous range of rows: a window is then a range, as in the store.
struct DensityPoints {
    MapXY origin;  ///< as IncidentPrep::origin
    std::vector<DensityPoint> points;
    std::vector<int32_t> maxEndBefore;   ///< per row, the largest `end` among rows 0..i (non-decreasing)
    std::vector<int32_t> minStartAfter;  ///< per row, the smallest `start` among rows i..n-1 (non-decreasing)
    /// The store the points come from (kept alive), for each point's category and fatalities.
    std::shared_ptr<const IncidentStore> store;
    /// Store row of each point; empty when point i is row i (every incident projected).
    std::vector<uint32_t> rows;

    /// Rows [first, last) outside which no point overlaps [windowStart, windowEnd] (inclusive seconds from
    /// the prep's epochBase): two binary searches.
    std::pair<size_t, size_t> range(int32_t windowStart, int32_t windowEnd) const;
    /// Store row of point i.
    uint32_t rowOf(size_t i) const { return rows.empty() ? static_cast<uint32_t>(i) : rows[i]; }
    /// Point i's category index in the store.
    uint16_t category(size_t i) const { return store->categoryIndex()[rowOf(i)]; }
    /// Point i's reported fatalities; 0 when not reported.
    float fatalities(size_t i) const;
    size_t memoryBytes() const;
};

/// Collects `prep`'s drawn incidents of `store` in store order (O(n), once per data and CRS).
DensityPoints buildDensityPoints(const IncidentPrep& prep, std::shared_ptr<const IncidentStore> store);
/// The same points without a full preparation: from prepareIncidentFrame's projected positions and the
/// `frame` it filled (O(n), once per data and CRS).
DensityPoints buildDensityPoints(std::shared_ptr<const IncidentStore> store,
                                 const std::vector<MapXY>& projected, const IncidentPrep& frame);

/// Which points count, and how much.
struct DensityFilter {
    int32_t windowStart = INT32_MIN;  ///< first second counted (inclusive), from the epochBase
    int32_t windowEnd = INT32_MAX;    ///< last second counted (inclusive)
    const std::vector<uint8_t>* categoryVisible = nullptr;  ///< per category, 1 when shown; null: all
    bool weightByFatalities = false;                        ///< weigh each by its fatalities instead of 1
};

/// A heatmap's kernel density on a grid of cells over the view: values are weight per cell area (incidents
/// or fatalities per cellPx x cellPx pixels), rows from the top.
struct HeatGrid {
    int cols = 0, rows = 0;
    float cellPx = 1.f;  ///< cell side, physical pixels
    std::vector<float> values;
    float maxValue = 0.f;  ///< the largest value; 0 when nothing is in view
    size_t counted = 0;    ///< points that fell within the kernel's reach of the view
};

/// The view's heat grid: the filtered points in the window's row range, splatted bilinearly into cells and
/// smoothed by a separable Gaussian (kHeatSigmaLogicalPx). O(points in the window + cells).
HeatGrid computeHeatGrid(const DensityPoints& points, const DensityFilter& filter, const MapView& view);

/// One occupied hexagon.
struct HexBin {
    float x = 0.f, y = 0.f;  ///< centre, physical pixels from the view's top-left
    float value = 0.f;       ///< incidents (or fatalities) in it
    uint32_t count = 0;      ///< incidents in it
};

/// Hexagonal bins over the view: pointy-top hexagons of kHexRadiusLogicalPx, anchored to the map's origin
/// so that panning does not move them. Only bins with at least one incident are listed.
struct HexBins {
    float radiusPx = 1.f;  ///< centre-to-corner, physical pixels
    std::vector<HexBin> bins;
    float maxValue = 0.f;
};

/// Bins the filtered points of the window's row range that lie within a hexagon of the view.
/// O(points in the window + hexagons on screen).
HexBins binHexagons(const DensityPoints& points, const DensityFilter& filter, const MapView& view);

}  // namespace fp
