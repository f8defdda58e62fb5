#include "core/extract/date_finder.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <optional>
#include <string>

namespace fp {

DayNumber dayNumber(int year, int month, int day) {
    return daysSinceEpoch(fromCivil({year, month, day, 0, 0, 0}));
}

CivilTime civilDay(DayNumber day) {
    return toCivil(startOfDay(day));
}

std::string formatDay(DayNumber day) {
    const CivilTime c = civilDay(day);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
}

namespace {

constexpr std::array<std::string_view, 12> kMonths{"january",   "february", "march",    "april",
                                                   "may",       "june",     "july",     "august",
                                                   "september", "october",  "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays{"monday", "tuesday",  "wednesday", "thursday",
                                                    "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 10> kNumberWords{"one", "two",   "three", "four", "five",
                                                        "six", "seven", "eight", "nine", "ten"};

int daysInMonth(int year, int month) {
    for (int d = 31; d > 28; --d)
        if (isValidDate(year, month, d)) return d;
    return 28;
}

/// Monday = 0 ... Sunday = 6.
int weekday(DayNumber day) {
    return static_cast<int>(((day + 3) % 7 + 7) % 7);
}

DayNumber weekStart(DayNumber day) {
    return day - weekday(day);
}

/// Reads the tokens of one sentence; every matcher returns the mention it found at a position, if any.
class DateReader {
public:
    DateReader(const TextUnits& units, size_t first, size_t end, const DateContext& ctx)
        : m_tokens(units.tokens), m_first(first), m_end(end), m_ctx(ctx) {
        const CivilTime p = civilDay(ctx.published);
        m_year = p.year;
        m_month = p.month;
    }

    std::vector<DateMention> run() {
        std::vector<DateMention> out;
        for (size_t t = m_first; t < m_end;) {
            size_t next = t;
            std::optional<DateMention> m = at(t, next);
            if (!m) {
                ++t;
                continue;
            }
            out.push_back(*m);
            t = next;
        }
        return out;
    }

private:
    const std::string& low(size_t t) const {
        static const std::string kNone;
        return t >= m_first && t < m_end ? m_tokens[t].lower : kNone;
    }
    bool is(size_t t, std::string_view w) const { return low(t) == w; }

    /// Month 1..12 of a month word (full, or abbreviated with an optional period), written with a capital.
    int month(size_t t, size_t& after) const {
        if (t >= m_end || !m_tokens[t].capital) return 0;
        const std::string& w = low(t);
        for (size_t m = 0; m < kMonths.size(); ++m) {
            const std::string_view full = kMonths[m];
            const bool abbrev = w.size() >= 3 && w.size() <= 4 && full.starts_with(w) && w != "ma" &&
                                (w.size() == 3 || w == "sept");
            if (w == full || abbrev) {
                after = t + 1;
                if (abbrev && is(after, ".")) ++after;
                return static_cast<int>(m) + 1;
            }
        }
        return 0;
    }

    /// A day of the month (1..31, "10th" too).
    int dayOfMonth(size_t t) const {
        if (t >= m_end) return 0;
        std::string_view w = low(t);
        for (std::string_view suffix : {"st", "nd", "rd", "th"})
            if (w.size() > 2 && w.ends_with(suffix)) w.remove_suffix(2);
        int v = 0;
        const auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
        return ec == std::errc() && p == w.data() + w.size() && w.size() <= 2 && v >= 1 && v <= 31 ? v : 0;
    }

    int year(size_t t) const {
        if (t >= m_end || !m_tokens[t].number || m_tokens[t].lower.size() != 4) return 0;
        const int v = std::stoi(m_tokens[t].lower);
        return v >= 1900 && v <= 2100 ? v : 0;
    }

    /// The year of a month (and day) given without one: at most two weeks after publication, or after it
    /// in a sentence about the future.
    int inferYear(int month, int day) const {
        const DayNumber thisYear = dayNumber(m_year, month, std::min(day, daysInMonth(m_year, month)));
        if (m_ctx.future) return thisYear < m_ctx.published - 1 ? m_year + 1 : m_year;
        return thisYear > m_ctx.published + 14 ? m_year - 1 : m_year;
    }

    DateMention make(size_t from, size_t to, DayNumber first, DayNumber last, TimePrecision precision,
                     bool relative, double confidence) const {
        return {{m_tokens[from].span.begin, m_tokens[to - 1].span.end},
                first,
                last,
                precision,
                relative,
                confidence};
    }

    /// A single date (no span words) at t.
    std::optional<DateMention> single(size_t t, size_t& next) const;
    std::optional<DateMention> relative(size_t t, size_t& next) const;
    std::optional<DateMention> partOfMonth(size_t t, size_t& next) const;
    std::optional<DateMention> at(size_t t, size_t& next) const;

    const std::vector<Token>& m_tokens;
    size_t m_first, m_end;
    DateContext m_ctx;
    int m_year = 1970, m_month = 1;
};

std::optional<DateMention> DateReader::single(size_t t, size_t& next) const {
    size_t a = 0;
    // ISO 2022-12-10
    if (const int y = year(t); y && is(t + 1, "-") && is(t + 3, "-") && m_tokens[t + 2].number) {
        const int m = dayOfMonth(t + 2), d = dayOfMonth(t + 4);
        if (m && m <= 12 && d && isValidDate(y, m, d)) {
            next = t + 5;
            const DayNumber day = dayNumber(y, m, d);
            return make(t, next, day, day, TimePrecision::Day, false, 1.0);
        }
    }
    if (const int m = month(t, a)) {
        // December 10[, 2022] | December[ of] 2022 | December
        if (const int d = dayOfMonth(a); d && !is(a + 1, ":")) {
            size_t e = a + 1;
            int y = 0;
            if (is(e, ",") && year(e + 1))
                y = year(e + 1), e += 2;
            else if (year(e))
                y = year(e), e += 1;
            if (!y) y = inferYear(m, d);
            if (!isValidDate(y, m, d)) return std::nullopt;
            next = e;
            const DayNumber day = dayNumber(y, m, d);
            return make(t, next, day, day, TimePrecision::Day, false, 1.0);
        }
        size_t e = a;
        int y = year(e) ? year(e) : (is(e, "of") && year(e + 1)) ? year(e + 1) : 0;
        if (y) e += is(e, "of") ? 2 : 1;
        // "May" alone is a verb more often than a month: a bare month needs a year or a preposition.
        static constexpr std::array<std::string_view, 9> kCues{"in", "since",  "until",   "by",  "from",
                                                               "of", "during", "through", "till"};
        const bool cue = t > m_first && std::find(kCues.begin(), kCues.end(), low(t - 1)) != kCues.end();
        if (!y && !cue) return std::nullopt;
        if (!y) y = inferYear(m, 1);
        next = e;
        return make(t, next, dayNumber(y, m, 1), dayNumber(y, m, daysInMonth(y, m)), TimePrecision::Month,
                    false, y == m_year || year(t + 1) ? 1.0 : 0.9);
    }
    // 10 December[ 2022] | 10th of December
    if (const int d = dayOfMonth(t)) {
        size_t m0 = t + 1;
        if (is(m0, "of")) ++m0;
        if (const int m = month(m0, a)) {
            size_t e = a;
            int y = year(e);
            if (y)
                ++e;
            else
                y = inferYear(m, d);
            if (!isValidDate(y, m, d)) return std::nullopt;
            next = e;
            const DayNumber day = dayNumber(y, m, d);
            return make(t, next, day, day, TimePrecision::Day, false, 1.0);
        }
    }
    if (const int y = year(t); y && !is(t + 1, "-")) {
        const bool cue = t > m_first && (is(t - 1, "in") || is(t - 1, "since") || is(t - 1, "of"));
        if (!cue) return std::nullopt;
        next = t + 1;
        return make(t, next, dayNumber(y, 1, 1), dayNumber(y, 12, 31), TimePrecision::Year, false, 1.0);
    }
    return relative(t, next);
}

// Longer than a page on purpose: one table of relative expressions ("on Saturday", "last week",
// "mid-December", "over the weekend"), each a few lines, tried in order.
std::optional<DateMention> DateReader::relative(size_t t, size_t& next) const {
    const DayNumber pub = m_ctx.published;
    const std::string& w = low(t);
    if (w == "today" || w == "tonight") {
        next = t + 1;
        return make(t, next, pub, pub, TimePrecision::Day, true, 0.9);
    }
    if (w == "yesterday") {
        next = t + 1;
        return make(t, next, pub - 1, pub - 1, TimePrecision::Day, true, 0.9);
    }
    const bool sunday = weekday(pub) == 6;
    const bool last = w == "last" || w == "past", thisW = w == "this" || w == "earlier", nextW = w == "next";
    size_t u = t + 1;
    if (w == "earlier" && is(u, "this")) ++u;
    if (last || thisW || nextW || w == "the" || w == "over" || w == "at" || w == "during") {
        const std::string& unit = low(u);
        if (unit == "night" && last) {
            next = u + 1;
            return make(t, next, pub - 1, pub - 1, TimePrecision::Day, true, 0.9);
        }
        if (unit == "weekend" && (w != "the" || t > m_first)) {
            // The Saturday and Sunday up to publication, or the coming ones.
            DayNumber sat = pub - ((weekday(pub) + 2) % 7);
            if (nextW || (m_ctx.future && !last)) sat = pub + ((5 - weekday(pub) + 7) % 7);
            next = u + 1;
            return make(t, next, sat, sat + 1, TimePrecision::Day, true, 0.85);
        }
        if (w == "the" || w == "over" || w == "at" || w == "during") return std::nullopt;
        if (unit == "week") {
            const DayNumber cur = weekStart(pub);
            DayNumber start = cur;
            if (last) start = sunday ? cur : cur - 7;
            if (nextW || (thisW && sunday && m_ctx.future)) start = cur + 7;
            next = u + 1;
            if (w == "earlier")
                return make(t, next, cur, std::max(cur, pub - 1), TimePrecision::Day, true, 0.8);
            return make(t, next, start, start + 6, TimePrecision::Week, true, 0.85);
        }
        if (unit == "month") {
            int y = m_year, m = m_month + (last ? -1 : nextW ? 1 : 0);
            if (m < 1) m = 12, --y;
            if (m > 12) m = 1, ++y;
            next = u + 1;
            const DayNumber first = dayNumber(y, m, 1);
            if (w == "earlier")
                return make(t, next, first, std::max(first, pub - 1), TimePrecision::Day, true, 0.8);
            return make(t, next, first, dayNumber(y, m, daysInMonth(y, m)), TimePrecision::Month, true, 0.85);
        }
        if (unit == "year") {
            const int y = m_year + (last ? -1 : nextW ? 1 : 0);
            next = u + 1;
            return make(t, next, dayNumber(y, 1, 1), dayNumber(y, 12, 31), TimePrecision::Year, true, 0.85);
        }
    }
    // "three days ago", "two weeks ago"
    if (is(t + 2, "ago")) {
        int n = 0;
        if (m_tokens[t].number && w.size() <= 2) n = std::stoi(w);
        for (size_t k = 0; k < kNumberWords.size(); ++k)
            if (w == kNumberWords[k]) n = static_cast<int>(k) + 1;
        if (w == "a") n = 1;
        const std::string& unit = low(t + 1);
        if (n > 0 && (unit == "day" || unit == "days")) {
            next = t + 3;
            return make(t, next, pub - n, pub - n, TimePrecision::Day, true, 0.85);
        }
        if (n > 0 && (unit == "week" || unit == "weeks")) {
            next = t + 3;
            const DayNumber s = weekStart(pub - 7 * n);
            return make(t, next, s, s + 6, TimePrecision::Week, true, 0.75);
        }
    }
    // weekdays: "Saturday", "last Saturday", "next Monday"
    size_t d = t;
    if (last || nextW || thisW) ++d;
    for (size_t k = 0; k < kWeekdays.size(); ++k) {
        if (low(d) != kWeekdays[k] || !m_tokens[d].capital) continue;
        const int wd = static_cast<int>(k);
        DayNumber day = pub - ((weekday(pub) - wd + 7) % 7);
        if (last && day == pub) day -= 7;
        if (nextW || (m_ctx.future && !last))
            day = pub + ((wd - weekday(pub) + 7) % 7 == 0 ? 7 : (wd - weekday(pub) + 7) % 7);
        next = d + 1;
        if (is(next, "night") || is(next, "morning") || is(next, "evening") || is(next, "afternoon")) ++next;
        return make(t, next, day, day, TimePrecision::Day, true, 0.85);
    }
    return partOfMonth(t, next);
}

/// "mid-December", "early December", "late Dec.", "the end of December", "the middle of December".
std::optional<DateMention> DateReader::partOfMonth(size_t t, size_t& next) const {
    const std::string& w = low(t);
    int part = -1;  // 0 early, 1 mid, 2 late
    size_t m0 = t + 1;
    if (w == "early" || w == "beginning" || w == "start") part = 0;
    if (w == "mid" || w == "middle") part = 1;
    if (w == "late" || w == "end") part = 2;
    if (w == "the" &&
        (is(t + 1, "beginning") || is(t + 1, "start") || is(t + 1, "middle") || is(t + 1, "end")) &&
        is(t + 2, "of")) {
        part = is(t + 1, "end") ? 2 : is(t + 1, "middle") ? 1 : 0;
        m0 = t + 3;
    } else if (part >= 0) {
        if (is(m0, "-"))
            ++m0;
        else if (is(m0, "of"))
            ++m0;
    }
    if (part < 0) return std::nullopt;
    size_t a = 0;
    const int m = month(m0, a);
    if (!m) return std::nullopt;
    int y = year(a);
    next = y ? a + 1 : a;
    if (!y) y = inferYear(m, part * 10 + 1);
    const int first = part == 0 ? 1 : part == 1 ? 11 : 21;
    const int last = part == 0 ? 10 : part == 1 ? 20 : daysInMonth(y, m);
    return make(t, next, dayNumber(y, m, first), dayNumber(y, m, last), TimePrecision::Day, false, 0.8);
}

std::optional<DateMention> DateReader::at(size_t t, size_t& next) const {
    const std::string& w = low(t);
    // "10-12 December", "between 10 and 12 December": the first day borrows the second's month.
    if (const int d1 = dayOfMonth(t);
        d1 && (is(t + 1, "-") || is(t + 1, "\xE2\x80\x93") || is(t + 1, "and"))) {
        size_t after = 0;
        if (std::optional<DateMention> second = single(t + 2, after);
            second && second->precision == TimePrecision::Day) {
            const CivilTime c = civilDay(second->first);
            if (d1 < c.day) {
                next = after;
                const size_t from = t > m_first && is(t - 1, "between") ? t - 1 : t;
                return make(from, next, dayNumber(c.year, c.month, d1), second->first, TimePrecision::Day,
                            false, 0.95);
            }
        }
    }
    const bool since = w == "since";
    const bool from = w == "from" || w == "between";
    std::optional<DateMention> d = single(since || from ? t + 1 : t, next);
    if (!d) return std::nullopt;
    if (since) {
        d->span.begin = m_tokens[t].span.begin;
        d->last = std::max(d->first, m_ctx.published);
        d->precision = TimePrecision::Day;
        return d;
    }
    if (from && (is(next, "to") || is(next, "until") || is(next, "through") || is(next, "till") ||
                 is(next, "and") || is(next, "-"))) {
        size_t after = 0;
        if (std::optional<DateMention> end = single(next + 1, after); end && end->last >= d->first) {
            d->span = {m_tokens[t].span.begin, end->span.end};
            d->last = end->last;
            d->precision = TimePrecision::Day;
            next = after;
        }
    }
    return d;
}

}  // namespace

std::vector<DateMention> findDates(const TextUnits& units, size_t first, size_t end, const DateContext& ctx) {
    return DateReader(units, first, std::min(end, units.tokens.size()), ctx).run();
}

}  // namespace fp
