// Copy-on-write edits of an IncidentStore: each makes a new store sharing the loaded text with the old one,
// so that undo snapshots keep the old store as it was.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <numeric>

#include "core/model/incident.h"

namespace fp {

namespace {

constexpr size_t kMaxCategoryIndex = UINT16_MAX;

}  // namespace

void stampProvenance(Incident& inc) {
    const auto now = std::chrono::system_clock::now();
    const int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    inc.provenance.modified = formatIso(TimePoint{seconds}, TimePrecision::Exact);
    if (inc.provenance.created.empty()) inc.provenance.created = inc.provenance.modified;
    const char* user = std::getenv("USER");
    inc.provenance.by = user && *user ? user : "unknown";
}

uint32_t IncidentStore::origin(size_t i) const {
    return m_origin.empty() ? static_cast<uint32_t>(textRow(i)) : m_origin[i];
}

IncidentStore IncidentStore::editableCopy() const {
    IncidentStore s = *this;
    const size_t n = s.size();
    if (s.m_textRow.empty()) {
        s.m_textRow.resize(n);
        std::iota(s.m_textRow.begin(), s.m_textRow.end(), uint32_t{0});
    }
    if (s.m_origin.empty()) s.m_origin = s.m_textRow;
    return s;
}

uint16_t IncidentStore::categoryFor(std::string_view name) {
    for (size_t k = 0; k < m_categories.size(); ++k)
        if (m_categories[k] == name) return static_cast<uint16_t>(k);
    // Past the 16-bit limit a new name joins the last (shared) category, as when building.
    if (m_categories.size() >= kMaxCategoryIndex) return static_cast<uint16_t>(kMaxCategoryIndex);
    m_categories.emplace_back(name);
    return static_cast<uint16_t>(m_categories.size() - 1);
}

void IncidentStore::put(size_t i, const Incident& inc) {
    const TimePoint end = inc.end && *inc.end > inc.start ? *inc.end : inc.start;
    m_start[i] = inc.start.seconds;
    m_end[i] = end.seconds;
    m_lon[i] = inc.location.lon;
    m_lat[i] = inc.location.lat;
    m_category[i] = categoryFor(inc.category);
    m_timePrecision[i] = static_cast<uint8_t>(inc.timePrecision);
    m_locationPrecision[i] = static_cast<uint8_t>(inc.locationPrecision);
    m_fatalities[i] = inc.fatalities;
    m_injured[i] = inc.injured;
    m_textRow[i] = static_cast<uint32_t>(loadedTextRows() + m_editedText.size());
    m_editedText.push_back(std::make_shared<const TextRow>(packedText(inc)));
}

void IncidentStore::moveRow(size_t from, size_t to) {
    forEachColumn([&](auto& v) {
        const auto b = v.begin();
        if (to > from)
            std::rotate(b + static_cast<std::ptrdiff_t>(from), b + static_cast<std::ptrdiff_t>(from + 1),
                        b + static_cast<std::ptrdiff_t>(to + 1));
        else if (to < from)
            std::rotate(b + static_cast<std::ptrdiff_t>(to), b + static_cast<std::ptrdiff_t>(from),
                        b + static_cast<std::ptrdiff_t>(from + 1));
    });
}

size_t IncidentStore::placeFor(int64_t start, size_t skip) const {
    const auto upper =
        static_cast<size_t>(std::upper_bound(m_start.begin(), m_start.end(), start) - m_start.begin());
    // The skipped row is among those counted when it starts no later: the rows before the place lose it.
    return skip < m_start.size() && m_start[skip] <= start ? upper - 1 : upper;
}

void IncidentStore::recomputeRanges() {
    m_extent = GeoBBox{};
    m_timeRange = TimeSpan{};
    for (size_t i = 0; i < size(); ++i) {
        m_extent.extend(m_lon[i], m_lat[i]);
        const TimeSpan span = coveredSpan(TimePoint{m_start[i]}, TimePoint{m_end[i]},
                                          static_cast<TimePrecision>(m_timePrecision[i]));
        if (i == 0 || span.begin < m_timeRange.begin) m_timeRange.begin = span.begin;
        if (i == 0 || span.end > m_timeRange.end) m_timeRange.end = span.end;
    }
}

IncidentStore IncidentStore::withReplaced(size_t i, const Incident& inc, size_t* at) const {
    IncidentStore s = editableCopy();
    const size_t to = s.placeFor(inc.start.seconds, i);
    s.put(i, inc);
    s.moveRow(i, to);
    s.recomputeRanges();
    if (at) *at = to;
    return s;
}

IncidentStore IncidentStore::withAdded(const Incident& inc, size_t* at) const {
    IncidentStore s = editableCopy();
    const size_t n = s.size();
    const size_t to = s.placeFor(inc.start.seconds, n);
    s.forEachColumn([](auto& v) { v.emplace_back(); });
    s.m_origin[n] = kAdded;
    s.put(n, inc);
    s.moveRow(n, to);
    s.recomputeRanges();
    if (at) *at = to;
    return s;
}

IncidentStore IncidentStore::withRemoved(size_t i) const {
    IncidentStore s = editableCopy();
    s.forEachColumn([&](auto& v) { v.erase(v.begin() + static_cast<std::ptrdiff_t>(i)); });
    s.recomputeRanges();
    return s;
}

}  // namespace fp
