#pragma once

#include <string>
#include <string_view>

#include "core/time/time_point.h"
#include "core/util/result.h"

namespace fp {

/// "20 December 2022": a UTC day with the month's English name.
std::string formatLongDate(TimePoint t);
/// "20 Dec 2022", or "20 Dec 2022 14:30" when `withTime`.
std::string formatShortDate(TimePoint t, bool withTime = false);

/// A half-open window as a reader says it, in UTC, with an en dash between the ends:
/// - whole days (both ends at midnight): "20 December 2022" (one day), "14–20 December 2022",
///   "28 November – 4 December 2022", "28 December 2022 – 3 January 2023" (the end day is the last day
///   shown, i.e. end minus one day);
/// - otherwise to the minute: "20 December 2022, 06:00–18:00 UTC" within a day, else
///   "19 Dec 2022 18:00 – 20 Dec 06:00 UTC" (the year
///   again only when the end is in another year).
/// Empty for an empty window.
std::string formatWindowRange(TimeSpan window);

/// The big date the map shows for a window: a title readable at a glance and, when the title rounds, the
/// exact ends as detail.
struct WindowHeadline {
    std::string title;
    std::string detail;  ///< empty when the title is exact
};
/// - Cumulative: "Up to 20 December 2022" when `window.end` is a midnight (the last whole day), else
///   "Up to 20 Dec 2022 14:30 UTC".
/// - A window of whole days: formatWindowRange.
/// - Two days or longer, not on day boundaries (e.g. while playing): the days it touches, "12–19 December
///   2022", with detail "12 Dec 06:55 to 19 Dec 06:55 UTC", so the title does not flicker by the minute.
/// - Shorter: formatWindowRange to the minute.
WindowHeadline windowHeadline(TimeSpan window, bool cumulative);

/// The cursor a typed date or date-time jumps to (the time controls' date field): any form parseTime reads,
/// typically "2022-12-20" or "2022-12-20 14:30". A date alone (or a week or month) puts the cursor at the
/// end of that day (week, month) so that the day itself is in the window, as `render --at` does; a time puts
/// it at that instant. InvalidArgument naming the text otherwise; nothing else changes.
Result<TimePoint> parseCursorDate(std::string_view text);

}  // namespace fp
