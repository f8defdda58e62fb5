// prepareIncidents' drawing order, instances, discs and indexes.
#include <algorithm>
#include <cmath>
#include <future>

#include "core/model/incident_style_sheet.h"
#include "core/proj/geodesic.h"
#include "render/incidents/incident_prep_steps.h"

namespace fp {

namespace {

/// Sort key of an instance within everything drawn: its rank (most significant), the day of its covered
/// begin, then its place along a Z-order curve.
struct OrderKey {
    uint64_t key = 0;
    uint32_t index = 0;  // store row (markers) or instance (discs): ties keep that order
    bool operator<(const OrderKey& o) const { return key != o.key ? key < o.key : index < o.index; }
};

/// Interleaves the bits of two 16-bit numbers (x in the even bits).
uint32_t interleave(uint32_t x, uint32_t y) {
    auto spread = [](uint32_t v) {
        v = (v | (v << 8)) & 0x00ff00ffu;
        v = (v | (v << 4)) & 0x0f0f0f0fu;
        v = (v | (v << 2)) & 0x33333333u;
        return (v | (v << 1)) & 0x55555555u;
    };
    return spread(x & 0xffffu) | (spread(y & 0xffffu) << 1);
}

/// Builds OrderKey::key from a rank (< 128), a relative covered begin and a relative position.
class KeyMaker {
public:
    explicit KeyMaker(const IncidentPrep& prep)
        : m_minX(prep.extent.minX - prep.origin.x),
          m_minY(prep.extent.minY - prep.origin.y),
          m_scaleX(65535.0 / std::max(prep.extent.width(), 1e-9)),
          m_scaleY(65535.0 / std::max(prep.extent.height(), 1e-9)) {}
    uint64_t operator()(uint32_t rank, int32_t start, double x, double y) const {
        const uint64_t day =
            static_cast<uint64_t>((static_cast<int64_t>(start) + (int64_t{1} << 31)) / kSecondsPerDay);
        const auto cell = [](double v) { return static_cast<uint32_t>(std::clamp(v, 0.0, 65535.0)); };
        const uint32_t z = interleave(cell((x - m_minX) * m_scaleX), cell((y - m_minY) * m_scaleY));
        return (static_cast<uint64_t>(rank) << 56) | (day << 32) | z;
    }

private:
    double m_minX, m_minY, m_scaleX, m_scaleY;
};

/// Sorts `keys` (two halves on two threads, then merged) and returns the end of each run of one rank.
std::vector<uint32_t> sortIntoRuns(std::vector<OrderKey>& keys) {
    const auto middle = keys.begin() + static_cast<ptrdiff_t>(keys.size() / 2);
    runInParallel(keys.size(), [&](size_t begin, size_t end) {
        std::sort(keys.begin() + static_cast<ptrdiff_t>(begin), keys.begin() + static_cast<ptrdiff_t>(end));
    });
    std::inplace_merge(keys.begin(), middle, keys.end());
    std::vector<uint32_t> runEnds;
    for (size_t i = 1; i <= keys.size(); ++i)
        if (i == keys.size() || (keys[i].key >> 56) != (keys[i - 1].key >> 56))
            runEnds.push_back(static_cast<uint32_t>(i));
    return runEnds;
}

/// Half-axes in map units of the ground disc of `metres` around `centre` (see UncertaintyInstance); 0 when it
/// cannot be measured.
std::pair<float, float> ringRadii(LonLat centre, double metres, const MapProjection& projection) {
    const MapXY c = projection.project(centre);
    if (!isFinite(c)) return {0.f, 0.f};
    double sum[2] = {0.0, 0.0};
    int n[2] = {0, 0};
    for (int k = 0; k < 4; ++k) {
        const MapXY p = projection.project(geodesicDestination(centre, 90.0 * k, metres));
        if (!isFinite(p)) continue;
        const int axis = (k % 2 == 0) ? 1 : 0;  // north/south set the y half-axis, east/west the x one
        sum[axis] += std::hypot(p.x - c.x, p.y - c.y);
        ++n[axis];
    }
    if (n[0] == 0 && n[1] == 0) return {0.f, 0.f};
    const double x = n[0] ? sum[0] / n[0] : sum[1] / n[1];
    const double y = n[1] ? sum[1] / n[1] : x;
    return {static_cast<float>(x), static_cast<float>(y)};
}

/// The discs of groups [begin, end): the local scale is the same for every member of a group, so it is
/// measured once per group and precision.
std::vector<UncertaintyInstance> discsOfGroups(const IncidentStore& store,
                                               const std::vector<uint32_t>& memberRows,
                                               const MapProjection& projection, const IncidentPrep& prep,
                                               size_t begin, size_t end) {
    std::vector<UncertaintyInstance> discs;
    for (size_t gi = begin; gi < end; ++gi) {
        const IncidentGroup& g = prep.groups[gi];
        const uint32_t seed = memberRows[g.firstMember];
        std::pair<float, float> radii[4] = {};
        bool measured[4] = {};
        for (uint32_t rank = 0; rank < g.count; ++rank) {
            const IncidentInstance& inst = prep.instances[prep.groupMembers[g.firstMember + rank]];
            const double metres = uncertaintyRadiusMetres(static_cast<LocationPrecision>(inst.precision));
            if (metres <= 0.0) continue;
            if (!measured[inst.precision]) {
                radii[inst.precision] = ringRadii({store.lon()[seed], store.lat()[seed]}, metres, projection);
                measured[inst.precision] = true;
            }
            const auto [rx, ry] = radii[inst.precision];
            if (rx <= 0.f) continue;
            discs.push_back({inst.x, inst.y, rx, ry, inst.start, inst.end, inst.category, inst.precision});
        }
    }
    return discs;
}

}  // namespace

int spanLevel(int32_t start, int32_t end) {
    const int64_t covered = static_cast<int64_t>(end) - start + 1;
    if (covered <= 2 * kSecondsPerDay) return 0;
    if (covered <= 16 * kSecondsPerDay) return 1;
    if (covered <= 64 * kSecondsPerDay) return 2;
    if (covered <= 400 * kSecondsPerDay) return 3;
    return 4;
}

std::vector<uint32_t> chooseDrawingOrder(const IncidentStore& store, const std::vector<MapXY>& projected,
                                         const std::vector<uint32_t>& rows, IncidentPrep& prep) {
    const KeyMaker keyOf(prep);
    std::vector<OrderKey> keys(rows.size());
    runInParallel(rows.size(), [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            const uint32_t row = rows[i];
            const InstanceTimes t = instanceTimes(store, row, prep.epochBase);
            const int sizeClass = markerSizeClass(store.fatalities()[row], store.injured()[row]);
            const uint32_t rank = static_cast<uint32_t>((kMaxSizeClass - sizeClass) * kSpanLevels +
                                                        (kSpanLevels - 1 - spanLevel(t.start, t.end)));
            keys[i] = {
                keyOf(rank, t.start, projected[row].x - prep.origin.x, projected[row].y - prep.origin.y),
                row};
        }
    });
    std::vector<uint32_t> runEnds = sortIntoRuns(keys);
    prep.storeIndex.resize(keys.size());
    for (uint32_t k = 0; k < keys.size(); ++k) {
        prep.storeIndex[k] = keys[k].index;
        prep.instanceOf[keys[k].index] = k;
    }
    return runEnds;
}

void fillInstances(const IncidentStore& store, const std::vector<MapXY>& projected,
                   const std::vector<uint32_t>& memberRows, IncidentPrep& prep) {
    prep.instances.resize(prep.storeIndex.size());
    prep.groupMembers.resize(memberRows.size());
    runInParallel(prep.groups.size(), [&](size_t begin, size_t end) {
        for (size_t gi = begin; gi < end; ++gi) {
            IncidentGroup& g = prep.groups[gi];
            for (uint32_t rank = 0; rank < g.count; ++rank) {
                const uint32_t row = memberRows[g.firstMember + rank];
                const uint32_t k = prep.instanceOf[row];
                prep.groupMembers[g.firstMember + rank] = k;
                IncidentInstance& inst = prep.instances[k];
                inst.x = static_cast<float>(projected[row].x - prep.origin.x);
                inst.y = static_cast<float>(projected[row].y - prep.origin.y);
                const InstanceTimes t = instanceTimes(store, row, prep.epochBase);
                inst.start = t.start;
                inst.end = t.end;
                inst.group = static_cast<uint32_t>(gi);
                inst.category = store.categoryIndex()[row];
                inst.rank = static_cast<uint16_t>(std::min<uint32_t>(rank, 0xffff));
                inst.groupSize = static_cast<uint16_t>(std::min<uint32_t>(g.count, 0xffff));
                inst.precision = static_cast<uint8_t>(std::clamp<int>(store.locationPrecision()[row], 1, 3));
                inst.sizeClass = markerSizeClass(store.fatalities()[row], store.injured()[row]);
            }
            g.x = prep.instances[prep.groupMembers[g.firstMember]].x;
            g.y = prep.instances[prep.groupMembers[g.firstMember]].y;
        }
    });
}

std::vector<uint32_t> measureDiscs(const IncidentStore& store, const std::vector<uint32_t>& memberRows,
                                   const MapProjection& projection, IncidentPrep& prep) {
    const size_t groups = prep.groups.size();
    std::vector<UncertaintyInstance> discs;
    std::vector<UncertaintyInstance> secondHalf;
    runInParallel(groups, [&](size_t begin, size_t end) {
        if (begin == 0) {
            discs = discsOfGroups(store, memberRows, projection, prep, begin, end);
            return;
        }
        // One MapProjection per thread: PROJ objects must not be shared.
        auto local = MapProjection::create(projection.crs());
        if (local) secondHalf = discsOfGroups(store, memberRows, local.value(), prep, begin, end);
    });
    discs.insert(discs.end(), secondHalf.begin(), secondHalf.end());
    // Wider precision (larger discs) first, so smaller ones are not buried under them; then as markers.
    const KeyMaker keyOf(prep);
    std::vector<OrderKey> keys(discs.size());
    for (uint32_t i = 0; i < discs.size(); ++i) {
        const UncertaintyInstance& d = discs[i];
        const uint32_t rank = static_cast<uint32_t>((3 - d.precision) * kSpanLevels +
                                                    (kSpanLevels - 1 - spanLevel(d.start, d.end)));
        keys[i] = {keyOf(rank, d.start, d.x, d.y), i};
    }
    std::vector<uint32_t> runEnds = sortIntoRuns(keys);
    prep.rings.resize(discs.size());
    for (size_t k = 0; k < keys.size(); ++k) prep.rings[k] = discs[keys[k].index];
    return runEnds;
}

void indexInstances(const std::vector<uint32_t>& markerRunEnds, const std::vector<uint32_t>& ringRunEnds,
                    IncidentPrep& prep) {
    std::vector<MapXY> points(prep.instances.size());
    for (size_t k = 0; k < points.size(); ++k) points[k] = {prep.instances[k].x, prep.instances[k].y};
    prep.markerGrid.build(points);
    points.assign(prep.groups.size(), MapXY{std::numeric_limits<double>::infinity(), 0.0});
    for (size_t gi = 0; gi < prep.groups.size(); ++gi)
        if (prep.groups[gi].count >= 2) points[gi] = {prep.groups[gi].x, prep.groups[gi].y};
    prep.groupGrid.build(points, 2.0);

    const auto& instances = prep.instances;
    prep.markerRanges.build(static_cast<uint32_t>(instances.size()), markerRunEnds, [&](uint32_t k) {
        const IncidentInstance& i = instances[k];
        return RangedItem{i.start, i.end, i.x, i.y, i.x, i.y};
    });
    const auto& rings = prep.rings;
    prep.ringRanges.build(static_cast<uint32_t>(rings.size()), ringRunEnds, [&](uint32_t k) {
        const UncertaintyInstance& r = rings[k];
        return RangedItem{r.start, r.end, r.x - r.radiusX, r.y - r.radiusY, r.x + r.radiusX, r.y + r.radiusY};
    });
}

}  // namespace fp
