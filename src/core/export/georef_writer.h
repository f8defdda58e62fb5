#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/model/map_view.h"
#include "core/proj/crs.h"
#include "core/util/result.h"

namespace fp {

/// Where an image lies in its CRS: the CRS and GDAL's affine geotransform (x0, pixel width, 0, y0, 0,
/// -pixel height), with (x0, y0) the outer top-left corner of the top-left pixel, in map units.
struct GeoReference {
    Crs crs;
    std::array<double, 6> geoTransform{};
};

/// The georeference of an image showing exactly `view` (north up, square pixels).
GeoReference geoReferenceFor(const MapView& view, const Crs& crs);

/// An ESRI world file (.pgw/.tfw): six lines, pixel size and the *centre* of the top-left pixel.
std::string worldFileText(const GeoReference& ref);

/// The CRS as ESRI-flavoured WKT1, which tools reading a .prj beside a world file expect. Fails with
/// ErrorCode::InvalidCrs when GDAL cannot express it.
Result<std::string> prjText(const Crs& crs);

}  // namespace fp
