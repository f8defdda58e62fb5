// The timeline proper: histogram, span and precision bars, date axis, the window and its mouse handling.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/time/playback_clock.h"
#include "core/time/time_label.h"
#include "core/time/time_window.h"
#include "ui/timeline/timeline_panel.h"

namespace fp {
namespace {

constexpr size_t kMaxBars = 4000;  // spans or imprecise bars kept per rebuild; more are summarised
constexpr int kMaxLanes = 5;
constexpr const char* kShortMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kLongMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

ImU32 toU32(const Color& c, float alpha) {
    return ImGui::ColorConvertFloat4ToU32({c.r, c.g, c.b, c.a * alpha});
}

int64_t floorDiv(int64_t a, int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

int weekday(TimePoint t) {  // 0 = Sunday; 1 January 1970 was a Thursday
    return static_cast<int>(((floorDiv(t.seconds, kSecondsPerDay) + 4) % 7 + 7) % 7);
}

/// Covered span of store row i, and whether it is a multi-day span (the histogram's rule: an end that
/// reaches beyond the unit of the start and more than a day in all).
bool multiDaySpan(const IncidentStore& s, size_t i, const TimeSpan& covered) {
    if (s.endSeconds()[i] <= s.startSeconds()[i]) return false;
    const auto p = static_cast<TimePrecision>(s.timePrecision()[i]);
    const TimeSpan single = coveredSpan(TimePoint{s.startSeconds()[i]}, TimePoint{s.startSeconds()[i]}, p);
    const int64_t length = covered.end.seconds - covered.begin.seconds;
    return length > kSecondsPerDay && length > single.end.seconds - single.begin.seconds;
}

}  // namespace

float TimelinePanel::screenX(TimePoint t) const {
    return m_canvas[0] + static_cast<float>(m_view.toPixel(t, m_canvas[2] - m_canvas[0]));
}

int64_t TimelinePanel::snap(double seconds) const {
    const bool fine = !m_histograms.empty() && m_histograms.front().unit <= BinUnit::SixHours;
    const double unit = fine ? 3600.0 : kSecondsPerDay;
    return static_cast<int64_t>(std::llround(seconds / unit)) * static_cast<int64_t>(unit);
}

void TimelinePanel::rebuild(const UiContext& ctx, int widthPx) {
    BuildKey key;
    key.visible = m_view.visible();
    key.widthPx = widthPx;
    const auto& layers = ctx.state.scene().incidentLayers;
    for (const auto& layer : layers) {
        if (!layer.data || !layer.style.visible) continue;
        key.stores.push_back(layer.data.get());
        key.hidden.push_back(layer.style.hiddenCategories);
    }
    if (key == m_builtFor && !m_histograms.empty()) return;
    m_builtFor = key;
    m_histograms.clear();
    m_segments.clear();
    m_spans.clear();
    m_imprecise.clear();
    m_spansNotShown = 0;
    m_lanes = 0;
    m_maxStack = 1;

    const BinUnit unit = chooseBinUnit(key.visible, widthPx, 12);
    for (const auto& layer : layers)
        if (layer.data && layer.style.visible) addLayerBins(layer, key.visible, unit);
    if (m_histograms.empty()) return;
    stackSegments();
    placeSpansInLanes();
    stackImpreciseBars();
}

void TimelinePanel::addLayerBins(const IncidentLayer& layer, TimeSpan visible, BinUnit unit) {
    const IncidentStore& store = *layer.data;
    Histogram h = buildHistogram(m_cache->histogramIndex(layer.data), visible, unit);
    if (h.bins() == 0) return;
    std::vector<ImU32> colour(store.categories().size());
    std::vector<uint8_t> hidden(store.categories().size(), 0);
    for (size_t c = 0; c < colour.size(); ++c) {
        const std::string& name = store.categories()[c];
        colour[c] = toU32(m_sheet->styleFor(name).color, 1.f);
        hidden[c] = std::find(layer.style.hiddenCategories.begin(), layer.style.hiddenCategories.end(),
                              name) != layer.style.hiddenCategories.end();
    }
    const TimeSpan binned{h.edges.front(), h.edges.back()};
    const double binSeconds =
        static_cast<double>(binned.end.seconds - binned.begin.seconds) / static_cast<double>(h.bins());
    const auto [first, last] = m_cache->windowCounts(layer.data).candidates(binned);
    for (size_t i = first; i < last; ++i) {
        const uint16_t c = store.categoryIndex()[i];
        const auto precision = static_cast<TimePrecision>(store.timePrecision()[i]);
        const TimeSpan covered =
            coveredSpan(TimePoint{store.startSeconds()[i]}, TimePoint{store.endSeconds()[i]}, precision);
        const auto bar = [&](float density) {
            return Bar{static_cast<double>(covered.begin.seconds),
                       static_cast<double>(covered.end.seconds),
                       colour[c],
                       0,
                       density,
                       layer.id,
                       static_cast<uint32_t>(i)};
        };
        if (precision >= TimePrecision::Week) {
            // Drawn as a faint bar over the whole week or month, not as a spike in its first bin.
            if (covered.begin >= binned.begin && covered.begin < binned.end) {
                const size_t bin = static_cast<size_t>(
                    std::upper_bound(h.edges.begin(), h.edges.end(), covered.begin) - h.edges.begin() - 1);
                uint32_t& n = h.counts[bin * h.categories + c];
                if (n > 0) --n;
            }
            if (!hidden[c] && overlaps(covered, binned) && m_imprecise.size() < kMaxBars) {
                const double length = static_cast<double>(covered.end.seconds - covered.begin.seconds);
                m_imprecise.push_back(bar(static_cast<float>(std::min(1.0, binSeconds / length))));
            }
            continue;
        }
        if (!hidden[c] && multiDaySpan(store, i, covered) && overlaps(covered, visible)) {
            if (m_spans.size() < kMaxBars)
                m_spans.push_back(bar(0.f));
            else
                ++m_spansNotShown;
        }
    }
    for (size_t b = 0; b < h.bins(); ++b)
        for (size_t c = 0; c < h.categories; ++c)
            if (!hidden[c] && h.count(b, c) > 0)
                m_segments.push_back({static_cast<uint32_t>(b), colour[c], h.count(b, c),
                                      static_cast<uint16_t>(m_histograms.size()), static_cast<uint16_t>(c)});
    m_histograms.push_back(std::move(h));
}

void TimelinePanel::stackSegments() {
    std::stable_sort(m_segments.begin(), m_segments.end(),
                     [](const Segment& a, const Segment& b) { return a.bin < b.bin; });
    std::vector<uint32_t> stack(m_histograms.front().bins(), 0);
    for (const Segment& s : m_segments) m_maxStack = std::max(m_maxStack, stack[s.bin] += s.count);
}

/// Spans into lanes, earliest first, each in the first lane free at its start.
void TimelinePanel::placeSpansInLanes() {
    std::sort(m_spans.begin(), m_spans.end(), [](const Bar& a, const Bar& b) { return a.begin < b.begin; });
    std::vector<double> laneEnd;
    std::vector<Bar> placed;
    for (Bar bar : m_spans) {
        auto lane =
            std::find_if(laneEnd.begin(), laneEnd.end(), [&](double end) { return end <= bar.begin; });
        if (lane == laneEnd.end()) {
            if (static_cast<int>(laneEnd.size()) >= kMaxLanes) {
                ++m_spansNotShown;
                continue;
            }
            laneEnd.push_back(0.0);
            lane = laneEnd.end() - 1;
        }
        *lane = bar.end;
        bar.lane = static_cast<int>(lane - laneEnd.begin());
        placed.push_back(bar);
    }
    m_spans = std::move(placed);
    m_lanes = static_cast<int>(laneEnd.size());
}

/// Incidents of the same week or month stack on each other; their stacks count towards the scale.
void TimelinePanel::stackImpreciseBars() {
    std::sort(m_imprecise.begin(), m_imprecise.end(), [](const Bar& a, const Bar& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    float running = 0.f;
    for (size_t k = 0; k < m_imprecise.size(); ++k) {
        if (k == 0 || m_imprecise[k].begin != m_imprecise[k - 1].begin ||
            m_imprecise[k].end != m_imprecise[k - 1].end)
            running = 0.f;
        m_imprecise[k].lane = static_cast<int>(running * 1000.f);  // offset below, in thousandths
        running += m_imprecise[k].density;
        m_maxStack = std::max(m_maxStack, static_cast<uint32_t>(std::ceil(running)));
    }
}

// Longer than a page on purpose: one canvas drawn back to front (grid, bars, spans, window, cursor, hover)
// with one hit-test pass; split, each part would re-derive the same pixel mapping.
void TimelinePanel::drawCanvas(const UiContext& ctx, CommandList& out) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 size{std::max(avail.x, 50.f), std::max(avail.y, 60.f * ctx.scale)};
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##timeline", size);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    const float x0 = p0.x, y0 = p0.y, x1 = p0.x + size.x, y1 = p0.y + size.y;
    m_canvas[0] = x0;
    m_canvas[1] = y0;
    m_canvas[2] = x1;
    m_canvas[3] = y1;
    const TimeSpan data = ctx.state.dataTimeSpan();
    handleCanvasMouse(ctx, out, x0, size.x, hovered, active);
    m_view.clampTo(data);
    rebuild(ctx, static_cast<int>(size.x));

    ImDrawList* list = ImGui::GetWindowDrawList();
    list->PushClipRect({x0, y0}, {x1, y1}, true);
    const ImGuiStyle& style = ImGui::GetStyle();
    list->AddRectFilled({x0, y0}, {x1, y1}, ImGui::GetColorU32(ImGuiCol_FrameBg));
    // Outside the data's range is shaded.
    const ImU32 shade = ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.12f);
    const float xd0 = screenX(data.begin), xd1 = screenX(data.end);
    if (xd0 > x0) list->AddRectFilled({x0, y0}, {xd0, y1}, shade);
    if (xd1 < x1) list->AddRectFilled({xd1, y0}, {x1, y1}, shade);

    const float line = ImGui::GetTextLineHeight();
    const float axisTop = y1 - 2.f * line - 4.f * ctx.scale;
    const float laneH = 5.f * ctx.scale, laneGap = 2.f * ctx.scale;
    const float lanesTop = y0 + 4.f * ctx.scale;
    const float plotTop = lanesTop + (m_lanes > 0 ? m_lanes * (laneH + laneGap) + 4.f * ctx.scale : 0.f);
    const float plotBottom = axisTop - 1.f;
    drawAxis(ctx, x0, x1, axisTop, size.x);

    if (!m_histograms.empty()) {
        const float unitH = (plotBottom - plotTop - 2.f) / static_cast<float>(m_maxStack);
        const double width = size.x;
        for (const Bar& bar : m_imprecise) {
            const float bx0 = x0 + static_cast<float>(m_view.toPixel(bar.begin, width));
            const float bx1 = x0 + static_cast<float>(m_view.toPixel(bar.end, width));
            const float base = plotBottom - static_cast<float>(bar.lane) / 1000.f * unitH;
            // Honest but visible: the height of its share of one bin, never thinner than a few pixels.
            const float top = base - std::max(6.f * ctx.scale, bar.density * unitH);
            const ImVec4 c = ImGui::ColorConvertU32ToFloat4(bar.color);
            list->AddRectFilled({bx0, top}, {bx1, base},
                                ImGui::ColorConvertFloat4ToU32({c.x, c.y, c.z, 0.22f}));
            list->AddRect({bx0, top}, {bx1, base}, ImGui::ColorConvertFloat4ToU32({c.x, c.y, c.z, 0.55f}));
        }
        const auto& edges = m_histograms.front().edges;
        std::vector<float> stack(edges.size(), 0.f);
        for (const Segment& s : m_segments) {
            float bx0 = screenX(edges[s.bin]), bx1 = screenX(edges[s.bin + 1]);
            if (bx1 - bx0 > 3.f) bx1 -= 1.f;  // a hairline between bins
            const float base = plotBottom - stack[s.bin];
            const float h = static_cast<float>(s.count) * unitH;
            list->AddRectFilled({bx0, base - h}, {bx1, base}, s.color);
            stack[s.bin] += h;
        }
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        for (const Bar& bar : m_spans) {
            const float bx0 = std::max(x0, x0 + static_cast<float>(m_view.toPixel(bar.begin, width)));
            const float bx1 = std::min(x1, x0 + static_cast<float>(m_view.toPixel(bar.end, width)));
            const float top = lanesTop + bar.lane * (laneH + laneGap);
            list->AddRectFilled({bx0, top}, {std::max(bx1, bx0 + 2.f), top + laneH}, bar.color, 2.f);
            if (hovered && m_drag == DragKind::None && mouse.x >= bx0 && mouse.x <= bx1 &&
                mouse.y >= top - 1.f && mouse.y <= top + laneH + 1.f) {
                for (const auto& layer : ctx.state.scene().incidentLayers) {
                    if (layer.id != bar.layerId || !layer.data) continue;
                    const std::string title(layer.data->title(bar.index));
                    ImGui::SetTooltip("%s\n%s", title.c_str(),
                                      formatWindowRange({TimePoint{static_cast<int64_t>(bar.begin)},
                                                         TimePoint{static_cast<int64_t>(bar.end)}})
                                          .c_str());
                }
            }
        }
        if (hovered && m_drag == DragKind::None && mouse.y > plotTop && mouse.y < plotBottom)
            binTooltip(ctx, m_view.toSeconds(mouse.x - x0, width));
        if (m_spansNotShown > 0) {
            char more[32];
            std::snprintf(more, sizeof more, "+%zu", m_spansNotShown);
            list->AddText({x1 - ImGui::CalcTextSize(more).x - style.FramePadding.x, lanesTop - 2.f},
                          ImGui::GetColorU32(ImGuiCol_TextDisabled), more);
        }
        // The scale: a faint line at the tallest bar's height, labelled with its count.
        char scale[32];
        std::snprintf(scale, sizeof scale, "%u", m_maxStack);
        const float maxY = plotBottom - static_cast<float>(m_maxStack) * unitH;
        list->AddLine({x0, maxY}, {x1, maxY}, ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.25f));
        list->AddText({x0 + 3.f * ctx.scale, maxY + 1.f}, ImGui::GetColorU32(ImGuiCol_TextDisabled), scale);
    }
    drawWindow(ctx, x0, y0, x1, axisTop);
    list->PopClipRect();
}

void TimelinePanel::binTooltip(const UiContext& ctx, double seconds) const {
    const auto& edges = m_histograms.front().edges;
    const TimePoint t{static_cast<int64_t>(std::floor(seconds))};
    if (t < edges.front() || t >= edges.back()) return;
    const size_t bin =
        static_cast<size_t>(std::upper_bound(edges.begin(), edges.end(), t) - edges.begin() - 1);
    std::vector<const IncidentLayer*> shown;
    for (const auto& layer : ctx.state.scene().incidentLayers)
        if (layer.data && layer.style.visible) shown.push_back(&layer);
    const auto first = std::lower_bound(m_segments.begin(), m_segments.end(), bin,
                                        [](const Segment& s, size_t b) { return s.bin < b; });
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(formatWindowRange({edges[bin], edges[bin + 1]}).c_str());
    uint32_t total = 0;
    for (auto s = first; s != m_segments.end() && s->bin == bin; ++s) {
        if (s->layer >= shown.size()) continue;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddRectFilled({at.x, at.y + 0.2f * h}, {at.x + 0.6f * h, at.y + 0.8f * h},
                                                  s->color);
        ImGui::Dummy({0.8f * h, h});
        ImGui::SameLine();
        ImGui::Text("%u  %s", s->count, shown[s->layer]->data->categories()[s->category].c_str());
        total += s->count;
    }
    if (total == 0) ImGui::TextDisabled("No incidents start here");
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.f);
    ImGui::TextDisabled(
        "Counted where each incident's time begins; week- and month-precise ones are the "
        "faint bars, multi-day spans the bars above");
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void TimelinePanel::drawAxis(const UiContext& ctx, float x0, float x1, float y, float width) {
    ImDrawList* list = ImGui::GetWindowDrawList();
    const TimeSpan visible = m_view.visible();
    const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 grid = ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.25f);
    const float line = ImGui::GetTextLineHeight();
    const float top = m_canvas[1];
    list->AddLine({x0, y}, {x1, y}, grid);

    // Minor labels at the finest calendar unit with room for a label; major labels one level up.
    const int minLabelPx = static_cast<int>(44.f * ctx.scale);
    const BinUnit minor = chooseBinUnit(visible, static_cast<int>(width), minLabelPx);
    // Years of data leave a month a few pixels: label every few months, or years, instead.
    const int stride =
        minor == BinUnit::Month ? monthLabelStride(visible, static_cast<int>(width), minLabelPx) : 1;
    char buf[48];
    for (TimePoint e : binEdges(visible, minor)) {
        const float x = screenX(e);
        if (x < x0 - 60.f || x > x1 || (minor == BinUnit::Month && !labelsMonthEdge(e, stride))) continue;
        const CivilTime c = toCivil(e);
        switch (minor) {
            case BinUnit::Hour:
            case BinUnit::SixHours:
                std::snprintf(buf, sizeof buf, "%02d:00", c.hour);
                break;
            case BinUnit::Day:
                std::snprintf(buf, sizeof buf, "%d", c.day);
                break;
            case BinUnit::Week:
                std::snprintf(buf, sizeof buf, "%d %s", c.day, kShortMonths[c.month - 1]);
                break;
            case BinUnit::Month:
                if (c.month == 1)
                    std::snprintf(buf, sizeof buf, "%d", c.year);
                else
                    std::snprintf(buf, sizeof buf, "%s", kShortMonths[c.month - 1]);
                break;
        }
        list->AddLine({x, top}, {x, y + 3.f * ctx.scale}, grid);
        if (x + 2.f * ctx.scale + ImGui::CalcTextSize(buf).x <= x1)
            list->AddText({x + 2.f * ctx.scale, y + 1.f}, faint, buf);
    }
    if (minor == BinUnit::Month) return;  // month labels name the year at each January already

    const BinUnit major = minor <= BinUnit::SixHours ? BinUnit::Day : BinUnit::Month;
    const std::vector<TimePoint> edges = binEdges(visible, major);
    for (size_t k = 0; k + 1 < edges.size(); ++k) {
        const CivilTime c = toCivil(edges[k]);
        if (major == BinUnit::Day)
            std::snprintf(buf, sizeof buf, "%s %d %s %d", kWeekdays[weekday(edges[k])], c.day,
                          kShortMonths[c.month - 1], c.year);
        else
            std::snprintf(buf, sizeof buf, "%s %d", kLongMonths[c.month - 1], c.year);
        const float xe = screenX(edges[k]);
        const float xNext = screenX(edges[k + 1]);
        // The label sticks to the left edge while its period is still on screen.
        const float textW = ImGui::CalcTextSize(buf).x;
        const float x = std::min(std::max(xe, x0) + 3.f * ctx.scale, xNext - textW - 6.f * ctx.scale);
        if (xe >= x0)
            list->AddLine({xe, top}, {xe, y + 2.f * line}, ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.6f));
        // A period too narrow on screen for its whole label gets none (no half-cut names at the edge).
        if (x >= std::max(xe, x0) && x + textW > x0 && x < x1)
            list->AddText({x, y + line + 2.f * ctx.scale}, ink, buf);
    }
}

void TimelinePanel::drawWindow(const UiContext& ctx, float x0, float y0, float x1, float y1) {
    const TimeState& time = ctx.state.time();
    if (time.window.mode == WindowMode::All) return;
    const TimeSpan window = windowAt(time, ctx.state.dataTimeSpan());
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImU32 accent = ImGui::GetColorU32(ImGuiCol_CheckMark);
    const float xa = std::max(x0 - 4.f, screenX(window.begin));
    const float xb = std::min(x1 + 4.f, screenX(window.end));
    list->AddRectFilled({xa, y0}, {xb, y1}, ImGui::GetColorU32(ImGuiCol_CheckMark, 0.16f));
    const float w = 2.f * ctx.scale;
    if (time.window.mode == WindowMode::Moving) list->AddLine({xa, y0}, {xa, y1}, accent, w);
    list->AddLine({xb, y0}, {xb, y1}, accent, w);
    // The cursor's grip: a small tab at the top of the window's end.
    const float g = 5.f * ctx.scale;
    list->AddTriangleFilled({xb - g, y0}, {xb + g, y0}, {xb, y0 + g * 1.4f}, accent);
}

void TimelinePanel::handleCanvasMouse(const UiContext& ctx, CommandList& out, float x0, float width,
                                      bool hovered, bool active) {
    const ImGuiIO& io = ImGui::GetIO();
    const TimeState& time = ctx.state.time();
    const TimeSpan data = ctx.state.dataTimeSpan();
    const float mx = io.MousePos.x - x0;
    DragKind under = DragKind::Pan;
    TimeSpan window{};
    if (time.window.mode != WindowMode::All) {
        window = windowAt(time, data);
        const float xa = static_cast<float>(m_view.toPixel(window.begin, width));
        const float xb = static_cast<float>(m_view.toPixel(window.end, width));
        const float tol = 5.f * ctx.scale;
        if (std::abs(mx - xb) <= tol)
            under = DragKind::EndEdge;
        else if (time.window.mode == WindowMode::Moving && std::abs(mx - xa) <= tol)
            under = DragKind::BeginEdge;
        else if (mx > xa && mx < xb)
            under = DragKind::Window;
    }
    if (hovered || active) {
        const DragKind shown = active ? m_drag : under;
        if (shown == DragKind::EndEdge || shown == DragKind::BeginEdge)
            ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
        else if (shown == DragKind::Window)
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    if (hovered && io.MouseWheel != 0.f)
        m_view.zoomAbout(mx, width, std::pow(1.25, static_cast<double>(io.MouseWheel)));

    if (ImGui::IsItemActivated()) {
        m_drag = under;
        m_dragStartX = io.MousePos.x;
        m_dragMoved = false;
        m_dragStart = time;
        m_dragStartWindow = window;
        if (m_playing && under != DragKind::Pan) out.push_back(Pause{});
    }
    if (active && m_drag != DragKind::None) {
        const double dx = io.MousePos.x - m_dragStartX;
        m_dragMoved |= std::abs(dx) > 2.0;
        const double spp = m_view.secondsPerPixel(width);
        TimeState next = m_dragStart;
        switch (m_drag) {
            case DragKind::Pan:
                m_view.panByPixels(io.MouseDelta.x, width);
                break;
            case DragKind::Window:
                next.cursor = TimePoint{snap(static_cast<double>(m_dragStart.cursor.seconds) + dx * spp)};
                break;
            case DragKind::EndEdge: {
                const int64_t cursor = snap(static_cast<double>(m_dragStart.cursor.seconds) + dx * spp);
                if (next.window.mode == WindowMode::Moving) {
                    const int64_t begin = m_dragStartWindow.begin.seconds;
                    next.cursor = TimePoint{std::max(cursor, begin + 3600)};
                    next.window = {WindowMode::Moving, next.cursor.seconds - begin, 0};
                } else {
                    next.cursor = TimePoint{cursor};
                }
                break;
            }
            case DragKind::BeginEdge: {
                const int64_t begin =
                    std::min(snap(static_cast<double>(m_dragStartWindow.begin.seconds) + dx * spp),
                             m_dragStart.cursor.seconds - 3600);
                next.window = {WindowMode::Moving, m_dragStart.cursor.seconds - begin, 0};
                break;
            }
            case DragKind::None:
                break;
        }
        if (m_drag != DragKind::Pan && m_dragMoved) emitTime(ctx, next, out);
    }
    if (ImGui::IsItemDeactivated()) {
        // A click (no drag) on the background moves the window's end to the end of the clicked day or hour.
        // From all time, the click also switches to a moving window one step long (see emitTime).
        if (m_drag == DragKind::Pan && !m_dragMoved) {
            const bool fine = !m_histograms.empty() && m_histograms.front().unit <= BinUnit::SixHours;
            const int64_t unit = fine ? 3600 : kSecondsPerDay;
            const int64_t t = static_cast<int64_t>(std::floor(m_view.toSeconds(mx, width)));
            TimeState next = time;
            next.cursor = TimePoint{(t >= 0 ? t / unit : (t - unit + 1) / unit) * unit + unit};
            if (next.window.mode == WindowMode::All)
                next.window = withActiveWindow(next, ctx.state.playback().step, data).window;
            emitTime(ctx, next, out);
        }
        m_drag = DragKind::None;
    }
}

}  // namespace fp
