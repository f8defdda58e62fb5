#include "core/project/layer_geocoded_copy.h"

namespace fp {

Result<GeocodedCopyRequest> layerGeocodedCopyRequest(const MapState& state, uint64_t layerId) {
    const IncidentLayer* layer = state.scene().findIncidentLayer(layerId);
    if (!layer)
        return makeError(ErrorCode::NotFound, "incident layer " + std::to_string(layerId), "is not loaded");
    GeocodedCopyRequest req;
    req.source = layer->source;
    req.options = layer->loadOptions;
    req.choices = state.geocodeReviews().choices();
    size_t held = 0;
    for (const auto& review : state.geocodeReviews().layers())
        if (review.layerId == layer->id) held = review.summary.pending.size();
    req.expectedRows = (layer->data ? layer->data->size() : 0) + held;
    return req;
}

}  // namespace fp
