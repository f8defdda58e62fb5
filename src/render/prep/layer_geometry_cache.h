#pragma once

#include "render/prep/layer_geometry.h"

namespace fp {

/// prepareLayerGeometry, kept in the user's DiskCache (core/util/disk_cache.h) for layers whose content is
/// named (VectorLayer::cacheKey) under that key and the map CRS: the embedded layers of every start-up come
/// back ready to upload instead of being projected, simplified and tessellated again. The result is the
/// same, byte for byte, as prepareLayerGeometry's.
LayerGeometry preparedLayerGeometry(const VectorLayer& layer, const MapProjection& projection);

}  // namespace fp
