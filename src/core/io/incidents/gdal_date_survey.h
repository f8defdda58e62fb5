#pragma once

// Internal to core/io/incidents: how the date columns of a GDAL layer are read (see date_columns.h).

#include <string>
#include <vector>

#include "core/io/incidents/date_columns.h"
#include "core/io/incidents/incident_loader.h"

class OGRLayer;

namespace fp::incident_io {

/// The readings of `columns` (index, name) of `layer`: from options.dateFormat when given, else surveyed over
/// the layer's first features (all of them while the order of day and month is undecided); reading is reset
/// afterwards. Each column's format goes to info.dateFormats. InvalidArgument naming `source` for a bad
/// options.dateFormat; UnsupportedFormat when no feature has a value in any date column (a KML without
/// times, say).
Result<std::vector<DateReading>> planGdalDates(OGRLayer& layer,
                                               const std::vector<std::pair<int, std::string>>& columns,
                                               int yearColumn, const IncidentLoadOptions& options,
                                               const std::string& source, IncidentFormatInfo& info);

}  // namespace fp::incident_io
