#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/geo/types.h"
#include "core/places/reverse_geocode.h"

namespace fp {

struct MapScene;

/// Reverse geocoding for tooltips and the inspector: "3 km NE of Zvečan, Zveçan municipality, Mitrovica
/// district" for a point, from the scene's admin-area layers and gazetteer. Keeps the admin-area index
/// while the scene's admin layers and gazetteer stay the same, and the last few answers, so asking every
/// frame for the hovered incident costs a comparison of O(layers) pointers and a cache lookup.
class LocationDescriber {
public:
    /// The description of `point` (degrees) in `scene`; empty when nothing is known about it. The reference
    /// stays valid until the next call.
    const std::string& describe(const MapScene& scene, LonLat point);

private:
    void syncWith(const MapScene& scene);

    AdminAreaIndex m_areas;
    std::vector<const VectorLayer*> m_areaData;
    const Gazetteer* m_gazetteer = nullptr;
    bool m_synced = false;
    std::vector<std::pair<LonLat, std::string>> m_recent;  // newest last
};

}  // namespace fp
