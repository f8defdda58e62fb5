#pragma once

#include <cstdint>
#include <string_view>

#include "core/time/time_point.h"
#include "core/util/result.h"

namespace fp {

/// How the shown time window follows the cursor.
enum class WindowMode : uint8_t {
    Moving,      ///< a window of a fixed length ending at the cursor
    Cumulative,  ///< from the start of the data up to the cursor
    All,         ///< every incident, wherever the cursor is
};

/// A window mode and, for Moving, its length: whole calendar months (`months` > 0) or a fixed number of
/// seconds.
struct TimeWindowSpec {
    WindowMode mode = WindowMode::Moving;
    int64_t seconds = kSecondsPerDay;  ///< length of a Moving window when `months` is 0
    int32_t months = 0;                ///< length of a Moving window in calendar months
    friend bool operator==(const TimeWindowSpec&, const TimeWindowSpec&) = default;
};

/// What the time controls show: a window mode and the cursor, the (exclusive) end of the window.
struct TimeState {
    TimeWindowSpec window;
    TimePoint cursor;
    /// In-window incidents fade with age (the newest opaque, the oldest faint) instead of all being opaque.
    bool fadeByAge = false;
    /// Out-of-window incidents are drawn as faint ghosts instead of being hidden.
    bool showGhosts = false;
    friend bool operator==(const TimeState&, const TimeState&) = default;
};

/// Parses a window as the CLI and the timeline write it, any case, spaces around ignored: a positive count
/// and a unit, "12h" (hours), "7d" (days), "1w" (weeks), "1m" (calendar months), or "cumulative" or "all".
/// InvalidArgument naming the text otherwise.
Result<TimeWindowSpec> parseWindowLength(std::string_view text);

/// `t` moved by `months` calendar months (negative: back), keeping the time of day; a day past the end of
/// the target month becomes its last day (31 January + 1 month is 28 or 29 February).
TimePoint addMonths(TimePoint t, int months);

/// The half-open window [begin, end) of `state`, given the data's time range `data` (for Cumulative and
/// All): Moving is [cursor - length, cursor) with months in civil arithmetic; Cumulative is [data.begin,
/// cursor) (empty, [cursor, cursor), when the data starts later); All is `data` itself.
TimeSpan windowAt(const TimeState& state, TimeSpan data);

/// A time state whose window is exactly `window` (a Moving window of its length ending at its end), for
/// showing a fixed span such as an export's period.
TimeState timeStateShowing(TimeSpan window);

/// True when the half-open spans share at least one second: an incident's coveredSpan() and a window.
/// Spans that only touch ([a, b) and [b, c)) do not overlap; an empty span overlaps nothing.
bool overlaps(TimeSpan incidentCovered, TimeSpan window);

}  // namespace fp
