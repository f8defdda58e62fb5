#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/model/incident.h"
#include "core/model/incident_source.h"
#include "core/util/result.h"

namespace fp {

/// An incident layer's incidents to save, and where they came from (see saveIncidents).
struct IncidentSaveRequest {
    std::string source;           ///< the layer's source; "" for a layer of the user's own never saved
    IncidentLoadOptions options;  ///< how `source` was read
    std::string format;           ///< the loader's format name for `source` (IncidentFormatInfo::format)
    bool own = false;             ///< a layer made in Flashpoint
    std::shared_ptr<const IncidentStore> saved;   ///< what `source` holds (as loaded or last saved)
    std::shared_ptr<const IncidentStore> edited;  ///< what the layer shows now (edits made from `saved`)
    std::string output;            ///< "": write back to `source`; else a new .gpkg, .csv or .geojson file
    bool replaceExisting = false;  ///< replace `output` when it exists
    std::string layerName = "incidents";  ///< the GeoPackage layer of a new file
};

/// What a save wrote.
struct IncidentSaveSummary {
    std::string path;    ///< the file written (the source, or the new file)
    std::string format;  ///< its format as the loader names it
    /// The file read back: the layer's new saved store (its rows numbered as the file holds them now).
    std::shared_ptr<const IncidentStore> store;
    size_t changed = 0, added = 0, removed = 0, rows = 0;  ///< rows = data rows of the file
    /// "3 changed, 1 added, 0 removed; 12 rows".
    std::string describe() const;
};

/// Why edits of incidents read from `source` cannot be written back into it (a database read without a
/// table, an SQL query, a GDELT export, a format other than GeoPackage, CSV, GeoJSON or a PostGIS
/// table), or "" when they can.
std::string writeBackProblem(const std::string& source, const IncidentLoadOptions& options,
                             const std::string& format);

/// Saves an edited incident layer.
///
/// Back to its source (`output` empty): the source is read again with the same options, and each row that
/// was loaded is matched to the incidents by its number among the loaded rows (IncidentStore::origin). Rows
/// that were not loaded (held for geocoding, rejected), unchanged rows and every column Flashpoint does not
/// read are written as they were; a changed incident writes only the fields that changed, into the
/// columns they were read from (new columns named as docs/INCIDENTS.md's schema, e.g. `created`, `sentence`,
/// for fields the source has none for); deleted incidents' rows go; added incidents are appended. A CSV keeps
/// its dialect: every byte not edited stays, and edited and added rows are written in its delimiter, quoting,
/// line ends and encoding (incident_io::rewriteDelimitedText), atomically; a GeoJSON file is rewritten
/// atomically with every other member of each feature kept; a GeoPackage is updated in place in one
/// transaction (rolled back on any failure), so its column types, other layers and indexes stay; a PostGIS
/// table likewise, through GDAL's PostgreSQL driver, its rows found by their integer primary key (GDAL's
/// FID): changed rows updated, new ones inserted, deleted ones deleted, other columns untouched. Refused
/// (nothing written) when writeBackProblem says so, when the source changed since it was loaded (another
/// number of loaded rows), or when `edited` was not made from `saved`.
///
/// As a new file (`output` set): every incident in the Flashpoint schema (writeIncidentFile), refused when
/// `output` exists and !replaceExisting, or when it is the source itself.
///
/// Either way the file is then read back to give the layer its new saved store.
Result<IncidentSaveSummary> saveIncidents(const IncidentSaveRequest& request);

namespace incident_io {

/// The edits of `edited` against `saved`, by loaded-row number (IncidentStore::origin).
struct RowEdits {
    std::vector<int64_t> changedTo;  ///< per loaded row: index in `edited` when changed, -1 otherwise
    std::vector<bool> removed;       ///< per loaded row
    std::vector<size_t> added;       ///< indices in `edited` of added incidents
    std::vector<size_t> savedIndex;  ///< per loaded row: its index in `saved`
};
RowEdits rowEdits(const IncidentStore& saved, const IncidentStore& edited);

/// Where each canonical field (incidentFileColumns) goes in a source with `columns` read with
/// `fieldMapping`: its column index, or -1 when it has none.
std::vector<int> mappedColumns(const std::vector<std::string>& columns,
                               const std::vector<std::pair<std::string, std::string>>& fieldMapping);

/// Writes the edits of a source GDAL updates in place (a GeoPackage, a PostGIS table) in one transaction
/// (incident_write_back_gdal.cpp), rolled back on any failure. `changes` lists, per changed or added
/// incident, the fields to set (column name -> text) and its position when it moved; changed features and
/// `removedFids` are found by their feature ids. Errors name `shownSource` (secrets scrubbed).
struct FeatureChange {
    int64_t row = 0;   ///< 1-based data row; 0 for an added incident
    int64_t fid = -1;  ///< the feature's id, for sources updated through GDAL
    std::vector<std::pair<std::string, std::string>> fields;
    std::optional<LonLat> position;
};
struct GdalTarget {
    std::string source;       ///< as GDAL opens it
    std::string shownSource;  ///< in messages
    const char* driver = "GPKG";
    std::string layer;
};
Status updateGdalLayer(const GdalTarget& target, const std::vector<std::string>& newColumns,
                       const std::vector<FeatureChange>& changes, const std::vector<int64_t>& removedFids);

/// Writes a GeoJSON source's edits (incident_write_back_geojson.cpp), atomically: the features not changed
/// and everything around them (other members, white space, numbers as written) stay byte for byte; a
/// changed feature keeps its members' order and is written in the file's indentation; an added one goes
/// after the last, separated as the others are.
Status updateGeoJson(const std::string& path, const std::vector<FeatureChange>& changes,
                     const std::vector<int64_t>& removedRows);

}  // namespace incident_io

}  // namespace fp
