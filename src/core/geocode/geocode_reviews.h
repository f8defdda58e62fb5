#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/geocode/geocode_review.h"
#include "core/model/map_scene.h"
#include "core/util/result.h"

namespace fp {

/// The held (ambiguous or unmatched) rows of one incident layer.
struct LayerGeocodeReview {
    uint64_t layerId = 0;
    std::string layerName;
    GeocodeSummary summary;
};

/// Every incident layer's rows awaiting a geocoding decision, and the decisions made (to be saved with a
/// project and applied again when the source is loaded again).
class GeocodeReviews {
public:
    /// Registers the held rows of a newly loaded layer, first applying the remembered choices that match them
    /// (their incidents are added to the layer's store). Layers without held rows are not listed. When the
    /// layer is left with no incident at all, a warning says "0 incidents placed; N rows held ...".
    void addLayer(MapScene& scene, uint64_t layerId, const std::string& layerName, GeocodeSummary summary);
    /// Forgets a layer (removed from the scene).
    void removeLayer(uint64_t layerId);

    /// Applies `choice` to the matching held row of layer `layerId`: a position moves the row's incident into
    /// the layer (a new store replaces the old one; stores are immutable) and out of the list; Skip marks it
    /// skipped. The choice is remembered (a later one for the same row replaces it). NotFound when the layer
    /// or the row is not listed; InvalidGeometry for a position outside lon/lat range.
    Status resolve(MapScene& scene, uint64_t layerId, const GeocodeChoice& choice);

    const std::vector<LayerGeocodeReview>& layers() const { return m_layers; }
    /// Rows still held over all layers (skipped ones included).
    size_t pendingCount() const;

    const std::vector<GeocodeChoice>& choices() const { return m_choices; }
    /// Replaces the remembered choices (e.g. from a project file); they apply to layers loaded afterwards.
    void setChoices(std::vector<GeocodeChoice> choices) {
        m_choices = std::move(choices);
        touch();
    }

    /// Changes whenever the listed rows or the choices change, and differs between any two instances that
    /// were not copied from each other: a view of the list (the GUI's review panel) rebuilds only when it
    /// changed, so its per-frame work does not grow with the number of held rows.
    uint64_t generation() const { return m_generation; }
    /// True when some rows of layer `layerId` were located (or held) by their place names when it was
    /// loaded, whether or not any are still held: such a layer can be written back as a geocoded copy.
    bool wasGeocoded(uint64_t layerId) const { return m_geocodedLayers.count(layerId) > 0; }

private:
    void remember(const GeocodeChoice& choice);
    void touch();

    std::vector<LayerGeocodeReview> m_layers;
    std::set<uint64_t> m_geocodedLayers;
    std::vector<GeocodeChoice> m_choices;
    uint64_t m_generation = nextGeneration();
    static uint64_t nextGeneration();
};

}  // namespace fp
