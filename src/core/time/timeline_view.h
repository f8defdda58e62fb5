#pragma once

#include "core/time/time_point.h"

namespace fp {

/// The span of time a timeline shows across its width, and the mapping between time and pixels. Seconds are
/// kept as doubles so that zoom and pan move smoothly by fractions of a second; whole seconds come out of
/// visible(). Pixels are measured from the timeline's left edge.
class TimelineView {
public:
    /// Shortest visible span: one hour.
    static constexpr double kMinSeconds = 3600.0;

    TimelineView() = default;
    /// Shows `span` (at least kMinSeconds, centred on it when shorter).
    explicit TimelineView(TimeSpan span) { show(span); }

    /// Shows `span` exactly (widened about its centre to kMinSeconds when shorter).
    void show(TimeSpan span);
    /// What is visible, rounded outwards to whole seconds.
    TimeSpan visible() const;
    double beginSeconds() const { return m_begin; }
    double endSeconds() const { return m_end; }
    double lengthSeconds() const { return m_end - m_begin; }

    /// Pixel x of time `t` for a timeline `widthPx` wide (outside [0, widthPx] when off screen).
    double toPixel(TimePoint t, double widthPx) const {
        return toPixel(static_cast<double>(t.seconds), widthPx);
    }
    double toPixel(double seconds, double widthPx) const;
    /// Time at pixel x (seconds since the epoch, fractional).
    double toSeconds(double x, double widthPx) const;
    /// Seconds per pixel.
    double secondsPerPixel(double widthPx) const { return widthPx > 0 ? lengthSeconds() / widthPx : 0.0; }

    /// Zooms by `factor` (> 1 zooms in, showing less time) keeping the time under pixel `x` where it is.
    void zoomAbout(double x, double widthPx, double factor);
    /// Moves the view so the content follows a drag of `dxPx` pixels (positive: dragged right, earlier time
    /// comes into view).
    void panByPixels(double dxPx, double widthPx);
    /// Pans (never zooms) the least that brings `span` into view with `marginFraction` of the view to spare
    /// on its side; a span longer than the view gets its end shown. Nothing moves when it is already in view.
    void reveal(TimeSpan span, double marginFraction = 0.05);
    /// Keeps the view sensible for data spanning `data`: no shorter than kMinSeconds, no longer than four
    /// times the data (or 30 days when the data is shorter), and never so far off that the data leaves the
    /// view entirely: at least a quarter of the view stays over the data. Pans rather than zooms to comply.
    void clampTo(TimeSpan data);

private:
    double m_begin = 0.0;
    double m_end = kSecondsPerDay;
};

}  // namespace fp
