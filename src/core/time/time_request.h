#pragma once

#include <string>
#include <string_view>

#include "core/time/time_point.h"
#include "core/time/time_window.h"
#include "core/util/result.h"

namespace fp {

/// What the user asked to see in time, as typed: the time flags of `render`, `animate` and `gui` (and the
/// fields of any dialog that asks the same). One meaning everywhere:
/// - `at` alone: the whole UTC day (or hour, minute) `at` falls in, e.g. "2022-12-20" shows that day;
/// - `at` with `window`: a window of that length (parseWindowLength) ending with the day `at` names (a date
///   with a time: ending at that instant); "cumulative" runs from the start of the data, "all" shows all;
/// - `from` and/or `to`: the window [from, to), a date `to` including its whole day; one of them alone runs
///   to (from) the end (start) of the data;
/// - `fade`, `ghosts`: in-window incidents fade with age, out-of-window ones are drawn as ghosts (both need
///   a window).
struct TimeRequest {
    std::string at;
    std::string window;
    std::string from;
    std::string to;
    bool fade = false;
    bool ghosts = false;
    /// True when any field selects a window (at, window, from or to).
    bool selectsWindow() const { return !at.empty() || !window.empty() || !from.empty() || !to.empty(); }
};

/// What the caller calls each field of a TimeRequest in its messages (the CLI: "--at", ...; a dialog: its
/// labels). Errors name the field this way and never a flag of their own.
struct TimeRequestNames {
    std::string at = "at";
    std::string window = "window";
    std::string from = "from";
    std::string to = "to";
    std::string fade = "fade";
    std::string ghosts = "ghosts";
};

/// The time state `request` selects (WindowMode::All when it selects no window), with `data` the range of
/// the incidents (used by `from` or `to` alone and not needed otherwise). InvalidArgument naming the field
/// (`names`) and what was typed for a malformed date or window, `window` without `at`, `at` or `window`
/// combined with `from` or `to`, `to` not after `from`, and `fade` or `ghosts` without a window.
Result<TimeState> resolveTimeRequest(const TimeRequest& request, TimeSpan data,
                                     const TimeRequestNames& names = {});

/// The window length `text` names (parseWindowLength), or InvalidArgument naming `name` and the text with
/// the lengths it may be.
Result<TimeWindowSpec> parseWindowField(std::string_view text, const std::string& name);

/// The cursor a typed date puts the time at (parseCursorDate: the end of a date's day, or the time typed),
/// with an error naming `name` (a field, a flag) and the text.
Result<TimePoint> parseCursorField(std::string_view text, const std::string& name);

}  // namespace fp
