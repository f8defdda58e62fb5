#pragma once

#include <string>
#include <vector>

#include "core/io/load_report.h"
#include "core/model/vector_layer.h"
#include "core/util/result.h"

namespace fp {

/// Loads every vector layer of a source GDAL opens (Shapefile, GeoPackage, GeoJSON, TopoJSON, KML,
/// FlatGeobuf,
/// ...) into lon/lat VectorLayers. `source` is a path, optionally "path|layername=NAME" to pick one layer.
///
/// Whole-source failures (missing file, a directory, not a vector format, a shapefile without .shx/.dbf, no
/// non-empty layer) return an Error naming the source and the reason. Row-level problems (no geometry,
/// invalid polygons that were repaired or could not be, vertices outside the CRS) go to `report` with the
/// row number; good rows still load. A shapefile without .prj is read as EPSG:4326 with a warning.
Result<std::vector<VectorLayer>> loadVectorSource(const std::string& source, LoadReport& report);

}  // namespace fp
