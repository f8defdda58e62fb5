#include <gtest/gtest.h>

#include <random>

#include "core/time/time_window.h"
#include "core/time/window_counts.h"

namespace fp {
namespace {

TimePoint utc(int y, int mo, int d, int h = 0) {
    return fromCivil({y, mo, d, h, 0, 0});
}

/// Random incidents over a few months: all precisions, some with multi-day spans, a few categories.
IncidentStore randomStore(unsigned seed, size_t n) {
    std::mt19937 rng(seed);
    const int64_t t0 = utc(2022, 11, 1).seconds;
    std::uniform_int_distribution<int64_t> start(0, 90 * kSecondsPerDay);
    std::uniform_int_distribution<int> precision(0, 4), category(0, 4), spanDays(0, 20), hasEnd(0, 3);
    std::vector<Incident> incidents;
    for (size_t i = 0; i < n; ++i) {
        Incident inc;
        inc.id = std::to_string(i);
        inc.start = TimePoint{t0 + start(rng)};
        inc.timePrecision = static_cast<TimePrecision>(precision(rng));
        // Built without std::string + "literal", which trips a GCC 12 -Wrestrict false positive.
        const char* names[] = {"c0", "c1", "c2", "c3", "c4"};
        inc.category = names[category(rng)];
        if (hasEnd(rng) == 0) inc.end = TimePoint{inc.start.seconds + spanDays(rng) * kSecondsPerDay + 3600};
        incidents.push_back(std::move(inc));
    }
    return IncidentStore::build(std::move(incidents));
}

std::vector<size_t> bruteForce(const IncidentStore& s, TimeSpan w) {
    std::vector<size_t> counts(s.categories().size(), 0);
    for (size_t i = 0; i < s.size(); ++i) {
        const TimeSpan c = coveredSpan(TimePoint{s.startSeconds()[i]}, TimePoint{s.endSeconds()[i]},
                                       static_cast<TimePrecision>(s.timePrecision()[i]));
        if (overlaps(c, w)) ++counts[s.categoryIndex()[i]];
    }
    return counts;
}

TEST(WindowCounts, MatchesABruteForceCountOnRandomData) {
    for (unsigned seed : {1u, 2u, 3u}) {
        const IncidentStore store = randomStore(seed, 2000);
        const WindowCounts counts(store);
        std::mt19937 rng(seed * 7);
        std::uniform_int_distribution<int64_t> at(utc(2022, 10, 1).seconds, utc(2023, 3, 1).seconds);
        std::uniform_int_distribution<int64_t> length(0, 40 * kSecondsPerDay);
        std::vector<size_t> fast;
        for (int q = 0; q < 300; ++q) {
            const int64_t b =
                q % 3 == 0 ? (at(rng) / kSecondsPerDay) * kSecondsPerDay : at(rng);  // midnight edges too
            const TimeSpan w{TimePoint{b}, TimePoint{b + length(rng)}};
            counts.countAll(w, fast);
            const std::vector<size_t> slow = bruteForce(store, w);
            ASSERT_EQ(fast, slow) << "seed " << seed << " window " << w.begin.seconds << ".."
                                  << w.end.seconds;
            size_t sum = 0;
            for (size_t c : slow) sum += c;
            EXPECT_EQ(counts.total(w), sum);
            // The candidate range holds every incident in the window.
            const auto [first, last] = counts.candidates(w);
            size_t inRange = 0;
            for (size_t i = first; i < last; ++i) inRange += counts.contains(i, w);
            EXPECT_EQ(inRange, sum);
        }
    }
}

TEST(WindowCounts, HalfOpenEdgesAndEmptyWindows) {
    Incident a;
    a.id = "a";
    a.category = "Roadblock";
    a.start = utc(2022, 12, 10);
    a.end = utc(2022, 12, 29, 12);  // day precision: covers 10 December 00:00 to 30 December 00:00
    Incident b;
    b.id = "b";
    b.category = "Shooting";
    b.start = utc(2023, 1, 6, 18);
    b.timePrecision = TimePrecision::Exact;
    const IncidentStore store = IncidentStore::build({a, b});
    const WindowCounts counts(store);
    EXPECT_EQ(counts.total({utc(2022, 12, 9), utc(2022, 12, 10)}), 0u);  // ends where the span begins
    EXPECT_EQ(counts.total({utc(2022, 12, 9), utc(2022, 12, 10, 1)}), 1u);
    EXPECT_EQ(counts.total({utc(2022, 12, 30), utc(2023, 1, 6)}), 0u);  // starts where the span ends
    EXPECT_EQ(counts.total({utc(2022, 12, 29), utc(2023, 1, 7)}), 2u);
    EXPECT_EQ(counts.total({utc(2023, 1, 6, 18), utc(2023, 1, 6, 18)}), 0u);  // empty window
    EXPECT_EQ(counts.count(7, {utc(2022, 12, 1), utc(2023, 2, 1)}), 0u);      // unknown category
    EXPECT_TRUE(counts.contains(0, {utc(2022, 12, 20), utc(2022, 12, 21)}));
    EXPECT_FALSE(counts.contains(1, {utc(2022, 12, 20), utc(2022, 12, 21)}));
}

}  // namespace
}  // namespace fp

#include "core/time/window_filter.h"

namespace fp {
namespace {

TEST(WindowRowFilter, KeepsTableOrderAndMatchesABruteForceFilter) {
    const IncidentStore store = randomStore(5, 3000);
    const WindowCounts counts(store);
    // A table order that is not time order (reversed, every third row left out by a "search").
    std::vector<uint32_t> rows;
    for (uint32_t i = static_cast<uint32_t>(store.size()); i-- > 0;)
        if (i % 3 != 0) rows.push_back(i);
    WindowRowFilter filter;
    filter.setRows(rows, store.size());
    std::mt19937 rng(11);
    std::uniform_int_distribution<int64_t> at(utc(2022, 10, 15).seconds, utc(2023, 2, 15).seconds);
    std::uniform_int_distribution<int64_t> length(3600, 20 * kSecondsPerDay);
    for (int q = 0; q < 200; ++q) {
        const int64_t b = at(rng);
        const TimeSpan w{TimePoint{b}, TimePoint{b + length(rng)}};
        std::vector<uint32_t> expected;
        for (uint32_t i : rows)
            if (counts.contains(i, w)) expected.push_back(i);
        ASSERT_EQ(filter.filter(counts, w), expected) << q;
    }
    EXPECT_TRUE(filter.filter(counts, {utc(2022, 12, 1), utc(2022, 12, 1)}).empty());
}

TEST(WindowRowFilter, VisitsOnlyTheIncidentsNearTheWindow) {
    std::vector<Incident> incidents;
    for (int i = 0; i < 9000; ++i) {  // 100 a day over 90 days, day precision
        Incident inc;
        inc.id = std::to_string(i);
        inc.category = std::string(1, i % 2 ? 'a' : 'b');
        inc.start = TimePoint{utc(2022, 11, 1).seconds + (i / 100) * kSecondsPerDay + (i % 100) * 60};
        incidents.push_back(std::move(inc));
    }
    const IncidentStore store = IncidentStore::build(std::move(incidents));
    const WindowCounts counts(store);
    std::vector<uint32_t> rows(store.size());
    for (uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
    WindowRowFilter filter;
    filter.setRows(rows, store.size());
    EXPECT_EQ(filter.filter(counts, {utc(2022, 12, 20), utc(2022, 12, 21)}).size(), 100u);
    EXPECT_LE(filter.lastVisited(), 300u);  // the day and its neighbours, not 9000 rows
}

}  // namespace
}  // namespace fp
