#include "core/export/frame_plan.h"

#include <string>

namespace fp {

Result<FramePlan> planFrames(TimePoint first, TimePoint last, TimeStep step, size_t maxFrames) {
    FramePlan plan;
    plan.step = step;
    plan.wholeDays = step.unit != StepUnit::Hour && first.seconds % kSecondsPerDay == 0;
    if (!(first < last))
        return makeError(ErrorCode::InvalidArgument, "",
                         "the end " + frameDateLabel(last, plan.wholeDays) + " is not after the start " +
                             frameDateLabel(first, plan.wholeDays));
    if (step.count < 1)
        return makeError(ErrorCode::InvalidArgument, "", "the step must be at least one unit");
    // Each cursor is computed from the first, not from the previous one, so that monthly steps from the
    // 31st land on the 31st again wherever the month has one.
    for (int k = 0;; ++k) {
        const TimePoint t = stepTime(first, step, k);
        if (last < t) break;
        if (plan.cursors.size() == maxFrames) {
            // Count the rest cheaply for the message: fixed-length units by division, months by estimate.
            const int64_t span = last.seconds - first.seconds;
            const int64_t unit = step.unit == StepUnit::Hour   ? 3600
                                 : step.unit == StepUnit::Day  ? kSecondsPerDay
                                 : step.unit == StepUnit::Week ? 7 * kSecondsPerDay
                                                               : 2629746;  // a mean Gregorian month
            const int64_t total = span / (unit * step.count) + 1;
            return makeError(ErrorCode::InvalidArgument, "",
                             std::to_string(total) + " frames from " + frameDateLabel(first, plan.wholeDays) +
                                 " to " + frameDateLabel(last, plan.wholeDays) + " by " +
                                 formatTimeStep(step) + " are more than the maximum of " +
                                 std::to_string(maxFrames) + "; use a larger step or a shorter range");
        }
        plan.cursors.push_back(t);
    }
    return plan;
}

std::string frameDateLabel(TimePoint cursor, bool wholeDays) {
    if (wholeDays) return formatIso(TimePoint{cursor.seconds - 1}, TimePrecision::Day);
    const std::string iso = formatIso(cursor, TimePrecision::Exact);  // 2022-12-10T14:00:00Z
    return iso.size() == 20 && iso.compare(16, 3, ":00") == 0 ? iso.substr(0, 16) + "Z" : iso;
}

TimeWindowSpec windowOfStep(TimeStep step) {
    TimeWindowSpec w{WindowMode::Moving, 0, 0};
    switch (step.unit) {
        case StepUnit::Hour:
            w.seconds = 3600LL * step.count;
            break;
        case StepUnit::Day:
            w.seconds = kSecondsPerDay * step.count;
            break;
        case StepUnit::Week:
            w.seconds = 7LL * kSecondsPerDay * step.count;
            break;
        case StepUnit::Month:
            w.months = step.count;
            break;
    }
    return w;
}

}  // namespace fp
