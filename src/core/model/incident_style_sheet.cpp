#include "core/model/incident_style_sheet.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/model/incident.h"
#include "core/util/binary_io.h"
#include "core/util/data_paths.h"
#include "core/util/log.h"

namespace fp {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string fold(std::string_view text) {
    size_t b = 0, e = text.size();
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    std::string out(text.substr(b, e - b));
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// Reads one style sheet, remembering where it is so every error names the file and the key.
class SheetReader {
public:
    explicit SheetReader(const std::string& source) : m_source(source) {}

    Error error(const std::string& key, const std::string& message) const {
        Error e = makeError(ErrorCode::InvalidArgument, m_source, message);
        e.field = key;
        return e;
    }

    Result<const json*> member(const json& object, const std::string& path, const char* key,
                               bool required) const {
        const std::string full = path.empty() ? key : path + "." + key;
        auto it = object.find(key);
        if (it == object.end()) {
            if (required) return error(full, "missing");
            return static_cast<const json*>(nullptr);
        }
        return &*it;
    }

    Status readColor(const json& object, const std::string& path, const char* key, Color& out,
                     bool required) const {
        auto m = member(object, path, key, required);
        if (!m) return m.error();
        if (!m.value()) return {};
        const std::string full = path.empty() ? key : path + "." + key;
        if (!m.value()->is_string()) return error(full, "must be a colour string such as \"#d55e00\"");
        auto c = Color::fromHex(m.value()->get<std::string>());
        if (!c)
            return error(full,
                         "'" + m.value()->get<std::string>() + "' is not a colour: use #rrggbb or #rrggbbaa");
        out = c.value();
        return {};
    }

    Status readNumber(const json& object, const std::string& path, const char* key, float& out, float lo,
                      float hi) const {
        auto m = member(object, path, key, false);
        if (!m) return m.error();
        if (!m.value()) return {};
        const std::string full = path.empty() ? key : path + "." + key;
        if (!m.value()->is_number()) return error(full, "must be a number");
        const double v = m.value()->get<double>();
        if (!std::isfinite(v) || v < lo || v > hi) {
            std::ostringstream s;
            s << "must be between " << lo << " and " << hi;
            return error(full, s.str());
        }
        out = static_cast<float>(v);
        return {};
    }

    Status readCategory(const json& object, const std::string& path, bool needsName,
                        CategoryStyle& out) const {
        if (!object.is_object()) return error(path, "must be an object with \"color\" and \"shape\"");
        if (needsName) {
            auto name = member(object, path, "name", true);
            if (!name) return name.error();
            if (!name.value()->is_string() || fold(name.value()->get<std::string>()).empty())
                return error(path + ".name", "must be a non-empty string");
            out.name = name.value()->get<std::string>();
        }
        if (Status s = readColor(object, path, "color", out.color, true); !s) return s;
        auto shape = member(object, path, "shape", true);
        if (!shape) return shape.error();
        const auto parsed =
            shape.value()->is_string() ? parseMarkerShape(shape.value()->get<std::string>()) : std::nullopt;
        if (!parsed) {
            std::string names;
            for (int i = 0; i < kMarkerShapeCount; ++i)
                names += std::string(i ? ", " : "") + markerShapeName(static_cast<MarkerShape>(i));
            return error(path + ".shape",
                         "unknown shape " + shape.value()->dump() + " (use one of " + names + ")");
        }
        out.shape = *parsed;
        auto aliases = member(object, path, "aliases", false);
        if (!aliases) return aliases.error();
        if (aliases.value()) {
            if (!aliases.value()->is_array()) return error(path + ".aliases", "must be an array of strings");
            for (size_t i = 0; i < aliases.value()->size(); ++i) {
                const json& a = (*aliases.value())[i];
                if (!a.is_string() || fold(a.get<std::string>()).empty())
                    return error(path + ".aliases[" + std::to_string(i) + "]", "must be a non-empty string");
                out.aliases.push_back(a.get<std::string>());
            }
        }
        return {};
    }

private:
    const std::string& m_source;
};

}  // namespace

const char* markerShapeName(MarkerShape shape) {
    static constexpr const char* names[kMarkerShapeCount] = {"circle", "square", "triangle", "diamond",
                                                             "star",   "cross",  "plus",     "hexagon"};
    const auto i = static_cast<size_t>(shape);
    return i < kMarkerShapeCount ? names[i] : "circle";
}

std::optional<MarkerShape> parseMarkerShape(std::string_view name) {
    const std::string folded = fold(name);
    for (int i = 0; i < kMarkerShapeCount; ++i)
        if (folded == markerShapeName(static_cast<MarkerShape>(i))) return static_cast<MarkerShape>(i);
    return std::nullopt;
}

uint8_t markerSizeClass(int32_t fatalities, int32_t injured) {
    const double casualties = static_cast<double>(std::max(fatalities, 0)) + std::max(injured, 0);
    const double c = std::ceil(std::sqrt(casualties) - 1e-9);
    return static_cast<uint8_t>(std::clamp(c, 0.0, static_cast<double>(kMaxSizeClass)));
}

IncidentStyleSheet::IncidentStyleSheet() {
    m_fallback.name = "Other";
    m_fallback.color = Color::rgb(140, 140, 140);
    m_fallback.shape = MarkerShape::Circle;
    m_source = "built-in";
}

// Longer than a page on purpose: the style sheet's keys checked in the order docs/INCIDENTS.md lists them.
Result<IncidentStyleSheet> IncidentStyleSheet::parse(std::string_view text, const std::string& sourceName) {
    SheetReader r(sourceName);
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {  // parse_error, and out_of_range for numbers too large for a double
        return r.error("", std::string("not valid JSON: ") + e.what());
    }
    if (!doc.is_object()) return r.error("", "the style sheet must be a JSON object");

    IncidentStyleSheet sheet;
    sheet.m_source = sourceName;
    if (auto v = r.member(doc, "", "version", false); !v) {
        return v.error();
    } else if (v.value() && (!v.value()->is_number_integer() || v.value()->get<int>() != 1)) {
        return r.error("version", "unsupported version " + v.value()->dump() + " (this build reads 1)");
    }

    auto marker = r.member(doc, "", "marker", false);
    if (!marker) return marker.error();
    if (const json* m = marker.value()) {
        if (!m->is_object()) return r.error("marker", "must be an object");
        MarkerMetrics& mm = sheet.m_marker;
        if (Status s = r.readNumber(*m, "marker", "sizePx", mm.sizePx, 2.f, 64.f); !s) return s.error();
        if (Status s = r.readNumber(*m, "marker", "maxSizePx", mm.maxSizePx, 2.f, 128.f); !s)
            return s.error();
        if (Status s = r.readColor(*m, "marker", "outline", mm.outline, false); !s) return s.error();
        if (Status s = r.readNumber(*m, "marker", "outlineWidthPx", mm.outlineWidthPx, 0.f, 8.f); !s)
            return s.error();
        if (Status s = r.readNumber(*m, "marker", "hollowWidthPx", mm.hollowWidthPx, 0.5f, 16.f); !s)
            return s.error();
        if (mm.maxSizePx < mm.sizePx) return r.error("marker.maxSizePx", "must not be smaller than sizePx");
    }
    auto ring = r.member(doc, "", "uncertainty", false);
    if (!ring) return ring.error();
    if (const json* u = ring.value()) {
        if (!u->is_object()) return r.error("uncertainty", "must be an object");
        UncertaintyStyle& us = sheet.m_uncertainty;
        if (Status s = r.readNumber(*u, "uncertainty", "fillOpacity", us.fillOpacity, 0.f, 1.f); !s)
            return s.error();
        if (Status s = r.readNumber(*u, "uncertainty", "strokeOpacity", us.strokeOpacity, 0.f, 1.f); !s)
            return s.error();
        if (Status s = r.readNumber(*u, "uncertainty", "strokeWidthPx", us.strokeWidthPx, 0.f, 16.f); !s)
            return s.error();
    }
    auto badge = r.member(doc, "", "badge", false);
    if (!badge) return badge.error();
    if (const json* b = badge.value()) {
        if (!b->is_object()) return r.error("badge", "must be an object");
        BadgeStyle& bs = sheet.m_badge;
        if (Status s = r.readNumber(*b, "badge", "sizePx", bs.sizePx, 4.f, 64.f); !s) return s.error();
        if (Status s = r.readColor(*b, "badge", "text", bs.text, false); !s) return s.error();
        if (Status s = r.readColor(*b, "badge", "halo", bs.halo, false); !s) return s.error();
    }

    auto fallback = r.member(doc, "", "default", true);
    if (!fallback) return fallback.error();
    if (Status s = r.readCategory(*fallback.value(), "default", false, sheet.m_fallback); !s)
        return s.error();

    auto categories = r.member(doc, "", "categories", true);
    if (!categories) return categories.error();
    if (!categories.value()->is_array()) return r.error("categories", "must be an array");
    for (size_t i = 0; i < categories.value()->size(); ++i) {
        const std::string path = "categories[" + std::to_string(i) + "]";
        CategoryStyle style;
        if (Status s = r.readCategory((*categories.value())[i], path, true, style); !s) return s.error();
        const int index = static_cast<int>(sheet.m_categories.size());
        auto add = [&](const std::string& key, const std::string& where) -> Status {
            const std::string folded = fold(key);
            for (const auto& [existing, other] : sheet.m_lookup)
                if (existing == folded)
                    return r.error(
                        where, "'" + key + "' is already used by categories[" + std::to_string(other) + "]");
            sheet.m_lookup.emplace_back(folded, index);
            return {};
        };
        if (Status s = add(style.name, path + ".name"); !s) return s.error();
        for (size_t a = 0; a < style.aliases.size(); ++a)
            if (Status s = add(style.aliases[a], path + ".aliases[" + std::to_string(a) + "]"); !s)
                return s.error();
        sheet.m_categories.push_back(std::move(style));
    }
    std::sort(sheet.m_lookup.begin(), sheet.m_lookup.end());
    sheet.makeUnnamedStyles();
    return sheet;
}

void IncidentStyleSheet::makeUnnamedStyles() {
    std::vector<Color> colours;
    for (const CategoryStyle& c : m_categories)
        if (std::find(colours.begin(), colours.end(), c.color) == colours.end()) colours.push_back(c.color);
    auto taken = [&](const Color& colour, MarkerShape shape) {
        if (m_fallback.color == colour && m_fallback.shape == shape) return true;
        return std::any_of(m_categories.begin(), m_categories.end(),
                           [&](const CategoryStyle& c) { return c.color == colour && c.shape == shape; });
    };
    m_unnamed.clear();
    for (int s = 0; s < kMarkerShapeCount; ++s)
        for (const Color& colour : colours) {
            const auto shape = static_cast<MarkerShape>(s);
            if (taken(colour, shape)) continue;
            CategoryStyle style = m_fallback;
            style.color = colour;
            style.shape = shape;
            m_unnamed.push_back(std::move(style));
        }
}

Result<IncidentStyleSheet> IncidentStyleSheet::loadFile(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return makeError(ErrorCode::NotFound, path, "file not found");
    if (fs::is_directory(path, ec))
        return makeError(ErrorCode::IsDirectory, path, "is a directory, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::PermissionDenied, path, "cannot be opened for reading");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return makeError(ErrorCode::IoError, path, "read failed");
    return parse(text.str(), path);
}

std::string IncidentStyleSheet::findShippedPath() {
    std::error_code ec;
    if (const char* env = std::getenv("FLASHPOINT_INCIDENT_STYLES"); env && *env) {
        if (fs::is_regular_file(env, ec)) return env;
        logWarning(std::string("FLASHPOINT_INCIDENT_STYLES=") + env + " is not a file; ignored");
    }
    const std::string shipped = dataPath("assets/incident_styles.json");
    if (!shipped.empty() && fs::is_regular_file(shipped, ec)) return shipped;
    return {};
}

std::shared_ptr<const IncidentStyleSheet> IncidentStyleSheet::shipped() {
    static std::once_flag once;
    static std::shared_ptr<const IncidentStyleSheet> sheet;
    std::call_once(once, [] {
        const std::string path = findShippedPath();
        if (path.empty()) {
            logWarning(
                "incident style sheet assets/incident_styles.json not found (set "
                "FLASHPOINT_INCIDENT_STYLES); incidents are drawn as grey circles");
            sheet = std::make_shared<IncidentStyleSheet>();
            return;
        }
        auto loaded = loadFile(path);
        if (!loaded) {
            logWarning(loaded.error().describe() + "; incidents are drawn as grey circles");
            sheet = std::make_shared<IncidentStyleSheet>();
            return;
        }
        sheet = std::make_shared<IncidentStyleSheet>(std::move(loaded).value());
    });
    return sheet;
}

int IncidentStyleSheet::indexOf(const std::string& folded) const {
    auto it = std::lower_bound(m_lookup.begin(), m_lookup.end(), folded,
                               [](const auto& entry, const std::string& key) { return entry.first < key; });
    return it != m_lookup.end() && it->first == folded ? it->second : -1;
}

int IncidentStyleSheet::find(std::string_view category) const {
    return indexOf(fold(category));
}

const CategoryStyle& IncidentStyleSheet::styleFor(std::string_view category) const {
    const std::string folded = fold(category);
    if (const int i = indexOf(folded); i >= 0) return m_categories[static_cast<size_t>(i)];
    // kOverflowCategory is lower case without blanks: folded already.
    if (folded.empty() || m_unnamed.empty() || folded == kOverflowCategory) return m_fallback;
    return m_unnamed[hash64(folded) % m_unnamed.size()];
}

float IncidentStyleSheet::markerDiameterPx(int sizeClass) const {
    const float t = static_cast<float>(std::clamp(sizeClass, 0, kMaxSizeClass)) / kMaxSizeClass;
    return m_marker.sizePx + (m_marker.maxSizePx - m_marker.sizePx) * t;
}

}  // namespace fp
