#include "core/geocode/geocode_reviews.h"

#include <algorithm>
#include <atomic>

#include "core/util/log.h"

namespace fp {

namespace {

void addToLayer(IncidentLayer& layer, std::vector<Incident> incidents) {
    if (incidents.empty()) return;
    const bool hadNoEdits = layer.savedData && !hasUnsavedEdits(layer);
    const IncidentStore empty;
    layer.data = std::make_shared<const IncidentStore>(
        storeWithIncidents(layer.data ? *layer.data : empty, std::move(incidents)));
    // Geocoding decisions are kept in the project (its geocode choices), never written into the source: a
    // layer without unsaved incident edits still has none, so saving does not try to write the source back.
    if (hadNoEdits) layer.savedData = layer.data;
}

}  // namespace

void GeocodeReviews::addLayer(MapScene& scene, uint64_t layerId, const std::string& layerName,
                              GeocodeSummary summary) {
    touch();
    std::vector<Incident> resolved = applyGeocodeChoices(summary, m_choices);
    IncidentLayer* layer = scene.findIncidentLayer(layerId);
    if (layer) addToLayer(*layer, std::move(resolved));
    if (summary.pending.empty()) {
        if (summary.any()) m_geocodedLayers.insert(layerId);
        return;
    }
    // A layer with nothing on the map until its rows are placed must not pass for a failed or empty load.
    if (layer && (!layer->data || layer->data->empty()))
        logWarning(layerName + ": " + summary.placedAndHeld(0) + " (place them in the geocoding review)");
    removeLayer(layerId);
    m_layers.push_back({layerId, layerName, std::move(summary)});
    m_geocodedLayers.insert(layerId);
}

void GeocodeReviews::removeLayer(uint64_t layerId) {
    touch();
    std::erase_if(m_layers, [&](const LayerGeocodeReview& l) { return l.layerId == layerId; });
    m_geocodedLayers.erase(layerId);
}

Status GeocodeReviews::resolve(MapScene& scene, uint64_t layerId, const GeocodeChoice& choice) {
    auto review = std::find_if(m_layers.begin(), m_layers.end(),
                               [&](const LayerGeocodeReview& l) { return l.layerId == layerId; });
    IncidentLayer* layer = scene.findIncidentLayer(layerId);
    if (review == m_layers.end() || !layer)
        return makeError(ErrorCode::NotFound, choice.source, "no incident layer with rows to review");
    touch();
    auto& pending = review->summary.pending;
    auto row = std::find_if(pending.begin(), pending.end(), [&](const auto& r) { return choice.matches(r); });
    if (row == pending.end()) {
        return makeError(
            ErrorCode::NotFound, choice.source,
            "row " + std::to_string(choice.row) + " ('" + choice.name + "') is not held for review");
    }
    if (choice.kind == GeocodeChoice::Kind::Skip) {
        row->skipped = true;
        remember(choice);
        return {};
    }
    auto inc = resolvedIncident(*row, choice);
    if (!inc) return inc.error();
    addToLayer(*layer, {std::move(inc).value()});
    pending.erase(row);
    remember(choice);
    if (pending.empty()) m_layers.erase(review);
    return {};
}

size_t GeocodeReviews::pendingCount() const {
    size_t n = 0;
    for (const auto& l : m_layers) n += l.summary.pending.size();
    return n;
}

uint64_t GeocodeReviews::nextGeneration() {
    static std::atomic<uint64_t> counter{0};
    return ++counter;
}

void GeocodeReviews::touch() {
    m_generation = nextGeneration();
}

void GeocodeReviews::remember(const GeocodeChoice& choice) {
    std::erase_if(m_choices, [&](const GeocodeChoice& c) {
        return c.source == choice.source && c.row == choice.row && c.name == choice.name;
    });
    m_choices.push_back(choice);
}

}  // namespace fp
