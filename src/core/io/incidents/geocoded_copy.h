#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/geocode/geocode_review.h"
#include "core/model/incident_source.h"
#include "core/util/result.h"

namespace fp {

/// A copy of an incident source to write with the coordinates geocoding found (see writeGeocodedCopy).
struct GeocodedCopyRequest {
    std::string source;                  ///< the incident source file (not a PG: connection)
    IncidentLoadOptions options;         ///< how it is read: the same options as when it was loaded
    std::vector<GeocodeChoice> choices;  ///< the user's decisions; those for other sources are ignored
    std::string output;                  ///< the copy: ".csv" or ".gpkg" (any case)
    bool replaceExisting = false;        ///< replace `output` when it exists (the GUI asks first)
    /// Allow `output` to be the source itself (the GUI asks first, more sternly); replaceExisting is needed
    /// too, as the source exists.
    bool allowSourceOverwrite = false;
    /// Rows on the map or held for review when the source was loaded (the layer's incidents plus its held
    /// rows); when set, a different count now means the source changed since, and the copy is refused.
    std::optional<size_t> expectedRows;
    /// Refuse when a choice for this source no longer matches a held row (same row number and place name):
    /// the source changed since the choices were made. Otherwise such choices are only counted.
    bool requireChoicesMatch = false;
};

/// What a copy holds, row by row.
struct GeocodedCopySummary {
    std::string output;
    size_t rows = 0;          ///< data rows written: every row of the source, in order
    size_t original = 0;      ///< on the map from the source's own coordinates (passed through unchanged)
    size_t geocoded = 0;      ///< located from their place name when read
    size_t byChoice = 0;      ///< held, then located by a choice (a candidate or a map point)
    size_t ambiguous = 0;     ///< held without a decision: several places fit (no coordinates written)
    size_t unmatched = 0;     ///< held without a decision: no place fits (no coordinates written)
    size_t skipped = 0;       ///< held, the user chose to leave them off the map (no coordinates written)
    size_t notLoaded = 0;     ///< rejected by the loader (bad date, quoting...; see its load report)
    size_t staleChoices = 0;  ///< choices for this source that match no held row any more (ignored)

    /// "11 rows: 1 with their own coordinates, 6 geocoded, 1 resolved by choices, 2 ambiguous and 1
    /// unmatched left without coordinates" (further parts only when not zero).
    std::string describe() const;
};

/// `<folder of source>/<stem>-geocoded.<extension>` ("acled.csv", "gpkg" -> "acled-geocoded.gpkg").
std::string defaultGeocodedCopyPath(const std::string& source, const std::string& extension);

/// True when `a` and `b` name the same file (also through different spellings or links).
bool sameFile(const std::string& a, const std::string& b);

/// Writes a copy of `request.source` to `request.output`: every data row and column of the source in order,
/// with where each row is and how that was found, so a briefing pipeline or another GIS gets coordinates
/// without geocoding again.
///
/// Rows are read by loading the source again with the same options and watching every row as the loader
/// decides it (loadIncidents' row observer): the values written and the outcome come from the one reading,
/// so they cannot disagree, and geocoding gives the same answers as when the layer was loaded (same
/// gazetteer, same context columns). Mapping the layer's incidents back to rows instead would not work: the
/// store is sorted by time and keeps neither rejected rows nor row numbers. Held rows are then resolved by
/// the choices that match them (GeocodeChoice::matches, the last one made winning).
///
/// Columns: the source's own, values unchanged except that located rows (geocoded or resolved by a choice)
/// fill the source's lon/lat and location-precision columns when its field mapping has them. Appended:
/// `lon`, `lat` (CSV, when the source has no such columns), `location_precision` (when it has none),
/// `geocode_status` (original, matched, user_candidate, user_map, ambiguous, unmatched, skipped,
/// not_loaded) and `geocode_match` (the place used and how it matched, or why the row is held). A source
/// that is itself a geocoded copy keeps its two columns: rows located by the earlier copy keep their status,
/// the others are updated (so writing a copy over its source again, after more review, adds nothing). Any
/// other name the source already uses gets a suffix ("lon_2"). Rows without a position keep empty
/// coordinates: nothing is invented. A CSV is UTF-8 with ',' and RFC 4180 quoting; a GeoPackage has one point
/// layer in EPSG:4326 (null geometry for rows without a position) with every attribute as text. Text files
/// are built in memory (a few hundred bytes per row), GeoPackages row by row.
///
/// The file is written atomically (a temporary file in the same folder, renamed at the end; removed on any
/// failure). Errors name the file: output exists and !replaceExisting, output is the source
/// and !allowSourceOverwrite, an extension other than .csv/.gpkg, a folder that is missing or not writable,
/// a database or GDELT source, the source gone or unreadable (the loader's error), the source changed since
/// it was loaded (expectedRows, requireChoicesMatch).
Result<GeocodedCopySummary> writeGeocodedCopy(const GeocodedCopyRequest& request);

}  // namespace fp
