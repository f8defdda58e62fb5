// Reading project files into a ProjectDocument (the schema is documented in docs/PROJECT.md; keep both in
// step).

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

#include "core/project/project_document.h"
#include "core/project/project_json_detail.h"

namespace fp {

namespace {

using Json = nlohmann::ordered_json;
using project_json::imageFormatName;
using project_json::isPlainPath;

using Json = nlohmann::ordered_json;

/// Thrown inside the parser only, caught in parseProjectJson: carries the field path and the reason.
struct FieldError {
    std::string field;
    std::string message;
};

/// Reads fields of one JSON object, naming "parent.key" in every complaint. Absent keys keep the default.
class ObjectReader {
public:
    ObjectReader(const Json& object, std::string path) : m_object(object), m_path(std::move(path)) {
        if (!object.is_object())
            throw FieldError{m_path.empty() ? "(top level)" : m_path, "expected an object"};
    }

    std::string field(const std::string& key) const { return m_path.empty() ? key : m_path + "." + key; }
    const Json* find(const std::string& key) const {
        auto it = m_object.find(key);
        return it == m_object.end() || it->is_null() ? nullptr : &*it;
    }

    void read(const std::string& key, std::string& out) const {
        if (const Json* v = find(key)) {
            if (!v->is_string()) throw FieldError{field(key), "expected a string"};
            out = v->get<std::string>();
        }
    }
    void read(const std::string& key, bool& out) const {
        if (const Json* v = find(key)) {
            if (!v->is_boolean()) throw FieldError{field(key), "expected true or false"};
            out = v->get<bool>();
        }
    }
    void read(const std::string& key, double& out, double min, double max) const {
        if (const Json* v = find(key)) {
            if (!v->is_number()) throw FieldError{field(key), "expected a number"};
            const double d = v->get<double>();
            if (!(d >= min && d <= max))
                throw FieldError{field(key), "must be within " + shortNumber(min) + ".." + shortNumber(max)};
            out = d;
        }
    }
    void read(const std::string& key, float& out, double min, double max) const {
        double d = out;
        read(key, d, min, max);
        out = static_cast<float>(d);
    }
    void read(const std::string& key, int& out, int min, int max) const {
        if (const Json* v = find(key)) {
            if (!v->is_number_integer()) throw FieldError{field(key), "expected a whole number"};
            const int64_t i = v->get<int64_t>();
            if (i < min || i > max)
                throw FieldError{field(key),
                                 "must be within " + std::to_string(min) + ".." + std::to_string(max)};
            out = static_cast<int>(i);
        }
    }
    void read(const std::string& key, Color& out) const;
    void read(const std::string& key, std::vector<std::string>& out) const {
        if (const Json* v = find(key)) {
            if (!v->is_array()) throw FieldError{field(key), "expected a list of strings"};
            out.clear();
            for (const auto& item : *v) {
                if (!item.is_string()) throw FieldError{field(key), "expected a list of strings"};
                out.push_back(item.get<std::string>());
            }
        }
    }
    /// The array at `key` (empty when absent); each element is handed to `each(element, "key[i]")`.
    template <class F>
    void forEach(const std::string& key, F&& each) const {
        const Json* v = find(key);
        if (!v) return;
        if (!v->is_array()) throw FieldError{field(key), "expected a list"};
        for (size_t i = 0; i < v->size(); ++i) each((*v)[i], field(key) + "[" + std::to_string(i) + "]");
    }

    static std::string shortNumber(double d) {
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
        return ec == std::errc() ? std::string(buf, end) : std::to_string(d);
    }

private:
    const Json& m_object;
    std::string m_path;
};

void ObjectReader::read(const std::string& key, Color& out) const {
    const Json* v = find(key);
    if (!v) return;
    if (v->is_string()) {
        auto c = Color::fromHex(v->get<std::string>());
        if (!c)
            throw FieldError{field(key),
                             "'" + v->get<std::string>() + "' is not a colour: use #rrggbb or #rrggbbaa"};
        out = c.value();
        return;
    }
    // Colours that hex bytes cannot hold exactly are written as four numbers 0..1.
    if (v->is_array() && v->size() == 4) {
        float ch[4];
        for (size_t i = 0; i < 4; ++i) {
            const Json& x = (*v)[i];
            if (!x.is_number() || !(x.get<double>() >= 0.0 && x.get<double>() <= 1.0))
                throw FieldError{field(key), "colour channels must be numbers within 0..1"};
            ch[i] = static_cast<float>(x.get<double>());
        }
        out = Color{ch[0], ch[1], ch[2], ch[3]};
        return;
    }
    throw FieldError{field(key), "expected a colour: \"#rrggbb\", \"#rrggbbaa\" or [r, g, b, a] within 0..1"};
}

// --- Reading -------------------------------------------------------------------------------------------

LayerStyle readStyle(const Json& j, const std::string& path) {
    ObjectReader r(j, path);
    LayerStyle s;
    r.read("visible", s.visible);
    r.read("filled", s.filled);
    r.read("fill", s.fill);
    r.read("outline", s.outline);
    r.read("outlineWidth", s.outlineWidthPx, 0.0, 100.0);
    r.read("opacity", s.opacity, 0.0, 1.0);
    r.read("labelField", s.labelField);
    r.read("labelSize", s.labelSizePx, 1.0, 200.0);
    r.read("labelColor", s.labelColor);
    r.read("labelHalo", s.labelHalo);
    r.read("labelPriority", s.labelPriority, -1000000, 1000000);
    r.read("labelUppercase", s.labelUppercase);
    return s;
}

IncidentStyle readIncidentStyle(const Json& j, const std::string& path) {
    ObjectReader r(j, path);
    IncidentStyle s;
    r.read("visible", s.visible);
    r.read("opacity", s.opacity, 0.0, 1.0);
    r.read("markerScale", s.markerScale, 0.01, 100.0);
    r.read("showUncertainty", s.showUncertainty);
    r.read("hiddenCategories", s.hiddenCategories);
    std::string drawStyle;
    r.read("drawStyle", drawStyle);
    if (!drawStyle.empty()) {
        auto parsed = parseDrawStyle(drawStyle);
        if (!parsed)
            throw FieldError{r.field("drawStyle"),
                             "'" + drawStyle + "' is not auto, markers, heatmap or hexbin"};
        s.drawStyle = *parsed;
    }
    r.read("weightByFatalities", s.weightByFatalities);
    return s;
}

std::string readSource(const ObjectReader& r, const std::string& projectPath) {
    std::string source;
    r.read("source", source);
    if (source.empty()) throw FieldError{r.field("source"), "missing: the file or connection to load"};
    return isPlainPath(source) ? resolveProjectPath(source, projectPath) : source;
}

ProjectView readView(const Json& j, const std::string& path) {
    ObjectReader r(j, path);
    ProjectView v;
    if (const Json* bbox = r.find("bbox")) {
        if (!bbox->is_array() || bbox->size() != 4)
            throw FieldError{r.field("bbox"), "expected [minlon, minlat, maxlon, maxlat]"};
        double c[4];
        for (size_t i = 0; i < 4; ++i) {
            if (!(*bbox)[i].is_number()) throw FieldError{r.field("bbox"), "expected four numbers"};
            c[i] = (*bbox)[i].get<double>();
        }
        if (!(c[0] >= -180 && c[2] <= 180 && c[1] >= -90 && c[3] <= 90 && c[0] < c[2] && c[1] < c[3]))
            throw FieldError{r.field("bbox"),
                             "must be minlon < maxlon within -180..180, minlat < maxlat within -90..90"};
        v.bbox = GeoBBox::fromCorners(c[0], c[1], c[2], c[3]);
        return v;
    }
    const Json* center = r.find("center");
    if (!center) throw FieldError{path, "needs either \"bbox\" or \"center\" with \"unitsPerPixel\""};
    if (!center->is_array() || center->size() != 2 || !(*center)[0].is_number() || !(*center)[1].is_number())
        throw FieldError{r.field("center"), "expected [lon, lat] in degrees"};
    v.center = {(*center)[0].get<double>(), (*center)[1].get<double>()};
    if (!(std::abs(v.center.lon) <= 180 && std::abs(v.center.lat) <= 90))
        throw FieldError{r.field("center"), "longitude must be within -180..180, latitude within -90..90"};
    r.read("unitsPerPixel", v.unitsPerPixel, 1e-12, 1e12);
    if (const Json* size = r.find("size")) {
        if (!size->is_array() || size->size() != 2 || !(*size)[0].is_number_integer() ||
            !(*size)[1].is_number_integer() || (*size)[0].get<int64_t>() < 1 ||
            (*size)[1].get<int64_t>() < 1 || (*size)[0].get<int64_t>() > 100000 ||
            (*size)[1].get<int64_t>() > 100000)
            throw FieldError{r.field("size"), "expected [width, height] in pixels, each 1..100000"};
        v.widthPx = (*size)[0].get<int>();
        v.heightPx = (*size)[1].get<int>();
    }
    return v;
}

TimeState readTime(const Json& j, const std::string& path) {
    ObjectReader r(j, path);
    TimeState t{TimeWindowSpec{WindowMode::All, 0, 0}, TimePoint{}};
    if (const Json* w = r.find("window")) {
        if (w->is_number_integer() && w->get<int64_t>() > 0) {
            t.window = {WindowMode::Moving, w->get<int64_t>(), 0};
        } else if (w->is_string()) {
            auto spec = parseWindowLength(w->get<std::string>());
            if (!spec) throw FieldError{r.field("window"), spec.error().message};
            t.window = spec.value();
        } else {
            throw FieldError{r.field("window"),
                             "expected \"7d\", \"1m\", \"cumulative\", \"all\" or seconds"};
        }
    }
    std::string cursor;
    r.read("cursor", cursor);
    if (!cursor.empty()) {
        auto parsed = parseTime(cursor);
        if (!parsed) throw FieldError{r.field("cursor"), "'" + cursor + "' is not a date or time"};
        t.cursor = parsed->time;
    }
    r.read("fadeByAge", t.fadeByAge);
    r.read("showGhosts", t.showGhosts);
    return t;
}

PlaybackSettings readPlayback(const Json& j, const std::string& path) {
    ObjectReader r(j, path);
    PlaybackSettings p;
    std::string step;
    r.read("step", step);
    if (!step.empty()) {
        auto parsed = parseTimeStep(step);
        if (!parsed) throw FieldError{r.field("step"), parsed.error().message};
        p.step = parsed.value();
    }
    r.read("speed", p.speed, 1.0, 1e9);
    r.read("loop", p.loop);
    return p;
}

ExportSettings readExport(const Json& j, const std::string& path, const std::string& projectPath) {
    ObjectReader r(j, path);
    ExportSettings e;
    r.read("width", e.widthPx, 1, 1000000);
    r.read("height", e.heightPx, 1, 1000000);
    r.read("dpi", e.dpi, 1.0, 10000.0);
    std::string format;
    r.read("format", format);
    if (!format.empty()) {
        bool known = false;
        for (ImageFormat f : {ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::GeoTiff,
                              ImageFormat::PngWorldFile, ImageFormat::GeoPdf})
            if (format == imageFormatName(f)) {
                e.format = f;
                known = true;
            }
        if (!known)
            throw FieldError{r.field("format"),
                             "'" + format + "' is not png, jpeg, geotiff, png-world-file or geopdf"};
    }
    r.read("jpegQuality", e.jpegQuality, 1, 100);
    r.read("fps", e.fps, 1, 240);
    r.read("lastImage", e.lastImagePath);
    r.read("lastAnimation", e.lastAnimationPath);
    if (!e.lastImagePath.empty()) e.lastImagePath = resolveProjectPath(e.lastImagePath, projectPath);
    if (!e.lastAnimationPath.empty())
        e.lastAnimationPath = resolveProjectPath(e.lastAnimationPath, projectPath);
    if (const Json* f = r.find("furniture")) {
        ObjectReader fr(*f, r.field("furniture"));
        MapFurniture& m = e.furniture;
        fr.read("title", m.title);
        fr.read("titleText", m.titleText);
        fr.read("subtitle", m.subtitle);
        fr.read("subtitleText", m.subtitleText);
        fr.read("legend", m.legend);
        fr.read("scaleBar", m.scaleBar);
        fr.read("northArrow", m.northArrow);
        fr.read("timestamp", m.timestamp);
        fr.read("attribution", m.attribution);
        fr.read("banner", m.banner);
        fr.read("bannerText", m.bannerText);
        fr.read("inset", m.inset);
    }
    return e;
}

PlaceLabelStyle readPlaceLabels(const Json& j, const std::string& path) {
    ObjectReader r(j, path);
    PlaceLabelStyle style;
    r.read("visible", style.visible);
    std::string script;
    r.read("script", script);
    if (!script.empty()) {
        auto parsed = parsePlaceLabelScript(script);
        if (!parsed) throw FieldError{r.field("script"), "'" + script + "' is not local, latin or english"};
        style.script = *parsed;
    }
    return style;
}

ProjectDocument readDocument(const Json& root, const std::string& projectPath) {
    ObjectReader r(root, "");
    ProjectDocument doc;
    r.read("name", doc.name);
    r.read("crs", doc.crs);
    if (doc.crs.empty()) throw FieldError{"crs", "must not be empty"};
    r.read("background", doc.background);
    r.forEach("layers", [&](const Json& j, const std::string& path) {
        ObjectReader lr(j, path);
        ProjectLayer layer;
        layer.source = readSource(lr, projectPath);
        lr.read("layer", layer.layer);
        lr.read("name", layer.name);
        lr.read("attribution", layer.attribution);
        if (const Json* style = lr.find("style")) layer.style = readStyle(*style, lr.field("style"));
        doc.layers.push_back(std::move(layer));
    });
    r.forEach("incidents", [&](const Json& j, const std::string& path) {
        ObjectReader ir(j, path);
        ProjectIncidents inc;
        inc.source = readSource(ir, projectPath);
        ir.read("name", inc.name);
        ir.read("attribution", inc.attribution);
        ir.read("table", inc.options.table);
        ir.read("sql", inc.options.sql);
        ir.read("categories", inc.options.categories);
        ir.read("dateFormat", inc.options.dateFormat);
        ir.read("encoding", inc.options.encoding);
        if (const Json* mapping = ir.find("fieldMapping")) {
            if (!mapping->is_object())
                throw FieldError{ir.field("fieldMapping"), "expected an object of field: column"};
            for (const auto& [field, column] : mapping->items()) {
                if (!column.is_string())
                    throw FieldError{ir.field("fieldMapping") + "." + field, "expected a column name"};
                inc.options.fieldMapping[field] = column.get<std::string>();
            }
        }
        if (const Json* style = ir.find("style")) inc.style = readIncidentStyle(*style, ir.field("style"));
        doc.incidents.push_back(std::move(inc));
    });
    if (const Json* view = r.find("view")) doc.view = readView(*view, "view");
    if (const Json* time = r.find("time")) doc.time = readTime(*time, "time");
    if (const Json* playback = r.find("playback")) doc.playback = readPlayback(*playback, "playback");
    if (const Json* e = r.find("export")) doc.exportSettings = readExport(*e, "export", projectPath);
    if (const Json* places = r.find("placeLabels")) doc.placeLabels = readPlaceLabels(*places, "placeLabels");
    if (const Json* choices = r.find("geocodeChoices")) {
        auto parsed = geocodeChoicesFromJson(*choices);
        if (!parsed) throw FieldError{"geocodeChoices", parsed.error().message};
        doc.geocodeChoices = std::move(parsed).value();
        for (auto& c : doc.geocodeChoices) c.source = resolveProjectPath(c.source, projectPath);
    }
    return doc;
}

}  // namespace

Result<ProjectDocument> parseProjectJson(const std::string& text, const std::string& projectPath) {
    Json root;
    try {
        root = Json::parse(text);
    } catch (const Json::exception& e) {  // parse_error, and out_of_range for numbers too large for a double
        // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line 3, column 5".
        std::string what = e.what();
        if (auto pos = what.find("] "); what.rfind("[json.exception", 0) == 0 && pos != std::string::npos)
            what = what.substr(pos + 2);
        return makeError(ErrorCode::InvalidArgument, projectPath,
                         "not a valid project file (truncated or not JSON): " + what);
    }
    if (!root.is_object() || !root.contains("format"))
        return makeError(
            ErrorCode::UnsupportedFormat, projectPath,
            std::string("not a Flashpoint project: no \"format\": \"") + kProjectFormatName + "\"");
    if (!root["format"].is_string() || root["format"].get<std::string>() != kProjectFormatName)
        return makeError(ErrorCode::UnsupportedFormat, projectPath,
                         std::string("not a Flashpoint project: \"format\" is ") + root["format"].dump() +
                             ", expected \"" + kProjectFormatName + "\"");
    const Json& version = root["version"];
    if (!version.is_number_integer() || version.get<int64_t>() < 1)
        return makeError(ErrorCode::InvalidArgument, projectPath,
                         "\"version\" must be a whole number from 1 (found " + version.dump() + ")");
    if (version.get<int64_t>() > kProjectFormatVersion)
        return makeError(ErrorCode::UnsupportedFormat, projectPath,
                         "written by a newer Flashpoint (version " + std::to_string(version.get<int64_t>()) +
                             " > " + std::to_string(kProjectFormatVersion) +
                             "); update Flashpoint to open it");
    try {
        return readDocument(root, projectPath);
    } catch (const FieldError& e) {
        Error error = makeError(ErrorCode::InvalidArgument, projectPath, e.message);
        error.field = e.field;
        return error;
    }
}

}  // namespace fp
