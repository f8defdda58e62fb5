#include "core/geocode/incident_geocoder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>

#include "core/geocode/country_codes.h"
#include "core/places/normalize.h"
#include "core/proj/geodesic.h"

namespace fp {

namespace {

/// How well a whole name matched, on the scale of the ranking below: an exact spelling beats the name's
/// last word ("Mitrovica" in "Sremska Mitrovica") only by a little, since sources often drop a qualifier.
double matchQuality(const PlaceHit& h) {
    switch (h.match) {
        case MatchKind::Exact:
            return 100.0;
        case MatchKind::WordExact:
            return 92.0;
        case MatchKind::Fuzzy:
            return 86.0 - 8.0 * (h.editDistance - 1);
        default:
            return 0.0;  // a prefix is not a whole name
    }
}

bool wholeName(MatchKind k) {
    return k == MatchKind::Exact || k == MatchKind::WordExact || k == MatchKind::Fuzzy;
}

/// True when `hint` (normalised) names the area `areaKey` (normalised): equal, or a whole word of it
/// ("mitrovica" in "mitrovica district"), or the other way round.
bool namesArea(std::string_view areaKey, std::string_view hint) {
    if (areaKey.empty() || hint.empty()) return false;
    auto wordIn = [](std::string_view hay, std::string_view needle) {
        for (size_t at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + 1)) {
            const size_t end = at + needle.size();
            if ((at == 0 || hay[at - 1] == ' ') && (end == hay.size() || hay[end] == ' ')) return true;
        }
        return false;
    };
    return wordIn(areaKey, hint) || wordIn(hint, areaKey);
}

struct Ranked {
    PlaceHit hit;
    double score = 0.0;
    bool context = false;  // one of the query's admin areas names this place's areas (or the area itself)
    bool ownName = false;  // matched the place's main or ASCII name, not one of its alternate names
};

double kmBetween(LonLat a, LonLat b) {
    return geodesicDistance(a, b) / 1000.0;
}

/// Candidates a result lists at most.
constexpr size_t kShownCandidates = 8;

/// The gazetteer's hits for the query's name. Typos only count when no place has the name as written, so the
/// typo scan (three quarters of the cost) runs only for names the exact pass does not find; the exact pass
/// also keeps typo hits from crowding places of the very name out of the top candidates.
Result<std::vector<PlaceHit>> searchWholeNamesFirst(const Gazetteer& g, const GeocodeQuery& query) {
    PlaceSearchOptions options;
    options.limit = 24;
    options.country = query.country;
    if (!query.admin.empty()) options.adminHint = query.admin.back();
    options.fuzzy = false;
    auto hits = g.search(query.name, options);
    if (hits &&
        std::none_of(hits->begin(), hits->end(), [](const PlaceHit& h) { return wholeName(h.match); })) {
        options.fuzzy = true;
        hits = g.search(query.name, options);
    }
    return hits;
}

/// Hits split into the whole-name matches that compete (`pool`) and the others (`partial`), best first.
struct RankedHits {
    std::vector<Ranked> pool, partial;
};

RankedHits rankHits(const Gazetteer& g, const std::vector<PlaceHit>& hits, const GeocodeQuery& query) {
    std::vector<std::string> hints;
    for (const auto& a : query.admin)
        if (std::string k = normalizePlaceName(a); !k.empty()) hints.push_back(std::move(k));
    RankedHits out;
    for (const PlaceHit& h : hits) {
        const Place& p = g.place(h.place);
        Ranked r{h, matchQuality(h) + 40.0 * placeImportance(p), false,
                 h.matchedName == p.name || h.matchedName == p.asciiName};
        const std::string admin1 = normalizePlaceName(p.admin1Name),
                          admin2 = normalizePlaceName(p.admin2Name);
        const std::string own = p.isArea() ? normalizePlaceName(p.name) : std::string();
        for (const auto& hint : hints)
            r.context =
                r.context || namesArea(admin1, hint) || namesArea(admin2, hint) || namesArea(own, hint);
        if (r.context) r.score += 25.0;
        (wholeName(h.match) ? out.pool : out.partial).push_back(r);
    }
    const auto demote = [&](auto&& loses) {
        std::erase_if(out.pool, [&](const Ranked& r) {
            if (!loses(r)) return false;
            out.partial.push_back(r);
            return true;
        });
    };
    // A typo only counts when no place has the name as written.
    if (std::any_of(out.pool.begin(), out.pool.end(),
                    [](const Ranked& r) { return r.hit.match != MatchKind::Fuzzy; }))
        demote([](const Ranked& r) { return r.hit.match == MatchKind::Fuzzy; });
    // Admin context decides between places when it names the areas of some of them.
    if (std::any_of(out.pool.begin(), out.pool.end(), [](const Ranked& r) { return r.context; }))
        demote([](const Ranked& r) { return !r.context; });
    const auto better = [](const Ranked& a, const Ranked& b) {
        return a.score != b.score ? a.score > b.score : a.hit.place < b.hit.place;
    };
    std::sort(out.pool.begin(), out.pool.end(), better);
    std::sort(out.partial.begin(), out.partial.end(), better);
    return out;
}

GeocodeCandidate toCandidate(const Gazetteer& g, const Ranked& r) {
    const Place& p = g.place(r.hit.place);
    GeocodeCandidate c;
    c.placeId = p.id;
    c.name = p.name;
    c.matchedName = r.hit.matchedName;
    c.adminLabel = g.adminLabel(r.hit.place);
    c.country = p.country();
    c.position = p.position;
    c.population = p.population;
    c.featureClass = p.featureClass;
    c.score = r.score;
    c.match = r.hit.match;
    return c;
}

/// An area and a place of the same name that lies in it or near it are one answer. "Štrpce" is a town and
/// the municipality around it.
bool placeInArea(const Gazetteer& g, const Ranked& area, const Ranked& place) {
    const Place& a = g.place(area.hit.place);
    const Place& p = g.place(place.hit.place);
    if (!a.isArea() || p.isArea()) return false;
    const std::string areaKey = normalizePlaceName(a.name);
    return namesArea(normalizePlaceName(p.admin1Name), areaKey) ||
           namesArea(normalizePlaceName(p.admin2Name), areaKey) || kmBetween(a.position, p.position) < 30.0;
}

/// Index of the answer in `pool` (best first): the best, or, when that is an area, a close place of the same
/// name in it (more precise).
size_t preferPlaceOverArea(const Gazetteer& g, const std::vector<Ranked>& pool) {
    if (!g.place(pool[0].hit.place).isArea()) return 0;
    for (size_t i = 1; i < pool.size(); ++i)
        // Only a place of the same name: "Harrisburg (Illinois)" has the word but is not Illinois.
        if (pool[i].score >= pool[0].score - IncidentGeocoder::kCloseScore &&
            pool[i].hit.match != MatchKind::WordExact && placeInArea(g, pool[0], pool[i]))
            return i;
    return 0;
}

/// Indices of the places in `pool` that score about as well as the chosen one yet lie elsewhere.
std::vector<size_t> rivalsOf(const Gazetteer& g, const std::vector<Ranked>& pool, size_t chosen) {
    const Ranked& best = pool[chosen];
    const LonLat at = g.place(best.hit.place).position;
    std::vector<size_t> rivals;
    for (size_t i = 0; i < pool.size(); ++i) {
        if (i == chosen || pool[i].score < pool[0].score - IncidentGeocoder::kCloseScore) continue;
        if (kmBetween(at, g.place(pool[i].hit.place).position) <= IncidentGeocoder::kApartKm) continue;
        if (placeInArea(g, pool[i], best) || placeInArea(g, best, pool[i])) continue;
        // A place that bears the name is not rivalled by one that only bore it once: GeoNames lists
        // "Springfield" among the old names of Palmyra, Missouri.
        if (best.hit.match == MatchKind::Exact && best.ownName && !pool[i].ownName) continue;
        rivals.push_back(i);
    }
    return rivals;
}

}  // namespace

const char* geocodeOutcomeName(GeocodeOutcome outcome) {
    switch (outcome) {
        case GeocodeOutcome::Matched:
            return "matched";
        case GeocodeOutcome::Ambiguous:
            return "ambiguous";
        case GeocodeOutcome::Unmatched:
            return "unmatched";
    }
    return "?";
}

IncidentGeocoder::IncidentGeocoder(std::shared_ptr<const Gazetteer> gazetteer)
    : m_gazetteer(std::move(gazetteer)) {}

const GeocodeResult& IncidentGeocoder::geocode(const GeocodeQuery& query) {
    m_key.assign(query.name).append(1, '\x1f').append(query.country);
    for (const auto& a : query.admin) m_key.append(1, '\x1f').append(a);
    auto it = m_cache.find(m_key);
    if (it != m_cache.end()) return *it->second;
    GeocodeQuery q = query;
    auto code = m_countries.find(query.country);
    if (code == m_countries.end())
        code = m_countries.emplace(query.country, countryCodeFromText(query.country)).first;
    q.country = code->second;
    auto result = std::make_unique<GeocodeResult>(compute(q));
    if (result->countryCode.empty() && !query.country.empty() && result->outcome != GeocodeOutcome::Matched)
        result->reason += " (country " + std::string("'") + query.country + "' not recognised, not used)";
    return *m_cache.emplace(m_key, std::move(result)).first->second;
}

GeocodeResult IncidentGeocoder::compute(const GeocodeQuery& query) const {
    GeocodeResult out;
    out.countryCode = query.country;
    const Gazetteer& g = *m_gazetteer;
    auto hits = searchWholeNamesFirst(g, query);
    if (!hits) {
        out.reason = "the name cannot be searched: " + hits.error().message;
        return out;
    }
    const RankedHits ranked = rankHits(g, hits.value(), query);
    const std::vector<Ranked>& pool = ranked.pool;
    out.candidateCount = pool.size();
    if (pool.empty()) {
        for (size_t i = 0; i < ranked.partial.size() && i < kShownCandidates; ++i)
            out.candidates.push_back(toCandidate(g, ranked.partial[i]));
        out.reason =
            "no place named '" + query.name + "'" +
            (query.country.empty() ? std::string() : " in " + countryDisplayName(query.country)) +
            (ranked.partial.empty() ? std::string(" in the gazetteer") : "; only partial or typo matches");
        return out;
    }
    const size_t chosen = preferPlaceOverArea(g, pool);
    const std::vector<size_t> rivals = rivalsOf(g, pool, chosen);
    out.candidates.push_back(toCandidate(g, pool[chosen]));
    for (size_t i : rivals) out.candidates.push_back(toCandidate(g, pool[i]));
    for (size_t i = 0; i < pool.size() && out.candidates.size() < kShownCandidates; ++i)
        if (i != chosen && std::find(rivals.begin(), rivals.end(), i) == rivals.end())
            out.candidates.push_back(toCandidate(g, pool[i]));
    if (rivals.empty()) {
        out.outcome = GeocodeOutcome::Matched;
        return out;
    }
    out.outcome = GeocodeOutcome::Ambiguous;
    std::string where;
    for (size_t k = 0; k < std::min<size_t>(out.candidates.size(), rivals.size() + 1); ++k) {
        const auto& c = out.candidates[k];
        where += (k ? "; " : "") + c.name + " (" + (c.adminLabel.empty() ? "" : c.adminLabel + ", ") +
                 countryDisplayName(c.country) + ")";
    }
    out.reason = std::to_string(rivals.size() + 1) + " places named '" + query.name +
                 "' fit about equally well and the row's context does not decide: " + where;
    return out;
}

void applyGeocode(const GeocodeCandidate& chosen, const GeocodeResult& result,
                  std::optional<LocationPrecision> sourcePrecision, Incident& inc) {
    inc.location = chosen.position;
    LocationPrecision p = chosen.featureClass == 'A' ? LocationPrecision::Region : LocationPrecision::Near;
    if (sourcePrecision) {
        if (*sourcePrecision == LocationPrecision::Exact && p == LocationPrecision::Near)
            p = LocationPrecision::Exact;  // the source knows the event happened in the place itself
        else
            p = std::max(p, *sourcePrecision);
    }
    inc.locationPrecision = p;
    char score[32];
    std::snprintf(score, sizeof score, "%.1f", chosen.score);
    inc.tags.emplace_back("geocoded");
    inc.tags.push_back("geocode:place=" + chosen.name);
    inc.tags.push_back("geocode:id=" + std::to_string(chosen.placeId));
    inc.tags.push_back(std::string("geocode:match=") + matchKindName(chosen.match));
    inc.tags.push_back(std::string("geocode:score=") + score);
    inc.tags.push_back("geocode:candidates=" + std::to_string(result.candidateCount));
}

Result<std::shared_ptr<const Gazetteer>> defaultGazetteer() {
    static std::mutex mutex;
    static std::optional<Result<std::shared_ptr<const Gazetteer>>> loaded;
    std::lock_guard lock(mutex);
    if (!loaded) {
        const std::string path = Gazetteer::defaultPath();
        if (path.empty())
            loaded.emplace(makeError(ErrorCode::NotFound, "places.fpgaz",
                                     "no data directory found, so there is no gazetteer to geocode with"));
        else
            loaded.emplace(Gazetteer::load(path));
    }
    return *loaded;
}

}  // namespace fp
