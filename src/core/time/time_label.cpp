#include "core/time/time_label.h"

#include <cstdio>

#include "core/util/error.h"

namespace fp {
namespace {

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kDash = "\xE2\x80\x93";  // en dash

const char* monthName(int month) {
    return kMonths[(month - 1 + 12) % 12];
}

std::string shortMonth(int month) {
    return std::string(monthName(month), 3);
}

std::string hhmm(const CivilTime& c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", c.hour, c.minute);
    return buf;
}

bool isMidnight(TimePoint t) {
    return unitStart(t, TimePrecision::Day) == t;
}

}  // namespace

// snprintf rather than chains of std::string + "literal", which trip a GCC 12 -Wrestrict false positive.
std::string formatLongDate(TimePoint t) {
    const CivilTime c = toCivil(t);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%d %s %d", c.day, monthName(c.month), c.year);
    return buf;
}

std::string formatShortDate(TimePoint t, bool withTime) {
    const CivilTime c = toCivil(t);
    char buf[48];
    if (withTime)
        std::snprintf(buf, sizeof buf, "%d %.3s %d %02d:%02d", c.day, monthName(c.month), c.year, c.hour,
                      c.minute);
    else
        std::snprintf(buf, sizeof buf, "%d %.3s %d", c.day, monthName(c.month), c.year);
    return buf;
}

std::string formatWindowRange(TimeSpan window) {
    if (window.end <= window.begin) return {};
    if (isMidnight(window.begin) && isMidnight(window.end)) {
        const CivilTime a = toCivil(window.begin);
        const TimePoint lastDay{window.end.seconds - kSecondsPerDay};
        const CivilTime b = toCivil(lastDay);
        if (lastDay == window.begin) return formatLongDate(window.begin);
        if (a.year == b.year && a.month == b.month)
            return std::to_string(a.day) + kDash + formatLongDate(lastDay);
        if (a.year == b.year)
            return std::to_string(a.day) + " " + monthName(a.month) + " " + kDash + " " +
                   formatLongDate(lastDay);
        return formatLongDate(window.begin) + " " + kDash + " " + formatLongDate(lastDay);
    }
    const CivilTime a = toCivil(window.begin);
    const TimePoint last{window.end.seconds - 1};
    if (unitStart(window.begin, TimePrecision::Day) == unitStart(last, TimePrecision::Day))
        return formatLongDate(window.begin) + ", " + hhmm(a) + kDash + hhmm(toCivil(window.end)) + " UTC";
    // The year once when both ends share it: "19 Dec 2022 18:00 – 20 Dec 06:00 UTC".
    const CivilTime b = toCivil(window.end);
    const std::string end = a.year == b.year
                                ? std::to_string(b.day) + " " + shortMonth(b.month) + " " + hhmm(b)
                                : formatShortDate(window.end, true);
    return formatShortDate(window.begin, true) + " " + kDash + " " + end + " UTC";
}

WindowHeadline windowHeadline(TimeSpan window, bool cumulative) {
    if (cumulative) {
        if (isMidnight(window.end))
            return {"Up to " + formatLongDate(TimePoint{window.end.seconds - kSecondsPerDay}), {}};
        return {"Up to " + formatShortDate(window.end, true) + " UTC", {}};
    }
    if (window.end <= window.begin) return {formatShortDate(window.end, true) + " UTC", {}};
    const bool whole = isMidnight(window.begin) && isMidnight(window.end);
    if (whole || window.end.seconds - window.begin.seconds < 2 * kSecondsPerDay)
        return {formatWindowRange(window), {}};
    const TimePoint firstDay = unitStart(window.begin, TimePrecision::Day);
    const TimePoint lastDay = unitStart(TimePoint{window.end.seconds - 1}, TimePrecision::Day);
    auto dayAndTime = [](TimePoint t) {
        const CivilTime c = toCivil(t);
        return std::to_string(c.day) + " " + shortMonth(c.month) + " " + hhmm(c);
    };
    return {formatWindowRange({firstDay, TimePoint{lastDay.seconds + kSecondsPerDay}}),
            dayAndTime(window.begin) + " to " + dayAndTime(window.end) + " UTC"};
}

Result<TimePoint> parseCursorDate(std::string_view text) {
    auto parsed = parseTime(text);
    if (!parsed)
        return makeError(ErrorCode::InvalidArgument, std::string(text),
                         "not a date: type YYYY-MM-DD, optionally with a time (2022-12-20 14:30)");
    if (parsed->precision == TimePrecision::Exact) return parsed->time;
    return coveredSpan(parsed->time, parsed->time, parsed->precision).end;
}

}  // namespace fp
