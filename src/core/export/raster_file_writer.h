#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/export/georef_writer.h"
#include "core/util/result.h"

namespace fp {

/// The files RasterFileWriter makes through GDAL.
enum class RasterFileKind : uint8_t {
    GeoTiff,  ///< tiled, deflate-compressed RGBA GeoTIFF (straight alpha) with the CRS and geotransform
    GeoPdf,   ///< one-page geospatial PDF (ISO 32000 geo-encoding), the image over white, page sized by dpi
    Jpeg,     ///< baseline JPEG over white (no georeference: JPEG has no alpha and no place for a CRS)
};

/// How RasterFileWriter writes its file.
struct RasterFileOptions {
    RasterFileKind kind = RasterFileKind::GeoTiff;
    GeoReference ref;      ///< ignored for Jpeg
    double dpi = 96.0;     ///< GeoPdf: pixels per inch of the page
    int jpegQuality = 90;  ///< Jpeg: 1..100 (clamped)
    std::string title;     ///< GeoPdf: the document's title (its Info dictionary); may be empty
};

/// Writes an RGBA image to a file band by band, top to bottom, so that memory stays at GDAL's block cache
/// (or libjpeg's few rows) whatever the image size. GeoTIFF is written straight into a hidden temporary file
/// in the output folder, and JPEG too, composited over white and compressed row by row (JpegRowWriter); PDF
/// (whose GDAL driver only copies a finished raster) first streams the rows, composited over white, into a
/// hidden deflate-compressed staging GeoTIFF that GDAL then copies line by line into a second temporary
/// file. finish() renames the result over the path; until then, on failure, cancellation or a
/// SIGTERM (TempPathGuard), every temporary file is removed and nothing appears under the path.
class RasterFileWriter {
public:
    /// Checks the folder (checkWritableOutput) and the CRS, and creates the first temporary file. The Error
    /// names `path` and the reason.
    static Result<std::unique_ptr<RasterFileWriter>> open(const std::string& path, int width, int height,
                                                          const RasterFileOptions& options);
    ~RasterFileWriter();
    RasterFileWriter(const RasterFileWriter&) = delete;
    RasterFileWriter& operator=(const RasterFileWriter&) = delete;

    /// The next `rows` rows of RGBA8 (at most the rows still missing): row r starts at top + r * stride
    /// (stride < 0 for bottom-up memory).
    Status addRows(const uint8_t* top, std::ptrdiff_t stride, int rows);
    /// Completes the file (converting the staging file for PDF and JPEG) and renames it into place; fails
    /// when rows are missing or GDAL reports an error (a full disk often shows only here).
    Status finish();

private:
    struct Impl;
    explicit RasterFileWriter(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Writes a whole RGBA image (`height` rows of `width` pixels, top row first) with RasterFileWriter.
Status writeRasterFile(const uint8_t* rgba, int width, int height, const RasterFileOptions& options,
                       const std::string& path);

}  // namespace fp
