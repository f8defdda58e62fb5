#include "core/export/frame_plan.h"

#include <string>

namespace fp {

Result<TimePoint> parseFrameCursor(std::string_view text, std::string_view what) {
    auto parsed = parseTime(text);
    if (!parsed)
        return makeError(
            ErrorCode::InvalidArgument, std::string(what),
            "'" + std::string(text) + "' is not a date or time (e.g. 2022-12-20 or 2022-12-20T14:30Z)");
    if (parsed->precision == TimePrecision::Exact) return parsed->time;
    return coveredSpan(parsed->time, parsed->time, parsed->precision).end;
}

Result<FramePlan> planFrames(TimePoint first, TimePoint last, TimeStep step, size_t maxFrames) {
    FramePlan plan;
    plan.step = step;
    plan.wholeDays = step.unit != StepUnit::Hour && first.seconds % 86400 == 0;
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
                                 : step.unit == StepUnit::Day  ? 86400
                                 : step.unit == StepUnit::Week ? 7 * 86400
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
            w.seconds = 86400LL * step.count;
            break;
        case StepUnit::Week:
            w.seconds = 7LL * 86400 * step.count;
            break;
        case StepUnit::Month:
            w.months = step.count;
            break;
    }
    return w;
}

}  // namespace fp
