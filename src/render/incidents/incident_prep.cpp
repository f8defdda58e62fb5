#include "render/incidents/incident_prep.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "core/model/incident_style_sheet.h"
#include "core/proj/geodesic.h"
#include "render/incidents/incident_layout.h"

namespace fp {

namespace {

constexpr double kMetresPerDegree = 111320.0;
constexpr double kPi = 3.14159265358979323846;

int32_t relativeSeconds(int64_t t, int64_t base) {
    const int64_t d = t - base;
    return static_cast<int32_t>(
        std::clamp<int64_t>(d, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()));
}

/// Groups lon/lat points lying within kGroupToleranceMetres of a group's first point, scanning a hash grid
/// of tolerance-sized cells (rows of latitude, columns widened by 1/cos(lat)) and the 3x3 cells around.
class PlaceGrouper {
public:
    uint32_t assign(LonLat p) {
        const int64_t row = static_cast<int64_t>(std::floor(p.lat / m_dLat));
        uint32_t best = kNoIncident;
        double bestDist = kGroupToleranceMetres * kGroupToleranceMetres;
        const double cosLat = std::max(std::cos(p.lat * kPi / 180.0), 1e-6);
        for (int64_t r = row - 1; r <= row + 1; ++r) {
            const double dLon = lonStep(r);
            const int64_t col = static_cast<int64_t>(std::floor(p.lon / dLon));
            for (int64_t c = col - 1; c <= col + 1; ++c) {
                auto it = m_cells.find(key(r, c));
                if (it == m_cells.end()) continue;
                for (uint32_t g = it->second; g != kNoIncident; g = m_next[g]) {
                    const double dx = (p.lon - m_seeds[g].lon) * cosLat * kMetresPerDegree;
                    const double dy = (p.lat - m_seeds[g].lat) * kMetresPerDegree;
                    const double d = dx * dx + dy * dy;
                    if (d <= bestDist) {
                        bestDist = d;
                        best = g;
                    }
                }
            }
        }
        if (best != kNoIncident) return best;
        const uint32_t g = static_cast<uint32_t>(m_seeds.size());
        m_seeds.push_back(p);
        const int64_t col = static_cast<int64_t>(std::floor(p.lon / lonStep(row)));
        auto [it, inserted] = m_cells.try_emplace(key(row, col), g);
        m_next.push_back(inserted ? kNoIncident : it->second);
        it->second = g;
        return g;
    }
    size_t groupCount() const { return m_seeds.size(); }

private:
    double lonStep(int64_t row) const {
        const double lat = std::clamp((static_cast<double>(row) + 0.5) * m_dLat, -89.9, 89.9);
        return m_dLat / std::max(std::cos(lat * kPi / 180.0), 1e-3);
    }
    static uint64_t key(int64_t row, int64_t col) {
        return (static_cast<uint64_t>(row) << 32) ^ (static_cast<uint64_t>(col) & 0xffffffffu);
    }

    const double m_dLat = kGroupToleranceMetres / kMetresPerDegree;
    std::unordered_map<uint64_t, uint32_t> m_cells;  // cell -> most recent group seeded in it
    std::vector<uint32_t> m_next;                    // group -> previous group seeded in the same cell
    std::vector<LonLat> m_seeds;
};

/// Half-axes in map units of the ground disc of `metres` around `centre` (see UncertaintyInstance).
bool ringRadii(LonLat centre, double metres, const MapProjection& projection, float& rx, float& ry) {
    const MapXY c = projection.project(centre);
    if (!isFinite(c)) return false;
    double sum[2] = {0.0, 0.0};
    int n[2] = {0, 0};
    for (int k = 0; k < 4; ++k) {
        const MapXY p = projection.project(geodesicDestination(centre, 90.0 * k, metres));
        if (!isFinite(p)) continue;
        const int axis = (k % 2 == 0) ? 1 : 0;  // north/south set the y half-axis, east/west the x one
        sum[axis] += std::hypot(p.x - c.x, p.y - c.y);
        ++n[axis];
    }
    if (n[0] == 0 && n[1] == 0) return false;
    const double x = n[0] ? sum[0] / n[0] : sum[1] / n[1];
    const double y = n[1] ? sum[1] / n[1] : x;
    rx = static_cast<float>(x);
    ry = static_cast<float>(y);
    return true;
}

}  // namespace

size_t IncidentPrep::memoryBytes() const {
    return instances.capacity() * sizeof(IncidentInstance) + storeIndex.capacity() * 4 +
           instanceOf.capacity() * 4 + rings.capacity() * sizeof(UncertaintyInstance) +
           groups.capacity() * sizeof(IncidentGroup) + groupMembers.capacity() * 4 +
           groupCategories.capacity() * sizeof(GroupCategoryCount) + groupStarts.capacity() * 4 +
           groupEnds.capacity() * 4 + memberStarts.capacity() * 4 + memberEnds.capacity() * 4 +
           markerGrid.memoryBytes() + groupGrid.memoryBytes();
}

IncidentPrep prepareIncidents(const IncidentStore& store, const MapProjection& projection) {
    IncidentPrep prep;
    const size_t n = store.size();
    prep.instanceOf.assign(n, kNoIncident);
    if (n == 0) return prep;
    prep.epochBase = store.startSeconds().front();

    const auto& lon = store.lon();
    const auto& lat = store.lat();
    std::vector<MapXY> projected(n);
    for (size_t i = 0; i < n; ++i) {
        const LonLat ll{lon[i], lat[i]};
        projected[i] =
            isValidLonLat(ll) ? MapXY{ll.lon, ll.lat} : MapXY{std::numeric_limits<double>::infinity(), 0.0};
    }
    projection.projectInPlace(projected);
    std::vector<uint32_t> rows;  // store rows that are drawn
    rows.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        if (!isFinite(projected[i])) {
            ++prep.projectionFailures;
            continue;
        }
        rows.push_back(static_cast<uint32_t>(i));
        prep.extent.extend(projected[i].x, projected[i].y);
    }
    if (rows.empty()) return prep;
    prep.origin = {prep.extent.centerX(), prep.extent.centerY()};

    // Groups, then each group's members in store (time) order.
    PlaceGrouper grouper;
    std::vector<uint32_t> groupOfRow(n, kNoIncident);
    for (uint32_t row : rows) groupOfRow[row] = grouper.assign({lon[row], lat[row]});
    const size_t groupCount = grouper.groupCount();
    prep.groups.resize(groupCount);
    for (uint32_t row : rows) ++prep.groups[groupOfRow[row]].count;
    uint32_t offset = 0;
    for (IncidentGroup& g : prep.groups) {
        g.firstMember = offset;
        offset += g.count;
        g.count = 0;
    }
    std::vector<uint32_t> memberRows(rows.size());
    for (uint32_t row : rows) {
        IncidentGroup& g = prep.groups[groupOfRow[row]];
        memberRows[g.firstMember + g.count++] = row;
    }

    // Drawing order: size class descending, stable in store order.
    const auto& fatalities = store.fatalities();
    const auto& injured = store.injured();
    std::vector<uint8_t> sizeClass(n, 0);
    for (uint32_t row : rows) sizeClass[row] = markerSizeClass(fatalities[row], injured[row]);
    std::vector<uint32_t> order = rows;
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return sizeClass[a] > sizeClass[b]; });
    prep.storeIndex = order;
    for (uint32_t k = 0; k < order.size(); ++k) prep.instanceOf[order[k]] = k;

    const auto& start = store.startSeconds();
    const auto& end = store.endSeconds();
    const auto& category = store.categoryIndex();
    const auto& precision = store.locationPrecision();
    const auto& timePrecision = store.timePrecision();
    prep.instances.resize(order.size());
    prep.groupMembers.resize(rows.size());
    for (uint32_t gi = 0; gi < groupCount; ++gi) {
        IncidentGroup& g = prep.groups[gi];
        for (uint32_t r = 0; r < g.count; ++r) {
            const uint32_t row = memberRows[g.firstMember + r];
            const uint32_t k = prep.instanceOf[row];
            prep.groupMembers[g.firstMember + r] = k;
            IncidentInstance& inst = prep.instances[k];
            inst.x = static_cast<float>(projected[row].x - prep.origin.x);
            inst.y = static_cast<float>(projected[row].y - prep.origin.y);
            // The span the incident really covers at its time precision, as an inclusive last second.
            const TimeSpan covered = coveredSpan(TimePoint{start[row]}, TimePoint{end[row]},
                                                 static_cast<TimePrecision>(timePrecision[row]));
            inst.start = relativeSeconds(covered.begin.seconds, prep.epochBase);
            inst.end = relativeSeconds(covered.end.seconds - 1, prep.epochBase);
            inst.group = gi;
            inst.category = category[row];
            inst.rank = static_cast<uint16_t>(std::min<uint32_t>(r, 0xffff));
            inst.groupSize = static_cast<uint16_t>(std::min<uint32_t>(g.count, 0xffff));
            inst.precision = static_cast<uint8_t>(std::clamp<int>(precision[row], 1, 3));
            inst.sizeClass = sizeClass[row];
        }
        const uint32_t seed = memberRows[g.firstMember];
        g.x = projected[seed].x - prep.origin.x;
        g.y = projected[seed].y - prep.origin.y;
        if (g.count < 2) continue;
        g.firstCategory = static_cast<uint32_t>(prep.groupCategories.size());
        for (uint32_t r = 0; r < g.count; ++r) {
            const uint16_t c = category[memberRows[g.firstMember + r]];
            auto begin = prep.groupCategories.begin() + g.firstCategory;
            auto found = std::find_if(begin, prep.groupCategories.end(),
                                      [&](const GroupCategoryCount& e) { return e.category == c; });
            if (found != prep.groupCategories.end())
                ++found->count;
            else
                prep.groupCategories.push_back({c, 1, 0});
        }
        g.categoryCount = static_cast<uint32_t>(prep.groupCategories.size()) - g.firstCategory;
        // Each category's member times, sorted, for counting those in a window (see collectBadges).
        const uint32_t timeBase = static_cast<uint32_t>(prep.groupStarts.size());
        uint32_t next = timeBase;
        for (uint32_t k = g.firstCategory; k < g.firstCategory + g.categoryCount; ++k) {
            prep.groupCategories[k].firstTime = next;
            next += prep.groupCategories[k].count;
        }
        prep.groupStarts.resize(next);
        prep.groupEnds.resize(next);
        std::vector<uint32_t> filled(g.categoryCount, 0);
        for (uint32_t r = 0; r < g.count; ++r) {
            const IncidentInstance& inst = prep.instances[prep.groupMembers[g.firstMember + r]];
            uint32_t k = g.firstCategory;
            while (prep.groupCategories[k].category != inst.category) ++k;
            const uint32_t at = prep.groupCategories[k].firstTime + filled[k - g.firstCategory]++;
            prep.groupStarts[at] = inst.start;
            prep.groupEnds[at] = inst.end;
        }
        for (uint32_t k = g.firstCategory; k < g.firstCategory + g.categoryCount; ++k) {
            const GroupCategoryCount& c = prep.groupCategories[k];
            std::sort(prep.groupStarts.begin() + c.firstTime,
                      prep.groupStarts.begin() + c.firstTime + c.count);
            std::sort(prep.groupEnds.begin() + c.firstTime, prep.groupEnds.begin() + c.firstTime + c.count);
        }
        // And all members' times, for the usual case of every category shown.
        prep.memberStarts.resize(prep.groupMembers.size());
        prep.memberEnds.resize(prep.groupMembers.size());
        for (uint32_t r = 0; r < g.count; ++r) {
            const IncidentInstance& inst = prep.instances[prep.groupMembers[g.firstMember + r]];
            prep.memberStarts[g.firstMember + r] = inst.start;
            prep.memberEnds[g.firstMember + r] = inst.end;
        }
        std::sort(prep.memberStarts.begin() + g.firstMember,
                  prep.memberStarts.begin() + g.firstMember + g.count);
        std::sort(prep.memberEnds.begin() + g.firstMember, prep.memberEnds.begin() + g.firstMember + g.count);
    }

    // Uncertainty discs: the local scale is the same for every member of a group, so it is measured once
    // per group and precision.
    std::unordered_map<uint64_t, std::pair<float, float>> radii;
    for (uint32_t k = 0; k < prep.instances.size(); ++k) {
        const IncidentInstance& inst = prep.instances[k];
        const double metres = uncertaintyRadiusMetres(static_cast<LocationPrecision>(inst.precision));
        if (metres <= 0.0) continue;
        const uint64_t key = (static_cast<uint64_t>(inst.group) << 2) | inst.precision;
        auto it = radii.find(key);
        if (it == radii.end()) {
            const uint32_t seed = memberRows[prep.groups[inst.group].firstMember];
            float rx = 0.f, ry = 0.f;
            if (!ringRadii({lon[seed], lat[seed]}, metres, projection, rx, ry)) rx = ry = 0.f;
            it = radii.emplace(key, std::make_pair(rx, ry)).first;
        }
        if (it->second.first <= 0.f) continue;
        prep.rings.push_back({inst.x, inst.y, it->second.first, it->second.second, inst.start, inst.end,
                              inst.category, inst.precision});
    }
    // Larger discs first, so smaller ones are not buried under them.
    std::stable_sort(prep.rings.begin(), prep.rings.end(), [](const auto& a, const auto& b) {
        return a.radiusX * a.radiusY > b.radiusX * b.radiusY;
    });

    std::vector<MapXY> points(prep.instances.size());
    for (size_t k = 0; k < points.size(); ++k) points[k] = {prep.instances[k].x, prep.instances[k].y};
    prep.markerGrid.build(points);
    std::vector<MapXY> groupPoints(groupCount, MapXY{std::numeric_limits<double>::infinity(), 0.0});
    for (uint32_t gi = 0; gi < groupCount; ++gi) {
        const IncidentGroup& g = prep.groups[gi];
        if (g.count >= 2) {
            groupPoints[gi] = {g.x, g.y};
            prep.largestGroups.push_back(gi);
        }
    }
    prep.groupGrid.build(groupPoints, 2.0);
    std::stable_sort(prep.largestGroups.begin(), prep.largestGroups.end(),
                     [&](uint32_t a, uint32_t b) { return prep.groups[a].count > prep.groups[b].count; });
    if (prep.largestGroups.size() > 256) prep.largestGroups.resize(256);
    return prep;
}

}  // namespace fp
