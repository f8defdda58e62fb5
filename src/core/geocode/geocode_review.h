#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/geocode/incident_geocoder.h"
#include "core/model/incident.h"
#include "core/util/result.h"

namespace fp {

/// A row of an incident source whose place name could not be geocoded with confidence. It is held back from
/// the map (never placed at an invented position) until the user resolves it.
struct PendingGeocodeRow {
    std::string source;  ///< the source as shown (no password)
    int64_t row = 0;     ///< data row number, 1-based, as in the load report
    Incident incident;   ///< every field read from the row; location unset
    GeocodeQuery query;  ///< the name and its context as written
    GeocodeResult result;
    bool skipped = false;  ///< the user chose to leave it off the map (it stays listed)
};

/// How geocoding went for one load of a source.
struct GeocodeSummary {
    size_t geocoded = 0;   ///< rows located from their place name
    size_t ambiguous = 0;  ///< rows held: several places fit
    size_t unmatched = 0;  ///< rows held: no place fits (or no gazetteer)
    size_t distinctQueries = 0;
    std::string gazetteerError;              ///< why no gazetteer could be used; empty when one was
    std::vector<PendingGeocodeRow> pending;  ///< the held rows, in source order

    bool any() const { return geocoded + ambiguous + unmatched > 0; }
    /// "14 rows geocoded from place names, 2 ambiguous and 1 unmatched held for review"; empty if !any().
    std::string describe() const;
    /// "0 incidents placed; 3 rows held for geocoding review", for a layer that put `placed` incidents on the
    /// map; empty when no row is pending.
    std::string placedAndHeld(size_t placed) const;
};

/// What the user decided for one held row. Keyed by source, row and name, so that a choice still applies when
/// the source is loaded again and is ignored once that row says something else.
struct GeocodeChoice {
    enum class Kind : uint8_t { Candidate, MapPoint, Skip };
    std::string source;
    int64_t row = 0;
    std::string name;  ///< the place name of the row, as written
    Kind kind = Kind::Skip;
    uint32_t placeId = 0;   ///< Candidate: the gazetteer place chosen
    std::string placeName;  ///< Candidate: its name; MapPoint: empty
    LonLat position;        ///< Candidate and MapPoint
    LocationPrecision precision = LocationPrecision::Near;

    /// Same row, name and source (paths compared as files, so a project's resolved path still matches).
    bool matches(const PendingGeocodeRow& row) const;
    friend bool operator==(const GeocodeChoice&, const GeocodeChoice&) = default;
};

/// JSON form of choices (an array of objects with source, row, name, kind = "candidate"/"map"/"skip",
/// place_id, place_name, lon, lat, precision), for project files.
nlohmann::json geocodeChoicesToJson(const std::vector<GeocodeChoice>& choices);
/// The inverse; InvalidArgument naming the entry and field when the JSON is not in that form.
Result<std::vector<GeocodeChoice>> geocodeChoicesFromJson(const nlohmann::json& json);

/// The choice for picking candidate `candidate` of `row`.
GeocodeChoice choiceForCandidate(const PendingGeocodeRow& row, size_t candidate);
/// The choice for placing `row` at a point the user clicked (precision Near: a click is not a survey).
GeocodeChoice choiceForMapPoint(const PendingGeocodeRow& row, LonLat point);

/// The row's incident located as `choice` says (with tags "geocoded", "geocode:by=user" and, for a
/// candidate, its place). Fails for a Skip choice or a position outside -180..180 / -90..90.
Result<Incident> resolvedIncident(const PendingGeocodeRow& row, const GeocodeChoice& choice);

/// A new store holding every incident of `store` plus `added` (the store itself is immutable).
IncidentStore storeWithIncidents(const IncidentStore& store, std::vector<Incident> added);

/// Applies the choices that match rows of `summary` (see GeocodeChoice::matches): located rows are moved out
/// of `summary.pending` into the returned list; skipped ones stay pending, marked skipped. Counts are not
/// changed.
std::vector<Incident> applyGeocodeChoices(GeocodeSummary& summary, const std::vector<GeocodeChoice>& choices);

}  // namespace fp
