#pragma once

// Internal to core/io/incidents: the two file formats writeGeocodedCopy writes, row by row, atomically.

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/geo/types.h"
#include "core/util/result.h"

namespace fp::incident_io {

/// Receives the copy's rows, then either finish() (the file appears complete at its path) or nothing (the
/// destructor removes every temporary file).
class CopySink {
public:
    virtual ~CopySink() = default;
    /// Column names, before the first row.
    virtual Status begin(const std::vector<std::string>& columns) = 0;
    /// One row: a value per column (UTF-8) and its position, if any.
    virtual Status row(const std::vector<std::string>& values, std::optional<LonLat> position) = 0;
    /// Completes the file and moves it to its path (replacing what was there).
    virtual Status finish() = 0;
};

/// A comma-separated UTF-8 text file with RFC 4180 quoting; positions are not written (the columns hold
/// them). Built in memory, written with writeFileAtomically.
std::unique_ptr<CopySink> makeCsvSink(std::string path);

/// A GeoPackage with one point layer (EPSG:4326) named `layerName`, every column as text (empty values as
/// NULL), written to a temporary file in the same folder and renamed at the end.
std::unique_ptr<CopySink> makeGpkgSink(std::string path, std::string layerName);

/// A column name not among `taken` (lower-case names; SQLite compares without case): `base`, else
/// base_2, base_3...
std::string uniqueColumnName(const std::string& base, const std::unordered_set<std::string>& taken);

/// Quotes `value` for a CSV field when it holds ',', '"', a line break or leading/trailing blanks.
std::string csvField(const std::string& value);

}  // namespace fp::incident_io
