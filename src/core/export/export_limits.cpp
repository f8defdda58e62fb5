#include "core/export/export_limits.h"

#include <cctype>
#include <filesystem>

namespace fp {

Status validateExportSize(int widthPx, int heightPx) {
    if (widthPx < 1 || heightPx < 1 || widthPx > kMaxExportSidePx || heightPx > kMaxExportSidePx)
        return makeError(
            ErrorCode::InvalidArgument, std::to_string(widthPx) + "x" + std::to_string(heightPx),
            "image size must be between 1 and " + std::to_string(kMaxExportSidePx) + " pixels a side");
    return {};
}

Result<ImageFormat> imageFormatForPath(const std::string& path, bool worldFile) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".png") return worldFile ? ImageFormat::PngWorldFile : ImageFormat::Png;
    if (ext == ".jpg" || ext == ".jpeg") return ImageFormat::Jpeg;
    if (ext == ".tif" || ext == ".tiff") return ImageFormat::GeoTiff;
    if (ext == ".pdf") return ImageFormat::GeoPdf;
    return makeError(ErrorCode::InvalidArgument, path,
                     (ext.empty() ? std::string("no file extension") : "unknown extension '" + ext + "'") +
                         ": use .png, .jpg, .tif (GeoTIFF) or .pdf (GeoPDF)");
}

}  // namespace fp
