#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/io/load_report.h"
#include "core/model/vector_layer.h"
#include "core/util/disk_cache.h"

namespace fp {

/// The cache key of a vector source as its files are now: the source text, the size and a hash of the
/// whole content of every file the source is read from (a shapefile's .shp, .shx, .dbf, .prj and .cpg), the
/// program's build, the GDAL, GEOS and PROJ versions and the GDAL/OGR/PROJ settings of the environment.
/// Empty when the source is not cached: not a local file of a single-file format (or a shapefile), or
/// unreadable.
std::string vectorSourceCacheKey(const std::string& source, const std::string& path);

/// The layers and report of a clean load stored under `key`; nullopt when not cached. Each layer's
/// cacheKey is set. `report` gets the stored counts.
std::optional<std::vector<VectorLayer>> readCachedVectorSource(const DiskCache& cache, const std::string& key,
                                                               LoadReport& report);

/// Stores the layers of a load that had no problem at all (nothing to report, nothing logged), and sets
/// each layer's cacheKey; a load with problems is not stored, so its messages are said on every load.
void writeCachedVectorSource(const DiskCache& cache, const std::string& key, std::vector<VectorLayer>& layers,
                             const LoadReport& report);

}  // namespace fp
