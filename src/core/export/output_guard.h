#pragma once

#include <string>
#include <vector>

#include "core/export/export_settings.h"
#include "core/util/result.h"

namespace fp {

struct MapScene;

/// InvalidArgument when `path` cannot name an image file: empty, or ending in '/' (a folder, "out/"), or
/// "." / "..".
Status checkImageFileName(const std::string& path);

/// A sidecar of an exported image: `imagePath` with its extension replaced ("map.png" -> "map.pgw").
std::string exportSidecarPath(const std::string& imagePath, const char* extension);

/// Every file an export to `path` in `format` writes: the image, and for ImageFormat::PngWorldFile its
/// .pgw world file and .prj.
std::vector<std::string> exportFilePaths(const std::string& path, ImageFormat format);

/// The files `scene` was read from: every vector layer's and incident layer's source (databases and URLs
/// included; checkOutputsAreNotInputs skips them).
std::vector<std::string> sceneInputs(const MapScene& scene);

/// Refuses an export that would destroy data (InvalidArgument naming the file and the reason):
/// - any file it writes (exportFilePaths) is one of `inputs` (by identity: hard links and symlinks count);
/// - it writes a sidecar (.pgw, .prj) that would also belong to another dataset: a file with the image's
///   stem that the export does not write (roads.shp beside roads.png: a roads.prj would change the
///   shapefile's CRS). The map's CRS is only ever written into files that belong to the image.
Status checkExportTarget(const std::string& path, ImageFormat format, const std::vector<std::string>& inputs);

}  // namespace fp
