#pragma once

// Internal to core/io/incidents: the two readers loadIncidents chooses between. Both fill `info` as far as
// they get and report row problems into `report`; errors name `shownSource` (the source without password).

#include <string>
#include <vector>

#include "core/io/incidents/incident_loader.h"

namespace fp::incident_io {

/// Delimited text read directly: GDELT 2.0, ACLED, the Flashpoint schema or a generic table. Loaded rows go
/// to `out`; every row is shown to `observer` when it is not null.
Status readTextIncidents(const std::string& path, const IncidentLoadOptions& options, LoadReport& report,
                         IncidentFormatInfo& info, IncidentStoreBuilder& out,
                         const IncidentRowObserver* observer = nullptr);

/// Any GDAL vector source, including "PG:" connections (`source` may hold a password; it is only given to
/// GDAL, never stored). Loaded rows go to `out`; every row is shown to `observer` when it is not null.
Status readGdalIncidents(const std::string& source, const std::string& shownSource,
                         const IncidentLoadOptions& options, LoadReport& report, IncidentFormatInfo& info,
                         IncidentStoreBuilder& out, const IncidentRowObserver* observer = nullptr);

}  // namespace fp::incident_io
