#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model/incident.h"
#include "core/places/gazetteer.h"
#include "core/util/result.h"

namespace fp {

/// What an incident source says about a place it names without coordinates.
struct GeocodeQuery {
    std::string name;                ///< place name as written ("Štrpce", "Mitrovica")
    std::string country;             ///< country as written (name, alpha-2/3 or numeric code); may be empty
    std::vector<std::string> admin;  ///< admin areas as written, largest first (admin1, admin2, admin3)
    /// The source's own location precision for the row, when it gives one.
    std::optional<LocationPrecision> sourcePrecision;
};

/// How a query came out.
enum class GeocodeOutcome : uint8_t {
    Matched = 0,    ///< one place fits; the incident was located there
    Ambiguous = 1,  ///< several places far apart fit about equally well and the context does not decide
    Unmatched = 2,  ///< no place of that name (candidates, if any, are only partial or typo matches)
};
/// "matched", "ambiguous" or "unmatched".
const char* geocodeOutcomeName(GeocodeOutcome outcome);

/// One place a name may refer to, self-contained (no views into the gazetteer).
struct GeocodeCandidate {
    uint32_t placeId = 0;     ///< GeoNames id or Flashpoint addition id (see Place::id)
    std::string name;         ///< main name of the place ("Štrpce")
    std::string matchedName;  ///< the spelling the query matched ("Shtërpcë")
    std::string adminLabel;   ///< "Štrpce, Ferizaj" (see Gazetteer::adminLabel)
    std::string country;      ///< ISO alpha-2
    LonLat position;
    uint32_t population = 0;
    char featureClass = 'P';  ///< 'P' populated place, 'A' admin area, 'S' spot (e.g. a border crossing)
    double score = 0.0;
    MatchKind match = MatchKind::Exact;
};

/// The result of geocoding one query.
struct GeocodeResult {
    GeocodeOutcome outcome = GeocodeOutcome::Unmatched;
    /// Best candidates first (at most a handful); for Matched the first is the place used.
    std::vector<GeocodeCandidate> candidates;
    size_t candidateCount = 0;  ///< how many places matched the whole name (before trimming the list)
    std::string countryCode;    ///< the country filter applied (alpha-2), empty when none
    std::string reason;         ///< for Ambiguous/Unmatched: why, for the load report and the review list
};

/// Geocodes place names of incident rows against a gazetteer, caching every distinct query (sources repeat
/// a few hundred names over many thousands of rows). Not thread-safe (the cache); one per load.
class IncidentGeocoder {
public:
    /// Candidates farther apart than this are different places, in km (beyond both uncertainty radii).
    static constexpr double kApartKm = 12.0;
    /// Candidates whose score is within this of the best are "close" (comparable within one search).
    static constexpr double kCloseScore = 12.0;

    explicit IncidentGeocoder(std::shared_ptr<const Gazetteer> gazetteer);

    /// Geocodes `query`. The returned reference stays valid until the geocoder is destroyed.
    const GeocodeResult& geocode(const GeocodeQuery& query);

    /// Distinct queries geocoded so far (cache size).
    size_t distinctQueries() const { return m_cache.size(); }

private:
    GeocodeResult compute(const GeocodeQuery& query) const;

    std::shared_ptr<const Gazetteer> m_gazetteer;
    std::unordered_map<std::string, std::unique_ptr<GeocodeResult>> m_cache;
    std::unordered_map<std::string, std::string> m_countries;  // country text -> alpha-2 ("" if unknown)
    std::string m_key;
};

/// Locates `inc` at the chosen candidate and records how: location, precision (an admin area gives Region;
/// a populated place or spot gives Near, or Exact only when the source itself said exact; a coarser precision
/// given by the source is kept) and tags "geocoded", "geocode:place=<name>", "geocode:id=<place id>",
/// "geocode:match=<kind>", "geocode:score=<score>", "geocode:candidates=<count>".
void applyGeocode(const GeocodeCandidate& chosen, const GeocodeResult& result,
                  std::optional<LocationPrecision> sourcePrecision, Incident& inc);

/// The process-wide default gazetteer (Gazetteer::defaultPath()), loaded on first use and then shared;
/// a failure is remembered and returned again (so a load with many rows reports it once per call, cheaply).
Result<std::shared_ptr<const Gazetteer>> defaultGazetteer();

}  // namespace fp
