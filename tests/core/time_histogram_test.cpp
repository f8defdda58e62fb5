#include <gtest/gtest.h>

#include "core/time/time_histogram.h"
#include "core/time/time_window.h"

namespace fp {
namespace {

TimePoint utc(int y, int mo, int d, int h = 0) {
    return fromCivil({y, mo, d, h, 0, 0});
}

Incident make(std::string id, TimePoint start, std::string category,
              TimePrecision precision = TimePrecision::Day, std::optional<TimePoint> end = std::nullopt) {
    Incident inc;
    inc.id = std::move(id);
    inc.start = start;
    inc.end = end;
    inc.category = std::move(category);
    inc.timePrecision = precision;
    return inc;
}

size_t cat(const IncidentStore& s, std::string_view name) {
    for (size_t i = 0; i < s.categories().size(); ++i)
        if (s.categories()[i] == name) return i;
    return s.categories().size();
}

TEST(TimeHistogram, ChoosesTheFinestUnitWideEnough) {
    const TimePoint t0 = utc(2022, 12, 1);
    EXPECT_EQ(chooseBinUnit({t0, utc(2022, 12, 2)}, 1000), BinUnit::Hour);       // 41 px an hour
    EXPECT_EQ(chooseBinUnit({t0, utc(2022, 12, 31)}, 1000), BinUnit::SixHours);  // 1.4 px an hour
    EXPECT_EQ(chooseBinUnit({t0, utc(2023, 3, 1)}, 1000), BinUnit::Day);         // 11 px a day
    EXPECT_EQ(chooseBinUnit({t0, utc(2023, 12, 1)}, 1000), BinUnit::Week);       // 2.7 px a day
    EXPECT_EQ(chooseBinUnit({t0, utc(2032, 12, 1)}, 1000), BinUnit::Month);      // 1.9 px a week
    EXPECT_EQ(chooseBinUnit({t0, utc(2122, 12, 1)}, 1000), BinUnit::Month);      // nothing fits: months
    // A wider minimum bin moves to a coarser unit.
    EXPECT_EQ(chooseBinUnit({t0, utc(2022, 12, 2)}, 1000, 50), BinUnit::SixHours);
    EXPECT_EQ(chooseBinUnit({t0, t0}, 1000), BinUnit::Hour);
    EXPECT_EQ(chooseBinUnit({t0, utc(2022, 12, 2)}, 0), BinUnit::Month);
}

TEST(TimeHistogram, EdgesAlignToMondaysAndFirstsOfMonths) {
    // 1 December 2022 was a Thursday: weeks start on Monday 28 November.
    const TimeSpan dec{utc(2022, 12, 1, 5), utc(2023, 1, 1)};
    const auto weeks = binEdges(dec, BinUnit::Week);
    ASSERT_EQ(weeks.size(), 6u);
    EXPECT_EQ(weeks.front(), utc(2022, 11, 28));
    EXPECT_EQ(weeks[1], utc(2022, 12, 5));
    EXPECT_EQ(weeks.back(), utc(2023, 1, 2));

    const auto months = binEdges({utc(2022, 11, 15), utc(2023, 3, 2)}, BinUnit::Month);
    ASSERT_EQ(months.size(), 6u);
    EXPECT_EQ(months[0], utc(2022, 11, 1));
    EXPECT_EQ(months[2], utc(2023, 1, 1));
    EXPECT_EQ(months[3], utc(2023, 2, 1));
    EXPECT_EQ(months[5], utc(2023, 4, 1));

    const auto days = binEdges(dec, BinUnit::Day);
    EXPECT_EQ(days.size(), 32u);
    EXPECT_EQ(days.front(), utc(2022, 12, 1));
    EXPECT_EQ(days.back(), utc(2023, 1, 1));  // the end is already a boundary

    const auto six = binEdges({utc(2022, 12, 1, 5), utc(2022, 12, 1, 13)}, BinUnit::SixHours);
    EXPECT_EQ(six, (std::vector<TimePoint>{utc(2022, 12, 1), utc(2022, 12, 1, 6), utc(2022, 12, 1, 12),
                                           utc(2022, 12, 1, 18)}));
    EXPECT_TRUE(binEdges({dec.end, dec.begin}, BinUnit::Day).empty());
}

IncidentStore smallStore() {
    std::vector<Incident> v;
    v.push_back(make("a", utc(2022, 12, 5, 10), "Battle", TimePrecision::Exact));
    v.push_back(make("b", utc(2022, 12, 7), "Protest"));
    v.push_back(make("c", utc(2022, 12, 14), "Protest", TimePrecision::Week));  // week of Monday 12 Dec
    v.push_back(make("d", utc(2022, 12, 10), "Roadblock", TimePrecision::Day, utc(2022, 12, 29)));
    v.push_back(make("e", utc(2023, 1, 15), "Battle", TimePrecision::Month));  // covers January 2023
    v.push_back(make("f", utc(2022, 11, 20), "Battle"));                       // before the view
    return IncidentStore::build(std::move(v));
}

TEST(TimeHistogram, CountsByCoveredBeginPerCategory) {
    const IncidentStore s = smallStore();
    const Histogram h = buildHistogram(s, {utc(2022, 12, 1), utc(2023, 1, 1)}, BinUnit::Week);
    ASSERT_EQ(h.bins(), 5u);  // weeks of 28 Nov, 5, 12, 19, 26 Dec
    ASSERT_EQ(h.categories, 3u);
    const size_t battle = cat(s, "Battle"), protest = cat(s, "Protest"), roadblock = cat(s, "Roadblock");
    EXPECT_EQ(h.count(0, battle), 0u);  // f (20 Nov) is before the first edge
    EXPECT_EQ(h.count(1, battle), 1u);
    EXPECT_EQ(h.count(1, protest), 1u);
    EXPECT_EQ(h.count(1, roadblock), 1u);  // once, in the bin of its start
    EXPECT_EQ(h.count(2, protest), 1u);    // the week-precision incident, at its Monday
    // The month-precision incident starts after the view but covers from 1 January: the last week's bin.
    EXPECT_EQ(h.count(4, battle), 1u);
    EXPECT_EQ(h.impreciseCounts, (std::vector<uint32_t>{0, 0, 1, 0, 1}));
    // The 10-29 December span is active from the week of 5 December to the week of 26 December.
    EXPECT_EQ(h.spanCounts, (std::vector<uint32_t>{0, 1, 1, 1, 1}));
    uint32_t total = 0;
    for (uint32_t c : h.counts) total += c;
    EXPECT_EQ(total, 5u);
}

TEST(TimeHistogram, SpanCountsIncludeSpansStartedBeforeTheView) {
    const IncidentStore s = smallStore();
    const TimeIndex index(s);
    EXPECT_EQ(index.maxSpanReachSeconds(), utc(2022, 12, 30).seconds - utc(2022, 12, 10).seconds);
    const Histogram h = buildHistogram(index, {utc(2022, 12, 20), utc(2022, 12, 31)}, BinUnit::Day);
    ASSERT_EQ(h.bins(), 11u);
    // Active 20-29 December, not on the 30th.
    EXPECT_EQ(h.spanCounts, (std::vector<uint32_t>{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0}));
    uint32_t total = 0;
    for (uint32_t c : h.counts) total += c;
    EXPECT_EQ(total, 0u);  // no incident begins in these days
}

TEST(TimeHistogram, VisitsOnlyIncidentsNearTheView) {
    // 20,000 day-precision incidents, one an hour from 2020 on (about 2.3 years), a two-day roadblock every
    // 1,000 incidents; the view is one week.
    std::vector<Incident> v;
    const TimePoint t0 = utc(2020, 1, 1);
    for (int i = 0; i < 20000; ++i) {
        const TimePoint start{t0.seconds + int64_t{i} * 3600};
        if (i % 1000 == 0)
            v.push_back(
                make("r", start, "Roadblock", TimePrecision::Day, TimePoint{start.seconds + kSecondsPerDay}));
        else
            v.push_back(make("x", start, i % 2 ? "Battle" : "Protest", TimePrecision::Exact));
    }
    const IncidentStore s = IncidentStore::build(std::move(v));
    const TimeIndex index(s);
    const TimeSpan week{utc(2021, 3, 1), utc(2021, 3, 8)};
    const Histogram h = buildHistogram(index, week, BinUnit::Day);
    ASSERT_EQ(h.bins(), 7u);
    // Starts from two days before the view (the longest span reach) to a day after it (the longest lead
    // from a start back to its midnight): at most 10 days of hourly incidents.
    EXPECT_LE(h.visited, 10u * 24u);
    EXPECT_LT(h.visited, s.size() / 50);

    // Same result as counting every incident by hand.
    std::vector<uint32_t> expect(h.counts.size(), 0), expectSpan(h.bins(), 0);
    for (size_t i = 0; i < s.size(); ++i) {
        const TimeSpan c = coveredSpan(TimePoint{s.startSeconds()[i]}, TimePoint{s.endSeconds()[i]},
                                       static_cast<TimePrecision>(s.timePrecision()[i]));
        for (size_t b = 0; b < h.bins(); ++b) {
            if (c.begin >= h.edges[b] && c.begin < h.edges[b + 1])
                ++expect[b * h.categories + s.categoryIndex()[i]];
            if (s.endSeconds()[i] > s.startSeconds()[i] && overlaps(c, {h.edges[b], h.edges[b + 1]}))
                ++expectSpan[b];
        }
    }
    EXPECT_EQ(h.counts, expect);
    EXPECT_EQ(h.spanCounts, expectSpan);
    uint32_t total = 0;
    for (uint32_t c : h.counts) total += c;
    EXPECT_EQ(total, 7u * 24u);
}

}  // namespace
}  // namespace fp

namespace fp {
namespace {

// Seven years on a 1,100-pixel timeline labelled every month: the names ran into one another.
TEST(TimeAxisLabels, MonthLabelsThinOutToStayApart) {
    const TimePoint begin = utc(2016, 1, 1);
    const auto span = [&](int years) {
        return TimeSpan{begin, TimePoint{begin.seconds + int64_t{years} * 365 * 86400}};
    };
    EXPECT_EQ(monthLabelStride(span(1), 1100, 44), 1);    // 84 px a month
    EXPECT_EQ(monthLabelStride(span(2), 1100, 44), 2);    // 42 px (a 28-day month): not quite enough
    EXPECT_EQ(monthLabelStride(span(7), 1100, 44), 6);    // 12 px a month
    EXPECT_EQ(monthLabelStride(span(27), 1100, 44), 24);  // ACLED since 1997: 3 px a month
    EXPECT_EQ(monthLabelStride(span(400), 1100, 44), 12 * 20);
    EXPECT_EQ(monthLabelStride(TimeSpan{begin, begin}, 1100, 44), 1);

    EXPECT_TRUE(labelsMonthEdge(utc(2019, 1, 1), 3));
    EXPECT_TRUE(labelsMonthEdge(utc(2019, 4, 1), 3));
    EXPECT_FALSE(labelsMonthEdge(utc(2019, 5, 1), 3));
    EXPECT_TRUE(labelsMonthEdge(utc(2019, 7, 1), 6));
    EXPECT_FALSE(labelsMonthEdge(utc(2019, 4, 1), 6));
    EXPECT_TRUE(labelsMonthEdge(utc(2018, 1, 1), 24));
    EXPECT_FALSE(labelsMonthEdge(utc(2019, 1, 1), 24));
    EXPECT_FALSE(labelsMonthEdge(utc(2018, 2, 1), 24));
    EXPECT_TRUE(labelsMonthEdge(utc(2000, 1, 1), 12 * 20));
    EXPECT_FALSE(labelsMonthEdge(utc(2010, 1, 1), 12 * 20));
}

}  // namespace
}  // namespace fp
