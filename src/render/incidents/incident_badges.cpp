#include "render/incidents/incident_badges.h"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace fp {

namespace {

/// Of `count` sorted starts and ends, how many spans overlap [windowStart, windowEnd] (inclusive, not
/// empty): those starting by its end, less those that ended before its start (they all started by its end
/// too, since start <= end).
uint32_t overlapping(const int32_t* starts, const int32_t* ends, uint32_t count, const IncidentFilter& f) {
    const auto startedByEnd = std::upper_bound(starts, starts + count, f.windowEnd) - starts;
    const auto endedBefore = std::lower_bound(ends, ends + count, f.windowStart) - ends;
    return static_cast<uint32_t>(startedByEnd - endedBefore);
}

uint32_t shownCount(const IncidentPrep& prep, const IncidentFilter& filter, const IncidentGroup& g) {
    const bool timeless = filter.windowStart == std::numeric_limits<int32_t>::min() &&
                          filter.windowEnd == std::numeric_limits<int32_t>::max();
    if (!timeless && filter.windowStart > filter.windowEnd) return 0;
    auto visible = [&](const GroupCategoryCount& c) {
        return filter.categoryVisible.empty() ||
               (c.category < filter.categoryVisible.size() && filter.categoryVisible[c.category]);
    };
    bool allVisible = true;
    for (uint32_t k = g.firstCategory; k < g.firstCategory + g.categoryCount && allVisible; ++k)
        allVisible = visible(prep.groupCategories[k]);
    if (allVisible)
        return timeless ? g.count
                        : overlapping(prep.memberStarts.data() + g.firstTime,
                                      prep.memberEnds.data() + g.firstTime, g.count, filter);
    uint32_t n = 0;
    for (uint32_t k = g.firstCategory; k < g.firstCategory + g.categoryCount; ++k) {
        const GroupCategoryCount& c = prep.groupCategories[k];
        if (!visible(c)) continue;
        n += timeless ? c.count
                      : overlapping(prep.groupStarts.data() + c.firstTime,
                                    prep.groupEnds.data() + c.firstTime, c.count, filter);
    }
    return n;
}

}  // namespace

std::vector<BadgeCandidate> collectBadges(const IncidentPrep& prep, const IncidentFilter& filter,
                                          const MapBBox& visible, uint32_t skipGroup, size_t budget) {
    std::vector<BadgeCandidate> out;
    if (prep.largestGroups.empty() || visible.empty()) return out;
    auto consider = [&](uint32_t gi) {
        if (gi == skipGroup) return;
        const IncidentGroup& g = prep.groups[gi];
        if (g.count < 2 || !visible.contains(g.x, g.y)) return;
        const uint32_t n = shownCount(prep, filter, g);
        if (n >= 2) out.push_back({gi, n});
    };
    for (uint32_t gi : prep.largestGroups) consider(gi);

    int c0, r0, c1, r1;
    if (prep.groupGrid.cellRange(visible, c0, r0, c1, r1)) {
        const PointGrid& grid = prep.groupGrid;
        const int cc =
            std::clamp(static_cast<int>((visible.centerX() - grid.bounds().minX) / grid.cellSize()), c0, c1);
        const int cr =
            std::clamp(static_cast<int>((visible.centerY() - grid.bounds().minY) / grid.cellSize()), r0, r1);
        const int maxRing = std::max({cc - c0, c1 - cc, cr - r0, r1 - cr});
        size_t looked = 0;
        auto scanCell = [&](int c, int r) {
            if (c < c0 || c > c1 || r < r0 || r > r1) return;
            for (const uint32_t* it = grid.cellBegin(c, r); it != grid.cellEnd(c, r); ++it, ++looked)
                consider(*it);
        };
        // Rings of cells around the centre cell, nearest first, until the budget is spent.
        for (int ring = 0; ring <= maxRing && looked < budget; ++ring) {
            if (ring == 0) {
                scanCell(cc, cr);
                continue;
            }
            for (int c = cc - ring; c <= cc + ring; ++c) {
                scanCell(c, cr - ring);
                scanCell(c, cr + ring);
            }
            for (int r = cr - ring + 1; r <= cr + ring - 1; ++r) {
                scanCell(cc - ring, r);
                scanCell(cc + ring, r);
            }
        }
    }
    // The largest groups were considered twice when also near the centre.
    std::sort(out.begin(), out.end(), [](const BadgeCandidate& a, const BadgeCandidate& b) {
        return a.group != b.group ? a.group < b.group : a.count > b.count;
    });
    out.erase(
        std::unique(out.begin(), out.end(),
                    [](const BadgeCandidate& a, const BadgeCandidate& b) { return a.group == b.group; }),
        out.end());
    return out;
}

std::string badgeText(uint32_t count) {
    char buf[16];
    if (count < 10000)
        std::snprintf(buf, sizeof buf, "%u", count);
    else if (count < 1000000)
        std::snprintf(buf, sizeof buf, "%uk", count / 1000);
    else
        std::snprintf(buf, sizeof buf, "%.1fM", count / 1e6);
    return buf;
}

}  // namespace fp
