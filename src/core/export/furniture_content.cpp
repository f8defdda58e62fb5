#include "core/export/furniture_content.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "core/places/gazetteer.h"
#include "core/proj/geodesic.h"
#include "core/time/time_window.h"

namespace fp {

namespace {

const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string formatDay(const CivilTime& c) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d %s %d", c.day, kMonths[std::clamp(c.month, 1, 12) - 1], c.year);
    return buf;
}

std::string formatDayTime(const CivilTime& c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, " %02d:%02d", c.hour, c.minute);
    return formatDay(c) + buf;
}

bool atMidnight(TimePoint t) {
    const CivilTime c = toCivil(t);
    return c.hour == 0 && c.minute == 0 && c.second == 0;
}

std::string trim(std::string s) {
    const auto notSpace = [](unsigned char ch) { return !std::isspace(ch); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

}  // namespace

MapScene sceneShown(const MapScene& scene, const GeoBBox& shown) {
    MapScene described = scene;
    if (shown.empty()) return described;
    for (MapLayer& layer : described.layers)
        if (layer.data && !layer.data->extent.empty() && !layer.data->extent.intersects(shown))
            layer.style.visible = false;
    for (IncidentLayer& layer : described.incidentLayers)
        if (layer.data && !layer.data->empty() && !layer.data->extent().intersects(shown))
            layer.style.visible = false;
    return described;
}

std::string formatDateRange(TimeSpan window) {
    if (!(window.begin < window.end)) return formatDay(toCivil(window.begin));
    if (atMidnight(window.begin) && atMidnight(window.end)) {
        const CivilTime first = toCivil(window.begin);
        const CivilTime last = toCivil(TimePoint{window.end.seconds - 1});
        if (first.year == last.year && first.month == last.month && first.day == last.day)
            return formatDay(first);
        return formatDay(first) + " \u2013 " + formatDay(last);
    }
    return formatDayTime(toCivil(window.begin)) + " \u2013 " + formatDayTime(toCivil(window.end));
}

std::string defaultSubtitle(const MapScene& scene) {
    if (const std::optional<TimeSpan> window = scene.timeWindow()) return formatDateRange(*window);
    std::optional<TimeSpan> data;
    for (const auto& layer : scene.incidentLayers) {
        if (!layer.style.visible || !layer.data || layer.data->empty()) continue;
        const TimeSpan r = layer.data->timeRange();
        data = data ? TimeSpan{std::min(data->begin, r.begin), std::max(data->end, r.end)} : r;
    }
    return data ? formatDateRange(*data) : "All dates";
}

std::string timestampText(const MapScene& scene) {
    const std::optional<TimeSpan> window = scene.timeWindow();
    if (!window) return {};
    const TimePoint end = window->end;
    if (atMidnight(end) && window->begin < end) return formatDay(toCivil(TimePoint{end.seconds - 1}));
    return formatDayTime(toCivil(end));
}

std::vector<LegendEntry> legendEntries(const MapScene& scene, const IncidentStyleSheet& sheet) {
    const auto& styles = sheet.categories();
    std::vector<LegendEntry> entries;
    const std::optional<TimeSpan> window = scene.timeWindow();
    for (const auto& s : styles) entries.push_back({s.name, s.color, s.shape, 0});
    std::unordered_map<std::string, size_t> unknown;  // categories the sheet does not know, by name
    for (const auto& layer : scene.incidentLayers) {
        if (!layer.style.visible || !layer.data) continue;
        const IncidentStore& store = *layer.data;
        // Each of the store's categories maps to a legend row once; hidden ones map to none.
        std::vector<long> row(store.categories().size(), -1);
        for (size_t c = 0; c < store.categories().size(); ++c) {
            const std::string& name = store.categories()[c];
            const int styled = sheet.find(name);
            const std::string& shown = styled >= 0 ? styles[static_cast<size_t>(styled)].name : name;
            const auto& hidden = layer.style.hiddenCategories;
            if (std::find(hidden.begin(), hidden.end(), shown) != hidden.end() ||
                std::find(hidden.begin(), hidden.end(), name) != hidden.end())
                continue;
            if (styled >= 0) {
                row[c] = styled;
                continue;
            }
            auto [it, added] = unknown.emplace(name, entries.size());
            if (added) {
                const CategoryStyle& look = sheet.styleFor(name);
                entries.push_back({name, look.color, look.shape, 0});
            }
            row[c] = static_cast<long>(it->second);
        }
        const auto& cat = store.categoryIndex();
        for (size_t i = 0; i < store.size(); ++i) {
            if (row[cat[i]] < 0) continue;
            LegendEntry& entry = entries[static_cast<size_t>(row[cat[i]])];
            ++entry.total;
            if (window) {
                const TimeSpan covered =
                    coveredSpan(TimePoint{store.startSeconds()[i]}, TimePoint{store.endSeconds()[i]},
                                static_cast<TimePrecision>(store.timePrecision()[i]));
                if (!overlaps(covered, *window)) continue;
            }
            ++entry.count;
        }
    }
    std::erase_if(entries, [](const LegendEntry& e) { return e.total == 0; });
    std::stable_sort(entries.begin(), entries.end(),
                     [](const LegendEntry& a, const LegendEntry& b) { return a.total > b.total; });
    return entries;
}

std::vector<std::string> attributionLines(const MapScene& scene) {
    std::vector<std::string> lines;
    auto add = [&](const std::string& text) {
        size_t start = 0;
        while (start <= text.size()) {
            const size_t semi = std::min(text.find(';', start), text.size());
            std::string part = trim(text.substr(start, semi - start));
            if (!part.empty() && std::find(lines.begin(), lines.end(), part) == lines.end())
                lines.push_back(std::move(part));
            start = semi + 1;
        }
    };
    for (const auto& layer : scene.layers)
        if (layer.style.visible) add(layer.attribution);
    for (const auto& layer : scene.incidentLayers)
        if (layer.style.visible) add(layer.attribution);
    if (scene.gazetteer && scene.placeLabels.visible) add(kGazetteerAttribution);
    // A credit contained in a longer one ("Natural Earth" in "Natural Earth (public domain)") adds nothing.
    auto lower = [](std::string s) {
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    std::vector<std::string> kept;
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string li = lower(lines[i]);
        bool contained = false;
        for (size_t j = 0; j < lines.size() && !contained; ++j)
            contained =
                j != i && lines[j].size() > lines[i].size() && lower(lines[j]).find(li) != std::string::npos;
        if (!contained) kept.push_back(lines[i]);
    }
    return kept;
}

ScaleBarLength niceScaleLength(double maxMetres) {
    ScaleBarLength out;
    if (!(maxMetres > 0.0) || !std::isfinite(maxMetres)) return out;
    const double decade = std::pow(10.0, std::floor(std::log10(maxMetres)));
    for (double step : {5.0, 2.0, 1.0}) {
        if (step * decade <= maxMetres * (1 + 1e-9)) {
            out.metres = step * decade;
            break;
        }
    }
    char buf[32];
    if (out.metres >= 1000.0)
        std::snprintf(buf, sizeof buf, "%g km", out.metres / 1000.0);
    else
        std::snprintf(buf, sizeof buf, "%g m", out.metres);
    out.label = buf;
    return out;
}

double trueNorthAngle(const MapView& view, const MapProjection& projection) {
    const LonLat c = projection.unproject(view.center);
    if (!std::isfinite(c.lon) || !std::isfinite(c.lat)) return std::nan("");
    // A short step north along the meridian, seen in map units (y up) and turned into a screen angle.
    const double step = std::max(1e-4, std::min(0.01, 0.5 * (90.0 - std::abs(c.lat))));
    const LonLat n{c.lon, c.lat > 0.0 ? std::min(89.9999, c.lat + step) : c.lat + step};
    const MapXY a = projection.project(c), b = projection.project(n);
    if (!isFinite(a) || !isFinite(b)) return std::nan("");
    return std::atan2(b.x - a.x, b.y - a.y);
}

}  // namespace fp
