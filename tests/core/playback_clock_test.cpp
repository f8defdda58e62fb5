#include <gtest/gtest.h>

#include <cmath>

#include "core/time/playback_clock.h"
#include "core/time/time_label.h"
#include "core/time/timeline_view.h"

namespace fp {
namespace {

TimePoint utc(int y, int mo, int d, int h = 0, int mi = 0) {
    return fromCivil({y, mo, d, h, mi, 0});
}

constexpr int64_t kDay = kSecondsPerDay;
const TimeSpan kData{utc(2022, 12, 1), utc(2023, 1, 16)};

TimeState moving(int64_t seconds, TimePoint cursor) {
    return TimeState{TimeWindowSpec{WindowMode::Moving, seconds, 0}, cursor};
}

TEST(PlaybackBounds, StartWhereTheFirstWindowIsFullAndEndAtTheDataEnd) {
    EXPECT_EQ(playbackBounds(moving(7 * kDay, {}), kData), (TimeSpan{utc(2022, 12, 8), kData.end}));
    TimeState month{TimeWindowSpec{WindowMode::Moving, 0, 1}, {}};
    EXPECT_EQ(playbackBounds(month, kData).begin, utc(2023, 1, 1));
    TimeState cumulative{TimeWindowSpec{WindowMode::Cumulative, 0, 0}, {}};
    EXPECT_EQ(playbackBounds(cumulative, kData).begin, utc(2022, 12, 2));
    // A window longer than the data starts at the end; empty data pins both ends.
    EXPECT_EQ(playbackBounds(moving(400 * kDay, {}), kData), (TimeSpan{kData.end, kData.end}));
    EXPECT_EQ(playbackBounds(moving(kDay, {}), TimeSpan{}), TimeSpan{});
}

TEST(PlaybackClock, AdvancesByWallClockTimesSpeedNotByFrames) {
    TimeState a = moving(kDay, utc(2022, 12, 10));
    TimeState b = a;
    PlaybackSettings settings;
    settings.speed = 3600.0;  // one hour per second
    PlaybackClock clockA, clockB;
    clockA.play(a, kData);
    clockB.play(b, kData);
    // One second in 60 frames or in 2 frames gives the same hour; fractions of a second are carried.
    for (int i = 0; i < 60; ++i) clockA.advance(a, settings, kData, 1.0 / 60.0);
    clockB.advance(b, settings, kData, 0.25);
    clockB.advance(b, settings, kData, 0.75);
    EXPECT_NEAR(static_cast<double>(a.cursor.seconds), static_cast<double>(utc(2022, 12, 10, 1).seconds),
                1.0);
    EXPECT_EQ(b.cursor, utc(2022, 12, 10, 1));
    // Slow speed, many small frames: 0.4 s per frame × 1000 frames = 400 s exactly.
    settings.speed = 0.4 * 60.0;
    TimeState c = moving(kDay, utc(2022, 12, 10));
    PlaybackClock clockC;
    clockC.play(c, kData);
    for (int i = 0; i < 1000; ++i) clockC.advance(c, settings, kData, 1.0 / 60.0);
    EXPECT_NEAR(static_cast<double>(c.cursor.seconds - utc(2022, 12, 10).seconds), 400.0, 1.0);
}

TEST(PlaybackClock, PausedOrBackwardsClockDoesNotMove) {
    TimeState s = moving(kDay, utc(2022, 12, 10));
    PlaybackClock clock;
    EXPECT_FALSE(clock.advance(s, {}, kData, 1.0));
    EXPECT_EQ(s.cursor, utc(2022, 12, 10));
    clock.play(s, kData);
    EXPECT_FALSE(clock.advance(s, {}, kData, -1.0));
    EXPECT_FALSE(clock.advance(s, {}, kData, std::nan("")));
    EXPECT_EQ(s.cursor, utc(2022, 12, 10));
    clock.pause();
    EXPECT_FALSE(clock.playing());
}

TEST(PlaybackClock, StopsAtTheEndOrLoopsToTheStart) {
    PlaybackSettings settings;
    settings.speed = kDay;
    TimeState s = moving(kDay, utc(2023, 1, 15));
    PlaybackClock clock;
    clock.play(s, kData);
    EXPECT_TRUE(clock.advance(s, settings, kData, 5.0));
    EXPECT_EQ(s.cursor, kData.end);
    EXPECT_FALSE(clock.playing());
    // Play at the end replays from the start.
    clock.play(s, kData);
    EXPECT_EQ(s.cursor, playbackBounds(s, kData).begin);
    EXPECT_TRUE(clock.playing());

    settings.loop = true;
    s.cursor = utc(2023, 1, 15);
    clock.advance(s, settings, kData, 3.0);  // one day to the end, then two more from the start
    EXPECT_TRUE(clock.playing());
    EXPECT_EQ(s.cursor.seconds, playbackBounds(s, kData).begin.seconds + 2 * kDay - 1);
    // A huge frame (a stalled process) stays inside the range.
    clock.advance(s, settings, kData, 1e9);
    EXPECT_GE(s.cursor, playbackBounds(s, kData).begin);
    EXPECT_LE(s.cursor, kData.end);
}

TEST(PlaybackClock, ChangingSpeedOrStepKeepsThePosition) {
    PlaybackSettings settings;
    settings.speed = kDay;
    TimeState s = moving(kDay, utc(2022, 12, 10));
    PlaybackClock clock;
    clock.play(s, kData);
    clock.advance(s, settings, kData, 1.0);
    EXPECT_EQ(s.cursor, utc(2022, 12, 11));
    settings.speed = 3600.0;
    settings.step = {StepUnit::Week, 1};
    EXPECT_EQ(s.cursor, utc(2022, 12, 11));  // nothing jumps on the change itself
    clock.advance(s, settings, kData, 2.0);
    EXPECT_EQ(s.cursor, utc(2022, 12, 11, 2));
}

TEST(StepCursor, StepsByTheUnitAndStaysInTheData) {
    const TimeState s = moving(kDay, utc(2022, 12, 10, 5));
    EXPECT_EQ(stepCursor(s.cursor, s, {StepUnit::Day, 1}, 1, kData), utc(2022, 12, 11, 5));
    EXPECT_EQ(stepCursor(s.cursor, s, {StepUnit::Hour, 1}, -2, kData), utc(2022, 12, 10, 3));
    EXPECT_EQ(stepCursor(s.cursor, s, {StepUnit::Month, 1}, 1, kData), utc(2023, 1, 10, 5));
    EXPECT_EQ(stepCursor(s.cursor, s, {StepUnit::Month, 1}, 2, kData), kData.end);
    EXPECT_EQ(stepCursor(s.cursor, s, {StepUnit::Week, 1}, -2, kData), utc(2022, 12, 2));
}

TEST(TimeLabel, WindowsReadLikeDates) {
    EXPECT_EQ(formatWindowRange({utc(2022, 12, 20), utc(2022, 12, 21)}), "20 December 2022");
    EXPECT_EQ(formatWindowRange({utc(2022, 12, 14), utc(2022, 12, 21)}),
              "14\xE2\x80\x93"
              "20 December 2022");
    EXPECT_EQ(formatWindowRange({utc(2022, 11, 28), utc(2022, 12, 5)}),
              "28 November \xE2\x80\x93 4 December 2022");
    EXPECT_EQ(formatWindowRange({utc(2022, 12, 28), utc(2023, 1, 4)}),
              "28 December 2022 \xE2\x80\x93 3 January 2023");
    EXPECT_EQ(formatWindowRange({utc(2022, 12, 20, 6), utc(2022, 12, 20, 18)}),
              "20 December 2022, 06:00\xE2\x80\x93"
              "18:00 UTC");
    EXPECT_EQ(formatWindowRange({utc(2022, 12, 19, 18), utc(2022, 12, 20, 6)}),
              "19 Dec 2022 18:00 \xE2\x80\x93 20 Dec 06:00 UTC");
    EXPECT_EQ(formatWindowRange({utc(2022, 12, 31, 18), utc(2023, 1, 1, 6)}),
              "31 Dec 2022 18:00 \xE2\x80\x93 1 Jan 2023 06:00 UTC");
    EXPECT_EQ(formatWindowRange({utc(2022, 12, 20), utc(2022, 12, 20)}), "");
}

TEST(TimeLabel, HeadlinesRoundToDaysWhilePlayingAndSayWhereTheyRound) {
    EXPECT_EQ(windowHeadline({utc(2022, 12, 14), utc(2022, 12, 21)}, false).title,
              "14\xE2\x80\x93"
              "20 December 2022");
    EXPECT_EQ(windowHeadline({utc(2022, 12, 14), utc(2022, 12, 21)}, false).detail, "");
    const WindowHeadline playing =
        windowHeadline({utc(2022, 12, 12, 6, 55), utc(2022, 12, 19, 6, 55)}, false);
    EXPECT_EQ(playing.title,
              "12\xE2\x80\x93"
              "19 December 2022");
    EXPECT_EQ(playing.detail, "12 Dec 06:55 to 19 Dec 06:55 UTC");
    EXPECT_EQ(windowHeadline({utc(2022, 12, 20, 6), utc(2022, 12, 20, 18)}, false).title,
              "20 December 2022, 06:00\xE2\x80\x93"
              "18:00 UTC");
    EXPECT_EQ(windowHeadline({utc(2022, 12, 10), utc(2023, 1, 1)}, true).title, "Up to 31 December 2022");
    EXPECT_EQ(windowHeadline({utc(2022, 12, 10), utc(2022, 12, 20, 14, 30)}, true).title,
              "Up to 20 Dec 2022 14:30 UTC");
}

TEST(TimeLabel, DateFieldJumpsToTheEndOfATypedDayOrToATypedTime) {
    EXPECT_EQ(parseCursorDate("2022-12-20").value(), utc(2022, 12, 21));
    EXPECT_EQ(parseCursorDate(" 2022-12-20 14:30 ").value(), utc(2022, 12, 20, 14, 30));
    EXPECT_EQ(parseCursorDate("2022-12-20T14:30Z").value(), utc(2022, 12, 20, 14, 30));
    EXPECT_EQ(parseCursorDate("2022-12").value(), utc(2023, 1, 1));
    for (const char* bad : {"", "2022-13-01", "2022-02-30", "20 Decembre", "2022-12-20 25:00", "tomorrow"}) {
        auto r = parseCursorDate(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_NE(r.error().describe().find("YYYY-MM-DD"), std::string::npos) << r.error().describe();
    }
}

TEST(TimelineView, MapsTimeToPixelsAndZoomsAboutTheMouse) {
    TimelineView v({utc(2022, 12, 1), utc(2023, 1, 1)});  // 31 days over 310 px: 10 px a day
    EXPECT_DOUBLE_EQ(v.toPixel(utc(2022, 12, 11), 310.0), 100.0);
    EXPECT_DOUBLE_EQ(v.toSeconds(100.0, 310.0), static_cast<double>(utc(2022, 12, 11).seconds));
    v.zoomAbout(100.0, 310.0, 2.0);
    EXPECT_DOUBLE_EQ(v.toPixel(utc(2022, 12, 11), 310.0), 100.0);  // the time under the mouse stays
    EXPECT_DOUBLE_EQ(v.lengthSeconds(), 15.5 * kDay);
    v.panByPixels(20.0, 310.0);  // dragged right: one day earlier comes into view (20 px at 20 px a day)
    EXPECT_DOUBLE_EQ(v.toPixel(utc(2022, 12, 10), 310.0), 100.0);
    v.zoomAbout(0.0, 310.0, 1e9);
    EXPECT_DOUBLE_EQ(v.lengthSeconds(), TimelineView::kMinSeconds);
}

TEST(TimelineView, RevealPansJustEnoughToShowASpan) {
    TimelineView v({utc(2022, 12, 1), utc(2022, 12, 21)});  // 20 days, 1-day margins
    v.reveal({utc(2022, 12, 5), utc(2022, 12, 12)});
    EXPECT_DOUBLE_EQ(v.beginSeconds(), static_cast<double>(utc(2022, 12, 1).seconds));  // already in view
    v.reveal({utc(2022, 12, 20), utc(2022, 12, 27)});
    EXPECT_DOUBLE_EQ(v.endSeconds(), static_cast<double>(utc(2022, 12, 28).seconds));
    EXPECT_DOUBLE_EQ(v.lengthSeconds(), 20.0 * kDay);
    v.reveal({utc(2022, 11, 20), utc(2022, 11, 21)});
    EXPECT_DOUBLE_EQ(v.beginSeconds(), static_cast<double>(utc(2022, 11, 19).seconds));
    v.reveal({utc(2022, 10, 1), utc(2022, 12, 1)});  // longer than the view: its end shows
    EXPECT_DOUBLE_EQ(v.endSeconds(), static_cast<double>(utc(2022, 12, 2).seconds));
}

TEST(TimelineView, ClampKeepsTheDataInSight) {
    TimelineView v({utc(2022, 12, 1), utc(2023, 1, 1)});
    v.panByPixels(-1e6, 310.0);  // far into the future
    v.clampTo(kData);
    EXPECT_LT(v.beginSeconds(), static_cast<double>(kData.end.seconds));
    EXPECT_DOUBLE_EQ(v.lengthSeconds(), 31.0 * kDay);
    v.zoomAbout(0.0, 310.0, 1e-6);  // zoom out enormously
    v.clampTo(kData);
    EXPECT_DOUBLE_EQ(v.lengthSeconds(), 4.0 * 46 * kDay);
    EXPECT_GT(v.endSeconds(), static_cast<double>(kData.begin.seconds));
}

}  // namespace
}  // namespace fp

namespace fp {
namespace {

TEST(PlaybackBounds, AllTimeBecomesAMovingWindowOneStepLong) {
    TimeState all{TimeWindowSpec{WindowMode::All, 0, 0}, TimePoint{}};
    const TimeState day = withActiveWindow(all, {StepUnit::Day, 1}, kData);
    EXPECT_EQ(day.window, (TimeWindowSpec{WindowMode::Moving, kDay, 0}));
    EXPECT_EQ(day.cursor, utc(2022, 12, 2));  // was outside the data: now at the start
    const TimeState month = withActiveWindow(all, {StepUnit::Month, 1}, kData);
    EXPECT_EQ(month.window, (TimeWindowSpec{WindowMode::Moving, 0, 1}));
    TimeState inside = moving(7 * kDay, utc(2022, 12, 20));
    EXPECT_EQ(withActiveWindow(inside, {StepUnit::Hour, 1}, kData), inside);
}

}  // namespace
}  // namespace fp
