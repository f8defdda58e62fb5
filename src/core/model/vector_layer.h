#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/geo/types.h"

namespace fp {

/// What a part of a feature is: a polygon (first ring exterior, the rest holes), an open line, or points.
enum class PartKind : uint8_t { Polygon, Line, Point };

/// Geometry of many features in flat arrays (no per-feature allocation), indexed by offsets:
/// feature f owns parts [featurePartStart[f], featurePartStart[f+1]); part p owns rings
/// [partRingStart[p], partRingStart[p+1]); ring r owns vertices [ringStart[r], ringStart[r+1]).
/// Polygon rings are stored without the repeated closing vertex.
template <class P>
struct FlatGeometry {
    std::vector<P> vertices;
    std::vector<uint32_t> ringStart{0};
    std::vector<uint32_t> partRingStart{0};
    std::vector<PartKind> partKind;
    std::vector<uint32_t> featurePartStart{0};

    size_t featureCount() const { return featurePartStart.size() - 1; }
    size_t partCount() const { return partKind.size(); }
    size_t ringCount() const { return ringStart.size() - 1; }
};

/// A vector layer loaded from a file, with geometry in WGS 84 lon/lat (the projection-independent form
/// the app keeps; map coordinates are derived from it on every CRS change).
struct VectorLayer {
    std::string displayName;    ///< shown in the layers panel: file stem, or file stem + layer name
    std::string sourcePath;     ///< the path the user gave (without the |layername= suffix)
    std::string layerName;      ///< layer inside the dataset
    std::string driverName;     ///< GDAL driver that read it ("ESRI Shapefile", "GPKG", ...)
    std::string sourceCrsName;  ///< CRS of the file as read ("WGS 84 (assumed: no .prj)" when missing)
    std::vector<std::string> fieldNames;
    std::vector<std::string> attributes;  ///< row-major: attributes[f * fieldNames.size() + i], UTF-8
    FlatGeometry<LonLat> geometry;
    /// Label positions: feature f owns labelAnchors[labelAnchorStart[f] .. labelAnchorStart[f+1]). The first
    /// is a point inside its largest polygon; for large polygons more follow, one inside each part of a
    /// coarse grid over the feature, so a label can stay on screen when the main point is panned out of view.
    std::vector<LonLat> labelAnchors;
    std::vector<uint32_t> labelAnchorStart{0};
    std::vector<double> featureAreaDeg2;  ///< rough size per feature (lon/lat degrees squared), for ranking
    GeoBBox extent;
    /// Names this content for caches of what is derived from it (prepared geometry): set by the loader when
    /// the source's files were fingerprinted (core/io/vector_cache.h), empty otherwise. Whoever changes a
    /// loaded layer's geometry must clear it.
    std::string cacheKey;

    size_t featureCount() const { return geometry.featureCount(); }
    bool hasPolygons() const;
    /// Attribute value of feature f by field name; empty when the field does not exist.
    const std::string& attribute(size_t feature, const std::string& field) const;
    int fieldIndex(const std::string& field) const;
    /// The field to label features with by default: "name", "NAME", "name_en", ... else empty.
    std::string guessLabelField() const;
};

}  // namespace fp
