#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "render/incidents/incident_picker.h"
#include "render/incidents/incident_prep.h"

namespace fp {

/// A group that should show how many incidents it holds.
struct BadgeCandidate {
    uint32_t group = 0;
    uint32_t count = 0;  ///< members the filter shows
};

/// Groups in `visible` (map units relative to prep.origin) with at least two shown members, for count
/// badges. Bounded work per frame whatever the layer's size: the layer's largest groups are always
/// considered, then the group grid is scanned outwards from the view's centre until `budget` groups have
/// been looked at. Counts honour the category filter and the time window (members whose covered span
/// overlaps it) by binary search on sorted member times: O(categories + log members) per group when all
/// its categories are shown, O(categories x log members) otherwise. `skipGroup` (a spread group) is left
/// out.
std::vector<BadgeCandidate> collectBadges(const IncidentPrep& prep, const IncidentFilter& filter,
                                          const MapBBox& visible, uint32_t skipGroup, size_t budget = 2048);

/// "7", "1234", "12k" (from 10,000), "1.2M".
std::string badgeText(uint32_t count);

}  // namespace fp
