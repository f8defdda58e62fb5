#include "core/time/timeline_view.h"

#include <algorithm>
#include <cmath>

namespace fp {

void TimelineView::show(TimeSpan span) {
    m_begin = static_cast<double>(span.begin.seconds);
    m_end = static_cast<double>(span.end.seconds);
    if (m_end - m_begin < kMinSeconds) {
        const double centre = 0.5 * (m_begin + m_end);
        m_begin = centre - 0.5 * kMinSeconds;
        m_end = centre + 0.5 * kMinSeconds;
    }
}

TimeSpan TimelineView::visible() const {
    return {TimePoint{static_cast<int64_t>(std::floor(m_begin))},
            TimePoint{static_cast<int64_t>(std::ceil(m_end))}};
}

double TimelineView::toPixel(double seconds, double widthPx) const {
    return (seconds - m_begin) / lengthSeconds() * widthPx;
}

double TimelineView::toSeconds(double x, double widthPx) const {
    return widthPx > 0 ? m_begin + x / widthPx * lengthSeconds() : m_begin;
}

void TimelineView::zoomAbout(double x, double widthPx, double factor) {
    if (!(factor > 0.0) || !std::isfinite(factor) || widthPx <= 0) return;
    const double anchor = toSeconds(x, widthPx);
    const double length = std::max(kMinSeconds, lengthSeconds() / factor);
    const double fraction = x / widthPx;
    m_begin = anchor - fraction * length;
    m_end = m_begin + length;
}

void TimelineView::panByPixels(double dxPx, double widthPx) {
    const double shift = dxPx * secondsPerPixel(widthPx);
    m_begin -= shift;
    m_end -= shift;
}

void TimelineView::reveal(TimeSpan span, double marginFraction) {
    const double length = lengthSeconds();
    const double margin = marginFraction * length;
    const double begin = static_cast<double>(span.begin.seconds);
    const double end = static_cast<double>(span.end.seconds);
    double shift = 0.0;
    if (end > m_end - margin)
        shift = end + margin - m_end;
    else if (begin < m_begin + margin)
        shift = begin - margin - m_begin;
    // Too long to show whole: its end (the cursor) wins.
    if (end - begin > length - 2.0 * margin) shift = end + margin - m_end;
    m_begin += shift;
    m_end += shift;
}

void TimelineView::clampTo(TimeSpan data) {
    const double dataBegin = static_cast<double>(data.begin.seconds);
    const double dataEnd = static_cast<double>(std::max(data.end, data.begin).seconds);
    const double dataLength = dataEnd - dataBegin;
    const double maxLength = std::max(4.0 * dataLength, 30.0 * kSecondsPerDay);
    double length = std::clamp(lengthSeconds(), kMinSeconds, maxLength);
    if (length != lengthSeconds()) {
        const double centre = 0.5 * (m_begin + m_end);
        m_begin = centre - 0.5 * length;
        m_end = centre + 0.5 * length;
    }
    // A quarter of the view (or all the data, when it is shorter) stays over the data.
    const double keep = std::min(0.25 * length, dataLength);
    if (m_end < dataBegin + keep) {
        m_end = dataBegin + keep;
        m_begin = m_end - length;
    }
    if (m_begin > dataEnd - keep) {
        m_begin = dataEnd - keep;
        m_end = m_begin + length;
    }
}

}  // namespace fp
