#pragma once

#include <string>

#include "core/export/export_settings.h"
#include "core/util/result.h"

namespace fp {

/// Largest side of an exported image, animation frame or video, pixels (16384 x 16384 RGBA is 1 GiB).
inline constexpr int kMaxExportSidePx = 16384;
/// Resolutions an export may be sized for (labels, markers and furniture scale with dpi / 96).
inline constexpr double kMinExportDpi = 24.0;
inline constexpr double kMaxExportDpi = 1200.0;

/// Checks an export size before any work: each side 1..kMaxExportSidePx. InvalidArgument naming "WxH".
Status validateExportSize(int widthPx, int heightPx);

/// The format a file name asks for: .png, .jpg/.jpeg, .tif/.tiff (GeoTIFF), .pdf (GeoPDF), any case.
/// `worldFile` turns .png into ImageFormat::PngWorldFile. InvalidArgument naming the path and the extension
/// otherwise.
Result<ImageFormat> imageFormatForPath(const std::string& path, bool worldFile = false);

}  // namespace fp
