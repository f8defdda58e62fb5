#pragma once

#include "app/cli/incident_read_flags.h"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace fp {

/// Options of `flashpoint geocode-file`, as given on the command line.
struct GeocodeFileOptions {
    std::string input;             ///< incident source file with place names
    std::string output;            ///< the copy to write: .csv or .gpkg
    std::string project;           ///< project whose geocodeChoices (and read options) apply; may be empty
    std::vector<std::string> map;  ///< FIELD=COLUMN overrides of the field mapping
    std::string table;             ///< layer of a multi-layer file
    std::string gazetteer;         ///< gazetteer file; empty = the embedded one
    bool force = false;            ///< replace an existing OUTPUT, also when it is INPUT itself
    IncidentReadFlags read;        ///< --date-format, --encoding
};

/// Declares the subcommand and its flags on `app`.
void addGeocodeFileCommand(CLI::App& app, GeocodeFileOptions& options);

/// Geocodes INPUT's place names, applies the project's choices and writes the copy (see writeGeocodedCopy),
/// printing a one-line summary. Returns an ExitCode: 0 written; 1 the input, project, gazetteer or output
/// could not be read or written, or OUTPUT exists without --force; 2 a malformed --map.
int runGeocodeFileCommand(const GeocodeFileOptions& options);

}  // namespace fp
