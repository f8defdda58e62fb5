// CPU cost of the timeline panel's histogram (src/core/time/time_histogram.h) on synthetic incidents spread
// over three years (2021-2023): 90% day precision, 5% exact, 3% week and 2% month precision, and one in 100 a
// 1-20 day roadblock. The view is 1600 px wide and the unit comes from chooseBinUnit.
//
// BM_HistogramFullRange/N: rebuild for a view of the whole three years (weekly bins), as after zooming out.
// BM_HistogramOneMonth/N: rebuild for a one-month view (six-hour bins), as on each step of a zoom or pan.
// BM_TimeIndexBuild/N: the one-off O(N) scan done when a store is loaded.
// BM_WindowCountsQuery/N: per-category counts of a 1-week window (legend, map overlay), each frame of play.
// BM_WindowRowFilter/N: the incident table's "in window only" rows of a one-day window, as during playback.
// BM_WindowCountsBuild/N: the one-off O(N log N) per-category sort behind both.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/time/time_histogram.h"
#include "core/time/window_counts.h"
#include "core/time/window_filter.h"

namespace fp {
namespace {

const TimePoint kBegin = fromCivil({2021, 1, 1});
const TimePoint kEnd = fromCivil({2024, 1, 1});

const IncidentStore& store(size_t n) {
    static std::vector<std::pair<size_t, std::unique_ptr<IncidentStore>>> cache;
    for (auto& [size, s] : cache)
        if (size == n) return *s;
    const char* categories[] = {"Battle",    "Protest",   "Riot",
                                "Explosion", "Roadblock", "Strategic development"};
    IncidentStoreBuilder b;
    b.reserve(n);
    uint64_t rng = 0x9e3779b97f4a7c15ull;
    auto next = [&rng] {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        return rng;
    };
    const int64_t range = kEnd.seconds - kBegin.seconds;
    Incident inc;
    for (size_t i = 0; i < n; ++i) {
        clearIncident(inc);
        inc.id = std::to_string(i);
        inc.start = TimePoint{kBegin.seconds + static_cast<int64_t>(next() % static_cast<uint64_t>(range))};
        const uint64_t kind = next() % 100;
        inc.timePrecision = kind < 90   ? TimePrecision::Day
                            : kind < 95 ? TimePrecision::Exact
                            : kind < 98 ? TimePrecision::Week
                                        : TimePrecision::Month;
        inc.category = categories[next() % 6];
        if (next() % 100 == 0) {
            inc.category = "Roadblock";
            inc.timePrecision = TimePrecision::Day;
            inc.end = TimePoint{inc.start.seconds + static_cast<int64_t>(1 + next() % 20) * kSecondsPerDay};
        }
        b.append(inc);
    }
    cache.emplace_back(n, std::make_unique<IncidentStore>(b.build()));
    return *cache.back().second;
}

void runHistogram(benchmark::State& st, TimeSpan view) {
    const IncidentStore& s = store(static_cast<size_t>(st.range(0)));
    const TimeIndex index(s);
    const BinUnit unit = chooseBinUnit(view, 1600);
    size_t visited = 0, bins = 0;
    for (auto _ : st) {
        Histogram h = buildHistogram(index, view, unit);
        visited = h.visited;
        bins = h.bins();
        benchmark::DoNotOptimize(h.counts.data());
    }
    st.counters["visited"] = static_cast<double>(visited);
    st.counters["bins"] = static_cast<double>(bins);
}

void BM_HistogramFullRange(benchmark::State& st) {
    runHistogram(st, {kBegin, kEnd});
}

void BM_HistogramOneMonth(benchmark::State& st) {
    runHistogram(st, {fromCivil({2022, 6, 1}), fromCivil({2022, 7, 1})});
}

void BM_TimeIndexBuild(benchmark::State& st) {
    const IncidentStore& s = store(static_cast<size_t>(st.range(0)));
    for (auto _ : st) {
        TimeIndex index(s);
        benchmark::DoNotOptimize(index.maxSpanReachSeconds());
    }
}

void BM_WindowCountsQuery(benchmark::State& st) {
    const WindowCounts counts(store(static_cast<size_t>(st.range(0))));
    std::vector<size_t> out;
    int64_t day = 0;
    for (auto _ : st) {
        // A different window each time, as while playing.
        const TimePoint end{fromCivil({2022, 6, 1}).seconds + (day++ % 200) * 3600};
        counts.countAll({TimePoint{end.seconds - 7 * kSecondsPerDay}, end}, out);
        benchmark::DoNotOptimize(out.data());
    }
}

void BM_WindowRowFilter(benchmark::State& st) {
    const IncidentStore& s = store(static_cast<size_t>(st.range(0)));
    const WindowCounts counts(s);
    std::vector<uint32_t> rows(s.size());
    for (uint32_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<uint32_t>(rows.size() - 1 - i);
    WindowRowFilter filter;
    filter.setRows(rows, s.size());
    size_t shown = 0;
    int64_t hour = 0;
    for (auto _ : st) {
        const TimePoint end{fromCivil({2022, 6, 1}).seconds + (hour++ % 200) * 3600};
        shown = filter.filter(counts, {TimePoint{end.seconds - kSecondsPerDay}, end}).size();
    }
    st.counters["shown"] = static_cast<double>(shown);
    st.counters["visited"] = static_cast<double>(filter.lastVisited());
}

void BM_WindowCountsBuild(benchmark::State& st) {
    const IncidentStore& s = store(static_cast<size_t>(st.range(0)));
    for (auto _ : st) {
        WindowCounts counts(s);
        benchmark::DoNotOptimize(&counts);
    }
}

BENCHMARK(BM_HistogramFullRange)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HistogramOneMonth)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TimeIndexBuild)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_WindowCountsQuery)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_WindowRowFilter)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_WindowCountsBuild)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace fp

BENCHMARK_MAIN();
