#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/time/time_point.h"
#include "core/util/result.h"

namespace fp {

/// Calendar unit of a playback or animation step.
enum class StepUnit : uint8_t { Hour, Day, Week, Month };

/// A step of `count` units, e.g. 1 day, 6 hours or 1 month (calendar months, see addMonths).
struct TimeStep {
    StepUnit unit = StepUnit::Day;
    int count = 1;
    friend bool operator==(const TimeStep&, const TimeStep&) = default;
};

/// How playback advances: the step for Left/Right and animation frames, the speed in simulated seconds per
/// wall-clock second (3600 = 1 hour per second ... 2,592,000 = 30 days per second), and whether it loops.
struct PlaybackSettings {
    TimeStep step;
    double speed = kSecondsPerDay;
    bool loop = false;
    friend bool operator==(const PlaybackSettings&, const PlaybackSettings&) = default;
};

/// `t` moved by `n` steps (negative: back); months in civil arithmetic keeping the day where it exists.
TimePoint stepTime(TimePoint t, TimeStep step, int n = 1);

/// Parses "1h", "6h", "1d", "7d", "1w", "1m" (count 1..1000). InvalidArgument naming the text otherwise.
Result<TimeStep> parseTimeStep(std::string_view text);

/// "1d", "6h", "1w", "1m": the inverse of parseTimeStep.
std::string formatTimeStep(TimeStep step);

}  // namespace fp
