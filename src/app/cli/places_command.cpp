#include "app/cli/places_command.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli/cli.h"
#include "core/places/gazetteer.h"
#include "core/places/place_record.h"
#include "core/util/input_file.h"
#include "core/util/text.h"

namespace fp {

namespace {

using nlohmann::json;

int usage(const std::string& message) {
    std::fprintf(stderr, "flashpoint geocode: error: %s\n", message.c_str());
    return kExitUsage;
}

bool parseNear(const std::string& text, LonLat& out) {
    const size_t comma = text.find(',');
    if (comma == std::string::npos) return false;
    try {
        size_t used = 0;
        out.lon = std::stod(text.substr(0, comma), &used);
        if (used != comma) return false;
        const std::string lat = text.substr(comma + 1);
        out.lat = std::stod(lat, &used);
        if (used != lat.size()) return false;
    } catch (const std::exception&) {
        return false;
    }
    return isValidLonLat(out);
}

}  // namespace

void addPlacesCommands(CLI::App& app, GeocodeOptions& geocode, PlacesBuildOptions& build) {
    CLI::App* cmd = app.add_subcommand(
        "geocode", "Look a place name up in the offline gazetteer and print ranked candidates");
    cmd->add_option("name", geocode.name, "Place name, in any case, script or spelling (Штрпце, Shtërpcë)")
        ->required();
    cmd->add_option("--country", geocode.country,
                    "Only places in this country (ISO 3166-1 alpha-2, e.g. XK)");
    cmd->add_option("--limit", geocode.limit, "Candidates to print")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    cmd->add_flag("--json", geocode.json, "Print JSON on stdout");
    cmd->add_option("--near", geocode.near, "LON,LAT: rank places near this point higher");
    cmd->add_option("--gazetteer", geocode.gazetteer, "Gazetteer file (default: the embedded one)");

    CLI::App* b = app.add_subcommand(
        "places-build", "Convert a prepared place table into a gazetteer file (see geodata/make_places.sh)");
    b->add_option("table", build.table, "Tab-separated place table")->required();
    b->add_option("output", build.output, "Gazetteer file to write")->required();
}

int runGeocodeCommand(const GeocodeOptions& o) {
    PlaceSearchOptions search;
    search.limit = static_cast<size_t>(o.limit);
    search.country = o.country;
    if (o.name.empty()) return usage("the place name is empty");
    if (o.name.size() > Gazetteer::kMaxQueryBytes)
        return usage("the place name is " + std::to_string(o.name.size()) + " bytes long; at most " +
                     std::to_string(Gazetteer::kMaxQueryBytes) + " are searched");
    if (!o.country.empty() &&
        (o.country.size() != 2 || !std::isalpha(static_cast<unsigned char>(o.country[0])) ||
         !std::isalpha(static_cast<unsigned char>(o.country[1]))))
        return usage("--country '" + o.country + "' is not a two-letter ISO 3166-1 code (e.g. XK, RS)");
    if (!o.near.empty()) {
        LonLat near;
        if (!parseNear(o.near, near)) return usage("--near '" + o.near + "' is not LON,LAT in degrees");
        search.near = near;
    }
    const std::string path = o.gazetteer.empty() ? Gazetteer::defaultPath() : o.gazetteer;
    if (path.empty()) {
        std::fprintf(stderr,
                     "flashpoint geocode: error: no gazetteer: the geodata folder was not found "
                     "(set FLASHPOINT_DATA_DIR or pass --gazetteer)\n");
        return kExitFailure;
    }
    if (Status s = checkInputFile(path); !s) {
        std::fprintf(stderr, "flashpoint geocode: error: %s\n", s.error().describe().c_str());
        return kExitFailure;
    }
    auto gazetteer = Gazetteer::load(path);
    if (!gazetteer) {
        std::fprintf(stderr, "flashpoint geocode: error: %s\n", gazetteer.error().describe().c_str());
        return kExitFailure;
    }
    const Gazetteer& g = *gazetteer.value();
    auto hits = g.search(o.name, search);
    if (!hits) return usage("the place name " + hits.error().message);
    if (hits.value().empty()) {
        std::fprintf(stderr, "flashpoint geocode: no place matches '%s'%s\n", o.name.c_str(),
                     o.country.empty() ? "" : (" in " + o.country).c_str());
        return kExitFailure;
    }
    json out = json::array();
    int rank = 0;
    for (const PlaceHit& h : hits.value()) {
        const Place& p = g.place(h.place);
        const std::string country = countryDisplayName(p.country());
        const std::string admin = g.adminLabel(h.place);
        ++rank;
        if (o.json) {
            out.push_back({{"rank", rank},
                           {"id", p.id},
                           {"name", p.name},
                           {"asciiName", p.asciiName},
                           {"lon", p.position.lon},
                           {"lat", p.position.lat},
                           {"country", p.country()},
                           {"countryName", country},
                           {"admin1", p.admin1Name},
                           {"admin2", p.admin2Name},
                           {"admin1Code", p.admin1Code},
                           {"admin2Code", p.admin2Code},
                           {"featureClass", std::string(1, p.featureClass)},
                           {"featureCode", p.featureCode},
                           {"population", p.population},
                           {"score", h.score},
                           {"match", matchKindName(h.match)},
                           {"editDistance", h.editDistance},
                           {"matchedName", h.matchedName}});
            continue;
        }
        std::printf(
            "%2d. %.*s (%.*s), %s [%.*s]%s%s\n    lat %.5f, lon %.5f; population %s; score %.1f, %s match "
            "on \"%.*s\"; id %u\n",
            rank, static_cast<int>(p.name.size()), p.name.data(), static_cast<int>(p.featureCode.size()),
            p.featureCode.data(), country.c_str(), static_cast<int>(p.country().size()), p.country().data(),
            admin.empty() ? "" : ", ", admin.c_str(), p.position.lat, p.position.lon,
            p.population ? groupThousands(p.population).c_str() : "unknown", h.score, matchKindName(h.match),
            static_cast<int>(h.matchedName.size()), h.matchedName.data(), p.id);
    }
    if (o.json) std::printf("%s\n", out.dump(2).c_str());
    return kExitOk;
}

int runPlacesBuildCommand(const PlacesBuildOptions& o) {
    const auto start = std::chrono::steady_clock::now();
    auto records = readPlaceTable(o.table);
    if (!records) {
        std::fprintf(stderr, "flashpoint places-build: error: %s\n", records.error().describe().c_str());
        return kExitFailure;
    }
    if (Status s = writeGazetteerFile(records.value(), o.output); !s) {
        std::fprintf(stderr, "flashpoint places-build: error: %s\n", s.error().describe().c_str());
        return kExitFailure;
    }
    std::printf("wrote %zu places to %s in %.1f s\n", records.value().size(), o.output.c_str(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return kExitOk;
}

}  // namespace fp
