#include "core/export/georef_writer.h"

#include <cpl_conv.h>
#include <ogr_spatialref.h>

#include <cstdio>

namespace fp {

GeoReference geoReferenceFor(const MapView& view, const Crs& crs) {
    const MapBBox e = view.visibleExtent();
    GeoReference ref{crs, {}};
    ref.geoTransform = {e.minX, view.unitsPerPixel, 0.0, e.maxY, 0.0, -view.unitsPerPixel};
    return ref;
}

std::string worldFileText(const GeoReference& ref) {
    const auto& g = ref.geoTransform;
    char buf[512];
    std::snprintf(buf, sizeof buf, "%.12f\n%.12f\n%.12f\n%.12f\n%.10f\n%.10f\n", g[1], g[4], g[2], g[5],
                  g[0] + 0.5 * g[1] + 0.5 * g[2], g[3] + 0.5 * g[4] + 0.5 * g[5]);
    return buf;
}

namespace {
Result<OGRSpatialReference> spatialReference(const Crs& crs) {
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (srs.importFromWkt(crs.toWkt().c_str()) != OGRERR_NONE)
        return makeError(ErrorCode::InvalidCrs, crs.definition(), "GDAL cannot read the CRS's WKT");
    return srs;
}
}  // namespace

Result<std::string> prjText(const Crs& crs) {
    auto srs = spatialReference(crs);
    if (!srs) return srs.error();
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT1_ESRI", nullptr};
    if (srs->exportToWkt(&wkt, options) != OGRERR_NONE || !wkt) {
        CPLFree(wkt);
        return makeError(ErrorCode::InvalidCrs, crs.definition(), "cannot be written as ESRI WKT");
    }
    std::string text(wkt);
    CPLFree(wkt);
    return text;
}

}  // namespace fp
