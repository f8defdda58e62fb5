#include "core/model/incident.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <numeric>
#include <unordered_map>

namespace fp {

namespace {

constexpr char kItemSep = '\x1f';   // between items of a packed list
constexpr char kFieldSep = '\x1e';  // between the parts of one packed source
constexpr size_t kMaxCategories = std::numeric_limits<uint16_t>::max() + size_t{1};
const char* const kOverflowCategory = "(other categories)";

/// `s` with the packing separators replaced, so that packing and unpacking are exact inverses.
std::string clean(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c == kItemSep || c == kFieldSep) c = ' ';
    return out;
}

std::string packList(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (item.empty()) continue;
        if (!out.empty()) out += kItemSep;
        out += clean(item);
    }
    return out;
}

std::vector<std::string_view> split(std::string_view packed, char sep) {
    std::vector<std::string_view> out;
    if (packed.empty()) return out;
    size_t begin = 0;
    while (true) {
        size_t end = packed.find(sep, begin);
        out.push_back(
            packed.substr(begin, end == std::string_view::npos ? packed.size() - begin : end - begin));
        if (end == std::string_view::npos) break;
        begin = end + 1;
    }
    return out;
}

std::vector<std::string> unpackList(std::string_view packed) {
    std::vector<std::string> out;
    for (auto item : split(packed, kItemSep)) out.emplace_back(item);
    return out;
}

std::string packSources(const std::vector<IncidentSource>& sources) {
    std::string out;
    for (const auto& s : sources) {
        if (s.text.empty() && s.url.empty() && !s.published) continue;
        if (!out.empty()) out += kItemSep;
        out += clean(s.text);
        out += kFieldSep;
        out += clean(s.url);
        out += kFieldSep;
        if (s.published) out += std::to_string(s.published->seconds);
    }
    return out;
}

std::vector<IncidentSource> unpackSources(std::string_view packed) {
    std::vector<IncidentSource> out;
    for (auto item : split(packed, kItemSep)) {
        auto parts = split(item, kFieldSep);
        IncidentSource s;
        if (!parts.empty()) s.text = parts[0];
        if (parts.size() > 1) s.url = parts[1];
        if (parts.size() > 2 && !parts[2].empty()) {
            int64_t seconds = 0;
            std::from_chars(parts[2].data(), parts[2].data() + parts[2].size(), seconds);
            s.published = TimePoint{seconds};
        }
        out.push_back(std::move(s));
    }
    return out;
}

template <class T>
size_t vectorBytes(const std::vector<T>& v) {
    return v.capacity() * sizeof(T);
}

}  // namespace

double uncertaintyRadiusMetres(LocationPrecision p) {
    switch (p) {
        case LocationPrecision::Exact:
            return 0.0;
        case LocationPrecision::Near:
            return 5000.0;
        case LocationPrecision::Region:
            return 25000.0;
    }
    return 0.0;
}

const char* locationPrecisionName(LocationPrecision p) {
    switch (p) {
        case LocationPrecision::Exact:
            return "exact";
        case LocationPrecision::Near:
            return "near";
        case LocationPrecision::Region:
            return "region";
    }
    return "exact";
}

void StringColumn::push(std::string_view s) {
    m_chars.append(s);
    m_offsets.push_back(m_chars.size());
}

void StringColumn::reserve(size_t count, size_t chars) {
    m_offsets.reserve(count + 1);
    m_chars.reserve(chars);
}

IncidentStore IncidentStore::build(std::vector<Incident> incidents) {
    // Sorting indices over a compact copy of the keys keeps the large rows out of the cache.
    std::vector<int64_t> keys(incidents.size());
    for (size_t i = 0; i < incidents.size(); ++i) keys[i] = incidents[i].start.seconds;
    std::vector<size_t> order(incidents.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
    std::vector<int64_t>().swap(keys);

    IncidentStore s;
    const size_t n = incidents.size();
    s.m_start.reserve(n);
    s.m_end.reserve(n);
    s.m_lon.reserve(n);
    s.m_lat.reserve(n);
    s.m_category.reserve(n);
    s.m_timePrecision.reserve(n);
    s.m_locationPrecision.reserve(n);
    s.m_fatalities.reserve(n);
    s.m_injured.reserve(n);
    size_t idChars = 0, titleChars = 0, descChars = 0, placeChars = 0;
    for (const auto& inc : incidents) {
        idChars += inc.id.size();
        titleChars += inc.title.size();
        descChars += inc.description.size();
        placeChars += inc.placeName.size();
    }
    s.m_id.reserve(n, idChars);
    s.m_title.reserve(n, titleChars);
    s.m_description.reserve(n, descChars);
    s.m_place.reserve(n, placeChars);

    std::unordered_map<std::string, uint16_t> categoryIndex;
    bool first = true;
    for (size_t k : order) {
        Incident& inc = incidents[k];
        const TimePoint end = inc.end && *inc.end > inc.start ? *inc.end : inc.start;
        s.m_start.push_back(inc.start.seconds);
        s.m_end.push_back(end.seconds);
        s.m_lon.push_back(inc.location.lon);
        s.m_lat.push_back(inc.location.lat);
        s.m_extent.extend(inc.location.lon, inc.location.lat);

        auto found = categoryIndex.find(inc.category);
        uint16_t index = 0;
        if (found != categoryIndex.end()) {
            index = found->second;
        } else if (s.m_categories.size() + 1 < kMaxCategories) {
            index = static_cast<uint16_t>(s.m_categories.size());
            s.m_categories.push_back(inc.category);
            categoryIndex.emplace(inc.category, index);
        } else {
            // One shared bucket keeps the index within 16 bits; the GPU colours categories by this index.
            if (s.m_categories.size() + 1 == kMaxCategories) s.m_categories.push_back(kOverflowCategory);
            index = static_cast<uint16_t>(kMaxCategories - 1);
        }
        s.m_category.push_back(index);
        s.m_timePrecision.push_back(static_cast<uint8_t>(inc.timePrecision));
        s.m_locationPrecision.push_back(static_cast<uint8_t>(inc.locationPrecision));
        s.m_fatalities.push_back(inc.fatalities);
        s.m_injured.push_back(inc.injured);

        s.m_id.push(inc.id);
        s.m_title.push(inc.title);
        s.m_description.push(inc.description);
        s.m_subCategory.push(inc.subCategory);
        s.m_place.push(inc.placeName);
        s.m_actors.push(packList(inc.actors));
        s.m_adminAreas.push(packList(inc.adminAreas));
        s.m_tags.push(packList(inc.tags));
        s.m_sources.push(packSources(inc.sources));

        const TimeSpan span = coveredSpan(inc.start, end, inc.timePrecision);
        if (first || span.begin < s.m_timeRange.begin) s.m_timeRange.begin = span.begin;
        if (first || span.end > s.m_timeRange.end) s.m_timeRange.end = span.end;
        first = false;
        // Free the row's heap memory as we go: peak memory stays near one copy of the data.
        inc = Incident{};
    }
    return s;
}

Incident IncidentStore::get(size_t i) const {
    Incident inc;
    inc.id = m_id[i];
    inc.title = m_title[i];
    inc.description = m_description[i];
    inc.category = m_categories.empty() ? std::string() : m_categories[m_category[i]];
    inc.subCategory = m_subCategory[i];
    inc.actors = unpackList(m_actors[i]);
    inc.start = TimePoint{m_start[i]};
    if (m_end[i] != m_start[i]) inc.end = TimePoint{m_end[i]};
    inc.timePrecision = static_cast<TimePrecision>(m_timePrecision[i]);
    inc.location = {m_lon[i], m_lat[i]};
    inc.locationPrecision = static_cast<LocationPrecision>(m_locationPrecision[i]);
    inc.placeName = m_place[i];
    inc.adminAreas = unpackList(m_adminAreas[i]);
    inc.fatalities = m_fatalities[i];
    inc.injured = m_injured[i];
    inc.sources = unpackSources(m_sources[i]);
    inc.tags = unpackList(m_tags[i]);
    return inc;
}

size_t IncidentStore::lowerBoundStart(TimePoint t) const {
    return static_cast<size_t>(std::lower_bound(m_start.begin(), m_start.end(), t.seconds) - m_start.begin());
}

size_t IncidentStore::memoryBytes() const {
    size_t bytes = vectorBytes(m_start) + vectorBytes(m_end) + vectorBytes(m_lon) + vectorBytes(m_lat) +
                   vectorBytes(m_category) + vectorBytes(m_timePrecision) + vectorBytes(m_locationPrecision) +
                   vectorBytes(m_fatalities) + vectorBytes(m_injured) + vectorBytes(m_categories);
    for (const auto& c : m_categories) bytes += c.capacity() > 15 ? c.capacity() + 1 : 0;
    for (const StringColumn* c : {&m_id, &m_title, &m_description, &m_subCategory, &m_place, &m_actors,
                                  &m_adminAreas, &m_tags, &m_sources})
        bytes += c->bytes();
    return bytes;
}

}  // namespace fp
