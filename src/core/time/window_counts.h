#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/model/incident.h"
#include "core/time/time_point.h"

namespace fp {

/// Answers "how many incidents of each category does this window show?" in O(categories × log n), built
/// once per store in O(n log n). An incident is shown by a window W when its covered span [b, e) (see
/// coveredSpan) overlaps W, i.e. b < W.end and e > W.begin. Since every covered span is non-empty, the
/// incidents with e <= W.begin are among those with b < W.end, so per category
///     shown(W) = #(b < W.end) - #(e <= W.begin),
/// two binary searches on the category's sorted covered begins and ends. Keeps a reference: the store must
/// outlive it.
class WindowCounts {
public:
    explicit WindowCounts(const IncidentStore& store);

    const IncidentStore& store() const { return *m_store; }
    size_t categories() const { return m_begins.size(); }

    /// Incidents of category `category` whose covered span overlaps `window`; 0 for an empty window or an
    /// unknown category.
    size_t count(uint16_t category, TimeSpan window) const;
    /// count() of every category into `out` (resized to categories()).
    void countAll(TimeSpan window, std::vector<size_t>& out) const;
    /// Incidents of any category whose covered span overlaps `window`.
    size_t total(TimeSpan window) const;

    /// True when incident `i`'s covered span overlaps `window` (O(1)).
    bool contains(size_t i, TimeSpan window) const;
    /// Store rows [first, last) (in start-time order) that hold every incident overlapping `window`: those
    /// starting in [window.begin - longest reach, window.end + longest lead). Filter them with contains().
    /// Costs two binary searches; the range is small unless some incident spans very long.
    std::pair<size_t, size_t> candidates(TimeSpan window) const;

private:
    const IncidentStore* m_store;
    std::vector<std::vector<int64_t>> m_begins;  ///< per category, sorted covered begins
    std::vector<std::vector<int64_t>> m_ends;    ///< per category, sorted covered ends
    int64_t m_maxReach = 0;                      ///< longest covered end - start
    int64_t m_maxLead = 0;                       ///< longest start - covered begin
};

}  // namespace fp
