#include "core/time/time_point.h"

#include "core/time/civil_range.h"
#include "core/util/text.h"

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

namespace fp {

namespace {

int64_t floorDiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

int64_t floorMod(int64_t a, int64_t b) {
    return a - floorDiv(a, b) * b;
}

/// Days since 1970-01-01 of the first day of `month` (any integer: carried into the year) in `year`.
int64_t daysAtMonthStart(int64_t year, int64_t month) {
    const int64_t monthIndex = year * 12 + (month - 1);
    const int64_t y = floorDiv(monthIndex, 12);
    const unsigned m = static_cast<unsigned>(floorMod(monthIndex, 12) + 1);
    using namespace std::chrono;
    const sys_days d{std::chrono::year{static_cast<int>(y)} / std::chrono::month{m} / 1};
    return d.time_since_epoch().count();
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

/// A small cursor over the text being parsed.
struct Cursor {
    std::string_view s;
    size_t pos = 0;

    bool atEnd() const { return pos >= s.size(); }
    char peek() const { return atEnd() ? '\0' : s[pos]; }
    bool accept(char c) {
        if (peek() != c) return false;
        ++pos;
        return true;
    }
    /// Reads between minDigits and maxDigits decimal digits.
    bool number(int minDigits, int maxDigits, int& out) {
        int n = 0;
        int value = 0;
        while (n < maxDigits && isDigit(peek())) {
            value = value * 10 + (s[pos] - '0');
            ++pos;
            ++n;
        }
        out = value;
        return n >= minDigits;
    }
    std::string_view word() {
        size_t b = pos;
        while (!atEnd() && ((s[pos] >= 'a' && s[pos] <= 'z') || (s[pos] >= 'A' && s[pos] <= 'Z'))) ++pos;
        return s.substr(b, pos - b);
    }
    void skipSpaces() {
        while (peek() == ' ') ++pos;
    }
};

/// Digits at t[at..at+n) as a number, or -1 when one of them is not a digit.
int fixedDigits(std::string_view t, size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
        if (!isDigit(t[i])) return -1;
        v = v * 10 + (t[i] - '0');
    }
    return v;
}

/// The two forms most sources write, "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM:SSZ", read without the general
/// parser's steps; nothing for any other text or for an impossible date or time, which the general parser
/// then reports.
std::optional<ParsedTime> parseCommonIso(std::string_view t) {
    if ((t.size() != 10 && t.size() != 20) || t[4] != '-' || t[7] != '-') return std::nullopt;
    const int year = fixedDigits(t, 0, 4), month = fixedDigits(t, 5, 2), day = fixedDigits(t, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 0 || !isValidDate(year, month, day)) return std::nullopt;
    if (t.size() == 10) return ParsedTime{fromCivil({year, month, day, 0, 0, 0}), TimePrecision::Day};
    if (t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z') return std::nullopt;
    const int hour = fixedDigits(t, 11, 2), minute = fixedDigits(t, 14, 2), second = fixedDigits(t, 17, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return std::nullopt;
    const TimePoint date = fromCivil({year, month, day, 0, 0, 0});
    return ParsedTime{TimePoint{date.seconds + hour * 3600 + minute * 60 + second}, TimePrecision::Exact};
}

}  // namespace

int monthFromName(std::string_view name) {
    static constexpr std::array<const char*, 12> kNames = {"january",   "february", "march",    "april",
                                                           "may",       "june",     "july",     "august",
                                                           "september", "october",  "november", "december"};
    for (size_t i = 0; i < kNames.size(); ++i) {
        std::string_view full = kNames[i];
        if (equalsIgnoreCase(name, full) || equalsIgnoreCase(name, full.substr(0, 3)))
            return static_cast<int>(i) + 1;
    }
    if (equalsIgnoreCase(name, "sept")) return 9;
    return 0;
}

namespace {

/// Reads a two- or four-digit year (a two-digit one expanded as `hints` say).
bool readYear(Cursor& c, const DateHints& hints, int& year) {
    const size_t before = c.pos;
    if (!c.number(2, 4, year)) return false;
    const size_t digits = c.pos - before;
    if (digits == 2) year = expandTwoDigitYear(year, hints.fullYear);
    return digits == 2 || digits == 4;
}

Error badTime(std::string_view text, const std::string& why) {
    return makeError(ErrorCode::InvalidArgument, std::string(text), why);
}

const char* kExpected =
    "not a date or date-time (expected e.g. 2022-12-10, 2022-12-10T14:30:00Z, 10-12-2022, 10 December 2022)";

/// The time of day after a date: "HH:MM[:SS[.fff]]" then an optional zone. Adds it to `seconds`.
Status parseTimeOfDay(Cursor& c, std::string_view text, int64_t& seconds) {
    int hour = 0, minute = 0, second = 0;
    if (!c.number(2, 2, hour) || !c.accept(':') || !c.number(2, 2, minute)) return badTime(text, kExpected);
    if (c.accept(':')) {
        if (!c.number(2, 2, second)) return badTime(text, kExpected);
        if (c.accept('.') || c.accept(',')) {
            int ignored = 0;
            // Sub-second digits are dropped: times are kept in whole seconds.
            if (!c.number(1, 9, ignored)) return badTime(text, kExpected);
            while (isDigit(c.peek())) ++c.pos;
        }
    }
    if (hour > 23 || minute > 59 || second > 59)
        return badTime(text, "no such time of day (hours 00-23, minutes and seconds 00-59)");
    seconds += hour * 3600 + minute * 60 + second;

    c.skipSpaces();
    if (c.atEnd()) return {};
    if (c.accept('Z') || c.accept('z')) return {};
    if (equalsIgnoreCase(c.s.substr(c.pos), "UTC") || equalsIgnoreCase(c.s.substr(c.pos), "GMT")) {
        c.pos = c.s.size();
        return {};
    }
    const char sign = c.peek();
    if (sign != '+' && sign != '-') return badTime(text, kExpected);
    ++c.pos;
    int offH = 0, offM = 0;
    if (!c.number(2, 2, offH)) return badTime(text, "malformed UTC offset (expected e.g. +01:00)");
    if (c.accept(':')) {
        if (!c.number(2, 2, offM)) return badTime(text, "malformed UTC offset (expected e.g. +01:00)");
    } else if (isDigit(c.peek()) && !c.number(2, 2, offM)) {
        return badTime(text, "malformed UTC offset (expected e.g. +01:00)");
    }
    if (offH > 14 || offM > 59) return badTime(text, "UTC offset out of range");
    const int64_t offset = (offH * 3600 + offM * 60) * (sign == '+' ? 1 : -1);
    // Local time minus its offset is UTC.
    seconds -= offset;
    return {};
}

Result<ParsedTime> makeDate(std::string_view text, int year, int month, int day, TimePrecision precision) {
    if (month < 1 || month > 12) return badTime(text, "no such month (" + std::to_string(month) + ")");
    if (!isValidDate(year, month, day))
        return badTime(text, "no such date (day " + std::to_string(day) + " of month " +
                                 std::to_string(month) + " in " + std::to_string(year) + ")");
    return ParsedTime{fromCivil({year, month, day, 0, 0, 0}), precision};
}

/// `date` followed, when the text goes on, by " HH:MM[:SS]" or "THH:MM[:SS]" and a zone (then Exact).
Result<ParsedTime> withTimeOfDay(std::string_view text, Cursor& c, Result<ParsedTime> date) {
    if (!date || c.atEnd()) return date;
    if (!c.accept('T') && !c.accept('t') && !c.accept(' ')) return badTime(text, kExpected);
    c.skipSpaces();
    int64_t seconds = date->time.seconds;
    if (Status s = parseTimeOfDay(c, text, seconds); !s) return s.error();
    if (!c.atEnd()) return badTime(text, kExpected);
    return ParsedTime{TimePoint{seconds}, TimePrecision::Exact};
}

/// Forms starting with a four-digit year followed by '-' or '/'.
Result<ParsedTime> parseYearFirst(std::string_view text, Cursor& c, int year) {
    const char sep = c.peek();
    ++c.pos;
    int month = 0, day = 0;
    if (!c.number(1, 2, month)) return badTime(text, kExpected);
    if (c.atEnd()) {
        if (sep != '-') return badTime(text, kExpected);
        return makeDate(text, year, month, 1, TimePrecision::Month);
    }
    if (!c.accept(sep) || !c.number(1, 2, day)) return badTime(text, kExpected);
    return withTimeOfDay(text, c, makeDate(text, year, month, day, TimePrecision::Day));
}

/// "10 December 2022", "9-May-20", "December 10, 2022", "December 2022".
Result<ParsedTime> parseWithMonthName(std::string_view text, Cursor& c, const DateHints& hints) {
    int day = 0, month = 0, year = 0;
    if (isDigit(c.peek())) {
        if (!c.number(1, 2, day)) return badTime(text, kExpected);
        c.skipSpaces();
        c.accept('-');
        month = monthFromName(c.word());
        c.accept('.');
        c.skipSpaces();
        c.accept('-');
        if (month == 0 || !readYear(c, hints, year)) return badTime(text, kExpected);
        return withTimeOfDay(text, c, makeDate(text, year, month, day, TimePrecision::Day));
    }
    month = monthFromName(c.word());
    c.accept('.');
    c.skipSpaces();
    if (month == 0) return badTime(text, kExpected);
    int first = 0;
    const size_t before = c.pos;
    if (!c.number(1, 4, first)) return badTime(text, kExpected);
    if (c.pos - before == 4 && c.atEnd()) return makeDate(text, first, month, 1, TimePrecision::Month);
    day = first;
    c.accept(',');
    c.skipSpaces();
    if (!readYear(c, hints, year)) return badTime(text, kExpected);
    return withTimeOfDay(text, c, makeDate(text, year, month, day, TimePrecision::Day));
}

/// Days from Excel's day 0 (1899-12-30 for serials after Excel's phantom 1900-02-29) to 1970-01-01.
constexpr int64_t kExcelEpochDays = 25569;

/// A bare number read as `hints.numbers` says (not Calendar).
Result<ParsedTime> parseCount(std::string_view text, std::string_view t, const DateHints& hints) {
    double v = 0.0;
    const char* begin = t.data();
    auto [ptr, ec] = std::from_chars(begin, t.data() + t.size(), v);
    if (ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(v)) {
        return badTime(text, hints.numbers == DateHints::Numbers::ExcelDays
                                 ? "not an Excel serial day number (expected e.g. 44905)"
                                 : "not a Unix time (expected a number of seconds, e.g. 1670630400)");
    }
    double seconds = v;
    if (hints.numbers == DateHints::Numbers::UnixMillis) seconds = v / 1000.0;
    if (hints.numbers == DateHints::Numbers::ExcelDays) {
        // Serials below 61 lie before Excel's phantom 29 February 1900 and count from 1899-12-31.
        const double days = v < 61 ? v - 1 : v;
        seconds = (days - static_cast<double>(kExcelEpochDays)) * kSecondsPerDay;
        seconds = std::round(seconds);
    }
    if (!(seconds >= static_cast<double>(kEarliestSeconds) &&
          seconds < static_cast<double>(kLatestSeconds) + 1))
        return badTime(text, "date out of range");
    return ParsedTime{TimePoint{static_cast<int64_t>(std::floor(seconds))}, TimePrecision::Exact};
}

}  // namespace

const char* timePrecisionName(TimePrecision p) {
    switch (p) {
        case TimePrecision::Exact:
            return "exact";
        case TimePrecision::Day:
            return "day";
        case TimePrecision::Week:
            return "week";
        case TimePrecision::Month:
            return "month";
        case TimePrecision::Year:
            return "year";
    }
    return "day";
}

Result<TimePrecision> parseTimePrecision(std::string_view text) {
    std::string_view t = trimSpaces(text);
    for (TimePrecision p : {TimePrecision::Exact, TimePrecision::Day, TimePrecision::Week,
                            TimePrecision::Month, TimePrecision::Year}) {
        if (equalsIgnoreCase(t, timePrecisionName(p))) return p;
    }
    return makeError(ErrorCode::InvalidArgument, std::string(text),
                     "not a time precision (expected exact, day, week, month or year)");
}

bool isValidDate(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1) return false;
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int last = (month == 2 && leap) ? 29 : kDays[month - 1];
    return day <= last;
}

TimePoint fromCivil(const CivilTime& c) {
    const int64_t days = daysAtMonthStart(c.year, c.month) + (c.day - 1);
    return TimePoint{days * kSecondsPerDay + int64_t{c.hour} * 3600 + int64_t{c.minute} * 60 + c.second};
}

CivilTime toCivil(TimePoint t) {
    const int64_t days = floorDiv(t.seconds, kSecondsPerDay);
    const int64_t secondOfDay = t.seconds - days * kSecondsPerDay;
    using namespace std::chrono;
    const year_month_day ymd{sys_days{std::chrono::days{days}}};
    CivilTime c;
    c.year = static_cast<int>(ymd.year());
    c.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    c.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    c.hour = static_cast<int>(secondOfDay / 3600);
    c.minute = static_cast<int>(secondOfDay % 3600 / 60);
    c.second = static_cast<int>(secondOfDay % 60);
    return c;
}

int expandTwoDigitYear(int yy, int fullYear) {
    if (fullYear != 0 && ((fullYear % 100) + 100) % 100 == yy) return fullYear;
    return yy <= 68 ? 2000 + yy : 1900 + yy;
}

Result<ParsedTime> parseTime(std::string_view text) {
    return parseTime(text, DateHints{});
}

Result<ParsedTime> parseTime(std::string_view text, const DateHints& hints) {
    const std::string_view t = trimSpaces(text);
    if (t.empty()) return badTime(text, "empty date");
    Cursor c{t};
    if (hints.numbers != DateHints::Numbers::Calendar) return parseCount(text, t, hints);
    if (auto common = parseCommonIso(t)) return *common;

    if (!isDigit(t.front())) return parseWithMonthName(text, c, hints);

    size_t digits = 0;
    while (digits < t.size() && isDigit(t[digits])) ++digits;
    if (digits == t.size()) {
        // Digits only: a year, GDELT's YYYYMMDD, or its YYYYMMDDHHMMSS.
        auto num = [&](size_t at, size_t n) { return std::stoi(std::string(t.substr(at, n))); };
        if (digits == 4) return makeDate(text, num(0, 4), 1, 1, TimePrecision::Year);
        if (digits == 8) return makeDate(text, num(0, 4), num(4, 2), num(6, 2), TimePrecision::Day);
        if (digits == 14) {
            auto date = makeDate(text, num(0, 4), num(4, 2), num(6, 2), TimePrecision::Day);
            if (!date) return date;
            const int h = num(8, 2), m = num(10, 2), s = num(12, 2);
            if (h > 23 || m > 59 || s > 59) return badTime(text, "no such time of day");
            return ParsedTime{TimePoint{date->time.seconds + h * 3600 + m * 60 + s}, TimePrecision::Exact};
        }
        return badTime(text, kExpected);
    }
    if (digits == 4 && (t[4] == '-' || t[4] == '/')) {
        int year = 0;
        c.number(4, 4, year);
        return parseYearFirst(text, c, year);
    }
    if (digits <= 2 && (t[digits] == '-' || t[digits] == '/' || t[digits] == '.')) {
        int day = 0, month = 0, year = 0;
        c.number(1, 2, day);
        const char sep = c.peek();
        ++c.pos;
        if (!isDigit(c.peek())) {
            c.pos = 0;  // "10-Dec-2022"
            return parseWithMonthName(text, c, hints);
        }
        if (!c.number(1, 2, month) || !c.accept(sep) || !readYear(c, hints, year))
            return badTime(text, kExpected);
        if (hints.monthFirst) std::swap(day, month);
        return withTimeOfDay(text, c, makeDate(text, year, month, day, TimePrecision::Day));
    }
    if (digits <= 2 && t[digits] == ' ') return parseWithMonthName(text, c, hints);
    return badTime(text, kExpected);
}

std::string formatIso(TimePoint t, TimePrecision precision) {
    const CivilTime c = toCivil(t);
    char buf[48];
    if (precision == TimePrecision::Exact) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour,
                      c.minute, c.second);
    } else {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    }
    return buf;
}

TimePoint unitStart(TimePoint t, TimePrecision precision) {
    const int64_t days = floorDiv(t.seconds, kSecondsPerDay);
    switch (precision) {
        case TimePrecision::Exact:
            return t;
        case TimePrecision::Day:
            return TimePoint{days * kSecondsPerDay};
        case TimePrecision::Week: {
            // 1970-01-01 was a Thursday: (days + 3) mod 7 counts days since Monday.
            const int64_t monday = days - floorMod(days + 3, 7);
            return TimePoint{monday * kSecondsPerDay};
        }
        case TimePrecision::Month: {
            const CivilTime c = toCivil(t);
            return TimePoint{daysAtMonthStart(c.year, c.month) * kSecondsPerDay};
        }
        case TimePrecision::Year:
            return TimePoint{daysAtMonthStart(toCivil(t).year, 1) * kSecondsPerDay};
    }
    return t;
}

TimeSpan coveredSpan(TimePoint start, TimePoint end, TimePrecision precision) {
    if (end < start) end = start;
    if (precision == TimePrecision::Exact) return {start, end > start ? end : TimePoint{start.seconds + 1}};
    const TimePoint last = unitStart(end, precision);
    TimePoint after;
    switch (precision) {
        case TimePrecision::Day:
            after = TimePoint{last.seconds + kSecondsPerDay};
            break;
        case TimePrecision::Week:
            after = TimePoint{last.seconds + 7 * kSecondsPerDay};
            break;
        case TimePrecision::Month: {
            const CivilTime c = toCivil(last);
            after = TimePoint{daysAtMonthStart(c.year, c.month + 1) * kSecondsPerDay};
            break;
        }
        default: {
            const CivilTime c = toCivil(last);
            after = TimePoint{daysAtMonthStart(c.year + 1, 1) * kSecondsPerDay};
            break;
        }
    }
    return {unitStart(start, precision), after};
}

}  // namespace fp
