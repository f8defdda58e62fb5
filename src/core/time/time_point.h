#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace fp {

/// Seconds in a UTC day (no leap seconds).
inline constexpr int64_t kSecondsPerDay = 86400;
/// Seconds in an hour.
inline constexpr int64_t kSecondsPerHour = 3600;

/// An instant in UTC: whole seconds since 1970-01-01T00:00:00Z (proleptic Gregorian, no leap seconds).
/// Times in Flashpoint are always UTC; no time zone or daylight saving ever applies.
struct TimePoint {
    int64_t seconds = 0;
    friend auto operator<=>(const TimePoint&, const TimePoint&) = default;
};

/// The UTC day that contains `t`, as whole days since 1970-01-01 (floored, so negative before 1970).
inline constexpr int64_t daysSinceEpoch(TimePoint t) {
    return t.seconds >= 0 ? t.seconds / kSecondsPerDay : -((kSecondsPerDay - 1 - t.seconds) / kSecondsPerDay);
}
/// 00:00:00Z of UTC day `days` since 1970-01-01.
inline constexpr TimePoint startOfDay(int64_t days) {
    return TimePoint{days * kSecondsPerDay};
}

/// How precisely an incident's time is known. A date-only time covers its whole day; Week and Month extend
/// the span over the whole ISO week (Monday-Sunday) or calendar month; Year over the calendar year.
enum class TimePrecision : uint8_t { Exact = 0, Day = 1, Week = 2, Month = 3, Year = 4 };

const char* timePrecisionName(TimePrecision p);  ///< "exact", "day", "week", "month", "year"
/// Parses a precision name as timePrecisionName writes it (any case, spaces ignored); InvalidArgument
/// otherwise.
Result<TimePrecision> parseTimePrecision(std::string_view text);

/// Civil date and time in UTC.
struct CivilTime {
    int year = 1970;
    int month = 1;  ///< 1..12
    int day = 1;    ///< 1..31
    int hour = 0, minute = 0, second = 0;
};

/// Seconds since the epoch of a civil time (proleptic Gregorian). Out-of-range fields carry over like
/// timegm does: day 32 of January is 1 February. Years -32767..32767.
TimePoint fromCivil(const CivilTime& c);
/// The civil date and time of an instant (exact inverse of fromCivil for valid fields).
CivilTime toCivil(TimePoint t);
/// True when day `day` exists in `month` of `year` (leap years included).
bool isValidDate(int year, int month, int day);

/// A parsed date or date-time and how precise the text was (a date alone is Day precision).
struct ParsedTime {
    TimePoint time;
    TimePrecision precision = TimePrecision::Day;
};

/// How to read a date whose text alone does not say it: which number of "10/12/2022" is the day, what a bare
/// number counts, and the century of a two-digit year. A date column's hints are inferred from all its values
/// (see DateColumnSurvey in core/time/date_format.h) or given by the user.
struct DateHints {
    enum class Numbers : uint8_t {
        Calendar,     ///< a bare number is a year (4 digits), YYYYMMDD or YYYYMMDDHHMMSS
        UnixSeconds,  ///< seconds since 1970-01-01T00:00:00Z (a fraction is dropped)
        UnixMillis,   ///< milliseconds since 1970-01-01T00:00:00Z
        ExcelDays,    ///< Excel's serial days (1900 date system: day 1 is 1900-01-01), a fraction is the time
    };
    Numbers numbers = Numbers::Calendar;
    bool monthFirst = false;  ///< "10/12/2022" is 12 October (US order); day first otherwise
    /// When not 0, the full year of the row (a `year` column): a two-digit year with the same last two digits
    /// takes it. Otherwise two-digit years 00-68 are 2000-2068 and 69-99 are 1969-1999 (as POSIX strptime).
    int fullYear = 0;
    friend bool operator==(const DateHints&, const DateHints&) = default;
};

/// Parses the date forms incident sources use, with surrounding spaces ignored:
/// - "2022-12-10" and "2022/12/10" (Day); "2022-12" and "December 2022" (Month); "2022" (Year);
/// - "10-12-2022", "10/12/2022", "10.12.2022" and two-digit years "10/12/22" (day first, as ACLED and
/// European
///   sources write them, unless `hints` say month first);
/// - "10 December 2022", "10 Dec 2022", "December 10, 2022", "9-May-20", "01-January-2015" (English month
///   names, any case, two- or four-digit years);
/// - "20221210" (GDELT's Day, Day precision) and "20221210143000" (GDELT's DATEADDED, Exact);
/// - "2022-12-10T14:30[:00[.sss]]" or with a space instead of the T (Exact), optionally followed by "Z",
///   "UTC" or an offset "+01:00" / "+0100" / "+01", which is applied so that the result is UTC. A time
///   without an offset is taken as UTC: Flashpoint never applies a local zone or daylight saving.
/// - bare numbers as `hints.numbers` says (Unix seconds or milliseconds, Excel serial days: Exact).
/// InvalidArgument naming the text for anything else, including impossible dates (2022-02-30), hours past 23
/// and leap seconds.
Result<ParsedTime> parseTime(std::string_view text, const DateHints& hints);
/// parseTime with the default hints (day first, calendar numbers).
Result<ParsedTime> parseTime(std::string_view text);
/// 1..12 for an English month name or its three-letter abbreviation ("Sept" too, any case), 0 otherwise.
int monthFromName(std::string_view name);
/// The full year of a two-digit year `yy` (see DateHints::fullYear).
int expandTwoDigitYear(int yy, int fullYear = 0);

/// "2022-12-10" (precision Day or coarser) or "2022-12-10T14:30:00Z".
std::string formatIso(TimePoint t, TimePrecision precision = TimePrecision::Exact);

/// A half-open span of time [begin, end).
struct TimeSpan {
    TimePoint begin;
    TimePoint end;
    friend bool operator==(const TimeSpan&, const TimeSpan&) = default;
};

/// The half-open span [begin, end) an incident really covers: from the start of the precision unit holding
/// `start` to the end of the unit holding `end` (pass `start` as `end` when there is none). Day covers the
/// whole UTC day, Week the ISO week (Monday 00:00 to the next Monday), Month the calendar month, Year the
/// calendar year. Exact covers [start, end), or [start, start + 1 s) when end is not after start.
TimeSpan coveredSpan(TimePoint start, TimePoint end, TimePrecision precision);

/// Start of the precision unit holding `t` (midnight, Monday 00:00, the 1st, 1 January); `t` for Exact.
TimePoint unitStart(TimePoint t, TimePrecision precision);

}  // namespace fp
