#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/time/playback.h"
#include "core/time/time_request.h"
#include "core/time/time_window.h"
#include "core/util/result.h"

namespace fp {

/// Most frames one animation may have: an hour step over a year is 8,760 frames, which still fits.
constexpr size_t kMaxAnimationFrames = 10000;

/// The frames of an animation: the time cursor of each (the exclusive end of its window, as in TimeState),
/// in increasing order, from the first to the last, both included.
/// The date a frame shows, as ISO text. `wholeDays`: the cursor is midnight and the frame shows the day
/// before it (the last day in its window), "2022-12-10"; otherwise the cursor itself, "2022-12-10T14:00Z".
std::string frameDateLabel(TimePoint cursor, bool wholeDays);

struct FramePlan {
    std::vector<TimePoint> cursors;
    TimeStep step;
    /// Every cursor is at midnight UTC (day, week or month steps from a date): frames are named by day.
    bool wholeDays = false;
    size_t size() const { return cursors.size(); }
    /// The date frame `index` shows (see frameDateLabel).
    std::string label(size_t index) const { return frameDateLabel(cursors[index], wholeDays); }
};

/// Cursors from `first` to `last` inclusive, each stepTime(first, step, k) (calendar-aware; months keep the
/// day of `first` where it exists). InvalidArgument when `last` is not after `first`, or naming the frame
/// count when it would exceed `maxFrames` (with the advice to use a larger step).
Result<FramePlan> planFrames(TimePoint first, TimePoint last, TimeStep step,
                             size_t maxFrames = kMaxAnimationFrames);

/// A moving window as long as `step` (1d -> a one-day window): what an animation shows by default when the
/// time state shows all incidents, which would make every frame alike.
TimeWindowSpec windowOfStep(TimeStep step);

}  // namespace fp
