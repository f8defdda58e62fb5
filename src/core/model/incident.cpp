#include "core/model/incident.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <numeric>
#include <unordered_map>
#include <utility>

namespace fp {

namespace {

constexpr char kItemSep = '\x1f';   // between items of a packed list
constexpr char kFieldSep = '\x1e';  // between the parts of one packed source
constexpr size_t kMaxCategories = std::numeric_limits<uint16_t>::max() + size_t{1};
const char* const kOverflowCategory = "(other categories)";

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

void StringColumn::reserve(size_t count, size_t chars) {
    m_offsets.reserve(count + 1);
    m_chars.reserve(chars);
}

void StringColumn::shrinkToFit() {
    // Copying a large column to save a few per cent is not worth it.
    if (m_chars.capacity() - m_chars.size() > m_chars.size() / 16) m_chars.shrink_to_fit();
    m_offsets.shrink_to_fit();
}

namespace {

/// Appends `s` to `out` with the packing separators replaced.
void appendClean(std::string& out, std::string_view s) {
    const size_t at = out.size();
    out.append(s);
    for (size_t i = at; i < out.size(); ++i)
        if (out[i] == kItemSep || out[i] == kFieldSep) out[i] = ' ';
}

void packListInto(std::string& out, const std::vector<std::string>& items) {
    out.clear();
    for (const auto& item : items) {
        if (item.empty()) continue;
        if (!out.empty()) out += kItemSep;
        appendClean(out, item);
    }
}

void packSourcesInto(std::string& out, const std::vector<IncidentSource>& sources) {
    out.clear();
    for (const auto& s : sources) {
        if (s.text.empty() && s.url.empty() && !s.published) continue;
        if (!out.empty()) out += kItemSep;
        appendClean(out, s.text);
        out += kFieldSep;
        appendClean(out, s.url);
        out += kFieldSep;
        if (s.published) {
            char buf[24];
            auto r = std::to_chars(buf, buf + sizeof buf, s.published->seconds);
            out.append(buf, r.ptr);
        }
    }
}

template <class T>
void permute(std::vector<T>& v, const std::vector<uint32_t>& order) {
    std::vector<T> out;
    out.reserve(order.size());
    for (uint32_t k : order) out.push_back(v[k]);
    v = std::move(out);
}

/// Input indices of `keys` in ascending key order, equal keys in input order: an LSD radix sort over the
/// bits the key range needs (11 at a time), as start times span far fewer than 64 bits.
/// `keys` end up sorted.
std::vector<uint32_t> sortKeys(std::vector<int64_t>& keys) {
    const size_t n = keys.size();
    const auto [loAt, hiAt] = std::minmax_element(keys.begin(), keys.end());
    const int64_t lowest = *loAt;
    const uint64_t range = static_cast<uint64_t>(*hiAt) - static_cast<uint64_t>(lowest);
    std::vector<uint64_t> rel(n), relTmp(n);
    for (size_t i = 0; i < n; ++i) rel[i] = static_cast<uint64_t>(keys[i]) - static_cast<uint64_t>(lowest);
    std::vector<uint32_t> order(n), tmp(n);
    std::iota(order.begin(), order.end(), uint32_t{0});
    constexpr int kBits = 11;
    constexpr size_t kBuckets = size_t{1} << kBits;
    std::vector<size_t> count(kBuckets);
    for (int shift = 0; shift < 64 && (range >> shift) != 0; shift += kBits) {
        std::fill(count.begin(), count.end(), 0);
        for (size_t i = 0; i < n; ++i) ++count[(rel[i] >> shift) & (kBuckets - 1)];
        size_t sum = 0;
        for (size_t& c : count) sum += std::exchange(c, sum);
        for (size_t i = 0; i < n; ++i) {
            const size_t at = count[(rel[i] >> shift) & (kBuckets - 1)]++;
            tmp[at] = order[i];
            relTmp[at] = rel[i];
        }
        order.swap(tmp);
        rel.swap(relTmp);
    }
    for (size_t i = 0; i < n; ++i) keys[i] = static_cast<int64_t>(rel[i] + static_cast<uint64_t>(lowest));
    return order;
}

}  // namespace

IncidentStore IncidentStore::build(std::vector<Incident> incidents) {
    IncidentStoreBuilder builder;
    builder.reserve(incidents.size());
    for (Incident& inc : incidents) {
        builder.append(inc);
        // Free the row's heap memory as we go: peak memory stays near one copy of the data.
        inc = Incident{};
    }
    return builder.build();
}

void clearIncident(Incident& inc) {
    inc.id.clear();
    inc.title.clear();
    inc.description.clear();
    inc.category.clear();
    inc.subCategory.clear();
    inc.actors.clear();
    inc.start = TimePoint{};
    inc.end.reset();
    inc.timePrecision = TimePrecision::Day;
    inc.location = LonLat{};
    inc.locationPrecision = LocationPrecision::Exact;
    inc.placeName.clear();
    inc.adminAreas.clear();
    inc.fatalities = -1;
    inc.injured = -1;
    inc.sources.clear();
    inc.tags.clear();
}

void IncidentStoreBuilder::reserve(size_t n) {
    m_expected = n;
    IncidentStore& s = m_store;
    s.m_start.reserve(n);
    s.m_end.reserve(n);
    s.m_lon.reserve(n);
    s.m_lat.reserve(n);
    m_categoryIds.reserve(n);
    s.m_timePrecision.reserve(n);
    s.m_locationPrecision.reserve(n);
    s.m_fatalities.reserve(n);
    s.m_injured.reserve(n);
    for (StringColumn* c : {&s.m_id, &s.m_title, &s.m_description, &s.m_subCategory, &s.m_place, &s.m_actors,
                            &s.m_adminAreas, &s.m_tags, &s.m_sources})
        c->reserve(n, 0);
}

void IncidentStoreBuilder::append(const Incident& inc, const IncidentText& text) {
    IncidentStore& s = m_store;
    const TimePoint end = inc.end && *inc.end > inc.start ? *inc.end : inc.start;
    if (!s.m_start.empty() && inc.start.seconds < s.m_start.back()) m_sorted = false;
    const TimeSpan span = coveredSpan(inc.start, end, inc.timePrecision);
    if (s.m_start.empty() || span.begin < s.m_timeRange.begin) s.m_timeRange.begin = span.begin;
    if (s.m_start.empty() || span.end > s.m_timeRange.end) s.m_timeRange.end = span.end;
    s.m_start.push_back(inc.start.seconds);
    s.m_end.push_back(end.seconds);
    s.m_lon.push_back(inc.location.lon);
    s.m_lat.push_back(inc.location.lat);
    s.m_extent.extend(inc.location.lon, inc.location.lat);

    if (m_lastId == UINT32_MAX || text.category != m_lastName) {
        // A handful of categories is the usual case: a scan beats hashing the name.
        constexpr size_t kScan = 16;
        auto found = m_nameIndex.end();
        bool known = false;
        if (m_names.size() <= kScan) {
            for (size_t k = 0; k < m_names.size() && !known; ++k) {
                if (m_names[k] == text.category) {
                    m_lastId = static_cast<uint32_t>(k);
                    known = true;
                }
            }
        } else if ((found = m_nameIndex.find(std::string(text.category))) != m_nameIndex.end()) {
            m_lastId = found->second;
            known = true;
        }
        if (!known) {
            m_lastId = static_cast<uint32_t>(m_names.size());
            m_names.emplace_back(text.category);
            m_nameIndex.emplace(std::string(text.category), m_lastId);
        }
        m_lastName = text.category;
    }
    m_categoryIds.push_back(m_lastId);
    s.m_timePrecision.push_back(static_cast<uint8_t>(inc.timePrecision));
    s.m_locationPrecision.push_back(static_cast<uint8_t>(inc.locationPrecision));
    s.m_fatalities.push_back(inc.fatalities);
    s.m_injured.push_back(inc.injured);

    s.m_id.push(text.id);
    s.m_title.push(text.title);
    s.m_description.push(text.description);
    s.m_subCategory.push(text.subCategory);
    s.m_place.push(text.placeName);
    packListInto(m_scratch, inc.actors);
    s.m_actors.push(m_scratch);
    packListInto(m_scratch, inc.adminAreas);
    s.m_adminAreas.push(m_scratch);
    packListInto(m_scratch, inc.tags);
    s.m_tags.push(m_scratch);
    packSourcesInto(m_scratch, inc.sources);
    s.m_sources.push(m_scratch);

    constexpr size_t kSample = 4096;
    if (s.m_start.size() == kSample && m_expected > kSample) {
        // Size the text columns from the first rows, so that they do not grow (and copy) step by step.
        for (StringColumn* c : {&s.m_id, &s.m_title, &s.m_description, &s.m_subCategory, &s.m_place,
                                &s.m_actors, &s.m_adminAreas, &s.m_tags, &s.m_sources}) {
            const size_t chars = c->m_chars.size();
            if (chars > 0) c->m_chars.reserve(chars / kSample * m_expected * 9 / 8 + chars);
        }
    }
}

IncidentStore IncidentStoreBuilder::build() {
    IncidentStore s = std::move(m_store);
    std::vector<uint32_t> ids = std::move(m_categoryIds);
    std::vector<std::string> names = std::move(m_names);
    const bool sorted = m_sorted;
    *this = IncidentStoreBuilder{};

    if (!sorted) {
        // One stable permutation by start time, applied column by column: only one column is ever doubled.
        std::vector<uint32_t> order = sortKeys(s.m_start);
        s.m_start.shrink_to_fit();
        permute(s.m_end, order);
        permute(s.m_lon, order);
        permute(s.m_lat, order);
        permute(ids, order);
        permute(s.m_timePrecision, order);
        permute(s.m_locationPrecision, order);
        permute(s.m_fatalities, order);
        permute(s.m_injured, order);
        s.m_textRow = std::move(order);
    } else {
        for (auto* v : {&s.m_start, &s.m_end}) v->shrink_to_fit();
        for (auto* v : {&s.m_lon, &s.m_lat}) v->shrink_to_fit();
        for (auto* v : {&s.m_timePrecision, &s.m_locationPrecision}) v->shrink_to_fit();
        for (auto* v : {&s.m_fatalities, &s.m_injured}) v->shrink_to_fit();
    }
    for (StringColumn* c : {&s.m_id, &s.m_title, &s.m_description, &s.m_subCategory, &s.m_place, &s.m_actors,
                            &s.m_adminAreas, &s.m_tags, &s.m_sources})
        c->shrinkToFit();

    // Categories get their final 16-bit index in order of first appearance in time order.
    constexpr uint32_t kUnset = 0;
    std::vector<uint32_t> finalIndex(names.size(), kUnset);  // final index + 1, 0 while unseen
    s.m_category.resize(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) {
        uint32_t& index = finalIndex[ids[i]];
        if (index == kUnset) {
            if (s.m_categories.size() + 1 < kMaxCategories) {
                s.m_categories.push_back(std::move(names[ids[i]]));
                index = static_cast<uint32_t>(s.m_categories.size());
            } else {
                // One shared bucket keeps the index within 16 bits; the GPU colours categories by this index.
                if (s.m_categories.size() + 1 == kMaxCategories) s.m_categories.push_back(kOverflowCategory);
                index = static_cast<uint32_t>(kMaxCategories);
            }
        }
        s.m_category[i] = static_cast<uint16_t>(index - 1);
    }
    return s;
}

Incident IncidentStore::get(size_t i) const {
    Incident inc;
    const size_t t = textRow(i);
    inc.id = m_id[t];
    inc.title = m_title[t];
    inc.description = m_description[t];
    inc.category = m_categories.empty() ? std::string() : m_categories[m_category[i]];
    inc.subCategory = m_subCategory[t];
    inc.actors = unpackList(m_actors[t]);
    inc.start = TimePoint{m_start[i]};
    if (m_end[i] != m_start[i]) inc.end = TimePoint{m_end[i]};
    inc.timePrecision = static_cast<TimePrecision>(m_timePrecision[i]);
    inc.location = {m_lon[i], m_lat[i]};
    inc.locationPrecision = static_cast<LocationPrecision>(m_locationPrecision[i]);
    inc.placeName = m_place[t];
    inc.adminAreas = unpackList(m_adminAreas[t]);
    inc.fatalities = m_fatalities[i];
    inc.injured = m_injured[i];
    inc.sources = unpackSources(m_sources[t]);
    inc.tags = unpackList(m_tags[t]);
    return inc;
}

size_t IncidentStore::lowerBoundStart(TimePoint t) const {
    return static_cast<size_t>(std::lower_bound(m_start.begin(), m_start.end(), t.seconds) - m_start.begin());
}

size_t IncidentStore::memoryBytes() const {
    size_t bytes = vectorBytes(m_start) + vectorBytes(m_end) + vectorBytes(m_lon) + vectorBytes(m_lat) +
                   vectorBytes(m_category) + vectorBytes(m_timePrecision) + vectorBytes(m_locationPrecision) +
                   vectorBytes(m_fatalities) + vectorBytes(m_injured) + vectorBytes(m_categories) +
                   vectorBytes(m_textRow);
    for (const auto& c : m_categories) bytes += c.capacity() > 15 ? c.capacity() + 1 : 0;
    for (const StringColumn* c : {&m_id, &m_title, &m_description, &m_subCategory, &m_place, &m_actors,
                                  &m_adminAreas, &m_tags, &m_sources})
        bytes += c->bytes();
    return bytes;
}

}  // namespace fp
