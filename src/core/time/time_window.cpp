#include "core/time/time_window.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

#include "core/util/error.h"

namespace fp {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

int daysInMonth(int year, int month) {
    for (int d = 31; d > 28; --d)
        if (isValidDate(year, month, d)) return d;
    return 28;
}

}  // namespace

Result<TimeWindowSpec> parseWindowLength(std::string_view text) {
    const std::string_view t = trim(text);
    std::string lower(t);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto bad = [&] {
        return makeError(ErrorCode::InvalidArgument, std::string(text),
                         "not a time window: use a count and a unit (12h, 7d, 1w, 1m), cumulative or all");
    };
    if (lower == "cumulative") return TimeWindowSpec{WindowMode::Cumulative, 0, 0};
    if (lower == "all") return TimeWindowSpec{WindowMode::All, 0, 0};
    if (lower.size() < 2) return bad();
    const char unit = lower.back();
    const std::string_view digits(lower.data(), lower.size() - 1);
    int64_t count = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || count <= 0) return bad();
    // Up to about a thousand years, so that no window overflows.
    constexpr int64_t kMaxHours = 24 * 366 * 1000;
    switch (unit) {
        case 'h':
            if (count > kMaxHours) return bad();
            return TimeWindowSpec{WindowMode::Moving, count * 3600, 0};
        case 'd':
            if (count > kMaxHours / 24) return bad();
            return TimeWindowSpec{WindowMode::Moving, count * kSecondsPerDay, 0};
        case 'w':
            if (count > kMaxHours / 24 / 7) return bad();
            return TimeWindowSpec{WindowMode::Moving, count * 7 * kSecondsPerDay, 0};
        case 'm':
            if (count > 12 * 1000) return bad();
            return TimeWindowSpec{WindowMode::Moving, 0, static_cast<int32_t>(count)};
        default:
            return bad();
    }
}

TimePoint addMonths(TimePoint t, int months) {
    CivilTime c = toCivil(t);
    const int index = c.year * 12 + (c.month - 1) + months;  // months since year 0
    c.year = index >= 0 ? index / 12 : -((-index + 11) / 12);
    c.month = index - c.year * 12 + 1;
    c.day = std::min(c.day, daysInMonth(c.year, c.month));
    return fromCivil(c);
}

TimeSpan windowAt(const TimeState& state, TimeSpan data) {
    const TimePoint cursor = state.cursor;
    switch (state.window.mode) {
        case WindowMode::All:
            return data;
        case WindowMode::Cumulative:
            return {std::min(data.begin, cursor), cursor};
        case WindowMode::Moving:
            break;
    }
    if (state.window.months > 0) return {addMonths(cursor, -state.window.months), cursor};
    return {TimePoint{cursor.seconds - state.window.seconds}, cursor};
}

TimeState timeStateShowing(TimeSpan window) {
    TimeState state;
    state.window = {WindowMode::Moving, window.end.seconds - window.begin.seconds, 0};
    state.cursor = window.end;
    return state;
}

bool overlaps(TimeSpan incidentCovered, TimeSpan window) {
    return incidentCovered.begin < incidentCovered.end && window.begin < window.end &&
           incidentCovered.begin < window.end && window.begin < incidentCovered.end;
}

}  // namespace fp
