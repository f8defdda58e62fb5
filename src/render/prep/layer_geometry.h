#pragma once

#include <cstdint>
#include <vector>

#include "core/geo/types.h"
#include "core/model/vector_layer.h"
#include "core/proj/crs.h"

namespace fp {

/// CPU-side drawing data of one layer in one map CRS ("bucket" in MapLibre terms), ready to upload.
/// Positions are float32 relative to `origin` (map units) so that float keeps sub-metre precision.
struct LayerGeometry {
    MapXY origin;
    std::vector<float> fillVertices;    ///< x,y pairs
    std::vector<uint32_t> fillIndices;  ///< triangles
    std::vector<float> lineSegments;    ///< x0,y0,x1,y1 per outline segment (one instance each)
    std::vector<float> pointPositions;  ///< x,y per point feature
    std::vector<MapXY> labelAnchors;  ///< VectorLayer::labelAnchors in map units; (inf, inf) if unprojectable
    MapBBox extent;                   ///< map-units extent of everything drawn
    /// Levels of detail, finest first: each a range of fillIndices and of lineSegments (in segments) holding
    /// the whole layer simplified to `tolerance` map units. Drawing the coarsest level under half a pixel
    /// makes the frame cost follow what is on screen, not how many vertices the data holds.
    struct Lod {
        double tolerance = 0.0;
        uint32_t fillIndexStart = 0, fillIndexCount = 0;
        uint32_t segmentStart = 0, segmentCount = 0;
    };
    std::vector<Lod> lods;
    size_t tessellationFailures = 0;  ///< polygons GLU could not triangulate (reported, still outlined)
    size_t projectionFailures = 0;    ///< vertices that did not project into the map CRS
};

/// Index of the level of detail to draw at `unitsPerPixel` (map units per physical pixel): the coarsest whose
/// tolerance is at most half a pixel. 0 when `lods` is empty.
size_t lodIndexFor(const std::vector<LayerGeometry::Lod>& lods, double unitsPerPixel);

/// Projects a lon/lat layer into the map CRS and prepares, at several levels of detail, fills (triangulated
/// with holes, multipolygons and self-intersections handled by the GLU tessellator's odd winding rule),
/// outline segments and points. Pure CPU work: runs once per layer and CRS change, never per frame.
LayerGeometry prepareLayerGeometry(const VectorLayer& layer, const MapProjection& projection);

}  // namespace fp
