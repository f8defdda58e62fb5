#pragma once

#include <string>

namespace CLI {
class App;
}

namespace fp {

/// Options of `flashpoint geocode`, as given on the command line.
struct GeocodeOptions {
    std::string name;       ///< place name to look up (any script, any case)
    std::string country;    ///< ISO 3166-1 alpha-2 filter, empty = all
    int limit = 10;         ///< candidates to print (1..1000)
    bool json = false;      ///< machine-readable output on stdout
    std::string near;       ///< "LON,LAT": rank places near this point higher
    std::string gazetteer;  ///< gazetteer file; empty = the embedded geodata/places/places.fpgaz
};

/// Options of `flashpoint places-build` (used by geodata/make_places.sh).
struct PlacesBuildOptions {
    std::string table;   ///< prepared tab-separated place table
    std::string output;  ///< gazetteer file to write (atomically)
};

/// Declares `geocode` and `places-build` on `app`.
void addPlacesCommands(CLI::App& app, GeocodeOptions& geocode, PlacesBuildOptions& build);

/// Prints ranked candidates for a place name. Returns an ExitCode: 0 when something matched, 1 when nothing
/// did or the gazetteer cannot be read, 2 for a malformed name, country code, limit or --near.
int runGeocodeCommand(const GeocodeOptions& options);

/// Converts a place table into a gazetteer file. Returns 0, or 1 naming the file, row and column at fault.
int runPlacesBuildCommand(const PlacesBuildOptions& options);

}  // namespace fp
