#include "ui/timeline/incident_time_cache.h"

#include <algorithm>

namespace fp {

IncidentTimeCache::Entry& IncidentTimeCache::entry(const std::shared_ptr<const IncidentStore>& store) {
    Entry& e = m_entries[store.get()];
    if (!e.store) e.store = store;
    return e;
}

const TimeIndex& IncidentTimeCache::histogramIndex(const std::shared_ptr<const IncidentStore>& store) {
    Entry& e = entry(store);
    if (!e.histogram) e.histogram = std::make_unique<TimeIndex>(*e.store);
    return *e.histogram;
}

const WindowCounts& IncidentTimeCache::windowCounts(const std::shared_ptr<const IncidentStore>& store) {
    Entry& e = entry(store);
    if (!e.counts) e.counts = std::make_unique<WindowCounts>(*e.store);
    return *e.counts;
}

void IncidentTimeCache::prune(const MapScene& scene) {
    std::erase_if(m_entries, [&](const auto& item) {
        return std::none_of(scene.incidentLayers.begin(), scene.incidentLayers.end(),
                            [&](const IncidentLayer& l) { return l.data.get() == item.first; });
    });
}

}  // namespace fp
