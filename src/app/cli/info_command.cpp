#include "app/cli/info_command.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "app/cli/cli.h"
#include "core/io/incidents/incident_loader.h"
#include "core/io/vector_loader.h"

namespace fp {

namespace {

using nlohmann::json;

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ", ";
        out += item;
    }
    return out;
}

/// "is not an incident source: no date column" -> "no date column".
std::string reasonOnly(const std::string& message) {
    const size_t colon = message.find(": ");
    return message.rfind("is not an incident", 0) == 0 && colon != std::string::npos
               ? message.substr(colon + 2)
               : message;
}

json errorJson(const Error& e) {
    json j = {{"code", errorCodeName(e.code)},
              {"message", scrubSecrets(e.message)},
              {"source", scrubSecrets(e.source)}};
    j["row"] = e.row >= 0 ? json(e.row) : json(nullptr);
    j["field"] = e.field.empty() ? json(nullptr) : json(scrubSecrets(e.field));
    j["text"] = e.describe();
    return j;
}

json problemsJson(const LoadReport& report) {
    json out = json::array();
    for (const auto& p : report.problems) out.push_back(errorJson(p));
    return out;
}

/// Bytes per column of the store and per incident ({"start": {"bytes": .., "perIncident": ..}, ...}).
json memoryByColumnJson(const IncidentStore& s) {
    json out = json::object();
    for (const auto& [column, bytes] : s.memoryByColumn())
        out[column] = {
            {"bytes", bytes},
            {"perIncident", s.empty() ? 0.0 : static_cast<double>(bytes) / static_cast<double>(s.size())}};
    return out;
}

json extentJson(const GeoBBox& b) {
    if (b.empty()) return nullptr;
    return {{"minLon", b.minX}, {"minLat", b.minY}, {"maxLon", b.maxX}, {"maxLat", b.maxY}};
}

std::string extentText(const GeoBBox& b) {
    if (b.empty()) return "(none)";
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.6f, %.6f to %.6f, %.6f (lon/lat, WGS 84)", b.minX, b.minY, b.maxX,
                  b.maxY);
    return buf;
}

void printProblems(const LoadReport& report) {
    if (report.problems.empty()) {
        std::printf("problems:    none\n");
        return;
    }
    std::printf("problems (%zu):\n", report.problems.size());
    for (const auto& p : report.problems) std::printf("  %s\n", p.describe().c_str());
}

/// Category name -> how many incidents have it, most frequent first.
std::vector<std::pair<std::string, size_t>> categoryCounts(const IncidentStore& s) {
    std::vector<size_t> counts(s.categories().size(), 0);
    for (uint16_t c : s.categoryIndex()) ++counts[c];
    std::vector<std::pair<std::string, size_t>> out;
    for (size_t i = 0; i < counts.size(); ++i) out.emplace_back(s.categories()[i], counts[i]);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return out;
}

json geocodingJson(const GeocodeSummary& g) {
    json pending = json::array();
    for (const auto& row : g.pending) {
        json candidates = json::array();
        for (const auto& c : row.result.candidates)
            candidates.push_back({{"placeId", c.placeId},
                                  {"name", c.name},
                                  {"admin", c.adminLabel},
                                  {"country", c.country},
                                  {"population", c.population},
                                  {"lon", c.position.lon},
                                  {"lat", c.position.lat},
                                  {"score", c.score},
                                  {"match", matchKindName(c.match)}});
        pending.push_back({{"row", row.row},
                           {"name", row.query.name},
                           {"country", row.query.country},
                           {"admin", row.query.admin},
                           {"outcome", geocodeOutcomeName(row.result.outcome)},
                           {"reason", row.result.reason},
                           {"candidates", candidates}});
    }
    json j = {{"geocoded", g.geocoded},
              {"ambiguous", g.ambiguous},
              {"unmatched", g.unmatched},
              {"distinctNames", g.distinctQueries},
              {"pending", pending}};
    if (!g.gazetteerError.empty()) j["gazetteerError"] = g.gazetteerError;
    return j;
}

void printGeocoding(const GeocodeSummary& g) {
    std::printf("geocoding:   %zu geocoded, %zu ambiguous, %zu unmatched (%zu distinct names)\n", g.geocoded,
                g.ambiguous, g.unmatched, g.distinctQueries);
    if (!g.gazetteerError.empty()) std::printf("             no gazetteer: %s\n", g.gazetteerError.c_str());
    for (const auto& row : g.pending) {
        std::printf("             row %lld '%s' %s, held for review:", static_cast<long long>(row.row),
                    row.query.name.c_str(), geocodeOutcomeName(row.result.outcome));
        if (row.result.candidates.empty()) std::printf(" no candidates");
        for (size_t i = 0; i < row.result.candidates.size() && i < 3; ++i) {
            const auto& c = row.result.candidates[i];
            std::printf("%s %s (%s%s%s)", i ? ";" : "", c.name.c_str(), c.adminLabel.c_str(),
                        c.adminLabel.empty() ? "" : ", ", c.country.c_str());
        }
        std::printf("\n");
    }
}

int describeIncidents(const IncidentStore& s, const IncidentFormatInfo& info, const LoadReport& report,
                      bool asJson) {
    const TimeSpan range = s.timeRange();
    const auto categories = categoryCounts(s);
    if (asJson) {
        json mapping = json::object();
        for (const auto& [field, column] : info.fieldMapping) mapping[field] = column;
        json cats = json::array();
        for (const auto& [name, count] : categories) cats.push_back({{"name", name}, {"count", count}});
        json dateFormats = json::object();
        for (const auto& [column, format] : info.dateFormats) dateFormats[column] = format;
        json j = {
            {"source", report.source},
            {"kind", "incidents"},
            {"format", info.format},
            {"driver", info.driver},
            {"layer", info.layer},
            {"crs", info.crs},
            {"attribution", info.attribution},
            {"dateFormats", dateFormats},
            {"encoding", info.encoding},
            {"columns", info.columns},
            {"fieldMapping", mapping},
            {"count", s.size()},
            {"rowsRead", report.featuresRead},
            {"rowsSkipped", report.featuresSkipped},
            {"timeRange", s.empty() ? json(nullptr)
                                    : json{{"begin", formatIso(range.begin)}, {"end", formatIso(range.end)}}},
            {"extent", extentJson(s.extent())},
            {"categories", cats},
            {"memoryBytes", s.memoryBytes()},
            {"memoryByColumn", memoryByColumnJson(s)},
            {"problems", problemsJson(report)}};
        if (info.geocoding.any()) j["geocoding"] = geocodingJson(info.geocoding);
        std::printf("%s\n", j.dump(2).c_str());
        return kExitOk;
    }
    std::printf("source:      %s\n", report.source.c_str());
    std::printf("kind:        incidents\n");
    std::printf("format:      %s (%s)\n", info.format.c_str(), info.driver.c_str());
    if (!info.layer.empty()) std::printf("layer:       %s\n", info.layer.c_str());
    std::printf("crs:         %s\n", info.crs.empty() ? "(unknown: nothing was read)" : info.crs.c_str());
    const char* label = "fields:      ";
    for (const auto& [field, column] : info.fieldMapping) {
        std::printf("%s%s <- %s\n", label, field.c_str(), column.c_str());
        label = "             ";
    }
    label = "dates:       ";
    for (const auto& [column, format] : info.dateFormats) {
        std::printf("%s%s: %s\n", label, column.c_str(), format.c_str());
        label = "             ";
    }
    if (!info.encoding.empty() && info.encoding != "UTF-8")
        std::printf("encoding:    %s\n", info.encoding.c_str());
    std::printf("incidents:   %zu (%zu rows read, %zu not loaded)\n", s.size(), report.featuresRead,
                report.featuresSkipped);
    if (const std::string held = info.geocoding.placedAndHeld(s.size()); !held.empty())
        std::printf("             %s\n", held.c_str());
    if (s.empty())
        std::printf("time range:  (none: no incident placed)\n");
    else
        std::printf("time range:  %s to %s (UTC, end exclusive)\n", formatIso(range.begin).c_str(),
                    formatIso(range.end).c_str());
    std::printf("extent:      %s\n", extentText(s.extent()).c_str());
    std::vector<std::string> cats;
    for (const auto& [name, count] : categories)
        cats.push_back((name.empty() ? std::string("(none)") : name) + " " + std::to_string(count));
    std::printf("categories:  %s\n", cats.empty() ? "(none)" : join(cats).c_str());
    if (!info.attribution.empty()) std::printf("attribution: %s\n", info.attribution.c_str());
    if (info.geocoding.any()) printGeocoding(info.geocoding);
    printProblems(report);
    return kExitOk;
}

std::vector<std::string> geometryKinds(const VectorLayer& layer) {
    std::set<std::string> kinds;
    for (PartKind k : layer.geometry.partKind)
        kinds.insert(k == PartKind::Polygon ? "polygon" : k == PartKind::Line ? "line" : "point");
    return {kinds.begin(), kinds.end()};
}

int describeVectors(const std::vector<VectorLayer>& layers, const LoadReport& report,
                    const Error& whyNotIncidents, bool asJson) {
    if (asJson) {
        json ls = json::array();
        for (const auto& l : layers) {
            ls.push_back({{"name", l.layerName},
                          {"driver", l.driverName},
                          {"features", l.featureCount()},
                          {"geometry", geometryKinds(l)},
                          {"crs", l.sourceCrsName},
                          {"extent", extentJson(l.extent)},
                          {"fields", l.fieldNames}});
        }
        json j = {{"source", scrubSecrets(report.source)},
                  {"kind", "vector"},
                  {"notIncidents", reasonOnly(whyNotIncidents.message)},
                  {"layers", ls},
                  {"featuresRead", report.featuresRead},
                  {"featuresSkipped", report.featuresSkipped},
                  {"problems", problemsJson(report)}};
        std::printf("%s\n", j.dump(2).c_str());
        return kExitOk;
    }
    std::printf("source:      %s\n", report.source.c_str());
    std::printf("kind:        vector layers (not incidents: %s)\n",
                reasonOnly(whyNotIncidents.message).c_str());
    for (const auto& l : layers) {
        std::printf("layer:       %s\n", l.layerName.c_str());
        std::printf("  driver:    %s\n", l.driverName.c_str());
        std::printf("  features:  %zu\n", l.featureCount());
        std::printf("  geometry:  %s\n", join(geometryKinds(l)).c_str());
        std::printf("  crs:       %s\n", l.sourceCrsName.c_str());
        std::printf("  extent:    %s\n", extentText(l.extent).c_str());
        std::printf("  fields:    %s\n", join(l.fieldNames).c_str());
    }
    printProblems(report);
    return kExitOk;
}

int fail(const Error& e, const LoadReport& report, const Error* secondary, bool asJson) {
    if (asJson) {
        json j = {{"source", scrubSecrets(report.source.empty() ? e.source : report.source)},
                  {"error", errorJson(e)},
                  {"problems", problemsJson(report)}};
        if (secondary) j["vectorError"] = errorJson(*secondary);
        std::printf("%s\n", j.dump(2).c_str());
    } else if (!report.problems.empty()) {
        printProblems(report);
    }
    std::fprintf(stderr, "flashpoint: error: %s\n", e.describe().c_str());
    // When both readers fail for the same reason (a file GDAL cannot read at all), it is said once.
    if (secondary && secondary->describe() != e.describe())
        std::fprintf(stderr, "flashpoint: error: as vector layers: %s\n", secondary->describe().c_str());
    return kExitFailure;
}

}  // namespace

void addInfoCommand(CLI::App& app, InfoOptions& o) {
    CLI::App* cmd = app.add_subcommand(
        "info",
        "Describe a data source: incidents (format, field mapping, time range, problems) or vector layers");
    cmd->add_option("source", o.source, "File, or PG:\"dbname=... host=...\" for PostGIS")->required();
    cmd->add_flag("--json", o.json, "Machine-readable JSON on stdout");
    CLI::Option* table = cmd->add_option("--table", o.table, "PostGIS table, or layer of a multi-layer file");
    CLI::Option* sql = cmd->add_option("--sql", o.sql, "SQL query to read instead of a table");
    table->excludes(sql);
    addIncidentReadFlags(cmd, o.read);
}

int runInfoCommand(const InfoOptions& o) {
    IncidentLoadOptions options;
    options.table = o.table;
    options.sql = o.sql;
    applyIncidentReadFlags(o.read, options);
    LoadReport report;
    IncidentFormatInfo info;
    auto incidents = loadIncidents(o.source, options, report, &info);
    if (incidents) return describeIncidents(incidents.value(), info, report, o.json);

    const Error& why = incidents.error();
    // A source recognised as incidents but without a single data row holds 0 incidents: that is an answer.
    if (why.code == ErrorCode::EmptyLayer && report.featuresRead == 0 && !info.format.empty())
        return describeIncidents(IncidentStoreBuilder().build(), info, report, o.json);
    // Only sources that are readable but not incidents are tried as vector layers. Databases are not: the
    // vector loader would see the connection string (and its password) in its messages.
    const bool database = isDatabaseSource(o.source);
    if (why.code != ErrorCode::UnsupportedFormat || database || !o.sql.empty())
        return fail(why, report, nullptr, o.json);
    LoadReport vectorReport;
    const std::string vectorSource = o.table.empty() ? o.source : o.source + "|layername=" + o.table;
    auto layers = loadVectorSource(vectorSource, vectorReport);
    if (!layers) return fail(why, report, &layers.error(), o.json);
    return describeVectors(layers.value(), vectorReport, why, o.json);
}

}  // namespace fp
