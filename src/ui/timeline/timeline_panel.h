#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/incident_style_sheet.h"
#include "core/time/time_histogram.h"
#include "core/time/timeline_view.h"
#include "ui/panel.h"
#include "ui/timeline/incident_time_cache.h"

namespace fp {

/// The time controls, a bar along the bottom of the map: playback buttons, step, speed and loop, the window
/// mode and options, a date field, and the timeline itself. The timeline spans the data's time range: a
/// histogram stacked by category colour whose bins follow the zoom (hours to months), multi-day incidents
/// (roadblocks) as bars above it, week- or month-precise incidents as faint bars over their whole week or
/// month, a date axis, and the current window, which can be dragged as a whole or by either edge. Wheel
/// zooms about the mouse, a drag on the background pans, a click moves the window's end to the end of the
/// clicked day (or hour, zoomed in). Shown whenever incidents are loaded.
///
/// Per frame the cost is O(bins × categories + bars drawn); the histogram and bars are rebuilt only when the
/// view or the layers change, in O(incidents near the view) (see TimeIndex, WindowCounts::candidates).
class TimelinePanel : public Panel {
public:
    const char* title() const override { return "Timeline"; }
    void draw(const UiContext& ctx, CommandList& out) override;
    /// The big current date or range on the map, top centre, over a halo so it reads on any map; nothing in
    /// "all time" mode. Also the number of incidents in the window.
    void drawMapOverlay(const UiContext& ctx, float topPx);
    /// Space plays or pauses whenever no text field has the keyboard; Left/Right step and Home/End go to the
    /// start or end only while timeKeysActive() (else they stay the map's pan and reset keys).
    void handleKeys(const UiContext& ctx, CommandList& out);

    void setStyleSheet(std::shared_ptr<const IncidentStyleSheet> sheet) { m_sheet = std::move(sheet); }
    void setTimeCache(IncidentTimeCache* cache) { m_cache = cache; }
    /// Whether the app's playback clock runs (the Play button shows Pause then).
    void setPlaying(bool playing) { m_playing = playing; }
    bool playing() const { return m_playing; }
    /// Space left at the bottom of the display (the status bar), in ImGui units; set before draw().
    void setBottomInset(float inset) { m_bottomInset = inset; }
    /// Height the bar covers (0 when not shown), for placing map furniture above it.
    float height() const { return m_shownHeight; }
    /// True while the time owns Left/Right/Home/End: the timeline is hovered or focused, or playback runs.
    bool timeKeysActive() const { return m_timeKeys; }

    // For tests and the app's start-up: the view, the date field and where things were drawn last frame.
    const TimelineView& view() const { return m_view; }
    void setView(const TimelineView& view) {
        m_view = view;
        m_viewSet = true;
    }
    std::string& dateText() { return m_dateText; }
    /// Puts the keyboard into the date field on the next frame.
    void focusDateField() { m_focusDate = true; }
    const std::string& dateError() const { return m_dateError; }
    /// Submits the date field as Enter does (tests; the panel calls it on Enter and Go).
    void submitDate(const UiContext& ctx, CommandList& out);
    /// Screen x of time `t` on the timeline drawn last frame.
    float screenX(TimePoint t) const;
    /// The timeline's canvas last frame in screen coordinates: x0, y0, x1, y1.
    const float* canvasRect() const { return m_canvas; }
    /// The Play/Pause button last frame: x0, y0, x1, y1.
    const std::array<float, 4>& playButtonRect() const { return m_playButton; }
    const Histogram* firstHistogram() const { return m_histograms.empty() ? nullptr : &m_histograms.front(); }

private:
    struct Segment {  // part of a histogram bar: `count` incidents of one category in bin `bin`
        uint32_t bin = 0;
        uint32_t color = 0;
        uint32_t count = 0;
        uint16_t layer = 0;  // index among the shown layers (m_histograms)
        uint16_t category = 0;
    };
    struct Bar {                        // a multi-day span, or an imprecise incident's whole week or month
        double begin = 0.0, end = 0.0;  // seconds
        uint32_t color = 0;
        int lane = 0;          // spans: row above the histogram
        float density = 0.f;   // imprecise: incidents per bin's width
        uint64_t layerId = 0;  // spans: which incident, for the tooltip
        uint32_t index = 0;
    };
    enum class DragKind { None, Pan, Window, BeginEdge, EndEdge };

    void drawControls(const UiContext& ctx, CommandList& out);
    void drawWindowModeControls(const UiContext& ctx, CommandList& out);
    void drawCanvas(const UiContext& ctx, CommandList& out);
    void rebuild(const UiContext& ctx, int widthPx);
    /// rebuild's steps: one layer's histogram, span bars and imprecise bars; then the stacking and lanes.
    void addLayerBins(const IncidentLayer& layer, TimeSpan visible, BinUnit unit);
    void stackSegments();
    void placeSpansInLanes();
    void stackImpreciseBars();
    void drawAxis(const UiContext& ctx, float x0, float x1, float y, float width);
    void drawWindow(const UiContext& ctx, float x0, float y0, float x1, float y1);
    /// The tooltip of the histogram bin under the mouse: its dates and counts per category.
    void binTooltip(const UiContext& ctx, double seconds) const;
    void handleCanvasMouse(const UiContext& ctx, CommandList& out, float x0, float width, bool hovered,
                           bool active);
    /// Snaps seconds to whole hours (zoomed in to hour bins) or whole UTC days.
    int64_t snap(double seconds) const;
    void emitTime(const UiContext& ctx, const TimeState& next, CommandList& out) const;

    std::shared_ptr<const IncidentStyleSheet> m_sheet = IncidentStyleSheet::shipped();
    IncidentTimeCache* m_cache = nullptr;
    IncidentTimeCache m_ownCache;  // when no shared cache was given
    bool m_playing = false;
    bool m_timeKeys = false;
    float m_bottomInset = 0.f;
    float m_shownHeight = 0.f;

    TimelineView m_view;
    bool m_viewSet = false;
    TimeSpan m_dataSeen;                        // data span the view was last fitted to
    std::optional<TimePoint> m_followedCursor;  // cursor the view last revealed

    // Cached histogram and bars, valid for m_builtFor.
    struct BuildKey {
        TimeSpan visible;
        int widthPx = 0;
        std::vector<const void*> stores;
        std::vector<std::vector<std::string>> hidden;
        bool operator==(const BuildKey&) const = default;
    };
    BuildKey m_builtFor;
    std::vector<Histogram> m_histograms;  // one per shown incident layer
    std::vector<Segment> m_segments;      // in stacking order per bin
    std::vector<Bar> m_spans;
    std::vector<Bar> m_imprecise;
    size_t m_spansNotShown = 0;
    int m_lanes = 0;
    uint32_t m_maxStack = 1;

    float m_canvas[4] = {0, 0, 0, 0};
    std::array<float, 4> m_playButton{};
    DragKind m_drag = DragKind::None;
    float m_dragStartX = 0.f;
    bool m_dragMoved = false;
    TimeState m_dragStart;
    TimeSpan m_dragStartWindow;

    std::string m_dateText;
    std::string m_dateError;
    std::string m_customText;
    std::string m_customError;
    bool m_customMode = false;
    bool m_customActive = false;  // the custom length field was being edited last frame
    bool m_focusDate = false;
};

}  // namespace fp
