#pragma once

#include <cstdint>
#include <vector>

#include "core/geo/types.h"
#include "core/model/incident.h"
#include "core/proj/crs.h"
#include "render/incidents/instance_ranges.h"
#include "render/incidents/point_grid.h"

namespace fp {

inline constexpr uint32_t kNoIncident = 0xffffffffu;

/// One marker as uploaded to the GPU (28 bytes, one instance each). The VAO in incident_drawer.cpp and
/// shaders/incident_marker.vert follow this layout.
struct IncidentInstance {
    float x = 0.f, y = 0.f;  ///< projected position minus IncidentPrep::origin, map units
    int32_t start = 0;       ///< begin of coveredSpan(), seconds from IncidentPrep::epochBase (clamped)
    int32_t end = 0;         ///< last second of coveredSpan() (its end - 1), same base
    uint32_t group = 0;      ///< index into IncidentPrep::groups
    uint16_t category = 0;   ///< IncidentStore::categoryIndex()
    uint16_t rank = 0;       ///< place within its group, for the spread (spider) layout
    uint16_t groupSize = 1;  ///< members of its group (saturated at 65535)
    uint8_t precision = 1;   ///< LocationPrecision: 1 exact, 2 near, 3 region
    uint8_t sizeClass = 0;   ///< markerSizeClass(fatalities, injured)
};
static_assert(sizeof(IncidentInstance) == 28);

/// One ground uncertainty disc (location precision 2 and 3), as uploaded (28 bytes).
///
/// The radius is geodesically right at any zoom: at preparation time the points uncertaintyRadiusMetres(p)
/// away along the ellipsoid towards north, east, south and west (geodesicDestination) are projected into the
/// map CRS, and the disc is the axis-aligned ellipse through them: radiusX is the mean map distance of the
/// east and west points from the centre, radiusY that of north and south. In map units the disc then scales
/// with the view like the boundaries do, so it always covers the same ground. This is exact for conformal
/// maps (UTM, Web Mercator: a small ground circle is a circle there, and the local scale factor is included)
/// and for plate carree (EPSG:4326: a circle of latitude-dependent aspect); elsewhere the error is the
/// projection's local shear over the radius, negligible at these radii.
struct UncertaintyInstance {
    float x = 0.f, y = 0.f;              ///< centre, map units from IncidentPrep::origin
    float radiusX = 0.f, radiusY = 0.f;  ///< half-axes, map units
    int32_t start = 0, end = 0;          ///< as IncidentInstance
    uint16_t category = 0;
    uint16_t precision = 2;
};
static_assert(sizeof(UncertaintyInstance) == 28);

/// Incidents at (nearly) the same place: within kGroupToleranceMetres of the first one.
struct IncidentGroup {
    float x = 0.f, y = 0.f;      ///< map units from IncidentPrep::origin (the first member's position)
    uint32_t firstMember = 0;    ///< into IncidentPrep::groupMembers
    uint32_t count = 0;          ///< members, in rank order
    uint32_t firstCategory = 0;  ///< into IncidentPrep::groupCategories (multi-member groups only)
    uint32_t categoryCount = 0;  ///< distinct categories among the members
    uint32_t firstTime = 0;  ///< into IncidentPrep::memberStarts and memberEnds (multi-member groups only)
};

/// How many members of a group have one category (so a badge can count visible categories in O(categories)),
/// and where their times lie, sorted, so that it can count those in a time window by binary search.
struct GroupCategoryCount {
    uint16_t category = 0;
    uint32_t count = 0;
    uint32_t firstTime = 0;  ///< into IncidentPrep::groupStarts and groupEnds, `count` entries each
};

/// Everything the incident renderer and picker need for one IncidentStore in one map CRS, computed once
/// (on a worker thread) and then only read: GPU-ready instances, groups and spatial grids.
struct IncidentPrep {
    MapXY origin;           ///< map position the float instance coordinates are relative to
    MapBBox extent;         ///< of the drawn markers, absolute map units
    int64_t epochBase = 0;  ///< seconds since 1970 that instance times are relative to

    /// Drawing order: larger size classes first, so small markers stay visible on top of large ones; within
    /// a size class longer spans first, then by time and place (see chooseDrawingOrder).
    std::vector<IncidentInstance> instances;
    std::vector<uint32_t> storeIndex;  ///< instance -> IncidentStore row
    std::vector<uint32_t> instanceOf;  ///< IncidentStore row -> instance, kNoIncident when not drawn
    std::vector<UncertaintyInstance> rings;

    std::vector<IncidentGroup> groups;
    std::vector<uint32_t> groupMembers;  ///< instance indices, each group's in rank (time) order
    std::vector<GroupCategoryCount> groupCategories;
    /// Per GroupCategoryCount, its members' IncidentInstance::start and ::end, each range sorted ascending.
    std::vector<int32_t> groupStarts, groupEnds;
    /// Per multi-member group, all its members' starts and ends, each sorted ascending, at
    /// [firstTime, firstTime + count) (single members have none).
    std::vector<int32_t> memberStarts, memberEnds;
    std::vector<uint32_t> largestGroups;  ///< multi-member groups, most members first (at most 256)

    PointGrid markerGrid;  ///< instance positions (relative), ids are instance indices
    PointGrid groupGrid;   ///< multi-member group positions (relative), ids are group indices
    /// Which parts of the instance and disc buffers a time window and a view need (see InstanceRanges).
    InstanceRanges markerRanges, ringRanges;

    size_t projectionFailures = 0;  ///< incidents outside the CRS's domain: not drawn

    /// Absolute map position of an instance.
    MapXY position(uint32_t instance) const {
        return {origin.x + instances[instance].x, origin.y + instances[instance].y};
    }
    size_t memoryBytes() const;
};

/// The first step of prepareIncidents alone, what every drawing style needs: sets prep.origin, extent,
/// epochBase and projectionFailures exactly as prepareIncidents does (nothing else) and returns every store
/// row's projected position (non-finite when it is not drawn); `rows`, when given, receives the drawn rows.
/// O(n), the projection on two threads for large stores.
std::vector<MapXY> prepareIncidentFrame(const IncidentStore& store, const MapProjection& projection,
                                        IncidentPrep& prep, std::vector<uint32_t>* rows = nullptr);

/// Projects, groups and packs `store` for drawing in `projection`'s CRS. Incidents that do not project are
/// left out and counted. Cost: O(n log n), on two threads for large stores, plus four geodesic points per
/// group with approximate locations; no allocation per incident.
IncidentPrep prepareIncidents(const IncidentStore& store, const MapProjection& projection);

}  // namespace fp
