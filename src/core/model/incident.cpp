#include "core/model/incident.h"

#include <algorithm>
#include <atomic>
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

/// `v` in the order `order` gives (v[order[0]], v[order[1]], ...). `spare` is a buffer to gather into: it
/// receives v's old storage, so that the next column of the same type reuses it instead of new pages (unless
/// that storage is much larger than needed: the columns come out tight).
template <class T>
void permute(std::vector<T>& v, const std::vector<uint32_t>& order, std::vector<T>& spare) {
    if (spare.capacity() > order.size() + order.size() / 16) spare = std::vector<T>();
    spare.resize(order.size());
    T* out = spare.data();
    for (uint32_t k : order) *out++ = v[k];
    v.swap(spare);
}

/// permute() for columns of one type, through one spare buffer.
template <class T, class... More>
void permuteColumns(const std::vector<uint32_t>& order, std::vector<T>& first, More&... more) {
    std::vector<T> spare;
    permute(first, order, spare);
    (permute(more, order, spare), ...);
}

/// Input indices of `keys` in ascending key order, equal keys in input order: an LSD radix sort of the
/// indices over the bits the key range needs (at most 13 at a time: start times over a few years need two
/// passes). It needs two index arrays, 8 bytes per incident, where sorting (key, index) pairs would need 24.
std::vector<uint32_t> sortOrder(const std::vector<int64_t>& keys) {
    const size_t n = keys.size();
    const auto [loAt, hiAt] = std::minmax_element(keys.begin(), keys.end());
    const auto lowest = static_cast<uint64_t>(*loAt);
    const uint64_t range = static_cast<uint64_t>(*hiAt) - lowest;
    int bits = 0;
    while (bits < 64 && (range >> bits) != 0) ++bits;
    constexpr int kMaxBits = 13;
    const int passes = (bits + kMaxBits - 1) / kMaxBits;
    const int width = passes ? (bits + passes - 1) / passes : 0;
    const uint64_t digitMask = (uint64_t{1} << width) - 1;
    // Every pass's bucket sizes from one sequential read of the keys (the passes read them in sorted order,
    // scattered over memory).
    std::vector<std::vector<uint32_t>> counts(static_cast<size_t>(passes),
                                              std::vector<uint32_t>(size_t{1} << width));
    for (int64_t key : keys) {
        const uint64_t offset = static_cast<uint64_t>(key) - lowest;
        for (int p = 0; p < passes; ++p)
            ++counts[static_cast<size_t>(p)][(offset >> (p * width)) & digitMask];
    }
    std::vector<uint32_t> order(n), tmp(n);
    std::iota(order.begin(), order.end(), uint32_t{0});
    for (int p = 0; p < passes; ++p) {
        std::vector<uint32_t>& count = counts[static_cast<size_t>(p)];
        uint32_t sum = 0;
        for (uint32_t& c : count) sum += std::exchange(c, sum);
        const int shift = p * width;
        for (uint32_t k : order)
            tmp[count[((static_cast<uint64_t>(keys[k]) - lowest) >> shift) & digitMask]++] = k;
        order.swap(tmp);
    }
    return order;
}

/// The final 16-bit category of every incident from its builder id (`ids`, into `names`): categories are
/// numbered in order of first appearance in `ids`, and their names moved into `categories` in that order.
std::vector<uint16_t> finalCategories(const std::vector<uint32_t>& ids, std::vector<std::string>& names,
                                      std::vector<std::string>& categories) {
    constexpr uint32_t kUnset = 0;
    std::vector<uint32_t> finalIndex(names.size(), kUnset);  // final index + 1, 0 while unseen
    std::vector<uint16_t> out(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) {
        uint32_t& index = finalIndex[ids[i]];
        if (index == kUnset) {
            if (categories.size() + 1 < kMaxCategories) {
                categories.push_back(std::move(names[ids[i]]));
                index = static_cast<uint32_t>(categories.size());
            } else {
                // One shared bucket keeps the index within 16 bits; the GPU colours categories by this index.
                if (categories.size() + 1 == kMaxCategories) categories.push_back(kOverflowCategory);
                index = static_cast<uint32_t>(kMaxCategories);
            }
        }
        out[i] = static_cast<uint16_t>(index - 1);
    }
    return out;
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
}

uint32_t IncidentStoreBuilder::categoryId(std::string_view name) {
    if (m_lastId != UINT32_MAX && name == m_lastName) return m_lastId;
    m_lastName = name;
    // A handful of categories is the usual case: a scan beats hashing the name.
    constexpr size_t kScan = 16;
    if (m_names.size() <= kScan) {
        for (size_t k = 0; k < m_names.size(); ++k)
            if (m_names[k] == name) return m_lastId = static_cast<uint32_t>(k);
    } else if (auto found = m_nameIndex.find(m_lastName); found != m_nameIndex.end()) {
        return m_lastId = found->second;
    }
    m_lastId = static_cast<uint32_t>(m_names.size());
    m_names.emplace_back(name);
    m_nameIndex.emplace(std::string(name), m_lastId);
    return m_lastId;
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
    m_categoryIds.push_back(categoryId(text.category));
    s.m_timePrecision.push_back(static_cast<uint8_t>(inc.timePrecision));
    s.m_locationPrecision.push_back(static_cast<uint8_t>(inc.locationPrecision));
    s.m_fatalities.push_back(inc.fatalities);
    s.m_injured.push_back(inc.injured);

    packListInto(m_actors, inc.actors);
    packListInto(m_adminAreas, inc.adminAreas);
    packListInto(m_tags, inc.tags);
    packSourcesInto(m_sources, inc.sources);
    // In the order of the store's field numbers (IncidentStore::kIdField ...).
    static_assert(IncidentStore::kSentenceField + 1 == PackedTextRows::kFields);
    const IncidentProvenance& p = inc.provenance;
    m_text.append({text.id, text.title, text.placeName, m_sources, text.description, text.subCategory,
                   m_actors, m_adminAreas, m_tags, p.created, p.modified, p.by, p.sentence});

    constexpr size_t kSample = 4096;
    if (s.m_start.size() == kSample && m_expected > kSample) {
        // Size the text from the first rows, so that it does not grow (and copy) step by step.
        const size_t more = m_expected - kSample;
        m_text.reserve(more, m_text.bytesPerRow() * more * 9 / 8);
    }
}

IncidentStore IncidentStoreBuilder::build() {
    IncidentStore s = std::move(m_store);
    std::vector<uint32_t> ids = std::move(m_categoryIds);
    std::vector<std::string> names = std::move(m_names);
    const bool sorted = m_sorted;
    m_text.finish();
    s.m_text = std::make_shared<const PackedTextRows>(std::move(m_text));
    static std::atomic<uint64_t> builds{0};
    s.m_lineage = ++builds;
    *this = IncidentStoreBuilder{};

    if (!sorted) {
        // One stable permutation by start time, applied column by column: only one column is ever doubled.
        std::vector<uint32_t> order = sortOrder(s.m_start);
        permuteColumns(order, s.m_start, s.m_end);
        permuteColumns(order, s.m_lon, s.m_lat);
        permuteColumns(order, s.m_timePrecision, s.m_locationPrecision);
        permuteColumns(order, s.m_fatalities, s.m_injured);
        permuteColumns(order, ids);
        s.m_textRow = std::move(order);
    } else {
        for (auto* v : {&s.m_start, &s.m_end}) v->shrink_to_fit();
        for (auto* v : {&s.m_lon, &s.m_lat}) v->shrink_to_fit();
        for (auto* v : {&s.m_timePrecision, &s.m_locationPrecision}) v->shrink_to_fit();
        for (auto* v : {&s.m_fatalities, &s.m_injured}) v->shrink_to_fit();
    }
    s.m_category = finalCategories(ids, names, s.m_categories);
    return s;
}

std::string_view IncidentStore::text(size_t i, size_t field) const {
    const size_t t = textRow(i);
    const size_t loaded = loadedTextRows();
    return t < loaded ? m_text->field(t, field) : std::string_view((*m_editedText[t - loaded])[field]);
}

IncidentStore::TextRow IncidentStore::packedText(const Incident& inc) {
    TextRow row;
    const auto clean = [](std::string& out, std::string_view s) {
        out.clear();
        appendClean(out, s);
    };
    clean(row[kIdField], inc.id);
    clean(row[kTitleField], inc.title);
    clean(row[kPlaceField], inc.placeName);
    packSourcesInto(row[kSourcesField], inc.sources);
    clean(row[kDescriptionField], inc.description);
    clean(row[kSubCategoryField], inc.subCategory);
    packListInto(row[kActorsField], inc.actors);
    packListInto(row[kAdminAreasField], inc.adminAreas);
    packListInto(row[kTagsField], inc.tags);
    const IncidentProvenance& p = inc.provenance;
    clean(row[kCreatedField], p.created);
    clean(row[kModifiedField], p.modified);
    clean(row[kByField], p.by);
    clean(row[kSentenceField], p.sentence);
    return row;
}

Incident IncidentStore::get(size_t i) const {
    Incident inc;
    inc.id = text(i, kIdField);
    inc.title = text(i, kTitleField);
    inc.description = text(i, kDescriptionField);
    inc.category = m_categories.empty() ? std::string() : m_categories[m_category[i]];
    inc.subCategory = text(i, kSubCategoryField);
    inc.actors = unpackList(text(i, kActorsField));
    inc.start = TimePoint{m_start[i]};
    if (m_end[i] != m_start[i]) inc.end = TimePoint{m_end[i]};
    inc.timePrecision = static_cast<TimePrecision>(m_timePrecision[i]);
    inc.location = {m_lon[i], m_lat[i]};
    inc.locationPrecision = static_cast<LocationPrecision>(m_locationPrecision[i]);
    inc.placeName = text(i, kPlaceField);
    inc.adminAreas = unpackList(text(i, kAdminAreasField));
    inc.fatalities = m_fatalities[i];
    inc.injured = m_injured[i];
    inc.sources = unpackSources(text(i, kSourcesField));
    inc.tags = unpackList(text(i, kTagsField));
    inc.provenance = {std::string(text(i, kCreatedField)), std::string(text(i, kModifiedField)),
                      std::string(text(i, kByField)), std::string(text(i, kSentenceField))};
    return inc;
}

size_t IncidentStore::lowerBoundStart(TimePoint t) const {
    return static_cast<size_t>(std::lower_bound(m_start.begin(), m_start.end(), t.seconds) - m_start.begin());
}

std::vector<std::pair<std::string, size_t>> IncidentStore::memoryByColumn() const {
    size_t categories = vectorBytes(m_categories);
    for (const auto& c : m_categories) categories += c.capacity() > 15 ? c.capacity() + 1 : 0;
    size_t editedText = vectorBytes(m_editedText);
    for (const auto& row : m_editedText)
        for (const auto& f : *row) editedText += f.capacity() > 15 ? f.capacity() + 1 : 0;
    return {{"start", vectorBytes(m_start)},
            {"end", vectorBytes(m_end)},
            {"lon", vectorBytes(m_lon)},
            {"lat", vectorBytes(m_lat)},
            {"category", vectorBytes(m_category)},
            {"timePrecision", vectorBytes(m_timePrecision)},
            {"locationPrecision", vectorBytes(m_locationPrecision)},
            {"fatalities", vectorBytes(m_fatalities)},
            {"injured", vectorBytes(m_injured)},
            {"categoryNames", categories},
            {"text", m_text ? m_text->memoryBytes() : 0},
            {"textRow", vectorBytes(m_textRow)},
            {"origin", vectorBytes(m_origin)},
            {"editedText", editedText}};
}

size_t IncidentStore::memoryBytes() const {
    size_t bytes = 0;
    for (const auto& [column, size] : memoryByColumn()) bytes += size;
    return bytes;
}

}  // namespace fp
