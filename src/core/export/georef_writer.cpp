#include "core/export/georef_writer.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <random>

#include "core/io/gdal_env.h"
#include "core/util/atomic_file.h"
#include "core/util/temp_files.h"

namespace fs = std::filesystem;

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

std::string reason(const GdalErrorCapture& capture) {
    return capture.firstError().empty() ? "GDAL reported a failure" : capture.firstError();
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

Status writeGeoTiff(const uint8_t* rgba, int width, int height, const GeoReference& ref,
                    const std::string& path) {
    if (width <= 0 || height <= 0) return makeError(ErrorCode::InvalidArgument, path, "empty image");
    if (Status s = checkWritableOutput(path); !s) return s;
    auto srs = spatialReference(ref.crs);
    if (!srs) return srs.error();
    initGdal();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver) return makeError(ErrorCode::Internal, path, "GDAL has no GTiff driver");

    const fs::path target(path);
    std::random_device rd;
    const fs::path tmp = target.parent_path() / ("." + target.filename().string() + "." +
                                                 std::to_string(::getpid()) + "-" + std::to_string(rd()));
    const std::string tmpName = tmp.string();
    const TempPathGuard guard(tmpName);  // a SIGTERM while GDAL writes removes it
    GdalErrorCapture capture;
    CPLErrorReset();
    const char* options[] = {"TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=2", "PHOTOMETRIC=RGB",
                             "ALPHA=YES", "BIGTIFF=IF_SAFER", nullptr};
    GDALDataset* ds =
        driver->Create(tmpName.c_str(), width, height, 4, GDT_Byte, const_cast<char**>(options));
    if (!ds) {
        VSIUnlink(tmpName.c_str());
        return makeError(ErrorCode::IoError, path, "cannot create GeoTIFF: " + reason(capture));
    }
    double gt[6];
    for (int i = 0; i < 6; ++i) gt[i] = ref.geoTransform[static_cast<size_t>(i)];
    bool ok = ds->SetGeoTransform(gt) == CE_None && ds->SetSpatialRef(&srs.value()) == CE_None;
    for (int b = 1; b <= 4 && ok; ++b)
        ds->GetRasterBand(b)->SetColorInterpretation(static_cast<GDALColorInterp>(GCI_RedBand + b - 1));
    // Interleaved RGBA straight from the buffer: pixel stride 4 bytes, band stride 1 byte.
    int bands[4] = {1, 2, 3, 4};
    if (ok)
        ok = ds->RasterIO(GF_Write, 0, 0, width, height, const_cast<uint8_t*>(rgba), width, height, GDT_Byte,
                          4, bands, 4, static_cast<GSpacing>(width) * 4, 1, nullptr) == CE_None;
    // Closing flushes the last blocks: a full disk often shows only here.
    GDALClose(ds);
    ok = ok && capture.lastError().empty();
    if (!ok) {
        const std::string why = reason(capture);
        VSIUnlink(tmpName.c_str());
        return makeError(ErrorCode::IoError, path, "writing GeoTIFF failed: " + why);
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return makeError(ErrorCode::IoError, path, "could not replace the file: " + ec.message());
    }
    return {};
}

}  // namespace fp
