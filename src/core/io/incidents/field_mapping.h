#pragma once

// Internal to core/io/incidents: which source column feeds which canonical incident field, and the conversion
// of a row through such a mapping (the Flashpoint schema and generic sources, whatever the container).

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/io/incidents/date_columns.h"
#include "core/io/incidents/incident_row.h"
#include "core/util/result.h"

namespace fp::incident_io {

/// Canonical fields, in the order of docs/INCIDENTS.md. Lon, Lat and Wkt locate rows without a geometry.
enum class Field {
    Id,
    Title,
    Description,
    Category,
    SubCategory,
    Actors,
    Start,
    End,
    TimePrecision,
    LocationPrecision,
    Place,
    AdminAreas,
    Fatalities,
    Injured,
    Source,
    SourceUrl,
    SourceDate,
    Tags,
    Created,   ///< provenance: when the incident was coded (IncidentProvenance)
    Modified,  ///< provenance: its last edit
    CodedBy,   ///< provenance: who edited it last
    Sentence,  ///< provenance: the text it was coded from
    Country,   ///< country name or ISO code: context for geocoding a place name, and an admin area
    Admin1,    ///< first-level admin area (district, province): geocoding context, and an admin area
    Admin2,    ///< second-level admin area (municipality)
    Admin3,    ///< third-level admin area
    Lon,
    Lat,
    Wkt,
};
constexpr size_t kFieldCount = static_cast<size_t>(Field::Wkt) + 1;

/// The canonical name ("sub_category", "lon", ...).
const char* fieldName(Field f);
/// The field with that canonical name (any case).
std::optional<Field> fieldFromName(std::string_view name);

/// Column index per field (-1: not mapped), plus the column names the indices refer to.
struct ColumnMapping {
    std::array<int, kFieldCount> column{};
    std::vector<std::string> columns;
    /// Further date columns, tried in order for a row whose start column is empty (KML has `begin` for a
    /// TimeSpan and `timestamp` for a TimeStamp). Empty when the start column was chosen explicitly.
    std::vector<int> startAlternatives;

    /// How the date columns are written (start, its alternatives, end), once surveyed; see date_columns.h.
    std::vector<DateReading> dates;
    /// A `year` column, which confirms the century of two-digit years; -1 when there is none.
    int yearColumn = -1;

    ColumnMapping() { column.fill(-1); }
    /// (index, name) of the date columns to survey: start, its alternatives and end.
    std::vector<std::pair<int, std::string>> dateColumns() const;
    bool has(Field f) const { return column[static_cast<size_t>(f)] >= 0; }
    int index(Field f) const { return column[static_cast<size_t>(f)]; }
    /// Name of the column mapped to `f`, empty when none.
    const std::string& columnName(Field f) const {
        static const std::string kNone;
        return has(f) ? columns[static_cast<size_t>(index(f))] : kNone;
    }
    /// True when lon and lat columns, or a WKT column, are mapped.
    bool hasCoordinates() const { return (has(Field::Lon) && has(Field::Lat)) || has(Field::Wkt); }
    /// True when rows can be located: by coordinates, or by geocoding a place-name column.
    bool canLocate() const { return hasCoordinates() || has(Field::Place); }
    /// canonical name -> column name for every mapped field, in canonical order.
    std::vector<std::pair<std::string, std::string>> describe() const;
};

/// Maps `columns` to fields by the common names (case-insensitive; spaces and hyphens count as '_'), then
/// applies `overrides` (canonical name -> column name; an empty column unmaps the field). InvalidArgument
/// naming `source` when an override names an unknown field or a column the source does not have.
Result<ColumnMapping> mapColumns(const std::vector<std::string>& columns,
                                 const std::map<std::string, std::string>& overrides,
                                 const std::string& source);

/// True when the columns look written for Flashpoint: a `start` column and a `time_precision` or
/// `location_precision` one (their 10-character shapefile forms count too).
bool isFlashpointSchema(const std::vector<std::string>& columns);

/// The names a date column is recognised by, for messages ("date, event_date, ...").
std::string startColumnNames();

/// Converts one row of `values` (one per column of the mapping) into `out`. `geometry`, when given, is the
/// row's own point in lon/lat and takes precedence over lon/lat/WKT columns. A row without any coordinates
/// but with a place name is converted and marked for geocoding (RowContext::requestGeocode) with its country
/// and admin columns as context. Returns false when the row was rejected (reported in `ctx`).
bool convertMappedRow(const ColumnMapping& mapping, std::vector<std::string>& values, const LonLat* geometry,
                      const std::vector<std::string>& allowedCategories, RowContext& ctx, Incident& out);
/// The same for values that are already checked for UTF-8 (see checkUtf8) and held elsewhere; the text fields
/// go to `text` as views into `values` (those of `out` stay empty), for IncidentStoreBuilder::append.
bool convertMappedRow(const ColumnMapping& mapping, const std::vector<std::string_view>& values,
                      const LonLat* geometry, const std::vector<std::string>& allowedCategories,
                      RowContext& ctx, Incident& out, IncidentText& text);

/// Parses a WKT point ("POINT (21.1 42.6)", an optional "SRID=4326;" prefix) in lon/lat; rejects other
/// geometries and text that is not WKT.
bool readWktPoint(RowContext& ctx, std::string_view field, std::string_view wkt, LonLat& out);

}  // namespace fp::incident_io
