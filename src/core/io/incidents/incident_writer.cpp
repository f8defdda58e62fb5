#include "core/io/incidents/incident_writer.h"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "core/io/incidents/copy_sinks.h"
#include "core/io/incidents/incident_row.h"
#include "core/util/atomic_file.h"

namespace fp {

namespace {

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}

std::string degrees(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return buf;
}

}  // namespace

std::vector<std::string> incidentFileValues(const Incident& inc) {
    const IncidentSource* src = inc.sources.empty() ? nullptr : &inc.sources.front();
    const TimePrecision p = inc.timePrecision;
    return {inc.id,
            inc.title,
            inc.description,
            inc.category,
            inc.subCategory,
            joined(inc.actors),
            formatIso(inc.start, p),
            inc.end ? formatIso(*inc.end, p) : std::string(),
            timePrecisionName(p),
            std::to_string(static_cast<int>(inc.locationPrecision)),
            inc.placeName,
            joined(inc.adminAreas),
            inc.fatalities >= 0 ? std::to_string(inc.fatalities) : std::string(),
            inc.injured >= 0 ? std::to_string(inc.injured) : std::string(),
            src ? src->text : std::string(),
            src ? src->url : std::string(),
            src && src->published ? formatIso(*src->published, TimePrecision::Day) : std::string(),
            joined(inc.tags),
            inc.provenance.created,
            inc.provenance.modified,
            inc.provenance.by,
            inc.provenance.sentence,
            degrees(inc.location.lon),
            degrees(inc.location.lat)};
}

namespace {

Status writeGeoJson(const std::string& path, const std::vector<Incident>& incidents) {
    const auto& columns = incidentFileColumns();
    nlohmann::json features = nlohmann::json::array();
    for (const Incident& inc : incidents) {
        const std::vector<std::string> values = incidentFileValues(inc);
        nlohmann::json props = nlohmann::json::object();
        for (size_t c = 0; c + 2 < columns.size(); ++c)
            if (!values[c].empty()) props[columns[c]] = values[c];
        props["location_precision"] = static_cast<int>(inc.locationPrecision);
        features.push_back(
            {{"type", "Feature"},
             {"properties", props},
             {"geometry", {{"type", "Point"}, {"coordinates", {inc.location.lon, inc.location.lat}}}}});
    }
    const nlohmann::json doc{{"type", "FeatureCollection"}, {"features", features}};
    return writeFileAtomically(path, doc.dump(1) + "\n");
}

}  // namespace

const std::vector<std::string>& incidentFileColumns() {
    static const std::vector<std::string> kColumns{
        "id",         "title",    "description",    "category",           "sub_category", "actors",
        "start",      "end",      "time_precision", "location_precision", "place",        "admin_areas",
        "fatalities", "injured",  "source",         "source_url",         "source_date",  "tags",
        "created",    "modified", "coded_by",       "sentence",           "lon",          "lat"};
    return kColumns;
}

Status writeIncidentFile(const std::string& path, const std::vector<Incident>& incidents,
                         const std::string& layerName) {
    const std::string lower = incident_io::lowerAscii(path);
    auto ends = [&](const char* ext) {
        return lower.size() > std::string(ext).size() && lower.ends_with(ext);
    };
    if (ends(".geojson") || ends(".json")) return writeGeoJson(path, incidents);
    std::unique_ptr<incident_io::CopySink> sink;
    if (ends(".csv"))
        sink = incident_io::makeCsvSink(path);
    else if (ends(".gpkg"))
        sink = incident_io::makeGpkgSink(path, layerName);
    else
        return makeError(ErrorCode::InvalidArgument, path,
                         "cannot be written: give a .gpkg, .csv or .geojson file name");
    if (Status s = sink->begin(incidentFileColumns()); !s) return s;
    for (const Incident& inc : incidents)
        if (Status s = sink->row(incidentFileValues(inc), inc.location); !s) return s;
    return sink->finish();
}

}  // namespace fp
