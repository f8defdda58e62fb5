#include <gtest/gtest.h>

#include "core/export/frame_plan.h"

namespace fp {
namespace {

TimePoint day(int y, int m, int d, int h = 0) {
    return fromCivil(CivilTime{y, m, d, h, 0, 0});
}

TEST(FramePlanTest, DailyStepsIncludeBothEnds) {
    auto plan = planFrames(day(2022, 12, 2), day(2023, 1, 1), TimeStep{StepUnit::Day, 1});
    ASSERT_TRUE(plan) << plan.error().describe();
    ASSERT_EQ(plan->size(), 31u);
    EXPECT_EQ(plan->cursors.front(), day(2022, 12, 2));
    EXPECT_EQ(plan->cursors.back(), day(2023, 1, 1));
    EXPECT_TRUE(plan->wholeDays);
    // A cursor at midnight shows the day before it: the frames are named 1 to 31 December.
    EXPECT_EQ(plan->label(0), "2022-12-01");
    EXPECT_EQ(plan->label(30), "2022-12-31");
}

TEST(FramePlanTest, StopsAtTheLastStepNotPastTheEnd) {
    auto plan = planFrames(day(2022, 12, 1), day(2022, 12, 20), TimeStep{StepUnit::Week, 1});
    ASSERT_TRUE(plan);
    ASSERT_EQ(plan->size(), 3u);  // 1, 8 and 15 December; the 22nd is past the end
    EXPECT_EQ(plan->cursors[2], day(2022, 12, 15));
}

TEST(FramePlanTest, MonthlyStepsAreCalendarMonthsFromTheFirstFrame) {
    auto plan = planFrames(day(2023, 1, 31), day(2023, 5, 31), TimeStep{StepUnit::Month, 1});
    ASSERT_TRUE(plan);
    ASSERT_EQ(plan->size(), 5u);
    EXPECT_EQ(plan->cursors[1], day(2023, 2, 28));
    EXPECT_EQ(plan->cursors[2], day(2023, 3, 31));  // from the first frame: not stuck on the 28th
    EXPECT_EQ(plan->cursors[4], day(2023, 5, 31));
}

TEST(FramePlanTest, HourlyFramesAreNamedByTheirTime) {
    auto plan = planFrames(day(2022, 12, 10), day(2022, 12, 10, 18), TimeStep{StepUnit::Hour, 6});
    ASSERT_TRUE(plan);
    ASSERT_EQ(plan->size(), 4u);
    EXPECT_FALSE(plan->wholeDays);
    EXPECT_EQ(plan->label(0), "2022-12-10T00:00Z");
    EXPECT_EQ(plan->label(3), "2022-12-10T18:00Z");
}

TEST(FramePlanTest, RejectsAnEndNotAfterTheStart) {
    for (TimePoint end : {day(2022, 12, 1), day(2022, 11, 30)}) {
        auto plan = planFrames(day(2022, 12, 1), end, TimeStep{});
        ASSERT_FALSE(plan);
        EXPECT_NE(plan.error().message.find("is not after the start"), std::string::npos)
            << plan.error().describe();
    }
}

TEST(FramePlanTest, RejectsTooManyFramesNamingTheCount) {
    auto plan = planFrames(day(2020, 1, 1), day(2023, 1, 1), TimeStep{StepUnit::Hour, 1});
    ASSERT_FALSE(plan);
    EXPECT_NE(plan.error().message.find("26305 frames"), std::string::npos) << plan.error().describe();
    EXPECT_NE(plan.error().message.find("maximum of 10000"), std::string::npos);
    EXPECT_TRUE(planFrames(day(2022, 1, 1), day(2022, 1, 11), TimeStep{StepUnit::Day, 1}, 11));
    EXPECT_FALSE(planFrames(day(2022, 1, 1), day(2022, 1, 12), TimeStep{StepUnit::Day, 1}, 11));
}

TEST(FramePlanTest, DatesPutTheCursorAtTheEndOfTheirDay) {
    EXPECT_EQ(parseCursorField("2022-12-10", "--from").value(), day(2022, 12, 11));
    EXPECT_EQ(parseCursorField("2022-12-10T06:00Z", "--from").value(), day(2022, 12, 10, 6));
    EXPECT_EQ(parseCursorField("2022-12", "--to").value(), day(2023, 1, 1));
    auto bad = parseCursorField("2022-13-01", "--to");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().source, "--to");
    EXPECT_NE(bad.error().message.find("2022-13-01"), std::string::npos);
}

TEST(FramePlanTest, WindowOfStepIsAMovingWindowOfTheSameLength) {
    EXPECT_EQ(windowOfStep({StepUnit::Day, 2}), (TimeWindowSpec{WindowMode::Moving, 2 * kSecondsPerDay, 0}));
    EXPECT_EQ(windowOfStep({StepUnit::Week, 1}), (TimeWindowSpec{WindowMode::Moving, 7 * kSecondsPerDay, 0}));
    EXPECT_EQ(windowOfStep({StepUnit::Month, 1}), (TimeWindowSpec{WindowMode::Moving, 0, 1}));
    EXPECT_EQ(windowOfStep({StepUnit::Hour, 6}), (TimeWindowSpec{WindowMode::Moving, 6 * 3600, 0}));
}

}  // namespace
}  // namespace fp
