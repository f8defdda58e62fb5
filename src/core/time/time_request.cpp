#include "core/time/time_request.h"

#include <algorithm>

#include "core/time/time_label.h"

namespace fp {

namespace {

Error bad(const std::string& name, const std::string& message) {
    return makeError(ErrorCode::InvalidArgument, name, message);
}

/// The window `at` (with its optional length) selects.
Result<TimeState> windowAt(const TimeRequest& r, const TimeRequestNames& names) {
    auto at = parseTime(r.at);
    if (!at) return parseCursorField(r.at, names.at).error();
    TimeState state{TimeWindowSpec{WindowMode::All, 0, 0}, TimePoint{}};
    if (r.window.empty()) {  // the whole UTC day holding `at`
        state.window = TimeWindowSpec{WindowMode::Moving, kSecondsPerDay, 0};
        state.cursor = TimePoint{unitStart(at->time, TimePrecision::Day).seconds + kSecondsPerDay};
        return state;
    }
    // A date alone puts the cursor at the end of its day, so that the day itself is in the window.
    state.cursor =
        at->precision == TimePrecision::Exact ? at->time : coveredSpan(at->time, at->time, at->precision).end;
    auto spec = parseWindowField(r.window, names.window);
    if (!spec) return spec.error();
    state.window = spec.value();
    return state;
}

/// The window [from, to) the request selects, `data` standing in for a missing end.
Result<TimeState> windowBetween(const TimeRequest& r, TimeSpan data, const TimeRequestNames& names) {
    TimeSpan w = data;
    if (!r.from.empty()) {
        auto from = parseTime(r.from);
        if (!from) return parseCursorField(r.from, names.from).error();
        w.begin = unitStart(from->time, from->precision);
    }
    if (!r.to.empty()) {
        auto to = parseCursorField(r.to, names.to);
        if (!to) return to.error();
        w.end = to.value();
    }
    if (!r.from.empty() && !r.to.empty() && !(w.begin < w.end))
        return bad(names.to, "'" + r.to + "' is not after " + names.from + " '" + r.from + "'");
    // An explicit [from, to) is a moving window of that length ending at `to`.
    return TimeState{
        TimeWindowSpec{WindowMode::Moving, std::max<int64_t>(0, w.end.seconds - w.begin.seconds), 0}, w.end};
}

}  // namespace

Result<TimeWindowSpec> parseWindowField(std::string_view text, const std::string& name) {
    auto spec = parseWindowLength(text);
    if (!spec)
        return bad(name,
                   "'" + std::string(text) + "' is not a window: use 12h, 7d, 1w, 1m, cumulative or all");
    return spec;
}

Result<TimePoint> parseCursorField(std::string_view text, const std::string& name) {
    auto cursor = parseCursorDate(text);
    if (!cursor) return bad(name, "'" + std::string(text) + "' is " + cursor.error().message);
    return cursor;
}

Result<TimeState> resolveTimeRequest(const TimeRequest& r, TimeSpan data, const TimeRequestNames& names) {
    const bool moving = !r.at.empty() || !r.window.empty();
    const bool range = !r.from.empty() || !r.to.empty();
    if (moving && range) {
        const std::string& name = r.from.empty() ? names.to : names.from;
        return bad(name, "'" + (r.from.empty() ? r.to : r.from) + "' cannot be combined with " + names.at +
                             " or " + names.window);
    }
    if (!r.window.empty() && r.at.empty())
        return bad(names.window, "'" + r.window + "' needs " + names.at + " DATE");
    Result<TimeState> state = TimeState{TimeWindowSpec{WindowMode::All, 0, 0}, TimePoint{}};
    if (moving) state = windowAt(r, names);
    if (range) state = windowBetween(r, data, names);
    if (!state) return state;
    for (const auto& [name, on] : {std::pair{&names.fade, r.fade}, std::pair{&names.ghosts, r.ghosts}})
        if (on && state->window.mode == WindowMode::All)
            return bad(*name, "needs a time window: give " + names.at + " DATE (with a " + names.window +
                                  " other than all), or " + names.from + "/" + names.to);
    state->fadeByAge = r.fade;
    state->showGhosts = r.ghosts;
    return state;
}

}  // namespace fp
