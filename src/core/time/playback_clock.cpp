#include "core/time/playback_clock.h"

#include <algorithm>
#include <cmath>

namespace fp {

TimeSpan playbackBounds(const TimeState& state, TimeSpan data) {
    if (data.end <= data.begin) return {data.begin, data.begin};
    TimePoint start;
    if (state.window.mode == WindowMode::Moving) {
        start = state.window.months > 0
                    ? addMonths(data.begin, state.window.months)
                    : TimePoint{data.begin.seconds + std::max<int64_t>(state.window.seconds, 0)};
    } else {
        start = TimePoint{unitStart(data.begin, TimePrecision::Day).seconds + kSecondsPerDay};
    }
    return {std::min(start, data.end), data.end};
}

TimePoint stepCursor(TimePoint cursor, const TimeState& state, TimeStep step, int steps, TimeSpan data) {
    const TimeSpan bounds = playbackBounds(state, data);
    const TimePoint moved = stepTime(std::clamp(cursor, bounds.begin, bounds.end), step, steps);
    return std::clamp(moved, bounds.begin, bounds.end);
}

TimeState withActiveWindow(TimeState state, TimeStep step, TimeSpan data) {
    if (state.window.mode == WindowMode::All) {
        state.window.mode = WindowMode::Moving;
        state.window.months = step.unit == StepUnit::Month ? step.count : 0;
        state.window.seconds = step.unit == StepUnit::Month ? 0 : stepTime(TimePoint{}, step).seconds;
    }
    const TimeSpan bounds = playbackBounds(state, data);
    if (state.cursor < bounds.begin || state.cursor > bounds.end) state.cursor = bounds.begin;
    return state;
}

void PlaybackClock::play(TimeState& state, TimeSpan data) {
    const TimeSpan bounds = playbackBounds(state, data);
    if (state.cursor >= bounds.end || state.cursor < bounds.begin) state.cursor = bounds.begin;
    m_playing = true;
    m_carry = 0.0;
}

bool PlaybackClock::advance(TimeState& state, const PlaybackSettings& settings, TimeSpan data,
                            double wallSeconds) {
    if (!m_playing || !std::isfinite(wallSeconds) || wallSeconds <= 0.0) return false;
    const TimeSpan bounds = playbackBounds(state, data);
    const int64_t range = bounds.end.seconds - bounds.begin.seconds;
    if (range <= 0) {
        pause();
        return false;
    }
    const TimePoint before = state.cursor;
    const double total = std::max(0.0, settings.speed) * wallSeconds + m_carry;
    // More than the whole range in one frame is as good as the whole range (and keeps int64 safe).
    const double whole = std::floor(std::min(total, 2.0 * static_cast<double>(range)));
    m_carry = total - std::floor(total);
    int64_t cursor = std::clamp(state.cursor, bounds.begin, bounds.end).seconds + static_cast<int64_t>(whole);
    if (cursor > bounds.end.seconds) {
        if (settings.loop) {
            cursor = bounds.begin.seconds + (cursor - bounds.end.seconds - 1) % (range + 1);
        } else {
            cursor = bounds.end.seconds;
            pause();
        }
    } else if (cursor == bounds.end.seconds && !settings.loop) {
        pause();
    }
    state.cursor = TimePoint{cursor};
    return state.cursor != before;
}

}  // namespace fp
