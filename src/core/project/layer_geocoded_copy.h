#pragma once

#include <cstdint>

#include "core/io/incidents/geocoded_copy.h"
#include "core/project/map_state.h"

namespace fp {

/// The request for a geocoded copy of incident layer `layerId` of `state` (output and permissions left to
/// the caller): its source read again with the options it was loaded with, the review choices of `state`,
/// and a check that the source still has the rows the layer was made from (its incidents plus its held
/// rows). Choices that match no held row any more (a project's, made on an older version of the source) are
/// not a reason to refuse: they are ignored and counted in the summary. NotFound for an unknown layer.
Result<GeocodedCopyRequest> layerGeocodedCopyRequest(const MapState& state, uint64_t layerId);

}  // namespace fp
