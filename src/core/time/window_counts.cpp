#include "core/time/window_counts.h"

#include <algorithm>

#include "core/time/time_window.h"

namespace fp {
namespace {

TimeSpan coveredOf(const IncidentStore& s, size_t i) {
    return coveredSpan(TimePoint{s.startSeconds()[i]}, TimePoint{s.endSeconds()[i]},
                       static_cast<TimePrecision>(s.timePrecision()[i]));
}

size_t countBelow(const std::vector<int64_t>& sorted, int64_t limit) {  // values < limit
    return static_cast<size_t>(std::lower_bound(sorted.begin(), sorted.end(), limit) - sorted.begin());
}

size_t countAtOrBelow(const std::vector<int64_t>& sorted, int64_t limit) {  // values <= limit
    return static_cast<size_t>(std::upper_bound(sorted.begin(), sorted.end(), limit) - sorted.begin());
}

}  // namespace

WindowCounts::WindowCounts(const IncidentStore& store) : m_store(&store) {
    const size_t cats = store.categories().size();
    m_begins.resize(cats);
    m_ends.resize(cats);
    std::vector<size_t> sizes(cats, 0);
    for (uint16_t c : store.categoryIndex()) ++sizes[c];
    for (size_t c = 0; c < cats; ++c) {
        m_begins[c].reserve(sizes[c]);
        m_ends[c].reserve(sizes[c]);
    }
    for (size_t i = 0; i < store.size(); ++i) {
        const TimeSpan span = coveredOf(store, i);
        const uint16_t c = store.categoryIndex()[i];
        m_begins[c].push_back(span.begin.seconds);
        m_ends[c].push_back(span.end.seconds);
        m_maxReach = std::max(m_maxReach, span.end.seconds - store.startSeconds()[i]);
        m_maxLead = std::max(m_maxLead, store.startSeconds()[i] - span.begin.seconds);
    }
    // Begins are nearly sorted already (the store is in start order; only coarse precisions reach back).
    for (size_t c = 0; c < cats; ++c) {
        std::sort(m_begins[c].begin(), m_begins[c].end());
        std::sort(m_ends[c].begin(), m_ends[c].end());
    }
}

size_t WindowCounts::count(uint16_t category, TimeSpan window) const {
    if (category >= m_begins.size() || window.end <= window.begin) return 0;
    return countBelow(m_begins[category], window.end.seconds) -
           countAtOrBelow(m_ends[category], window.begin.seconds);
}

void WindowCounts::countAll(TimeSpan window, std::vector<size_t>& out) const {
    out.resize(categories());
    for (size_t c = 0; c < out.size(); ++c) out[c] = count(static_cast<uint16_t>(c), window);
}

size_t WindowCounts::total(TimeSpan window) const {
    size_t sum = 0;
    for (size_t c = 0; c < categories(); ++c) sum += count(static_cast<uint16_t>(c), window);
    return sum;
}

bool WindowCounts::contains(size_t i, TimeSpan window) const {
    return overlaps(coveredOf(*m_store, i), window);
}

std::pair<size_t, size_t> WindowCounts::candidates(TimeSpan window) const {
    if (window.end <= window.begin) return {0, 0};
    const size_t first = m_store->lowerBoundStart(TimePoint{window.begin.seconds - m_maxReach});
    const size_t last = m_store->lowerBoundStart(TimePoint{window.end.seconds + m_maxLead});
    return {first, std::max(first, last)};
}

}  // namespace fp
