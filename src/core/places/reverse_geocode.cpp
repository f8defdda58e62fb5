#include "core/places/reverse_geocode.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/model/map_scene.h"
#include "core/model/vector_layer.h"
#include "core/places/gazetteer.h"
#include "core/places/normalize.h"
#include "core/places/place_labels.h"

namespace fp {

namespace {

constexpr double kEarthRadiusKm = 6371.0088;  // mean radius, as Gazetteer::nearest uses
constexpr double kDegToRad = 3.14159265358979323846 / 180.0;

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool containsAny(const std::string& haystack, std::initializer_list<const char*> needles) {
    for (const char* n : needles)
        if (haystack.find(n) != std::string::npos) return true;
    return false;
}

double distanceKm(LonLat a, LonLat b) {
    const double p1 = a.lat * kDegToRad, p2 = b.lat * kDegToRad;
    const double dp = p2 - p1, dl = (b.lon - a.lon) * kDegToRad;
    const double h = std::sin(dp / 2) * std::sin(dp / 2) +
                     std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
    return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

double bearingDeg(LonLat from, LonLat to) {
    const double p1 = from.lat * kDegToRad, p2 = to.lat * kDegToRad;
    const double dl = (to.lon - from.lon) * kDegToRad;
    const double y = std::sin(dl) * std::cos(p2);
    const double x = std::cos(p1) * std::sin(p2) - std::sin(p1) * std::cos(p2) * std::cos(dl);
    const double deg = std::atan2(y, x) / kDegToRad;
    return std::fmod(deg + 360.0, 360.0);
}

/// Even-odd test of one polygon part (exterior ring and holes) of a flat geometry.
bool partContains(const FlatGeometry<LonLat>& g, size_t part, LonLat p) {
    bool inside = false;
    for (uint32_t r = g.partRingStart[part]; r < g.partRingStart[part + 1]; ++r) {
        const uint32_t begin = g.ringStart[r], end = g.ringStart[r + 1];
        if (end - begin < 3) continue;
        for (uint32_t i = begin, j = end - 1; i < end; j = i++) {
            const LonLat& a = g.vertices[i];
            const LonLat& b = g.vertices[j];
            if ((a.lat > p.lat) != (b.lat > p.lat) &&
                p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon)
                inside = !inside;
        }
    }
    return inside;
}

}  // namespace

std::optional<AdminLevel> adminLevelOfLayerName(std::string_view layerName) {
    const std::string n = lowerAscii(layerName);
    // Municipal first: "district municipalities" are municipalities.
    if (containsAny(n, {"municipal", "opstin", "op\xc5\xa1tin", "komun", "adm2"}))
        return AdminLevel::Municipality;
    if (containsAny(n, {"district", "okrug", "county", "province", "adm1"})) return AdminLevel::District;
    return std::nullopt;
}

std::string adminAreaLabel(std::string_view name, AdminLevel level) {
    if (name.empty()) return {};
    const std::string key = " " + normalizePlaceName(name) + " ";
    for (const char* word : {" okrug ", " district ", " municipality ", " opstina ", " komuna ", " grad ",
                             " county ", " province ", " region ", " oblast "})
        if (key.find(word) != std::string::npos) return std::string(name);
    return std::string(name) + (level == AdminLevel::Municipality ? " municipality" : " district");
}

AdminAreaIndex::AdminAreaIndex(std::vector<AdminAreaSource> sources) : m_sources(std::move(sources)) {
    for (uint32_t s = 0; s < m_sources.size(); ++s) {
        const VectorLayer* data = m_sources[s].data.get();
        m_nameFieldIndex.push_back(data ? data->fieldIndex(m_sources[s].nameField) : -1);
        if (!data) continue;
        const auto& g = data->geometry;
        for (uint32_t f = 0; f < g.featureCount(); ++f) {
            Entry e{s, f, {}};
            for (uint32_t part = g.featurePartStart[f]; part < g.featurePartStart[f + 1]; ++part) {
                if (g.partKind[part] != PartKind::Polygon) continue;
                for (uint32_t v = g.ringStart[g.partRingStart[part]];
                     v < g.ringStart[g.partRingStart[part + 1]]; ++v)
                    e.box.extend(g.vertices[v].lon, g.vertices[v].lat);
            }
            if (e.box.empty()) continue;
            m_bounds.extend(e.box.minX, e.box.minY);
            m_bounds.extend(e.box.maxX, e.box.maxY);
            m_entries.push_back(e);
        }
    }
    if (m_entries.empty()) return;
    // About 64 cells on the longer side: a handful of candidates per cell for admin layers of any extent.
    m_cellDeg = std::max(1e-6, std::max(m_bounds.width(), m_bounds.height()) / 64.0);
    m_cols = static_cast<int>(m_bounds.width() / m_cellDeg) + 1;
    m_rows = static_cast<int>(m_bounds.height() / m_cellDeg) + 1;
    m_cells.resize(static_cast<size_t>(m_cols) * m_rows);
    for (uint32_t i = 0; i < m_entries.size(); ++i) {
        const GeoBBox& b = m_entries[i].box;
        const int c0 = static_cast<int>((b.minX - m_bounds.minX) / m_cellDeg);
        const int c1 = std::min(m_cols - 1, static_cast<int>((b.maxX - m_bounds.minX) / m_cellDeg));
        const int r0 = static_cast<int>((b.minY - m_bounds.minY) / m_cellDeg);
        const int r1 = std::min(m_rows - 1, static_cast<int>((b.maxY - m_bounds.minY) / m_cellDeg));
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c) m_cells[static_cast<size_t>(r) * m_cols + c].push_back(i);
    }
}

std::vector<AdminAreaSource> AdminAreaIndex::sourcesOf(const MapScene& scene) {
    std::vector<AdminAreaSource> out;
    for (const MapLayer& layer : scene.layers) {
        if (!layer.data || !layer.data->hasPolygons()) continue;
        auto level = adminLevelOfLayerName(layer.name);
        if (!level) level = adminLevelOfLayerName(layer.data->displayName);
        if (!level) continue;
        std::string field = layer.style.labelField;
        if (field.empty() || layer.data->fieldIndex(field) < 0) field = layer.data->guessLabelField();
        if (field.empty()) continue;
        // One layer file shown twice (fill and outline styles) is indexed once.
        const bool seen = std::any_of(out.begin(), out.end(), [&](const AdminAreaSource& s) {
            return s.data == layer.data && s.level == *level;
        });
        if (!seen) out.push_back({layer.data, *level, field});
    }
    return out;
}

std::vector<const VectorLayer*> AdminAreaIndex::dataPointers() const {
    std::vector<const VectorLayer*> out;
    for (const auto& s : m_sources) out.push_back(s.data.get());
    return out;
}

bool AdminAreaIndex::featureContains(const Entry& e, LonLat p) const {
    const auto& g = m_sources[e.source].data->geometry;
    for (uint32_t part = g.featurePartStart[e.feature]; part < g.featurePartStart[e.feature + 1]; ++part)
        if (g.partKind[part] == PartKind::Polygon && partContains(g, part, p)) return true;
    return false;
}

std::vector<AdminAreaIndex::Hit> AdminAreaIndex::containing(LonLat p) const {
    std::vector<Hit> hits;
    if (m_cells.empty() || !isValidLonLat(p) || !m_bounds.contains(p.lon, p.lat)) return hits;
    const int c = std::min(m_cols - 1, static_cast<int>((p.lon - m_bounds.minX) / m_cellDeg));
    const int r = std::min(m_rows - 1, static_cast<int>((p.lat - m_bounds.minY) / m_cellDeg));
    std::vector<uint32_t> candidates = m_cells[static_cast<size_t>(r) * m_cols + c];
    std::sort(candidates.begin(), candidates.end());  // source order decides between overlapping layers
    for (uint32_t i : candidates) {
        const Entry& e = m_entries[i];
        const AdminLevel level = m_sources[e.source].level;
        if (std::any_of(hits.begin(), hits.end(), [&](const Hit& h) { return h.level == level; })) continue;
        if (!e.box.contains(p.lon, p.lat) || !featureContains(e, p)) continue;
        const int field = m_nameFieldIndex[e.source];
        const VectorLayer& data = *m_sources[e.source].data;
        std::string_view name =
            field < 0 ? std::string_view{}
                      : std::string_view(data.attributes[e.feature * data.fieldNames.size() + field]);
        if (!name.empty()) hits.push_back({level, name});
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.level < b.level; });
    return hits;
}

double placeRadiusKm(uint32_t population) {
    return std::clamp(std::sqrt(static_cast<double>(population)) / 200.0, 1.0, 8.0);
}

const char* compassPoint(double bearingDeg, int points) {
    static const char* const k16[] = {"N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
                                      "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"};
    const int n = points == 16 ? 16 : 8;
    double b = std::fmod(bearingDeg, 360.0);
    if (b < 0) b += 360.0;
    const int sector = static_cast<int>(std::floor(b / (360.0 / n) + 0.5)) % n;
    return k16[sector * (16 / n)];
}

std::string formatDistanceKm(double km) {
    char buf[32];
    if (km < 0.95) {
        std::snprintf(buf, sizeof buf, "%d m", std::max(100, static_cast<int>(std::lround(km * 10.0)) * 100));
    } else if (km < 9.75) {
        const double half = std::round(km * 2.0) / 2.0;
        if (half == std::floor(half))
            std::snprintf(buf, sizeof buf, "%d km", static_cast<int>(half));
        else
            std::snprintf(buf, sizeof buf, "%.1f km", half);
    } else if (km < 50.0) {
        std::snprintf(buf, sizeof buf, "%ld km", std::lround(km));
    } else {
        std::snprintf(buf, sizeof buf, "%ld km", std::lround(km / 5.0) * 5);
    }
    return buf;
}

LocationDescription describeLocation(LonLat point, const Gazetteer* gazetteer, const AdminAreaIndex* areas,
                                     const ReverseGeocodeOptions& options) {
    LocationDescription d;
    if (!isValidLonLat(point)) return d;
    if (gazetteer) {
        NearestOptions no;
        no.maxDistanceKm = options.maxDistanceKm;
        no.populatedOnly = true;
        const auto near = gazetteer->nearest(point, no);
        if (!near.empty()) {
            const Place& p = gazetteer->place(near[0].place);
            d.place = near[0].place;
            d.placeName = placeLabelText(*gazetteer, near[0].place, options.script);
            d.distanceKm = distanceKm(p.position, point);
            d.bearingDeg = bearingDeg(p.position, point);
            d.inPlace = d.distanceKm <= placeRadiusKm(p.population);
        }
    }
    if (areas) {
        for (const auto& hit : areas->containing(point)) {
            std::string& slot = hit.level == AdminLevel::Municipality ? d.municipality : d.district;
            slot = adminAreaLabel(hit.name, hit.level);
        }
    }
    if (d.place && d.municipality.empty() && d.district.empty()) {
        // No boundary layer covers the point: the admin names the gazetteer keeps for the place.
        const Place& p = gazetteer->place(*d.place);
        d.municipality = adminAreaLabel(p.admin2Name, AdminLevel::Municipality);
        if (p.admin1Name != p.admin2Name) d.district = adminAreaLabel(p.admin1Name, AdminLevel::District);
    }
    std::vector<std::string> parts;
    if (d.place) {
        parts.push_back(d.inPlace
                            ? "in " + d.placeName
                            : formatDistanceKm(d.distanceKm) + " " +
                                  compassPoint(d.bearingDeg, options.compassPoints) + " of " + d.placeName);
    }
    for (const std::string* s : {&d.municipality, &d.district})
        if (!s->empty()) parts.push_back(*s);
    for (size_t i = 0; i < parts.size(); ++i) d.text += (i ? ", " : "") + parts[i];
    return d;
}

}  // namespace fp
