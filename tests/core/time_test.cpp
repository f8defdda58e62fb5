#include <gtest/gtest.h>

#include "core/time/time_point.h"

namespace fp {
namespace {

TimePoint utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
    return fromCivil({y, mo, d, h, mi, s});
}

TEST(Time, CivilConversionMatchesKnownInstants) {
    EXPECT_EQ(utc(1970, 1, 1).seconds, 0);
    EXPECT_EQ(utc(2000, 3, 1).seconds, 951868800);
    EXPECT_EQ(utc(2022, 12, 10, 14, 30, 0).seconds, 1670682600);
    EXPECT_EQ(utc(1969, 12, 31, 23, 59, 59).seconds, -1);
    EXPECT_EQ(utc(1900, 1, 1).seconds, -2208988800);
    // Out-of-range fields carry over like timegm.
    EXPECT_EQ(utc(2023, 1, 32), utc(2023, 2, 1));
    EXPECT_EQ(utc(2022, 13, 1), utc(2023, 1, 1));
}

TEST(Time, CivilRoundTripsOverFourCenturiesIncludingLeapDays) {
    for (int64_t day = -146097; day <= 146097; day += 7) {
        const TimePoint t{day * kSecondsPerDay + 3661};
        const CivilTime c = toCivil(t);
        ASSERT_TRUE(isValidDate(c.year, c.month, c.day)) << day;
        ASSERT_EQ(fromCivil(c), t) << day;
    }
    const CivilTime leap = toCivil(utc(2024, 2, 29, 23, 59, 59));
    EXPECT_EQ(leap.month, 2);
    EXPECT_EQ(leap.day, 29);
    EXPECT_EQ(leap.second, 59);
    const CivilTime before = toCivil(TimePoint{-1});
    EXPECT_EQ(before.year, 1969);
    EXPECT_EQ(before.hour, 23);
}

TEST(Time, ValidDates) {
    EXPECT_TRUE(isValidDate(2024, 2, 29));
    EXPECT_FALSE(isValidDate(2023, 2, 29));
    EXPECT_FALSE(isValidDate(1900, 2, 29));
    EXPECT_TRUE(isValidDate(2000, 2, 29));
    EXPECT_FALSE(isValidDate(2022, 4, 31));
    EXPECT_FALSE(isValidDate(2022, 0, 1));
    EXPECT_FALSE(isValidDate(2022, 1, 0));
}

struct ParseCase {
    const char* text;
    TimePoint expected;
    TimePrecision precision;
};

class TimeParse : public ::testing::TestWithParam<ParseCase> {};

TEST_P(TimeParse, ReadsTheFormsSourcesUse) {
    auto parsed = parseTime(GetParam().text);
    ASSERT_TRUE(parsed.ok()) << GetParam().text << ": " << parsed.error().describe();
    EXPECT_EQ(parsed->time, GetParam().expected) << GetParam().text << " -> " << formatIso(parsed->time);
    EXPECT_EQ(parsed->precision, GetParam().precision) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Forms, TimeParse,
    ::testing::Values(ParseCase{"2022-12-10", utc(2022, 12, 10), TimePrecision::Day},
                      ParseCase{"  2022-12-10 ", utc(2022, 12, 10), TimePrecision::Day},
                      ParseCase{"2022/12/10", utc(2022, 12, 10), TimePrecision::Day},
                      ParseCase{"2022-12-10T14:30", utc(2022, 12, 10, 14, 30), TimePrecision::Exact},
                      ParseCase{"2022-12-10T14:30:15Z", utc(2022, 12, 10, 14, 30, 15), TimePrecision::Exact},
                      ParseCase{"2022-12-10 14:30", utc(2022, 12, 10, 14, 30), TimePrecision::Exact},
                      ParseCase{"2022-12-10T14:30:15.250Z", utc(2022, 12, 10, 14, 30, 15),
                                TimePrecision::Exact},
                      ParseCase{"2022-12-10T14:30:00+00:00", utc(2022, 12, 10, 14, 30), TimePrecision::Exact},
                      ParseCase{"2022-12-10T14:30:00+01:00", utc(2022, 12, 10, 13, 30), TimePrecision::Exact},
                      ParseCase{"2022-12-10T00:30:00+0130", utc(2022, 12, 9, 23, 0), TimePrecision::Exact},
                      ParseCase{"2022-12-10 22:00:00-05", utc(2022, 12, 11, 3, 0), TimePrecision::Exact},
                      ParseCase{"2022-12-10 14:30 UTC", utc(2022, 12, 10, 14, 30), TimePrecision::Exact},
                      ParseCase{"10-12-2022", utc(2022, 12, 10), TimePrecision::Day},
                      ParseCase{"10/12/2022", utc(2022, 12, 10), TimePrecision::Day},
                      ParseCase{"1/2/2022", utc(2022, 2, 1), TimePrecision::Day},
                      ParseCase{"10.12.2022", utc(2022, 12, 10), TimePrecision::Day},
                      ParseCase{"10 December 2022", utc(2022, 12, 10), TimePrecision::Day},
                      ParseCase{"10 dec 2022", utc(2022, 12, 10), TimePrecision::Day},
                      ParseCase{"10-Dec-2022", utc(2022, 12, 10), TimePrecision::Day},
                      ParseCase{"December 10, 2022", utc(2022, 12, 10), TimePrecision::Day},
                      ParseCase{"Sept 3 2021", utc(2021, 9, 3), TimePrecision::Day},
                      ParseCase{"December 2022", utc(2022, 12, 1), TimePrecision::Month},
                      ParseCase{"2022-12", utc(2022, 12, 1), TimePrecision::Month},
                      ParseCase{"2022", utc(2022, 1, 1), TimePrecision::Year},
                      ParseCase{"20221210", utc(2022, 12, 10), TimePrecision::Day},
                      ParseCase{"20221210154500", utc(2022, 12, 10, 15, 45), TimePrecision::Exact},
                      ParseCase{"2024-02-29", utc(2024, 2, 29), TimePrecision::Day}));

TEST(Time, RejectsImpossibleAndMalformedTextNamingIt) {
    for (const char* bad : {"",
                            "   ",
                            "2022-02-30",
                            "2023-02-29",
                            "2022-13-01",
                            "2022-00-10",
                            "31-04-2022",
                            "2022-12-10T24:00",
                            "2022-12-10T12:60",
                            "2022-12-10T23:59:60",
                            "2022-12-10T10:00+25:00",
                            "2022-12-10X",
                            "yesterday",
                            "12/31",
                            "Smarch 3, 2022",
                            "2022-12-10T14",
                            "2022-1-",
                            "20221301",
                            "202212",
                            "10 December 202",
                            "10/12/202",
                            "2022-12-10T14:30:00 CET"}) {
        auto parsed = parseTime(bad);
        EXPECT_FALSE(parsed.ok()) << "'" << bad << "' parsed as " << formatIso(parsed.value().time);
        if (!parsed.ok()) {
            EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument);
            EXPECT_EQ(parsed.error().source, bad);
        }
    }
    EXPECT_NE(parseTime("2022-02-30").error().message.find("no such date"), std::string::npos);
}

// The two commonest forms have a short path of their own: at its edges (impossible fields, other letters,
// one character off) the result is the general parser's.
TEST(Time, CommonIsoFormsReadAsTheGeneralParserReadsThem) {
    for (const char* bad : {"2022-02-30T10:00:00Z", "2022-12-10T24:00:00Z", "2022-12-10T23:60:00Z",
                            "2022-12-10T23:59:60Z", "2022-00-10T10:00:00Z", "2022-12-00", "2022-12-1a",
                            "2022-12-10T10:00:00X", "2022-12-10X10:00:00Z", "2022-12-10T10-00:00Z"}) {
        auto parsed = parseTime(bad);
        EXPECT_FALSE(parsed.ok()) << bad;
        if (!parsed.ok()) {
            EXPECT_EQ(parsed.error().source, bad);
        }
    }
    EXPECT_NE(parseTime("2022-12-10T24:00:00Z").error().message.find("no such time of day"),
              std::string::npos);
    EXPECT_EQ(parseTime("2022-12-10T14:30:05Z")->time, utc(2022, 12, 10, 14, 30, 5));
    EXPECT_EQ(parseTime("2022-12-10T14:30:05Z")->precision, TimePrecision::Exact);
    EXPECT_EQ(parseTime("2022-12-10t14:30:05z")->time, utc(2022, 12, 10, 14, 30, 5));
    EXPECT_EQ(parseTime("2024-02-29")->time, utc(2024, 2, 29));
    EXPECT_EQ(parseTime("2024-02-29")->precision, TimePrecision::Day);
    EXPECT_EQ(parseTime(" 1899-12-31T00:00:00Z ")->time, utc(1899, 12, 31));
}

TEST(Time, FormatsIsoByPrecision) {
    const TimePoint t = utc(2022, 12, 10, 14, 30, 5);
    EXPECT_EQ(formatIso(t), "2022-12-10T14:30:05Z");
    EXPECT_EQ(formatIso(t, TimePrecision::Day), "2022-12-10");
    EXPECT_EQ(formatIso(t, TimePrecision::Month), "2022-12-10");
    EXPECT_EQ(formatIso(utc(1969, 7, 20, 20, 17, 40)), "1969-07-20T20:17:40Z");
}

TEST(Time, PrecisionNames) {
    for (auto p : {TimePrecision::Exact, TimePrecision::Day, TimePrecision::Week, TimePrecision::Month,
                   TimePrecision::Year}) {
        auto back = parseTimePrecision(timePrecisionName(p));
        ASSERT_TRUE(back.ok());
        EXPECT_EQ(back.value(), p);
    }
    EXPECT_EQ(parseTimePrecision(" Month ").value(), TimePrecision::Month);
    EXPECT_FALSE(parseTimePrecision("fortnight").ok());
    EXPECT_FALSE(parseTimePrecision("").ok());
}

TEST(Time, DayCoversTheWholeUtcDay) {
    const TimeSpan s = coveredSpan(utc(2022, 12, 10), utc(2022, 12, 10), TimePrecision::Day);
    EXPECT_EQ(s.begin, utc(2022, 12, 10));
    EXPECT_EQ(s.end, utc(2022, 12, 11));
    // A time inside the day, and an end on a later day.
    const TimeSpan span = coveredSpan(utc(2022, 12, 10, 15), utc(2022, 12, 12, 1), TimePrecision::Day);
    EXPECT_EQ(span.begin, utc(2022, 12, 10));
    EXPECT_EQ(span.end, utc(2022, 12, 13));
}

TEST(Time, DaylightSavingSeasonDatesAreNotShifted) {
    // 26 March 2023 is the day Europe moves its clocks forward (a 23-hour local day); in UTC it is 24 hours
    // like any other and the date stays the date.
    auto parsed = parseTime("2023-03-26");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->time.seconds, 1679788800);
    const TimeSpan s = coveredSpan(parsed->time, parsed->time, TimePrecision::Day);
    EXPECT_EQ(s.end.seconds - s.begin.seconds, kSecondsPerDay);
    EXPECT_EQ(formatIso(s.begin, TimePrecision::Day), "2023-03-26");
    auto summer = parseTime("2023-07-15T12:00:00");
    ASSERT_TRUE(summer.ok());
    EXPECT_EQ(toCivil(summer->time).hour, 12);
    auto autumn = parseTime("29 October 2023");
    ASSERT_TRUE(autumn.ok());
    EXPECT_EQ(coveredSpan(autumn->time, autumn->time, TimePrecision::Day).end, utc(2023, 10, 30));
}

TEST(Time, WeekCoversTheIsoWeekMondayToSunday) {
    // Wednesday 14 December 2022 -> Monday 12 to Monday 19 December.
    TimeSpan s = coveredSpan(utc(2022, 12, 14, 9), utc(2022, 12, 14, 9), TimePrecision::Week);
    EXPECT_EQ(s.begin, utc(2022, 12, 12));
    EXPECT_EQ(s.end, utc(2022, 12, 19));
    // A Sunday belongs to the week that started the Monday before.
    s = coveredSpan(utc(2022, 12, 18, 23, 59, 59), utc(2022, 12, 18), TimePrecision::Week);
    EXPECT_EQ(s.begin, utc(2022, 12, 12));
    // A Monday starts its own week; weeks across a year end and before 1970 work too.
    EXPECT_EQ(unitStart(utc(2022, 12, 12), TimePrecision::Week), utc(2022, 12, 12));
    EXPECT_EQ(unitStart(utc(2021, 1, 1), TimePrecision::Week), utc(2020, 12, 28));
    EXPECT_EQ(unitStart(utc(1969, 12, 31), TimePrecision::Week), utc(1969, 12, 29));
}

TEST(Time, MonthAndYearCoverTheCalendarUnit) {
    TimeSpan s = coveredSpan(utc(2024, 2, 10), utc(2024, 2, 10), TimePrecision::Month);
    EXPECT_EQ(s.begin, utc(2024, 2, 1));
    EXPECT_EQ(s.end, utc(2024, 3, 1));
    s = coveredSpan(utc(2022, 12, 5), utc(2023, 1, 3), TimePrecision::Month);
    EXPECT_EQ(s.begin, utc(2022, 12, 1));
    EXPECT_EQ(s.end, utc(2023, 2, 1));
    s = coveredSpan(utc(2022, 6, 5), utc(2022, 6, 5), TimePrecision::Year);
    EXPECT_EQ(s.begin, utc(2022, 1, 1));
    EXPECT_EQ(s.end, utc(2023, 1, 1));
}

TEST(Time, ExactCoversStartToEndOrOneSecond) {
    const TimePoint a = utc(2022, 12, 10, 14, 30);
    TimeSpan s = coveredSpan(a, a, TimePrecision::Exact);
    EXPECT_EQ(s.begin, a);
    EXPECT_EQ(s.end.seconds, a.seconds + 1);
    s = coveredSpan(a, utc(2022, 12, 10, 16), TimePrecision::Exact);
    EXPECT_EQ(s.end, utc(2022, 12, 10, 16));
    // An end before the start is treated as no end.
    s = coveredSpan(a, utc(2022, 12, 9), TimePrecision::Exact);
    EXPECT_EQ(s.end.seconds, a.seconds + 1);
}

}  // namespace
}  // namespace fp

namespace fp {
namespace {

TEST(DaysSinceEpoch, FloorsToTheDayThatContainsTheInstantBeforeAndAfter1970) {
    EXPECT_EQ(daysSinceEpoch(TimePoint{0}), 0);
    EXPECT_EQ(daysSinceEpoch(TimePoint{kSecondsPerDay - 1}), 0);
    EXPECT_EQ(daysSinceEpoch(TimePoint{kSecondsPerDay}), 1);
    EXPECT_EQ(daysSinceEpoch(TimePoint{-1}), -1);  // 1969-12-31T23:59:59Z
    EXPECT_EQ(daysSinceEpoch(TimePoint{-kSecondsPerDay}), -1);
    EXPECT_EQ(daysSinceEpoch(TimePoint{-kSecondsPerDay - 1}), -2);
    const TimePoint strpce = parseTime("2023-01-06T18:30:00Z").value().time;
    EXPECT_EQ(startOfDay(daysSinceEpoch(strpce)), parseTime("2023-01-06").value().time);
    EXPECT_EQ(startOfDay(daysSinceEpoch(TimePoint{-1})), TimePoint{-kSecondsPerDay});
}

}  // namespace
}  // namespace fp
