#include "core/places/location_describer.h"

#include <algorithm>

#include "core/model/map_scene.h"

namespace fp {

namespace {
constexpr size_t kRecentAnswers = 32;
}

void LocationDescriber::syncWith(const MapScene& scene) {
    std::vector<AdminAreaSource> sources = AdminAreaIndex::sourcesOf(scene);
    std::vector<const VectorLayer*> data;
    data.reserve(sources.size());
    for (const auto& s : sources) data.push_back(s.data.get());
    if (m_synced && data == m_areaData && scene.gazetteer.get() == m_gazetteer) return;
    m_areas = AdminAreaIndex(std::move(sources));
    m_areaData = std::move(data);
    m_gazetteer = scene.gazetteer.get();
    m_synced = true;
    m_recent.clear();
}

const std::string& LocationDescriber::describe(const MapScene& scene, LonLat point) {
    syncWith(scene);
    for (auto it = m_recent.rbegin(); it != m_recent.rend(); ++it)
        if (it->first.lon == point.lon && it->first.lat == point.lat) return it->second;
    ReverseGeocodeOptions options;
    options.script = scene.placeLabels.script;
    std::string text = describeLocation(point, m_gazetteer, &m_areas, options).text;
    if (m_recent.size() == kRecentAnswers) m_recent.erase(m_recent.begin());
    m_recent.emplace_back(point, std::move(text));
    return m_recent.back().second;
}

}  // namespace fp
