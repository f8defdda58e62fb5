#pragma once

#include <memory>
#include <unordered_map>

#include "core/model/map_scene.h"
#include "core/time/time_histogram.h"
#include "core/time/window_counts.h"

namespace fp {

/// The per-store time indexes the time UI needs (timeline histogram, window counts for the legend and the
/// table), built once per incident store on first use (O(n log n)) and shared by the panels of a frame. Holds
/// the stores it indexes, so an index never outlives its store; prune() drops those no longer in a scene.
class IncidentTimeCache {
public:
    const TimeIndex& histogramIndex(const std::shared_ptr<const IncidentStore>& store);
    const WindowCounts& windowCounts(const std::shared_ptr<const IncidentStore>& store);
    /// Forgets the stores no incident layer of `scene` uses any more.
    void prune(const MapScene& scene);
    size_t size() const { return m_entries.size(); }

private:
    struct Entry {
        std::shared_ptr<const IncidentStore> store;
        std::unique_ptr<TimeIndex> histogram;
        std::unique_ptr<WindowCounts> counts;
    };
    Entry& entry(const std::shared_ptr<const IncidentStore>& store);
    std::unordered_map<const IncidentStore*, Entry> m_entries;
};

}  // namespace fp
