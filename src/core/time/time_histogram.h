#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/model/incident.h"
#include "core/time/time_point.h"

namespace fp {

/// Calendar unit of one timeline bin, all in UTC: an hour, six hours (00/06/12/18 UTC), a day, an ISO week
/// (Monday 00:00 to the next Monday) or a calendar month.
enum class BinUnit : uint8_t { Hour, SixHours, Day, Week, Month };

/// The finest unit whose bins are at least `minBinPx` pixels wide when `visible` spans `widthPx` pixels. A
/// month counts as its shortest, 28 days, so every month bin is wide enough. Month when even months are too
/// narrow or `widthPx` is not positive; Hour for an empty span.
BinUnit chooseBinUnit(TimeSpan visible, int widthPx, int minBinPx = 6);

/// Every how many months a time axis of Month bins labels a month edge, so that labels `minLabelPx` wide do
/// not overlap when `visible` spans `widthPx` pixels: 1, 2, 3, 6 or 12 months, then whole multiples of years
/// (2, 5, 10, 20, 50, ...). A month counts as its shortest, 28 days.
int monthLabelStride(TimeSpan visible, int widthPx, int minLabelPx);

/// Whether the month edge `edge` (a month's 1st, 00:00 UTC) carries a label at `strideMonths` (see
/// monthLabelStride): months counted from January (every 3: Jan, Apr, Jul, Oct), and above 12 only the
/// Januaries of years that are multiples of strideMonths / 12.
bool labelsMonthEdge(TimePoint edge, int strideMonths);

/// Start of the `unit` bin holding `t` (the hour, 00/06/12/18 UTC, midnight, Monday 00:00 or the 1st).
TimePoint binStart(TimePoint t, BinUnit unit);

/// Bin edges aligned to `unit` boundaries covering `visible`: the first is binStart(visible.begin), the last
/// the first boundary at or after visible.end, so bin i is [edges[i], edges[i+1]). Empty when `visible` is
/// empty. One edge per bin: pick the unit with chooseBinUnit, not Hour for years.
std::vector<TimePoint> binEdges(TimeSpan visible, BinUnit unit);

/// Per-bin incident counts for the timeline panel. Bins are [edges[i], edges[i+1]); bins() of them.
///
/// - `counts[bin * categories + cat]`: incidents of category `cat` whose covered begin (coveredSpan with
///   their precision, so a week-precision incident starts on its Monday and a month-precision one on the
///   1st) falls in the bin. Each incident is counted once, whatever its span or precision.
/// - `impreciseCounts[bin]`: how many of the incidents counted in the bin have Week, Month or Year
///   precision. The panel draws them as a faint bar over their whole covered span rather than a spike at
///   its begin (their real time is anywhere in it).
/// - `spanCounts[bin]`: incidents with an explicit end whose covered span lasts more than one day
///   (roadblocks, sieges) and overlaps the bin, counted in every bin they are active in, including those
///   that started before `visible`.
/// Incidents whose covered begin lies outside the edges are not in `counts`.
struct Histogram {
    BinUnit unit = BinUnit::Day;
    std::vector<TimePoint> edges;
    size_t categories = 0;
    std::vector<uint32_t> counts;           ///< bin-major: counts[bin * categories + cat]
    std::vector<uint32_t> spanCounts;       ///< incidents active in the bin because of a multi-day span
    std::vector<uint32_t> impreciseCounts;  ///< week/month/year-precision incidents among counts, per bin
    size_t visited = 0;                     ///< incidents examined to build it (cost, for tests and benches)

    size_t bins() const { return edges.empty() ? 0 : edges.size() - 1; }
    uint32_t count(size_t bin, size_t cat) const { return counts[bin * categories + cat]; }
};

/// Facts about a store computed once (O(n)) so that each histogram costs O(incidents near the visible range
/// + bins) instead of a scan of every incident. Keeps a reference: the store must outlive it.
class TimeIndex {
public:
    explicit TimeIndex(const IncidentStore& store);

    const IncidentStore& store() const { return *m_store; }
    /// Longest distance from an incident's start back to its covered begin (0 when all are Exact, up to a
    /// year for Year precision): incidents starting up to this much after the view can still begin in it.
    int64_t maxLeadSeconds() const { return m_maxLead; }
    /// Longest distance from the start of a multi-day span incident to its covered end: how far before the
    /// view a span can start and still be active in it.
    int64_t maxSpanReachSeconds() const { return m_maxSpanReach; }

private:
    const IncidentStore* m_store;
    int64_t m_maxLead = 0;
    int64_t m_maxSpanReach = 0;
};

/// The histogram of `index`'s store over the bins binEdges(visible, unit). Binary searches the sorted starts:
/// it visits the incidents starting in [visible.begin - maxSpanReach, visible.end + maxLead) only.
Histogram buildHistogram(const TimeIndex& index, TimeSpan visible, BinUnit unit);

/// The same, building a TimeIndex first (O(n)); keep a TimeIndex when the view changes often (zoom, pan).
Histogram buildHistogram(const IncidentStore& store, TimeSpan visible, BinUnit unit);

}  // namespace fp
