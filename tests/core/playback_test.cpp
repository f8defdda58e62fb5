#include <gtest/gtest.h>

#include "core/project/map_state.h"
#include "core/time/playback.h"

namespace fp {
namespace {

TimePoint day(int y, int m, int d) {
    return fromCivil(CivilTime{y, m, d, 0, 0, 0});
}

TEST(TimeStepTest, ParsesCountsAndUnitsAndRoundTrips) {
    for (const char* text : {"1h", "6h", "1d", "7d", "1w", "1m", "12m"}) {
        auto step = parseTimeStep(text);
        ASSERT_TRUE(step) << text;
        EXPECT_EQ(formatTimeStep(step.value()), text);
    }
    EXPECT_EQ(parseTimeStep(" 2D ").value(), (TimeStep{StepUnit::Day, 2}));
}

TEST(TimeStepTest, RejectsMalformedSteps) {
    for (const char* text : {"", "d", "0d", "-1d", "1y", "1.5d", "1001d", "d1", "1 d x"}) {
        auto step = parseTimeStep(text);
        ASSERT_FALSE(step) << text;
        EXPECT_NE(step.error().describe().find("time step"), std::string::npos);
    }
}

TEST(TimeStepTest, StepsByCalendarUnits) {
    const TimePoint t = day(2022, 12, 10);
    EXPECT_EQ(stepTime(t, {StepUnit::Hour, 6}).seconds, t.seconds + 6 * 3600);
    EXPECT_EQ(stepTime(t, {StepUnit::Day, 1}, -2), day(2022, 12, 8));
    EXPECT_EQ(stepTime(t, {StepUnit::Week, 1}), day(2022, 12, 17));
    EXPECT_EQ(stepTime(day(2023, 1, 31), {StepUnit::Month, 1}), day(2023, 2, 28));
}

TEST(MapStateTimeTest, AllShowsEverythingAndMovingWindowFollowsTheCursor) {
    auto state = MapState::create(MapScene{});
    ASSERT_TRUE(state);
    TimeState time = state->time();
    time.showGhosts = true;
    state->setTime(time);
    EXPECT_FALSE(state->scene().timeWindow().has_value());
    EXPECT_TRUE(state->scene().time.showGhosts);
    time.window = TimeWindowSpec{WindowMode::Moving, 7 * kSecondsPerDay, 0};
    time.cursor = day(2022, 12, 20);
    state->setTime(time);
    ASSERT_TRUE(state->scene().timeWindow().has_value());
    EXPECT_EQ(state->scene().timeWindow()->begin, day(2022, 12, 13));
    EXPECT_EQ(state->scene().timeWindow()->end, day(2022, 12, 20));
}

}  // namespace
}  // namespace fp
