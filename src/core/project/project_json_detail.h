#pragma once

// Internal to core/project: what the project file reader and writer share.

#include <string>

#include "core/export/export_settings.h"

namespace fp::project_json {

/// False for sources that are not file paths: "PG:..." connections, GDAL virtual paths (/vsi...) and URLs.
bool isPlainPath(const std::string& path);
/// "png", "jpeg", "geotiff" or "png-world-file": how `export.format` writes `f`.
const char* imageFormatName(ImageFormat f);

}  // namespace fp::project_json
