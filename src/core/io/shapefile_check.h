#pragma once

// A shapefile's three parts checked against each other before GDAL reads them: GDAL believes the headers
// and would read a lying file without a word (or skip its records silently).

#include <string>
#include <vector>

#include "core/io/load_report.h"
#include "core/util/result.h"

namespace fp {

/// What checkShapefile found: `warnings` (the file loads, with what is valid) each name the file and the
/// reason.
struct ShapefileFindings {
    std::vector<Error> warnings;
};

/// Checks the .shp at `shpPath` with its .shx and .dbf (when they exist):
/// - fails (UnsupportedFormat, naming the file) when the .shp is shorter than its 100-byte header, its file
///   code is not 9994, or its shape type is not one the format defines;
/// - warns when the .shp header's file length differs from the file's size, the header's bounding box does
///   not hold the records, the .shx is not a whole number of entries or points past the end of the .shp
///   (those records cannot be read), or the .dbf's record count differs from the .shx's or from what the
///   .dbf holds (rows beyond the shorter are not loaded).
/// Reads the headers and one small piece of each record; memory does not grow with the file.
Result<ShapefileFindings> checkShapefile(const std::string& shpPath);

/// checkShapefile for a source that is a .shp file (any case; anything else passes), its warnings added to
/// `report` (the shells say them once, with the rows' problems).
Status checkShapefileSource(const std::string& source, LoadReport& report);

}  // namespace fp
