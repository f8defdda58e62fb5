#pragma once
// The steps of prepareIncidents (incident_prep.cpp), in the order it runs them; internal to
// src/render/incidents.

#include <cstdint>
#include <functional>
#include <vector>

#include "render/incidents/incident_prep.h"

namespace fp {

/// Calls work(begin, end) over [0, count): split in two halves on two threads when count is large enough to
/// pay for it, else once on this thread. `work` must only write what its own range owns.
void runInParallel(size_t count, const std::function<void(size_t, size_t)>& work);

/// An incident's covered span (coveredSpan() at its time precision) as IncidentInstance::start and ::end.
struct InstanceTimes {
    int32_t start = 0, end = 0;
};
InstanceTimes instanceTimes(const IncidentStore& store, uint32_t row, int64_t epochBase);

/// Groups the drawn `rows` by place (kGroupToleranceMetres of a group's first member, in store order) into
/// prep.groups (count, firstMember) and returns every group's member rows, group after group, each in store
/// order: memberRows[g.firstMember + rank].
std::vector<uint32_t> groupPlaces(const IncidentStore& store, const std::vector<uint32_t>& rows,
                                  IncidentPrep& prep);

/// Fills prep.storeIndex and prep.instanceOf with the drawing order and returns the end of each run of one
/// drawing rank (see InstanceRanges): larger size classes first; within one, incidents spanning longer first;
/// within those, by day of their covered begin, then along a Z-order curve over the extent, so a run's blocks
/// are compact in time and on the map.
std::vector<uint32_t> chooseDrawingOrder(const IncidentStore& store, const std::vector<MapXY>& projected,
                                         const std::vector<uint32_t>& rows, IncidentPrep& prep);

/// Writes prep.instances (positions, covered times, group, rank, category, classes) and prep.groupMembers,
/// and the groups' positions.
void fillInstances(const IncidentStore& store, const std::vector<MapXY>& projected,
                   const std::vector<uint32_t>& memberRows, IncidentPrep& prep);

/// Per multi-member group: its categories with their sorted member times (prep.groupCategories,
/// groupStarts, groupEnds), all members' sorted times (memberStarts, memberEnds), and prep.largestGroups.
void countGroupCategories(const IncidentStore& store, const std::vector<uint32_t>& memberRows,
                          IncidentPrep& prep);

/// Builds prep.rings (one per instance with an approximate location, radii measured once per group and
/// precision) in their drawing order and returns the ends of their runs: wider precision first, then as
/// markers are ordered.
std::vector<uint32_t> measureDiscs(const IncidentStore& store, const std::vector<uint32_t>& memberRows,
                                   const MapProjection& projection, IncidentPrep& prep);

/// Builds the grids (picking, badges) and the time-and-view ranges of markers and discs.
void indexInstances(const std::vector<uint32_t>& markerRunEnds, const std::vector<uint32_t>& ringRunEnds,
                    IncidentPrep& prep);

/// Drawing rank of a span: 0 for at most two days, up to kSpanLevels - 1 for more than a year. Runs of one
/// rank keep the lag of InstanceRanges' time bounds under the rank's longest span.
inline constexpr int kSpanLevels = 5;
int spanLevel(int32_t start, int32_t end);

}  // namespace fp
