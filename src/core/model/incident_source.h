#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace fp {

class Gazetteer;

/// How to read an incident source; everything is optional. Kept with each incident layer so that a project
/// file can load the same source the same way again.
struct IncidentLoadOptions {
    /// Canonical field name ("start", "lon", "category", ... see canonicalIncidentFields) -> source column.
    /// Entries override detection; an empty column name leaves the field unread. Not used for ACLED and GDELT
    /// files unless given (then the file is read as a generic table with this mapping).
    std::map<std::string, std::string> fieldMapping;
    /// Table of a PostGIS database (may be "schema.table"), or layer of a multi-layer file.
    std::string table;
    /// SQL query to read instead of a table (PostgreSQL SQL for PostGIS, OGR SQL for files).
    std::string sql;
    /// How the dates are written, for every date column: empty or "auto" to infer it from each column's
    /// values, else a value of parseDateFormatOption ("day-first", "mm/dd/yyyy", "unix", "excel", ...).
    std::string dateFormat;
    /// Character encoding of a text file (e.g. "WINDOWS-1252", "ISO-8859-2"): empty to detect it (UTF-16 with
    /// a byte-order mark, UTF-8, else Windows-1252, reported).
    std::string encoding;
    /// When not empty, rows whose category is not in this list (any case) are reported and not loaded.
    std::vector<std::string> categories;
    /// Gazetteer for rows that name a place but have no coordinates (see docs/INCIDENTS.md, "Geocoding place
    /// names"); null: the default one (defaultGazetteer()), loaded only when such a row comes.
    std::shared_ptr<const Gazetteer> gazetteer;
    friend bool operator==(const IncidentLoadOptions&, const IncidentLoadOptions&) = default;
};

}  // namespace fp
