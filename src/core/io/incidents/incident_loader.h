#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/geocode/geocode_review.h"
#include "core/io/load_report.h"
#include "core/model/incident.h"
#include "core/model/incident_source.h"
#include "core/util/result.h"
#include "core/util/secrets.h"  // scrubSecrets, isDatabaseSource: every source shown goes through them

namespace fp {

/// What loadIncidents found out about a source (filled as far as it got, also on failure).
struct IncidentFormatInfo {
    /// "flashpoint", "acled", "ucdp-ged", "gdelt", "generic-csv", or for other generic sources the GDAL
    /// driver name
    /// ("GeoJSON", "GPKG", "ESRI Shapefile", "FlatGeobuf", "LIBKML", "PostgreSQL", ...). Empty when the
    /// source was not recognised as incidents.
    std::string format;
    std::string driver;  ///< "delimited text (',')" for text files, else the GDAL driver name
    std::string layer;   ///< layer or table read, "(SQL query)" for a query; empty for text files
    std::string crs;     ///< CRS the locations were read in (converted to WGS 84 lon/lat)
    /// canonical field -> source column(s) actually used, in canonical order; "location" -> "point geometry"
    /// when the source's own geometry located the rows.
    std::vector<std::pair<std::string, std::string>> fieldMapping;
    std::vector<std::string> columns;  ///< every column of the source, in order
    std::string attribution;           ///< credit required by the data's licence, when the format implies one
    /// date column -> how its values are read, inferred from the column or chosen
    /// ("event_date" -> "d-Mon-yy, day first, years 2020–2024"); see DateColumnSurvey.
    std::vector<std::pair<std::string, std::string>> dateFormats;
    /// Encoding a text file was read in ("UTF-8", "WINDOWS-1252", ...); empty for other sources.
    std::string encoding;
    /// Rows located from their place name, and those held for review (ambiguous or unmatched names).
    GeocodeSummary geocoding;
};

/// Canonical field names of the Flashpoint incident schema (docs/INCIDENTS.md), plus "lon", "lat" and "wkt"
/// for sources without a geometry.
std::vector<std::string> canonicalIncidentFields();

/// Loads the incidents of `source` into a store sorted by start time.
///
/// `source` is a file path or "PG:<libpq connection string>" (with options.table or options.sql; without
/// either, the first table that looks like incidents). Text files (.csv, .tsv, .tab, .txt) are read directly:
/// GDELT 2.0 exports and ACLED exports are recognised by their shape and header, anything else by its column
/// names; with options.sql they go through GDAL's CSV driver instead. Other files go through GDAL (GeoJSON,
/// GeoPackage, Shapefile, FlatGeobuf, KML, ...), whose point geometry is converted from the layer's CRS to
/// WGS 84.
///
/// Whole-source failures return one Error naming the source: not found, not readable, not an incident source
/// (UnsupportedFormat: no date column or no locations; callers may then try it as vector layers), a database
/// that cannot be reached, an empty file (EmptyLayer), or rows none of which could be loaded (EmptyLayer,
/// with every row's problem in `report`). Rows held for geocoding review are not a failure: when every row
/// that could be read was held (or failed), the result is an empty store and the held rows are in
/// `info->geocoding.pending`, to be placed later (see GeocodeReviews). Row problems go to `report` with row,
/// column and reason, each saying whether the row was loaded (a bad optional value is left empty) or not (bad
/// or missing date, location, quoting, column count; category outside options.categories). No password ever
/// appears in `report`, the Error or `info`: see scrubSecrets.
Result<IncidentStore> loadIncidents(const std::string& source, const IncidentLoadOptions& options,
                                    LoadReport& report, IncidentFormatInfo* info = nullptr);

/// One data row of a source as loadIncidents read it (see the observer overload). Everything it points to is
/// valid only during the call.
struct IncidentRowView {
    enum class Outcome : uint8_t {
        Loaded,  ///< on the map: `incident` holds where (from the source's coordinates or geocoded)
        Held,    ///< its place name was ambiguous or unmatched: `held` is the row in info.geocoding.pending
        NotLoaded,  ///< rejected (bad date, quoting, column count, category filter...; see the load report)
    };
    int64_t row = 0;  ///< 1-based data row, as in the load report and PendingGeocodeRow::row
    /// Text sources: the 1-based physical line the row starts on and the lines it spans (0 otherwise).
    int64_t line = 0, lineCount = 0;
    int64_t fid = -1;  ///< GDAL sources: the feature's id (a database table's integer primary key)
    /// The row's values, one per column of IncidentFormatInfo::columns when the row was well formed (a
    /// malformed text row may have fewer or more). Text is UTF-8 repaired once the row was converted.
    const std::vector<std::string_view>* values = nullptr;
    const LonLat* geometry = nullptr;  ///< the feature's own point in lon/lat (GDAL sources), when readable
    Outcome outcome = Outcome::NotLoaded;
    const Incident* incident = nullptr;       ///< Loaded: location and precision (text fields may be empty)
    const GeocodeResult* geocode = nullptr;   ///< set when the row was looked up by place name
    const PendingGeocodeRow* held = nullptr;  ///< Held: the row as listed for review
};
/// Called once per data row, in source order, on the loading thread.
using IncidentRowObserver = std::function<void(const IncidentRowView&)>;

/// loadIncidents that also shows every data row to `observer` (for writing a copy of the source with each
/// row's outcome; see core/io/incidents/geocoded_copy.h). Same results and errors as loadIncidents.
Result<IncidentStore> loadIncidents(const std::string& source, const IncidentLoadOptions& options,
                                    LoadReport& report, IncidentFormatInfo* info,
                                    const IncidentRowObserver& observer);

/// Short name for a layer made from `source`: the file name without extension, the table, or "SQL query".
std::string incidentSourceName(const std::string& source, const IncidentLoadOptions& options);

}  // namespace fp
