// Writing a ProjectDocument as a project file, and the path rules (the schema is documented in
// docs/PROJECT.md; keep both in step).

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <filesystem>

#include "core/project/project_document.h"
#include "core/project/project_json_detail.h"
#include "core/util/secrets.h"

namespace fs = std::filesystem;

namespace fp {

namespace project_json {

bool isPlainPath(const std::string& path) {
    return !path.empty() && !isDatabaseSource(path) && path.rfind("/vsi", 0) != 0 &&
           path.find("://") == std::string::npos;
}

const char* imageFormatName(ImageFormat f) {
    switch (f) {
        case ImageFormat::Png:
            return "png";
        case ImageFormat::Jpeg:
            return "jpeg";
        case ImageFormat::GeoTiff:
            return "geotiff";
        case ImageFormat::PngWorldFile:
            return "png-world-file";
        case ImageFormat::GeoPdf:
            return "geopdf";
    }
    return "png";
}

}  // namespace project_json

namespace {

using Json = nlohmann::ordered_json;
using project_json::imageFormatName;
using project_json::isPlainPath;

/// A float as the shortest decimal that reads back as the same float (0.9f is written 0.9, not 0.8999999762).
Json shortFloat(float f) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, f);
    return ec == std::errc() ? Json(std::stod(std::string(buf, end))) : Json(static_cast<double>(f));
}

Json colorJson(const Color& c) {
    auto exactByte = [](float v) { return std::round(v * 255.f) / 255.f == v; };
    if (exactByte(c.r) && exactByte(c.g) && exactByte(c.b) && exactByte(c.a)) return c.toHex();
    return Json::array({shortFloat(c.r), shortFloat(c.g), shortFloat(c.b), shortFloat(c.a)});
}

// --- Writing -------------------------------------------------------------------------------------------

Json styleJson(const LayerStyle& s) {
    return Json{{"visible", s.visible},
                {"filled", s.filled},
                {"fill", colorJson(s.fill)},
                {"outline", colorJson(s.outline)},
                {"outlineWidth", shortFloat(s.outlineWidthPx)},
                {"opacity", shortFloat(s.opacity)},
                {"labelField", s.labelField},
                {"labelSize", shortFloat(s.labelSizePx)},
                {"labelColor", colorJson(s.labelColor)},
                {"labelHalo", colorJson(s.labelHalo)},
                {"labelPriority", s.labelPriority},
                {"labelUppercase", s.labelUppercase}};
}

Json incidentStyleJson(const IncidentStyle& s) {
    return Json{{"visible", s.visible},
                {"opacity", shortFloat(s.opacity)},
                {"markerScale", shortFloat(s.markerScale)},
                {"showUncertainty", s.showUncertainty},
                {"hiddenCategories", s.hiddenCategories},
                {"drawStyle", drawStyleName(s.drawStyle)},
                {"weightByFatalities", s.weightByFatalities}};
}

/// "7d", "1m", "cumulative", "all" as parseWindowLength reads them; a bare number of seconds otherwise.
Json windowJson(const TimeWindowSpec& w) {
    if (w.mode == WindowMode::All) return "all";
    if (w.mode == WindowMode::Cumulative) return "cumulative";
    if (w.months > 0) return std::to_string(w.months) + "m";
    for (auto [unit, seconds] : {std::pair{'w', 604800}, {'d', kSecondsPerDay}, {'h', 3600}})
        if (w.seconds > 0 && w.seconds % seconds == 0) return std::to_string(w.seconds / seconds) + unit;
    return w.seconds;
}

Json exportJson(const ExportSettings& e, const std::string& projectPath) {
    const MapFurniture& f = e.furniture;
    auto path = [&](const std::string& p) { return p.empty() ? p : pathRelativeToProject(p, projectPath); };
    return Json{{"width", e.widthPx},
                {"height", e.heightPx},
                {"dpi", e.dpi},
                {"format", imageFormatName(e.format)},
                {"jpegQuality", e.jpegQuality},
                {"fps", e.fps},
                {"lastImage", path(e.lastImagePath)},
                {"lastAnimation", path(e.lastAnimationPath)},
                {"furniture", Json{{"title", f.title},
                                   {"titleText", f.titleText},
                                   {"subtitle", f.subtitle},
                                   {"subtitleText", f.subtitleText},
                                   {"legend", f.legend},
                                   {"scaleBar", f.scaleBar},
                                   {"northArrow", f.northArrow},
                                   {"timestamp", f.timestamp},
                                   {"attribution", f.attribution},
                                   {"banner", f.banner},
                                   {"bannerText", f.bannerText},
                                   {"inset", f.inset}}}};
}
}  // namespace

std::string pathRelativeToProject(const std::string& path, const std::string& projectPath) {
    if (!isPlainPath(path)) return path;
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec).lexically_normal();
    const fs::path base = fs::absolute(fs::path(projectPath), ec).parent_path().lexically_normal();
    if (ec) return path;
    const fs::path rel = absolute.lexically_relative(base);
    int ups = 0;
    for (const auto& part : rel) ups += part == "..";
    int baseDepth = 0;
    for (const auto& part : base.relative_path()) baseDepth += !part.empty();
    // Beyond two levels up, or only sharing the root (/tmp/briefings vs /work/geodata), the file is
    // elsewhere on the disk: moving the project folder should not break it.
    if (rel.empty() || ups > 2 || ups >= baseDepth) return absolute.generic_string();
    return rel.generic_string();
}

std::string resolveProjectPath(const std::string& path, const std::string& projectPath) {
    if (!isPlainPath(path) || fs::path(path).is_absolute()) return path;
    return (fs::path(projectPath).parent_path() / path).lexically_normal().string();
}

std::string projectToJson(const ProjectDocument& doc, const std::string& projectPath) {
    Json root{{"format", kProjectFormatName},
              {"version", kProjectFormatVersion},
              {"name", doc.name},
              {"crs", doc.crs},
              {"background", colorJson(doc.background)}};
    Json view;
    if (doc.view.bbox) {
        const GeoBBox& b = *doc.view.bbox;
        view["bbox"] = {b.minX, b.minY, b.maxX, b.maxY};
    } else {
        view["center"] = {doc.view.center.lon, doc.view.center.lat};
        view["unitsPerPixel"] = doc.view.unitsPerPixel;
        view["size"] = {doc.view.widthPx, doc.view.heightPx};
    }
    root["view"] = view;
    Json layers = Json::array();
    for (const auto& l : doc.layers) {
        // A project file is shared and mailed around: it never holds a password or token.
        Json j{{"name", l.name}, {"source", scrubSecrets(pathRelativeToProject(l.source, projectPath))}};
        if (!l.layer.empty()) j["layer"] = l.layer;
        j["attribution"] = l.attribution;
        j["style"] = styleJson(l.style);
        layers.push_back(std::move(j));
    }
    root["layers"] = std::move(layers);
    Json incidents = Json::array();
    for (const auto& i : doc.incidents) {
        Json j{{"name", i.name}, {"source", scrubSecrets(pathRelativeToProject(i.source, projectPath))}};
        if (!i.options.table.empty()) j["table"] = i.options.table;
        if (!i.options.sql.empty()) j["sql"] = i.options.sql;
        if (!i.options.fieldMapping.empty()) j["fieldMapping"] = i.options.fieldMapping;
        if (!i.options.categories.empty()) j["categories"] = i.options.categories;
        if (!i.options.dateFormat.empty()) j["dateFormat"] = i.options.dateFormat;
        if (!i.options.encoding.empty()) j["encoding"] = i.options.encoding;
        j["attribution"] = i.attribution;
        j["style"] = incidentStyleJson(i.style);
        incidents.push_back(std::move(j));
    }
    root["incidents"] = std::move(incidents);
    root["time"] = Json{{"window", windowJson(doc.time.window)},
                        {"cursor", formatIso(doc.time.cursor)},
                        {"fadeByAge", doc.time.fadeByAge},
                        {"showGhosts", doc.time.showGhosts}};
    root["playback"] = Json{{"step", formatTimeStep(doc.playback.step)},
                            {"speed", doc.playback.speed},
                            {"loop", doc.playback.loop}};
    root["export"] = exportJson(doc.exportSettings, projectPath);
    root["placeLabels"] =
        Json{{"visible", doc.placeLabels.visible}, {"script", placeLabelScriptName(doc.placeLabels.script)}};
    if (!doc.geocodeChoices.empty()) {
        std::vector<GeocodeChoice> choices = doc.geocodeChoices;
        for (auto& c : choices) c.source = pathRelativeToProject(c.source, projectPath);
        root["geocodeChoices"] = geocodeChoicesToJson(choices);
    }
    return root.dump(2) + "\n";
}

}  // namespace fp
