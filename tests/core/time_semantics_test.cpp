// The documented time rules (docs/TIME.md) that time_test.cpp and time_window_test.cpp do not already pin
// down: no local zone or daylight saving ever applies, even with TZ set to a zone that has it, and month
// precision reaches through the whole month in windows.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <optional>
#include <string>

#include "core/io/incidents/incident_loader.h"
#include "core/time/playback.h"
#include "core/time/time_window.h"

namespace fp {
namespace {

TimePoint utc(int y, int mo, int d, int h = 0) {
    return fromCivil({y, mo, d, h, 0, 0});
}

/// Sets TZ for the test's lifetime (and tzset), then restores it.
class LocalZone : public ::testing::Test {
protected:
    void SetUp() override {
        if (const char* tz = std::getenv("TZ")) m_saved = tz;
        ::setenv("TZ", "Europe/Belgrade", 1);
        ::tzset();
    }
    void TearDown() override {
        if (m_saved)
            ::setenv("TZ", m_saved->c_str(), 1);
        else
            ::unsetenv("TZ");
        ::tzset();
    }
    /// Hours the C library's local time is ahead of UTC at `t`.
    static int localOffsetHours(TimePoint t) {
        const std::time_t tt = static_cast<std::time_t>(t.seconds);
        std::tm local{};
        ::localtime_r(&tt, &local);
        return static_cast<int>(local.tm_gmtoff / 3600);
    }

private:
    std::optional<std::string> m_saved;
};

TEST_F(LocalZone, DaylightSavingNeverShiftsADay) {
    // The zone is really in effect: CEST (+2) before 30 October 2022 03:00, CET (+1) after, CEST again from
    // 26 March 2023.
    ASSERT_EQ(localOffsetHours(utc(2022, 10, 29, 12)), 2) << "tzdata for Europe/Belgrade is missing";
    ASSERT_EQ(localOffsetHours(utc(2022, 10, 30, 12)), 1);
    ASSERT_EQ(localOffsetHours(utc(2023, 3, 26, 12)), 2);

    for (const char* text :
         {"2022-10-29", "2022-10-30", "2022-10-31", "2023-03-25", "2023-03-26", "2023-03-27"}) {
        auto parsed = parseTime(text);
        ASSERT_TRUE(parsed.ok()) << text;
        const CivilTime c = toCivil(parsed->time);
        EXPECT_EQ(c.hour, 0) << text << " is midnight UTC";
        EXPECT_EQ(formatIso(parsed->time, TimePrecision::Day), text);
        const TimeSpan day = coveredSpan(parsed->time, parsed->time, TimePrecision::Day);
        EXPECT_EQ(day.end.seconds - day.begin.seconds, kSecondsPerDay)
            << text << ": every UTC day has 24 hours";
        // A one-day window ending at the next midnight holds exactly that day.
        const TimeSpan window = windowAt({parseWindowLength("1d").value(), day.end}, {});
        EXPECT_EQ(window, day) << text;
        // Stepping a day from it lands on the next midnight UTC.
        EXPECT_EQ(stepTime(parsed->time, TimeStep{StepUnit::Day, 1}), day.end) << text;
    }
    EXPECT_EQ(parseTime("2022-10-30")->time, TimePoint{1667088000});
    EXPECT_EQ(parseTime("2023-03-26")->time, TimePoint{1679788800});
    // A wall time without an offset is UTC: 02:30 on the morning clocks went back, and on the morning the
    // hour 02:00-03:00 does not exist locally, are both ordinary UTC times.
    EXPECT_EQ(parseTime("2022-10-30T02:30")->time.seconds, utc(2022, 10, 30, 2).seconds + 1800);
    EXPECT_EQ(parseTime("2023-03-26T02:30")->time.seconds, utc(2023, 3, 26, 2).seconds + 1800);
    // A month step over both changes keeps midnight UTC.
    EXPECT_EQ(stepTime(utc(2022, 10, 15), TimeStep{StepUnit::Month, 1}), utc(2022, 11, 15));
    EXPECT_EQ(stepTime(utc(2023, 3, 15), TimeStep{StepUnit::Month, 1}), utc(2023, 4, 15));
    EXPECT_EQ(stepTime(utc(2023, 3, 20), TimeStep{StepUnit::Week, 1}), utc(2023, 3, 27));
}

TEST_F(LocalZone, LoadedDatesAreUtcDays) {
    const std::string path = ::testing::TempDir() + "fp_dst_" + std::to_string(::getpid()) + ".csv";
    {
        std::ofstream f(path);
        f << "id,start,end,title,lon,lat\n"
             "autumn,2022-10-30,,Clocks go back,20.9,42.9\n"
             "spring,26 March 2023,,Clocks go forward,20.9,42.9\n"
             "span,2023-03-25,2023-03-27,Over the change,20.9,42.9\n";
    }
    LoadReport report;
    auto store = loadIncidents(path, {}, report);
    std::remove(path.c_str());
    ASSERT_TRUE(store.ok()) << store.error().describe();
    ASSERT_EQ(store->size(), 3u);
    for (size_t i = 0; i < store->size(); ++i) {
        const Incident inc = store->get(i);
        const TimeSpan covered = coveredSpan(inc.start, inc.end.value_or(inc.start), inc.timePrecision);
        TimeSpan expected;
        if (inc.id == "autumn") expected = {utc(2022, 10, 30), utc(2022, 10, 31)};
        if (inc.id == "spring") expected = {utc(2023, 3, 26), utc(2023, 3, 27)};
        if (inc.id == "span") expected = {utc(2023, 3, 25), utc(2023, 3, 28)};
        EXPECT_EQ(covered, expected) << inc.id;
    }
}

TEST(TimeSemantics, AMonthPrecisionIncidentShowsInEveryWindowWithinItsMonth) {
    // "December 2022" covers 1 December 00:00 to 1 January 00:00 UTC.
    auto parsed = parseTime("December 2022");
    ASSERT_TRUE(parsed.ok());
    ASSERT_EQ(parsed->precision, TimePrecision::Month);
    const TimeSpan month = coveredSpan(parsed->time, parsed->time, parsed->precision);
    const TimeWindowSpec day = parseWindowLength("1d").value();
    EXPECT_TRUE(overlaps(month, windowAt({day, utc(2022, 12, 2)}, {})));   // 1 December
    EXPECT_TRUE(overlaps(month, windowAt({day, utc(2023, 1, 1)}, {})));    // 31 December
    EXPECT_FALSE(overlaps(month, windowAt({day, utc(2022, 12, 1)}, {})));  // 30 November
    EXPECT_FALSE(overlaps(month, windowAt({day, utc(2023, 1, 2)}, {})));   // 1 January
    // Its last second is in a window that ends just after it; a window starting at its end is not.
    EXPECT_TRUE(overlaps(month, TimeSpan{TimePoint{utc(2023, 1, 1).seconds - 1}, utc(2023, 1, 1)}));
    EXPECT_FALSE(overlaps(month, TimeSpan{utc(2023, 1, 1), utc(2023, 1, 2)}));
}

TEST(TimeSemantics, AnOffsetTimeBelongsToItsUtcDay) {
    // 00:30 in Belgrade on 10 December (CET, +01:00) is 23:30 UTC on the 9th: it shows on the 9th.
    auto parsed = parseTime("2022-12-10T00:30+01:00");
    ASSERT_TRUE(parsed.ok());
    const TimeSpan covered = coveredSpan(parsed->time, parsed->time, parsed->precision);
    const TimeWindowSpec day = parseWindowLength("1d").value();
    EXPECT_TRUE(overlaps(covered, windowAt({day, utc(2022, 12, 10)}, {})));
    EXPECT_FALSE(overlaps(covered, windowAt({day, utc(2022, 12, 11)}, {})));
}

}  // namespace
}  // namespace fp
