#pragma once

#include "core/time/playback.h"
#include "core/time/time_window.h"

namespace fp {

/// The cursor positions playback runs between for `state` over the data's time range `data`: the end is
/// data.end (the last window holds the last incidents); the start is the first cursor whose window holds the
/// first incidents whole: data.begin plus the window length for a Moving window, the end of data.begin's UTC
/// day for Cumulative and All. Both are data.begin when `data` is empty; the start never passes the end.
TimeSpan playbackBounds(const TimeState& state, TimeSpan data);

/// `cursor` moved by `steps` steps (see stepTime) and clamped to playbackBounds: a step never leaves the
/// data's range, and a cursor outside it is first brought back in.
TimePoint stepCursor(TimePoint cursor, const TimeState& state, TimeStep step, int steps, TimeSpan data);

/// `state` ready for playing or stepping: "all time" becomes a moving window one `step` long (calendar
/// months stay months), and a cursor outside playbackBounds moves to its start. Anything else is kept.
TimeState withActiveWindow(TimeState state, TimeStep step, TimeSpan data);

/// The player: whether playback runs, and the cursor's advance by wall-clock time. Speed and step live in
/// PlaybackSettings, the cursor in TimeState, so changing either keeps the position; the clock only adds
/// speed × elapsed wall-clock seconds (never a fixed amount per frame), carrying fractions of a second over
/// so that slow speeds at high frame rates still advance exactly.
class PlaybackClock {
public:
    bool playing() const { return m_playing; }
    /// Starts playing. At (or past) the end of playbackBounds the cursor first goes back to the start, so
    /// Play after the end replays rather than doing nothing.
    void play(TimeState& state, TimeSpan data);
    void pause() {
        m_playing = false;
        m_carry = 0.0;
    }
    /// Play or pause, whichever is not the case.
    void toggle(TimeState& state, TimeSpan data) { m_playing ? pause() : play(state, data); }

    /// While playing, moves state.cursor forward by `wallSeconds` × settings.speed simulated seconds. Past
    /// the end of playbackBounds it loops to the start (settings.loop, carrying the overshoot modulo the
    /// range) or stops at the end and pauses. Returns true when the cursor changed. Negative or non-finite
    /// `wallSeconds` (a clock going backwards) advance nothing.
    bool advance(TimeState& state, const PlaybackSettings& settings, TimeSpan data, double wallSeconds);

private:
    bool m_playing = false;
    double m_carry = 0.0;  ///< simulated seconds not yet added to the whole-second cursor, in [0, 1)
};

}  // namespace fp
