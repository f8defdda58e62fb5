#include "render/prep/layer_geometry_cache.h"

#include "core/util/binary_io.h"
#include "core/util/disk_cache.h"

namespace fp {

namespace {

constexpr std::string_view kKind = "layer-geometry";

std::string payloadOf(const LayerGeometry& g) {
    ByteWriter w;
    w.put(g.origin);
    w.putVector(g.fillVertices);
    w.putVector(g.fillIndices);
    w.putVector(g.lineSegments);
    w.putVector(g.pointPositions);
    w.putVector(g.labelAnchors);
    w.put(g.extent);
    w.putVector(g.lods);
    w.put<uint64_t>(g.tessellationFailures);
    w.put<uint64_t>(g.projectionFailures);
    return w.bytes();
}

std::optional<LayerGeometry> geometryOf(const std::string& payload) {
    ByteReader r(payload);
    LayerGeometry g;
    uint64_t tessellationFailures = 0, projectionFailures = 0;
    if (!r.get(g.origin) || !r.getVector(g.fillVertices) || !r.getVector(g.fillIndices) ||
        !r.getVector(g.lineSegments) || !r.getVector(g.pointPositions) || !r.getVector(g.labelAnchors) ||
        !r.get(g.extent) || !r.getVector(g.lods) || !r.get(tessellationFailures) ||
        !r.get(projectionFailures) || !r.atEnd())
        return std::nullopt;
    g.tessellationFailures = tessellationFailures;
    g.projectionFailures = projectionFailures;
    return g;
}

}  // namespace

LayerGeometry preparedLayerGeometry(const VectorLayer& layer, const MapProjection& projection) {
    const std::optional<DiskCache> cache = layer.cacheKey.empty() ? std::nullopt : DiskCache::user();
    if (!cache) return prepareLayerGeometry(layer, projection);
    const std::string key = std::string(kKind) + " 1\n" + programBuildId() + "\n" + layer.cacheKey + "\n" +
                            projection.crs().definition();
    if (auto payload = cache->read(kKind, key))
        if (auto geometry = geometryOf(*payload)) return std::move(*geometry);
    LayerGeometry geometry = prepareLayerGeometry(layer, projection);
    cache->write(kKind, key, payloadOf(geometry));
    return geometry;
}

}  // namespace fp
