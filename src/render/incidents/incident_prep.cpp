// prepareIncidents in steps: project, group places, choose the drawing order, fill the instances, count the
// groups' categories, measure the discs, index. Each step is O(n) or O(n log n) in the incidents and the
// wide ones run on two threads.
#include "render/incidents/incident_prep.h"

#include <algorithm>
#include <cmath>
#include <future>
#include <limits>
#include <thread>

#include "core/model/incident_style_sheet.h"
#include "render/incidents/incident_prep_steps.h"

namespace fp {

namespace {

// Below this many items a second thread costs more than it saves.
constexpr size_t kParallelMin = 32768;

int32_t relativeSeconds(int64_t t, int64_t base) {
    const int64_t d = t - base;
    return static_cast<int32_t>(
        std::clamp<int64_t>(d, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()));
}

/// Projects every valid lon/lat (in two halves on two threads for large stores, one MapProjection each:
/// PROJ objects must not be shared); invalid or unprojectable ones come back non-finite.
std::vector<MapXY> projectAll(const IncidentStore& store, const MapProjection& projection) {
    const size_t n = store.size();
    std::vector<MapXY> projected(n);
    const auto& lon = store.lon();
    const auto& lat = store.lat();
    for (size_t i = 0; i < n; ++i) {
        const LonLat ll{lon[i], lat[i]};
        projected[i] =
            isValidLonLat(ll) ? MapXY{ll.lon, ll.lat} : MapXY{std::numeric_limits<double>::infinity(), 0.0};
    }
    if (n < kParallelMin) {
        projection.projectInPlace(projected);
        return projected;
    }
    // Each half in place, the second on its own thread with its own MapProjection.
    const size_t half = n / 2;
    auto second = std::async(std::launch::async, [&projected, half, crs = projection.crs()] {
        MapXY* part = projected.data() + half;
        const size_t count = projected.size() - half;
        auto local = MapProjection::create(crs);
        if (!local)
            std::fill(part, part + count, MapXY{std::numeric_limits<double>::infinity(), 0.0});
        else
            local->projectInPlace(part, count);
    });
    projection.projectInPlace(projected.data(), half);
    second.get();
    return projected;
}

/// Store rows that project, the extent and origin; counts the others as failures.
std::vector<uint32_t> drawnRows(const std::vector<MapXY>& projected, IncidentPrep& prep) {
    std::vector<uint32_t> rows;
    rows.reserve(projected.size());
    for (size_t i = 0; i < projected.size(); ++i) {
        if (!isFinite(projected[i])) {
            ++prep.projectionFailures;
            continue;
        }
        rows.push_back(static_cast<uint32_t>(i));
        prep.extent.extend(projected[i].x, projected[i].y);
    }
    if (!rows.empty()) prep.origin = {prep.extent.centerX(), prep.extent.centerY()};
    return rows;
}

}  // namespace

void runInParallel(size_t count, const std::function<void(size_t, size_t)>& work) {
    if (count < kParallelMin || std::thread::hardware_concurrency() < 2) {
        work(0, count);
        return;
    }
    const size_t half = count / 2;
    auto second = std::async(std::launch::async, [&] { work(half, count); });
    work(0, half);
    second.get();
}

InstanceTimes instanceTimes(const IncidentStore& store, uint32_t row, int64_t epochBase) {
    // The span the incident really covers at its time precision, as an inclusive last second.
    const TimeSpan covered =
        coveredSpan(TimePoint{store.startSeconds()[row]}, TimePoint{store.endSeconds()[row]},
                    static_cast<TimePrecision>(store.timePrecision()[row]));
    return {relativeSeconds(covered.begin.seconds, epochBase),
            relativeSeconds(covered.end.seconds - 1, epochBase)};
}

size_t IncidentPrep::memoryBytes() const {
    return instances.capacity() * sizeof(IncidentInstance) + storeIndex.capacity() * 4 +
           instanceOf.capacity() * 4 + rings.capacity() * sizeof(UncertaintyInstance) +
           groups.capacity() * sizeof(IncidentGroup) + groupMembers.capacity() * 4 +
           groupCategories.capacity() * sizeof(GroupCategoryCount) + groupStarts.capacity() * 4 +
           groupEnds.capacity() * 4 + memberStarts.capacity() * 4 + memberEnds.capacity() * 4 +
           markerGrid.memoryBytes() + groupGrid.memoryBytes() + markerRanges.memoryBytes() +
           ringRanges.memoryBytes();
}

std::vector<MapXY> prepareIncidentFrame(const IncidentStore& store, const MapProjection& projection,
                                        IncidentPrep& prep, std::vector<uint32_t>* rows) {
    if (store.empty()) return {};
    prep.epochBase = store.startSeconds().front();
    std::vector<MapXY> projected = projectAll(store, projection);
    std::vector<uint32_t> drawn = drawnRows(projected, prep);
    if (rows) *rows = std::move(drawn);
    return projected;
}

IncidentPrep prepareIncidents(const IncidentStore& store, const MapProjection& projection) {
    IncidentPrep prep;
    prep.instanceOf.assign(store.size(), kNoIncident);
    std::vector<uint32_t> rows;
    const std::vector<MapXY> projected = prepareIncidentFrame(store, projection, prep, &rows);
    if (rows.empty()) return prep;
    const std::vector<uint32_t> memberRows = groupPlaces(store, rows, prep);
    const std::vector<uint32_t> runEnds = chooseDrawingOrder(store, projected, rows, prep);
    fillInstances(store, projected, memberRows, prep);
    countGroupCategories(store, memberRows, prep);
    const std::vector<uint32_t> ringRunEnds = measureDiscs(store, memberRows, projection, prep);
    indexInstances(runEnds, ringRunEnds, prep);
    return prep;
}

}  // namespace fp
