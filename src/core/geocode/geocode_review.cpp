#include "core/geocode/geocode_review.h"

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace fp {

namespace {

const char* kindName(GeocodeChoice::Kind k) {
    switch (k) {
        case GeocodeChoice::Kind::Candidate:
            return "candidate";
        case GeocodeChoice::Kind::MapPoint:
            return "map";
        case GeocodeChoice::Kind::Skip:
            return "skip";
    }
    return "skip";
}

GeocodeChoice choiceFor(const PendingGeocodeRow& row, GeocodeChoice::Kind kind) {
    GeocodeChoice out;
    out.source = row.source;
    out.row = row.row;
    out.name = row.query.name;
    out.kind = kind;
    return out;
}

std::string plural(size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string GeocodeSummary::describe() const {
    if (!any()) return {};
    std::string out = plural(geocoded, "row", "rows") + " geocoded from place names";
    if (ambiguous + unmatched > 0) {
        out += ", " + std::to_string(ambiguous) + " ambiguous and " + std::to_string(unmatched) +
               " unmatched held for review (not on the map)";
    }
    if (!gazetteerError.empty()) out += "; no gazetteer: " + gazetteerError;
    return out;
}

std::string GeocodeSummary::placedAndHeld(size_t placed) const {
    if (pending.empty()) return {};
    return plural(placed, "incident", "incidents") + " placed; " + plural(pending.size(), "row", "rows") +
           " held for geocoding review";
}

bool GeocodeChoice::matches(const PendingGeocodeRow& r) const {
    if (r.row != row || r.query.name != name) return false;
    if (r.source == source) return true;
    std::error_code ea, eb;
    const auto a = std::filesystem::weakly_canonical(r.source, ea);
    const auto b = std::filesystem::weakly_canonical(source, eb);
    return !ea && !eb && a == b;
}

nlohmann::json geocodeChoicesToJson(const std::vector<GeocodeChoice>& choices) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : choices) {
        nlohmann::json j = {
            {"source", c.source}, {"row", c.row}, {"name", c.name}, {"kind", kindName(c.kind)}};
        if (c.kind != GeocodeChoice::Kind::Skip) {
            j["lon"] = c.position.lon;
            j["lat"] = c.position.lat;
            j["precision"] = static_cast<int>(c.precision);
        }
        if (c.kind == GeocodeChoice::Kind::Candidate) {
            j["place_id"] = c.placeId;
            j["place_name"] = c.placeName;
        }
        out.push_back(std::move(j));
    }
    return out;
}

Result<std::vector<GeocodeChoice>> geocodeChoicesFromJson(const nlohmann::json& json) {
    auto bad = [](size_t i, const std::string& why) {
        return makeError(ErrorCode::InvalidArgument, "geocodeChoices",
                         "entry " + std::to_string(i + 1) + ": " + why);
    };
    if (!json.is_array()) return makeError(ErrorCode::InvalidArgument, "geocodeChoices", "is not a list");
    std::vector<GeocodeChoice> out;
    for (size_t i = 0; i < json.size(); ++i) {
        const auto& j = json[i];
        if (!j.is_object()) return bad(i, "is not an object");
        GeocodeChoice c;
        if (!j.contains("source") || !j["source"].is_string()) return bad(i, "'source' must be text");
        if (!j.contains("row") || !j["row"].is_number_integer() || j["row"].get<int64_t>() < 1)
            return bad(i, "'row' must be a row number (1 or more)");
        if (!j.contains("name") || !j["name"].is_string()) return bad(i, "'name' must be text");
        if (!j.contains("kind") || !j["kind"].is_string()) return bad(i, "'kind' must be text");
        c.source = j["source"].get<std::string>();
        c.row = j["row"].get<int64_t>();
        c.name = j["name"].get<std::string>();
        const std::string kind = j["kind"].get<std::string>();
        if (kind == "candidate")
            c.kind = GeocodeChoice::Kind::Candidate;
        else if (kind == "map")
            c.kind = GeocodeChoice::Kind::MapPoint;
        else if (kind == "skip")
            c.kind = GeocodeChoice::Kind::Skip;
        else
            return bad(i, "'kind' is '" + kind + "'; expected candidate, map or skip");
        if (c.kind != GeocodeChoice::Kind::Skip) {
            if (!j.contains("lon") || !j["lon"].is_number() || !j.contains("lat") || !j["lat"].is_number())
                return bad(i, "'lon' and 'lat' must be numbers");
            c.position = {j["lon"].get<double>(), j["lat"].get<double>()};
            if (!isValidLonLat(c.position)) return bad(i, "'lon'/'lat' are outside -180..180 / -90..90");
            const int p = j.value("precision", 2);
            if (p < 1 || p > 3) return bad(i, "'precision' must be 1, 2 or 3");
            c.precision = static_cast<LocationPrecision>(p);
        }
        if (c.kind == GeocodeChoice::Kind::Candidate) {
            if (!j.contains("place_id") || !j["place_id"].is_number_unsigned())
                return bad(i, "'place_id' must be a place id");
            c.placeId = j["place_id"].get<uint32_t>();
            c.placeName = j.value("place_name", std::string());
        }
        out.push_back(std::move(c));
    }
    return out;
}

GeocodeChoice choiceForCandidate(const PendingGeocodeRow& row, size_t candidate) {
    const GeocodeCandidate& c = row.result.candidates.at(candidate);
    GeocodeChoice out = choiceFor(row, GeocodeChoice::Kind::Candidate);
    out.placeId = c.placeId;
    out.placeName = c.name;
    out.position = c.position;
    Incident probe;
    applyGeocode(c, row.result, row.query.sourcePrecision, probe);
    out.precision = probe.locationPrecision;
    return out;
}

GeocodeChoice choiceForMapPoint(const PendingGeocodeRow& row, LonLat point) {
    GeocodeChoice out = choiceFor(row, GeocodeChoice::Kind::MapPoint);
    out.position = point;
    out.precision = LocationPrecision::Near;
    return out;
}

Result<Incident> resolvedIncident(const PendingGeocodeRow& row, const GeocodeChoice& choice) {
    if (choice.kind == GeocodeChoice::Kind::Skip)
        return makeError(ErrorCode::InvalidArgument, row.source,
                         "row " + std::to_string(row.row) + " was skipped: it has no position");
    if (!isValidLonLat(choice.position) || !std::isfinite(choice.position.lon))
        return makeError(ErrorCode::InvalidGeometry, row.source,
                         "row " + std::to_string(row.row) + ": the chosen position is not a valid lon/lat");
    Incident inc = row.incident;
    inc.location = choice.position;
    inc.locationPrecision = choice.precision;
    inc.tags.emplace_back("geocoded");
    inc.tags.emplace_back("geocode:by=user");
    if (choice.kind == GeocodeChoice::Kind::Candidate) {
        inc.tags.push_back("geocode:place=" + choice.placeName);
        inc.tags.push_back("geocode:id=" + std::to_string(choice.placeId));
    } else {
        inc.tags.emplace_back("geocode:match=map");
    }
    return inc;
}

IncidentStore storeWithIncidents(const IncidentStore& store, std::vector<Incident> added) {
    IncidentStoreBuilder builder;
    builder.reserve(store.size() + added.size());
    for (size_t i = 0; i < store.size(); ++i) builder.append(store.get(i));
    for (const auto& inc : added) builder.append(inc);
    return builder.build();
}

std::vector<Incident> applyGeocodeChoices(GeocodeSummary& summary,
                                          const std::vector<GeocodeChoice>& choices) {
    std::vector<Incident> out;
    std::vector<PendingGeocodeRow> keep;
    for (auto& row : summary.pending) {
        const GeocodeChoice* choice = nullptr;
        for (const auto& c : choices)
            if (c.matches(row)) choice = &c;  // the last choice made wins
        if (choice && choice->kind != GeocodeChoice::Kind::Skip) {
            if (auto inc = resolvedIncident(row, *choice)) {
                out.push_back(std::move(inc).value());
                continue;
            }
        }
        row.skipped = choice && choice->kind == GeocodeChoice::Kind::Skip;
        keep.push_back(std::move(row));
    }
    summary.pending = std::move(keep);
    return out;
}

}  // namespace fp
