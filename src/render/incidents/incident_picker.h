#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "core/geo/types.h"
#include "render/incidents/incident_prep.h"

namespace fp {

/// Which incidents of a layer are shown, as the GPU filters them: by category and by time.
struct IncidentFilter {
    /// Indexed by IncidentStore category index: 0 hides the category. Empty shows every category.
    std::vector<uint8_t> categoryVisible;
    /// Seconds from IncidentPrep::epochBase, inclusive; incidents whose [start, end] (their covered span, see
    /// IncidentInstance) misses this window are hidden.
    int32_t windowStart = std::numeric_limits<int32_t>::min();
    int32_t windowEnd = std::numeric_limits<int32_t>::max();

    bool shows(const IncidentInstance& i) const {
        return (categoryVisible.empty() ||
                (i.category < categoryVisible.size() && categoryVisible[i.category] != 0)) &&
               i.end >= windowStart && i.start <= windowEnd;
    }
};

/// Where a pointer is and how markers are sized on screen, for a hit test.
struct IncidentPickQuery {
    MapXY point;                         ///< the pointer, absolute map units
    double unitsPerPixel = 1.0;          ///< map units per physical pixel
    float minDiameterPx = 12.f;          ///< marker diameter of size class 0, physical pixels (scale applied)
    float maxDiameterPx = 32.f;          ///< of the largest size class
    float slopPx = 3.f;                  ///< extra reach around each marker, physical pixels
    uint32_t spreadGroup = kNoIncident;  ///< group drawn spread apart (its members are tested there)
    float spreadSpacingPx = 20.f;        ///< spacing passed to spiderOffset for that group
    size_t maxHits = 64;
};

struct IncidentPickHit {
    uint32_t instance = kNoIncident;
    uint32_t storeIndex = kNoIncident;
    uint32_t group = kNoIncident;
    uint32_t groupSize = 1;
    bool spread = false;     ///< hit at its spread position
    float distancePx = 0.f;  ///< from the pointer to the marker's centre
};

struct IncidentPickResult {
    std::vector<IncidentPickHit> hits;  ///< nearest first; topmost first among equals; at most maxHits
    size_t total = 0;                   ///< all hits, also those beyond maxHits
};

/// Marker diameter of `sizeClass` between the query's min and max (see IncidentStyleSheet::markerDiameterPx).
float pickDiameterPx(const IncidentPickQuery& q, int sizeClass);

/// The shown incidents whose marker (plus slop) lies under the pointer. Uses the preparation's grid: the cost
/// is the grid cells within reach of the largest marker plus the markers in them, independent of the
/// layer's size at a given zoom. A spread group's members are tested at their spread positions only.
IncidentPickResult pickIncidents(const IncidentPrep& prep, const IncidentFilter& filter,
                                 const IncidentPickQuery& q);

}  // namespace fp
