#include "core/time/playback.h"

#include <cctype>
#include <charconv>

#include "core/time/time_window.h"
#include "core/util/error.h"

namespace fp {

TimePoint stepTime(TimePoint t, TimeStep step, int n) {
    const int64_t k = static_cast<int64_t>(step.count) * n;
    switch (step.unit) {
        case StepUnit::Hour:
            return TimePoint{t.seconds + k * 3600};
        case StepUnit::Day:
            return TimePoint{t.seconds + k * kSecondsPerDay};
        case StepUnit::Week:
            return TimePoint{t.seconds + k * 7 * kSecondsPerDay};
        case StepUnit::Month:
            return addMonths(t, static_cast<int>(k));
    }
    return t;
}

Result<TimeStep> parseTimeStep(std::string_view text) {
    std::string lower;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)))
            lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto bad = [&] {
        return makeError(
            ErrorCode::InvalidArgument, std::string(text),
            "not a time step: use a count (1-1000) and a unit h, d, w or m, e.g. 1d, 6h, 1w, 1m");
    };
    if (lower.size() < 2) return bad();
    TimeStep step;
    switch (lower.back()) {
        case 'h':
            step.unit = StepUnit::Hour;
            break;
        case 'd':
            step.unit = StepUnit::Day;
            break;
        case 'w':
            step.unit = StepUnit::Week;
            break;
        case 'm':
            step.unit = StepUnit::Month;
            break;
        default:
            return bad();
    }
    const char* first = lower.data();
    const char* last = lower.data() + lower.size() - 1;
    auto [ptr, ec] = std::from_chars(first, last, step.count);
    if (ec != std::errc() || ptr != last || step.count < 1 || step.count > 1000) return bad();
    return step;
}

std::string formatTimeStep(TimeStep step) {
    const char unit = step.unit == StepUnit::Hour   ? 'h'
                      : step.unit == StepUnit::Day  ? 'd'
                      : step.unit == StepUnit::Week ? 'w'
                                                    : 'm';
    return std::to_string(step.count) + unit;
}

}  // namespace fp
