#include "core/time/time_histogram.h"

#include <algorithm>

namespace fp {
namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = kSecondsPerDay;

/// Fixed length of a unit in seconds; 0 for Month (calendar arithmetic).
int64_t fixedSeconds(BinUnit unit) {
    switch (unit) {
        case BinUnit::Hour:
            return kHour;
        case BinUnit::SixHours:
            return 6 * kHour;
        case BinUnit::Day:
            return kDay;
        case BinUnit::Week:
            return 7 * kDay;
        case BinUnit::Month:
            return 0;
    }
    return 0;
}

int64_t floorDiv(int64_t a, int64_t b) {
    const int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

TimePoint nextBoundary(TimePoint edge, BinUnit unit) {
    if (unit == BinUnit::Month) {
        CivilTime c = toCivil(edge);
        c.month += 1;  // fromCivil carries month 13 into January of the next year
        return fromCivil(c);
    }
    return TimePoint{edge.seconds + fixedSeconds(unit)};
}

/// Covered span of incident i and whether it counts as a multi-day span (its end reaches past the unit of
/// its start and it lasts more than a day).
struct Covered {
    TimeSpan span;
    TimePoint begin;  ///< covered begin of the start alone (== span.begin)
    bool multiDay = false;
};

Covered coveredOf(const IncidentStore& s, size_t i) {
    const TimePoint start{s.startSeconds()[i]};
    const TimePoint end{s.endSeconds()[i]};
    const auto p = static_cast<TimePrecision>(s.timePrecision()[i]);
    Covered c;
    c.span = coveredSpan(start, end, p);
    c.begin = c.span.begin;
    if (end > start) {
        const TimeSpan single = coveredSpan(start, start, p);
        const int64_t len = c.span.end.seconds - c.span.begin.seconds;
        c.multiDay = len > kDay && len > single.end.seconds - single.begin.seconds;
    }
    return c;
}

}  // namespace

BinUnit chooseBinUnit(TimeSpan visible, int widthPx, int minBinPx) {
    const int64_t length = visible.end.seconds - visible.begin.seconds;
    if (length <= 0) return BinUnit::Hour;
    if (widthPx <= 0) return BinUnit::Month;
    const double pxPerSecond = static_cast<double>(widthPx) / static_cast<double>(length);
    for (BinUnit u : {BinUnit::Hour, BinUnit::SixHours, BinUnit::Day, BinUnit::Week}) {
        if (pxPerSecond * static_cast<double>(fixedSeconds(u)) >= minBinPx) return u;
    }
    return BinUnit::Month;
}

int monthLabelStride(TimeSpan visible, int widthPx, int minLabelPx) {
    const int64_t length = visible.end.seconds - visible.begin.seconds;
    if (length <= 0 || widthPx <= 0) return 1;
    const double pxPerMonth = static_cast<double>(widthPx) * 28.0 * kDay / static_cast<double>(length);
    for (int stride : {1, 2, 3, 6, 12})
        if (pxPerMonth * stride >= minLabelPx) return stride;
    // Whole years: 2, 5, 10, 20, 50, ... (a span of dates has at most a few thousand years).
    for (int decade = 1; decade < 10000; decade *= 10)
        for (int years : {2 * decade, 5 * decade, 10 * decade})
            if (pxPerMonth * 12.0 * years >= minLabelPx) return 12 * years;
    return 12 * 100000;
}

bool labelsMonthEdge(TimePoint edge, int strideMonths) {
    const CivilTime c = toCivil(edge);
    if (strideMonths <= 12) return (c.month - 1) % std::max(1, strideMonths) == 0;
    return c.month == 1 && c.year % (strideMonths / 12) == 0;
}

TimePoint binStart(TimePoint t, BinUnit unit) {
    switch (unit) {
        case BinUnit::Hour:
            return TimePoint{floorDiv(t.seconds, kHour) * kHour};
        case BinUnit::SixHours:
            return TimePoint{floorDiv(t.seconds, 6 * kHour) * 6 * kHour};
        case BinUnit::Day:
            return unitStart(t, TimePrecision::Day);
        case BinUnit::Week:
            return unitStart(t, TimePrecision::Week);
        case BinUnit::Month:
            return unitStart(t, TimePrecision::Month);
    }
    return t;
}

std::vector<TimePoint> binEdges(TimeSpan visible, BinUnit unit) {
    std::vector<TimePoint> edges;
    if (visible.end <= visible.begin) return edges;
    TimePoint e = binStart(visible.begin, unit);
    edges.push_back(e);
    while (e < visible.end) {
        e = nextBoundary(e, unit);
        edges.push_back(e);
    }
    return edges;
}

TimeIndex::TimeIndex(const IncidentStore& store) : m_store(&store) {
    for (size_t i = 0; i < store.size(); ++i) {
        const Covered c = coveredOf(store, i);
        const int64_t start = store.startSeconds()[i];
        m_maxLead = std::max(m_maxLead, start - c.begin.seconds);
        if (c.multiDay) m_maxSpanReach = std::max(m_maxSpanReach, c.span.end.seconds - start);
    }
}

Histogram buildHistogram(const TimeIndex& index, TimeSpan visible, BinUnit unit) {
    const IncidentStore& s = index.store();
    Histogram h;
    h.unit = unit;
    h.categories = s.categories().size();
    h.edges = binEdges(visible, unit);
    const size_t bins = h.bins();
    h.counts.assign(bins * h.categories, 0);
    h.spanCounts.assign(bins, 0);
    h.impreciseCounts.assign(bins, 0);
    if (bins == 0 || s.empty()) return h;

    const TimePoint first = h.edges.front();
    const TimePoint last = h.edges.back();
    const int64_t step = fixedSeconds(unit);
    auto binOf = [&](TimePoint t) -> size_t {  // t in [first, last)
        if (step > 0) return static_cast<size_t>((t.seconds - first.seconds) / step);
        return static_cast<size_t>(std::upper_bound(h.edges.begin(), h.edges.end(), t) - h.edges.begin() - 1);
    };

    // A covered begin is never after the start and at most maxLead before it, and a span reaches at most
    // maxSpanReach past its start, so only these starts can touch the bins.
    const size_t lo = s.lowerBoundStart(TimePoint{first.seconds - index.maxSpanReachSeconds()});
    const size_t hi = s.lowerBoundStart(TimePoint{last.seconds + index.maxLeadSeconds()});
    h.visited = hi - lo;

    std::vector<int64_t> spanDelta(bins + 1, 0);  // difference array: +1 at the first bin, -1 after the last
    const auto& category = s.categoryIndex();
    const auto& precision = s.timePrecision();
    for (size_t i = lo; i < hi; ++i) {
        const Covered c = coveredOf(s, i);
        if (c.begin >= first && c.begin < last) {
            const size_t b = binOf(c.begin);
            ++h.counts[b * h.categories + category[i]];
            if (precision[i] >= static_cast<uint8_t>(TimePrecision::Week)) ++h.impreciseCounts[b];
        }
        if (c.multiDay && c.span.end > first && c.span.begin < last) {
            const size_t b0 = binOf(std::max(c.span.begin, first));
            const size_t b1 = c.span.end >= last ? bins - 1 : binOf(TimePoint{c.span.end.seconds - 1});
            ++spanDelta[b0];
            --spanDelta[b1 + 1];
        }
    }
    int64_t running = 0;
    for (size_t b = 0; b < bins; ++b) {
        running += spanDelta[b];
        h.spanCounts[b] = static_cast<uint32_t>(running);
    }
    return h;
}

Histogram buildHistogram(const IncidentStore& store, TimeSpan visible, BinUnit unit) {
    return buildHistogram(TimeIndex(store), visible, unit);
}

}  // namespace fp
