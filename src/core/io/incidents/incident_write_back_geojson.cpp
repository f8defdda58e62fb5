// Writing an edited incident layer back into its GeoJSON file: only the features edited are written again,
// spliced into the file's own text, so that the rest stays as the user (or their tool) wrote it.

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <unordered_set>

#include "core/io/incidents/incident_write_back.h"
#include "core/util/atomic_file.h"

namespace fp::incident_io {

namespace {

using Json = nlohmann::ordered_json;

size_t skipSpace(std::string_view t, size_t p) {
    while (p < t.size() && (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' || t[p] == '\r')) ++p;
    return p;
}

/// The end of the JSON string starting at `p` (its opening quote).
size_t skipString(std::string_view t, size_t p) {
    for (++p; p < t.size(); ++p) {
        if (t[p] == '\\')
            ++p;
        else if (t[p] == '"')
            return p + 1;
    }
    return std::string_view::npos;
}

/// The end of the value starting at `p` (the text is valid JSON: nlohmann checked it first).
size_t skipValue(std::string_view t, size_t p) {
    if (t[p] == '"') return skipString(t, p);
    if (t[p] != '{' && t[p] != '[') {
        while (p < t.size() && t[p] != ',' && t[p] != '}' && t[p] != ']' && t[p] != ' ' && t[p] != '\n' &&
               t[p] != '\r' && t[p] != '\t')
            ++p;
        return p;
    }
    int depth = 0;
    for (; p < t.size(); ++p) {
        if (t[p] == '"') {
            p = skipString(t, p) - 1;
        } else if (t[p] == '{' || t[p] == '[') {
            ++depth;
        } else if ((t[p] == '}' || t[p] == ']') && --depth == 0) {
            return p + 1;
        }
    }
    return std::string_view::npos;
}

/// Where the features are in the text: the array's '[' and each feature's [begin, end).
struct FeatureSpans {
    size_t open = 0;
    std::vector<std::pair<size_t, size_t>> items;
};

FeatureSpans findFeatures(std::string_view t) {
    FeatureSpans spans;
    size_t p = skipSpace(t, 0) + 1;  // after the top-level '{'
    while ((p = skipSpace(t, p)) < t.size() && t[p] == '"') {
        const size_t keyEnd = skipString(t, p);
        const bool features = t.substr(p, keyEnd - p) == "\"features\"";
        p = skipSpace(t, skipSpace(t, keyEnd) + 1);  // after ':'
        if (!features) {
            p = skipSpace(t, skipValue(t, p));
            if (p < t.size() && t[p] == ',') ++p;
            continue;
        }
        spans.open = p;
        for (p = skipSpace(t, p + 1); p < t.size() && t[p] != ']';) {
            const size_t end = skipValue(t, p);
            spans.items.emplace_back(p, end);
            p = skipSpace(t, end);
            if (p < t.size() && t[p] == ',') p = skipSpace(t, p + 1);
        }
        break;
    }
    return spans;
}

/// Sets property `name` to `text`, as a number when the value there was one and `text` reads as one.
void setProperty(Json& props, const std::string& name, const std::string& text) {
    if (text.empty()) {
        props[name] = nullptr;
        return;
    }
    const auto it = props.find(name);
    const bool numeric = it != props.end() && it->is_number();
    static const std::unordered_set<std::string> kCounts{"fatalities", "injured", "location_precision"};
    if (numeric || (it == props.end() && kCounts.count(name))) {
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (end && *end == '\0') {
            if (value == static_cast<double>(static_cast<int64_t>(value)))
                props[name] = static_cast<int64_t>(value);
            else
                props[name] = value;
            return;
        }
    }
    props[name] = text;
}

void applyToFeature(Json& feature, const FeatureChange& change) {
    if (!feature.contains("properties") || !feature["properties"].is_object())
        feature["properties"] = Json::object();
    for (const auto& [name, value] : change.fields) setProperty(feature["properties"], name, value);
    if (change.position)
        feature["geometry"] = {{"type", "Point"},
                               {"coordinates", {change.position->lon, change.position->lat}}};
}

/// How the file lays out its features: one per line or indented, and its line end.
struct Layout {
    std::string lineEnd = "\n";
    std::string base;  ///< white space before a feature on its line
    int step = -1;     ///< indentation step inside a feature; -1: a feature is written on one line
};

Layout layoutOf(std::string_view t, const FeatureSpans& spans) {
    Layout l;
    if (t.find("\r\n") != std::string_view::npos) l.lineEnd = "\r\n";
    if (spans.items.empty()) return l;
    const auto [begin, end] = spans.items.front();
    const size_t lineStart = t.rfind('\n', begin);
    if (lineStart != std::string_view::npos && skipSpace(t, lineStart) == begin)
        l.base = std::string(t.substr(lineStart + 1, begin - lineStart - 1));
    const size_t nl = t.find('\n', begin);
    if (nl < end) l.step = static_cast<int>(skipSpace(t, nl + 1) - (nl + 1) - l.base.size());
    if (l.step == 0) l.step = -1;
    return l;
}

std::string dumpFeature(const Json& feature, const Layout& l) {
    const std::string text = feature.dump(l.step);
    std::string out;
    for (char c : text) {
        if (c == '\n')
            out += l.lineEnd + l.base;
        else
            out += c;
    }
    return out;
}

}  // namespace

Status updateGeoJson(const std::string& path, const std::vector<FeatureChange>& changes,
                     const std::vector<int64_t>& removedRows) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    const Json doc = Json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("features") || !doc["features"].is_array())
        return makeError(ErrorCode::UnsupportedFormat, path, "is not a GeoJSON FeatureCollection any more");
    const FeatureSpans spans = findFeatures(text);
    const auto& items = spans.items;
    if (items.size() != doc["features"].size())
        return makeError(ErrorCode::Internal, path,
                         "its features could not be told apart; nothing was written");
    const Layout layout = layoutOf(text, spans);
    std::vector<std::string> replaced(items.size());
    std::vector<bool> changed(items.size(), false), removed(items.size(), false);
    std::vector<std::string> added;
    for (const FeatureChange& change : changes) {
        if (change.row == 0) {
            Json feature{{"type", "Feature"}, {"properties", Json::object()}};
            applyToFeature(feature, change);
            added.push_back(dumpFeature(feature, layout));
        } else if (static_cast<size_t>(change.row) <= items.size()) {
            const size_t k = static_cast<size_t>(change.row - 1);
            Json feature = Json::parse(text.substr(items[k].first, items[k].second - items[k].first));
            applyToFeature(feature, change);
            replaced[k] = dumpFeature(feature, layout);
            changed[k] = true;
        }
    }
    for (int64_t row : removedRows)
        if (row >= 1 && static_cast<size_t>(row) <= items.size())
            removed[static_cast<size_t>(row - 1)] = true;
    // The array again, each kept feature after the separator that came before it in the file.
    const auto separatorBefore = [&](size_t k) {
        return text.substr(items[k - 1].second, items[k].first - items[k - 1].second);
    };
    const size_t firstAt = items.empty() ? spans.open + 1 : items.front().first;
    std::string out = text.substr(0, firstAt);
    bool first = true;
    for (size_t k = 0; k < items.size(); ++k) {
        if (removed[k]) continue;
        if (!first) out += separatorBefore(k);
        out += changed[k] ? replaced[k] : text.substr(items[k].first, items[k].second - items[k].first);
        first = false;
    }
    const std::string gap =
        items.size() >= 2 ? separatorBefore(items.size() - 1) : "," + layout.lineEnd + layout.base;
    for (const std::string& feature : added) {
        if (!first) out += gap;
        out += feature;
        first = false;
    }
    out += text.substr(items.empty() ? firstAt : items.back().second);
    return writeFileAtomically(path, out);
}

}  // namespace fp::incident_io
