#include "render/incidents/incident_picker.h"

#include <algorithm>
#include <cmath>

#include "core/model/incident_style_sheet.h"
#include "render/incidents/incident_layout.h"

namespace fp {

float pickDiameterPx(const IncidentPickQuery& q, int sizeClass) {
    const float t = static_cast<float>(std::clamp(sizeClass, 0, kMaxSizeClass)) / kMaxSizeClass;
    return q.minDiameterPx + (q.maxDiameterPx - q.minDiameterPx) * t;
}

IncidentPickResult pickIncidents(const IncidentPrep& prep, const IncidentFilter& filter,
                                 const IncidentPickQuery& q) {
    IncidentPickResult result;
    // Nearest first (in half-pixel steps); at one spot group members in time order, else the marker drawn
    // last (on top) first.
    auto better = [](const IncidentPickHit& a, const IncidentPickHit& b) {
        const int da = static_cast<int>(a.distancePx * 2.f), db = static_cast<int>(b.distancePx * 2.f);
        if (da != db) return da < db;
        if (a.group == b.group) return a.storeIndex < b.storeIndex;
        return a.instance > b.instance;
    };
    const size_t keep = std::max<size_t>(q.maxHits, 1);
    if (prep.instances.empty() || !(q.unitsPerPixel > 0.0)) return result;
    const double upp = q.unitsPerPixel;
    // The pointer relative to the origin, in pixels (y up, like the instances).
    const double px = (q.point.x - prep.origin.x) / upp;
    const double py = (q.point.y - prep.origin.y) / upp;

    auto consider = [&](uint32_t k, double cx, double cy, bool spread) {
        const IncidentInstance& inst = prep.instances[k];
        const double reach = 0.5 * pickDiameterPx(q, inst.sizeClass) + q.slopPx;
        const double d = std::hypot(cx - px, cy - py);
        if (d > reach) return;
        ++result.total;
        result.hits.push_back(
            {k, prep.storeIndex[k], inst.group, inst.groupSize, spread, static_cast<float>(d)});
        // Zoomed far out thousands of markers can lie under the pointer: keep only the best few.
        if (result.hits.size() >= 4 * keep) {
            std::partial_sort(result.hits.begin(), result.hits.begin() + static_cast<long>(keep),
                              result.hits.end(), better);
            result.hits.resize(keep);
        }
    };

    const IncidentGroup* spreadGroup =
        q.spreadGroup < prep.groups.size() ? &prep.groups[q.spreadGroup] : nullptr;
    if (spreadGroup) {
        for (uint32_t r = 0; r < spreadGroup->count; ++r) {
            const uint32_t k = prep.groupMembers[spreadGroup->firstMember + r];
            const IncidentInstance& inst = prep.instances[k];
            if (!filter.shows(inst)) continue;
            const SpiderOffset o = spiderOffset(inst.rank, inst.groupSize, q.spreadSpacingPx);
            consider(k, inst.x / upp + o.x, inst.y / upp + o.y, true);
        }
    }
    const double reachUnits = (0.5 * q.maxDiameterPx + q.slopPx) * upp;
    const MapBBox box =
        MapBBox::fromCorners(q.point.x - prep.origin.x - reachUnits, q.point.y - prep.origin.y - reachUnits,
                             q.point.x - prep.origin.x + reachUnits, q.point.y - prep.origin.y + reachUnits);
    prep.markerGrid.forEachNear(box, [&](uint32_t k) {
        const IncidentInstance& inst = prep.instances[k];
        if (spreadGroup && inst.group == q.spreadGroup) return;
        if (!filter.shows(inst)) return;
        consider(k, inst.x / upp, inst.y / upp, false);
    });

    if (result.hits.size() > keep) {
        std::partial_sort(result.hits.begin(), result.hits.begin() + static_cast<long>(keep),
                          result.hits.end(), better);
        result.hits.resize(keep);
    } else {
        std::sort(result.hits.begin(), result.hits.end(), better);
    }
    return result;
}

}  // namespace fp
