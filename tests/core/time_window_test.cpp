#include <gtest/gtest.h>

#include "core/time/time_window.h"

namespace fp {
namespace {

TimePoint utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
    return fromCivil({y, mo, d, h, mi, s});
}

TimeSpan span(TimePoint a, TimePoint b) {
    return {a, b};
}

TEST(TimeWindow, ParsesLengthsAndModes) {
    EXPECT_EQ(parseWindowLength("12h").value(), (TimeWindowSpec{WindowMode::Moving, 12 * 3600, 0}));
    EXPECT_EQ(parseWindowLength("1d").value(), (TimeWindowSpec{WindowMode::Moving, kSecondsPerDay, 0}));
    EXPECT_EQ(parseWindowLength(" 7D ").value(), (TimeWindowSpec{WindowMode::Moving, 7 * kSecondsPerDay, 0}));
    EXPECT_EQ(parseWindowLength("1w").value(), (TimeWindowSpec{WindowMode::Moving, 7 * kSecondsPerDay, 0}));
    EXPECT_EQ(parseWindowLength("2w").value(), (TimeWindowSpec{WindowMode::Moving, 14 * kSecondsPerDay, 0}));
    EXPECT_EQ(parseWindowLength("1m").value(), (TimeWindowSpec{WindowMode::Moving, 0, 1}));
    EXPECT_EQ(parseWindowLength("3m").value(), (TimeWindowSpec{WindowMode::Moving, 0, 3}));
    EXPECT_EQ(parseWindowLength("cumulative").value().mode, WindowMode::Cumulative);
    EXPECT_EQ(parseWindowLength("Cumulative").value().mode, WindowMode::Cumulative);
    EXPECT_EQ(parseWindowLength("all").value().mode, WindowMode::All);
}

TEST(TimeWindow, RejectsMalformedLengthsNamingTheText) {
    for (const char* bad :
         {"", "d", "7", "0d", "-1d", "7x", "7 d", "1.5d", "+1d", "week", "99999999999999h", "d7", "allx"}) {
        auto r = parseWindowLength(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument) << bad;
        EXPECT_NE(r.error().describe().find(bad), std::string::npos) << r.error().describe();
    }
}

TEST(TimeWindow, AddMonthsIsCalendarArithmetic) {
    EXPECT_EQ(addMonths(utc(2023, 1, 31), 1), utc(2023, 2, 28));
    EXPECT_EQ(addMonths(utc(2024, 1, 31, 10, 30), 1), utc(2024, 2, 29, 10, 30));
    EXPECT_EQ(addMonths(utc(2023, 3, 31), -1), utc(2023, 2, 28));
    EXPECT_EQ(addMonths(utc(2022, 12, 15), 1), utc(2023, 1, 15));
    EXPECT_EQ(addMonths(utc(2023, 1, 15), -1), utc(2022, 12, 15));
    EXPECT_EQ(addMonths(utc(2023, 1, 15), -13), utc(2021, 12, 15));
    EXPECT_EQ(addMonths(utc(2023, 5, 31), 12), utc(2024, 5, 31));
    EXPECT_EQ(addMonths(utc(-1, 1, 10), -1), utc(-2, 12, 10));
}

TEST(TimeWindow, MovingWindowsEndAtTheCursor) {
    const TimeSpan data = span(utc(2022, 1, 1), utc(2024, 1, 1));
    const TimeWindowSpec day = parseWindowLength("1d").value();
    const TimeWindowSpec week = parseWindowLength("1w").value();
    const TimeWindowSpec month = parseWindowLength("1m").value();
    const TimeWindowSpec hours = parseWindowLength("12h").value();
    const TimePoint cursor = utc(2022, 12, 21);  // the end of 20 December
    EXPECT_EQ(windowAt({day, cursor}, data), span(utc(2022, 12, 20), cursor));
    EXPECT_EQ(windowAt({week, cursor}, data), span(utc(2022, 12, 14), cursor));
    EXPECT_EQ(windowAt({hours, cursor}, data), span(utc(2022, 12, 20, 12), cursor));
    // A month is a calendar month, not 30 days: January has 31, February 28.
    EXPECT_EQ(windowAt({month, utc(2023, 2, 1)}, data), span(utc(2023, 1, 1), utc(2023, 2, 1)));
    EXPECT_EQ(windowAt({month, utc(2023, 3, 1)}, data), span(utc(2023, 2, 1), utc(2023, 3, 1)));
    // From 31 March back one month is the last day of February.
    EXPECT_EQ(windowAt({month, utc(2023, 3, 31, 6)}, data), span(utc(2023, 2, 28, 6), utc(2023, 3, 31, 6)));
    // And 31 January plus one month is 28 February: the window ending there starts on 28 January.
    EXPECT_EQ(windowAt({month, addMonths(utc(2023, 1, 31), 1)}, data),
              span(utc(2023, 1, 28), utc(2023, 2, 28)));
    // The data range does not matter to a moving window.
    EXPECT_EQ(windowAt({week, cursor}, span(utc(2030, 1, 1), utc(2031, 1, 1))),
              span(utc(2022, 12, 14), cursor));
}

TEST(TimeWindow, CumulativeAndAll) {
    const TimeSpan data = span(utc(2022, 12, 5), utc(2023, 1, 16));
    const TimeWindowSpec cumulative = parseWindowLength("cumulative").value();
    const TimeWindowSpec all = parseWindowLength("all").value();
    EXPECT_EQ(windowAt({cumulative, utc(2022, 12, 21)}, data), span(utc(2022, 12, 5), utc(2022, 12, 21)));
    // Before the data starts the window is empty.
    const TimeSpan early = windowAt({cumulative, utc(2022, 11, 1)}, data);
    EXPECT_EQ(early, span(utc(2022, 11, 1), utc(2022, 11, 1)));
    EXPECT_FALSE(overlaps(data, early));
    EXPECT_EQ(windowAt({all, utc(2022, 11, 1)}, data), data);
    EXPECT_EQ(windowAt({all, utc(2040, 1, 1)}, data), data);
}

TEST(TimeWindow, OverlapIsHalfOpen) {
    const TimeSpan w = span(utc(2022, 12, 20), utc(2022, 12, 21));
    // A day incident on the 20th, the 19th and the 21st.
    EXPECT_TRUE(overlaps(coveredSpan(utc(2022, 12, 20), utc(2022, 12, 20), TimePrecision::Day), w));
    EXPECT_FALSE(overlaps(coveredSpan(utc(2022, 12, 19), utc(2022, 12, 19), TimePrecision::Day), w));
    EXPECT_FALSE(overlaps(coveredSpan(utc(2022, 12, 21), utc(2022, 12, 21), TimePrecision::Day), w));
    // Exact incidents at the window's first second are in, at its end are out; the last second is in.
    EXPECT_TRUE(overlaps(coveredSpan(w.begin, w.begin, TimePrecision::Exact), w));
    EXPECT_FALSE(overlaps(coveredSpan(w.end, w.end, TimePrecision::Exact), w));
    const TimePoint last{w.end.seconds - 1};
    EXPECT_TRUE(overlaps(coveredSpan(last, last, TimePrecision::Exact), w));
    const TimePoint before{w.begin.seconds - 1};
    EXPECT_FALSE(overlaps(coveredSpan(before, before, TimePrecision::Exact), w));
    // A span through the window, and the roadblocks of 10-29 December (Day precision).
    EXPECT_TRUE(overlaps(coveredSpan(utc(2022, 12, 10), utc(2022, 12, 29), TimePrecision::Day), w));
    EXPECT_TRUE(overlaps(coveredSpan(utc(2022, 12, 10), utc(2022, 12, 29), TimePrecision::Day),
                         span(utc(2022, 12, 29, 18), utc(2022, 12, 30))));
    EXPECT_FALSE(overlaps(coveredSpan(utc(2022, 12, 10), utc(2022, 12, 29), TimePrecision::Day),
                          span(utc(2022, 12, 30), utc(2022, 12, 31))));
    // Empty spans overlap nothing.
    EXPECT_FALSE(overlaps(span(w.begin, w.begin), w));
    EXPECT_FALSE(overlaps(w, span(w.begin, w.begin)));
}

TEST(TimeWindow, AWeekPrecisionIncidentCoversItsWholeIsoWeek) {
    // "Week of 12 December 2022" (a Monday), given as Wednesday 14 December: covers 12-18 December.
    const TimeSpan week = coveredSpan(utc(2022, 12, 14), utc(2022, 12, 14), TimePrecision::Week);
    ASSERT_EQ(week, span(utc(2022, 12, 12), utc(2022, 12, 19)));
    EXPECT_TRUE(overlaps(week, span(utc(2022, 12, 12), utc(2022, 12, 13))));   // its Monday
    EXPECT_TRUE(overlaps(week, span(utc(2022, 12, 18), utc(2022, 12, 19))));   // its Sunday
    EXPECT_FALSE(overlaps(week, span(utc(2022, 12, 19), utc(2022, 12, 20))));  // the next Monday
    EXPECT_FALSE(overlaps(week, span(utc(2022, 12, 11), utc(2022, 12, 12))));  // the Sunday before
    // A one-day moving window ending at the end of Sunday the 18th still shows it.
    EXPECT_TRUE(overlaps(week, windowAt({parseWindowLength("1d").value(), utc(2022, 12, 19)}, {})));
}

}  // namespace
}  // namespace fp
