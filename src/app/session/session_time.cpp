// The Session's time commands: the time state, playback settings, play and pause, stepping and seeking.
#include "app/session/session.h"

namespace fp {

template <class CursorFor>
Status Session::moveCursor(CursorFor cursorFor) {
    const TimeSpan data = m_state.dataTimeSpan();
    if (data.end <= data.begin)
        return makeError(ErrorCode::NotFound, "time", "no incidents with dates loaded");
    TimeState time = withActiveWindow(m_state.time(), m_state.playback().step, data);
    time.cursor = cursorFor(time, data);
    m_state.setTime(time);
    return {};
}

Status Session::on(const SetTimeState& set) {
    m_state.setTime(set.state);
    return {};
}

Status Session::on(const SetPlayback& set) {
    m_state.setPlayback(set.settings);
    return {};
}

Status Session::on(const Play&) {
    // From "all time" the map first gets a window to play.
    if (Status s = moveCursor([](const TimeState& time, TimeSpan) { return time.cursor; }); !s) return s;
    TimeState time = m_state.time();
    m_clock.play(time, m_state.dataTimeSpan());
    m_state.setTime(time);
    return {};
}

Status Session::on(const Pause&) {
    m_clock.pause();
    return {};
}

Status Session::on(const StepTime& step) {
    return moveCursor([&](const TimeState& time, TimeSpan data) {
        return stepCursor(time.cursor, time, m_state.playback().step, step.steps, data);
    });
}

Status Session::on(const SeekStart&) {
    return moveCursor([](const TimeState& time, TimeSpan data) { return playbackBounds(time, data).begin; });
}

Status Session::on(const SeekEnd&) {
    return moveCursor([](const TimeState& time, TimeSpan data) { return playbackBounds(time, data).end; });
}

bool Session::advancePlayback(double wallSeconds) {
    if (!m_clock.playing()) return false;
    TimeState time = m_state.time();
    if (!m_clock.advance(time, m_state.playback(), m_state.dataTimeSpan(), wallSeconds)) return false;
    m_state.setTime(time);
    return true;
}

}  // namespace fp
