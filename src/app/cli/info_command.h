#pragma once

#include <string>

#include "app/cli/incident_read_flags.h"

namespace CLI {
class App;
}

namespace fp {

/// Options of `flashpoint info`, as given on the command line.
struct InfoOptions {
    std::string source;      ///< file path or "PG:<connection string>"
    bool json = false;       ///< machine-readable output on stdout
    std::string table;       ///< PostGIS table or layer of a multi-layer file
    std::string sql;         ///< SQL query (PostGIS, or OGR SQL on a file)
    IncidentReadFlags read;  ///< --date-format, --encoding
};

/// Declares the subcommand and its flags on `app`.
void addInfoCommand(CLI::App& app, InfoOptions& options);

/// Describes a source: for incidents the detected format, field mapping, count, time range, extent and every
/// row problem; for anything else GDAL reads (boundary files), its vector layers. An incident source without
/// any data row (an empty FeatureCollection, a CSV with only its header) is described as 0 incidents. Returns
/// an ExitCode: 0 when the source was read (row problems are listed, not failures), 1 when it could not be
/// read at all.
int runInfoCommand(const InfoOptions& options);

}  // namespace fp
