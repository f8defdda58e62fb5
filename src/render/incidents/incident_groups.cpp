// prepareIncidents' place groups: who shares a place, and per group the categories and times its count
// badge needs.
#include <algorithm>
#include <cmath>

#include "render/incidents/incident_layout.h"
#include "render/incidents/incident_prep_steps.h"

namespace fp {

namespace {

constexpr double kMetresPerDegree = 111320.0;
constexpr double kPi = 3.14159265358979323846;
constexpr size_t kMaxLargestGroups = 256;

/// Groups lon/lat points lying within kGroupToleranceMetres of a group's first point, scanning a hash grid
/// of tolerance-sized cells (rows of latitude, columns widened by 1/cos(lat)) and the 3x3 cells around. The
/// cells live in one open-addressing table (no allocation per cell or per point).
class PlaceGrouper {
public:
    explicit PlaceGrouper(size_t expectedGroups) { rehash(std::max<size_t>(64, expectedGroups)); }

    uint32_t assign(LonLat p) {
        const int64_t row = static_cast<int64_t>(std::floor(p.lat / m_dLat));
        const uint32_t near = nearest(p, row);
        if (near != kNoIncident) return near;
        const uint32_t group = static_cast<uint32_t>(m_seeds.size());
        m_seeds.push_back(p);
        const int64_t col = static_cast<int64_t>(std::floor(p.lon / lonStep(row)));
        Slot& slot = slotFor(cellKey(row, col));
        m_next.push_back(slot.group);  // kNoIncident when the cell was empty
        slot.group = group;
        if (++m_filled * 2 > m_slots.size()) rehash(m_slots.size() * 2);
        return group;
    }
    size_t groupCount() const { return m_seeds.size(); }

private:
    struct Slot {
        uint64_t cell = 0;
        uint32_t group = kNoIncident;  // the latest group seeded in the cell; kNoIncident: an empty slot
    };

    uint32_t nearest(LonLat p, int64_t row) const {
        uint32_t best = kNoIncident;
        double bestDist = kGroupToleranceMetres * kGroupToleranceMetres;
        const double cosLat = std::max(std::cos(p.lat * kPi / 180.0), 1e-6);
        for (int64_t r = row - 1; r <= row + 1; ++r) {
            const double dLon = lonStep(r);
            const int64_t col = static_cast<int64_t>(std::floor(p.lon / dLon));
            for (int64_t c = col - 1; c <= col + 1; ++c) {
                for (uint32_t g = find(cellKey(r, c)); g != kNoIncident; g = m_next[g]) {
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
        return best;
    }
    double lonStep(int64_t row) const {
        const double lat = std::clamp((static_cast<double>(row) + 0.5) * m_dLat, -89.9, 89.9);
        return m_dLat / std::max(std::cos(lat * kPi / 180.0), 1e-3);
    }
    static uint64_t cellKey(int64_t row, int64_t col) {
        return (static_cast<uint64_t>(row) << 32) ^ (static_cast<uint64_t>(col) & 0xffffffffu);
    }
    size_t home(uint64_t cell) const {
        uint64_t h = cell + 0x9e3779b97f4a7c15ull;  // splitmix64's finaliser: neighbouring cells spread out
        h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ull;
        h = (h ^ (h >> 27)) * 0x94d049bb133111ebull;
        return static_cast<size_t>(h ^ (h >> 31)) & (m_slots.size() - 1);
    }
    uint32_t find(uint64_t cell) const {
        for (size_t i = home(cell);; i = (i + 1) & (m_slots.size() - 1)) {
            const Slot& s = m_slots[i];
            if (s.group == kNoIncident) return kNoIncident;
            if (s.cell == cell) return s.group;
        }
    }
    Slot& slotFor(uint64_t cell) {
        size_t i = home(cell);
        while (m_slots[i].group != kNoIncident && m_slots[i].cell != cell) i = (i + 1) & (m_slots.size() - 1);
        m_slots[i].cell = cell;
        return m_slots[i];
    }
    void rehash(size_t atLeast) {
        size_t size = 64;
        while (size < atLeast) size *= 2;
        std::vector<Slot> old(size);
        old.swap(m_slots);
        for (const Slot& s : old)
            if (s.group != kNoIncident) slotFor(s.cell).group = s.group;
    }

    const double m_dLat = kGroupToleranceMetres / kMetresPerDegree;
    std::vector<Slot> m_slots;
    size_t m_filled = 0;
    std::vector<uint32_t> m_next;  // group -> the group seeded before it in the same cell
    std::vector<LonLat> m_seeds;
};

/// Appends the group's categories (with member counts) to prep.groupCategories.
void countCategories(const IncidentStore& store, const uint32_t* rows, IncidentGroup& g, IncidentPrep& prep) {
    g.firstCategory = static_cast<uint32_t>(prep.groupCategories.size());
    for (uint32_t rank = 0; rank < g.count; ++rank) {
        const uint16_t category = store.categoryIndex()[rows[rank]];
        // Appending below moves the vector: the group's first entry is looked up again each time.
        const auto begin = prep.groupCategories.begin() + g.firstCategory;
        auto found = std::find_if(begin, prep.groupCategories.end(),
                                  [&](const GroupCategoryCount& e) { return e.category == category; });
        if (found != prep.groupCategories.end())
            ++found->count;
        else
            prep.groupCategories.push_back({category, 1, 0});
    }
    g.categoryCount = static_cast<uint32_t>(prep.groupCategories.size()) - g.firstCategory;
}

/// Writes the group's member times per category and for all members, each range sorted ascending.
void sortMemberTimes(const IncidentGroup& g, std::vector<uint32_t>& filled, IncidentPrep& prep) {
    uint32_t next = static_cast<uint32_t>(prep.groupStarts.size());
    for (uint32_t k = g.firstCategory; k < g.firstCategory + g.categoryCount; ++k) {
        prep.groupCategories[k].firstTime = next;
        next += prep.groupCategories[k].count;
    }
    prep.groupStarts.resize(next);
    prep.groupEnds.resize(next);
    filled.assign(g.categoryCount, 0);
    for (uint32_t rank = 0; rank < g.count; ++rank) {
        const IncidentInstance& inst = prep.instances[prep.groupMembers[g.firstMember + rank]];
        uint32_t k = g.firstCategory;
        while (prep.groupCategories[k].category != inst.category) ++k;
        const uint32_t at = prep.groupCategories[k].firstTime + filled[k - g.firstCategory]++;
        prep.groupStarts[at] = inst.start;
        prep.groupEnds[at] = inst.end;
        prep.memberStarts[g.firstTime + rank] = inst.start;
        prep.memberEnds[g.firstTime + rank] = inst.end;
    }
    auto sortRange = [](std::vector<int32_t>& v, uint32_t first, uint32_t count) {
        std::sort(v.begin() + first, v.begin() + first + count);
    };
    for (uint32_t k = g.firstCategory; k < g.firstCategory + g.categoryCount; ++k) {
        const GroupCategoryCount& c = prep.groupCategories[k];
        sortRange(prep.groupStarts, c.firstTime, c.count);
        sortRange(prep.groupEnds, c.firstTime, c.count);
    }
    sortRange(prep.memberStarts, g.firstTime, g.count);
    sortRange(prep.memberEnds, g.firstTime, g.count);
}

}  // namespace

std::vector<uint32_t> groupPlaces(const IncidentStore& store, const std::vector<uint32_t>& rows,
                                  IncidentPrep& prep) {
    PlaceGrouper grouper(rows.size() / 2);
    std::vector<uint32_t> groupOf(rows.size());  // by position in `rows`
    for (size_t i = 0; i < rows.size(); ++i)
        groupOf[i] = grouper.assign({store.lon()[rows[i]], store.lat()[rows[i]]});
    prep.groups.resize(grouper.groupCount());
    for (const uint32_t g : groupOf) ++prep.groups[g].count;
    uint32_t offset = 0;
    for (IncidentGroup& g : prep.groups) {
        g.firstMember = offset;
        offset += g.count;
        g.count = 0;
    }
    std::vector<uint32_t> memberRows(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        IncidentGroup& g = prep.groups[groupOf[i]];
        memberRows[g.firstMember + g.count++] = rows[i];
    }
    return memberRows;
}

void countGroupCategories(const IncidentStore& store, const std::vector<uint32_t>& memberRows,
                          IncidentPrep& prep) {
    uint32_t multiMembers = 0;
    for (IncidentGroup& g : prep.groups) {
        if (g.count < 2) continue;
        g.firstTime = multiMembers;
        multiMembers += g.count;
        prep.largestGroups.push_back(static_cast<uint32_t>(&g - prep.groups.data()));
    }
    prep.memberStarts.resize(multiMembers);
    prep.memberEnds.resize(multiMembers);
    prep.groupStarts.reserve(multiMembers);
    prep.groupEnds.reserve(multiMembers);
    std::vector<uint32_t> filled;
    for (const uint32_t gi : prep.largestGroups) {
        IncidentGroup& g = prep.groups[gi];
        countCategories(store, memberRows.data() + g.firstMember, g, prep);
        sortMemberTimes(g, filled, prep);
    }
    std::stable_sort(prep.largestGroups.begin(), prep.largestGroups.end(),
                     [&](uint32_t a, uint32_t b) { return prep.groups[a].count > prep.groups[b].count; });
    if (prep.largestGroups.size() > kMaxLargestGroups) prep.largestGroups.resize(kMaxLargestGroups);
    prep.largestGroups.shrink_to_fit();
}

}  // namespace fp
