#include "ui/timeline/timeline_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/time/playback_clock.h"
#include "core/time/time_label.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace fp {
namespace {

constexpr float kBarHeight = 200.f;  // logical pixels

/// Playback speeds offered by the slider, in simulated seconds per second: a log-like ladder of round values
/// from 1 hour to 30 days per second.
constexpr double kSpeeds[] = {3600,
                              2 * 3600,
                              3 * 3600,
                              6 * 3600,
                              12 * 3600,
                              kSecondsPerDay,
                              2 * kSecondsPerDay,
                              3 * kSecondsPerDay,
                              5 * kSecondsPerDay,
                              7 * kSecondsPerDay,
                              14 * kSecondsPerDay,
                              30 * kSecondsPerDay};
constexpr int kSpeedCount = static_cast<int>(std::size(kSpeeds));

int speedIndex(double speed) {
    int best = 0;
    for (int i = 1; i < kSpeedCount; ++i)
        if (std::abs(std::log(kSpeeds[i] / speed)) < std::abs(std::log(kSpeeds[best] / speed))) best = i;
    return best;
}

std::string speedLabel(double speed) {
    char buf[32];
    if (speed < kSecondsPerDay)
        std::snprintf(buf, sizeof buf, "%g h/s", speed / 3600.0);
    else
        std::snprintf(buf, sizeof buf, "%g d/s", speed / kSecondsPerDay);
    return buf;
}

/// Window modes in the order of the combo.
enum class ModeChoice { Day, Week, Month, Custom, Cumulative, All };
constexpr const char* kModeNames[] = {"1 day", "1 week", "1 month", "Custom", "Cumulative", "All time"};

ModeChoice modeChoice(const TimeWindowSpec& w, bool custom) {
    if (w.mode == WindowMode::All) return ModeChoice::All;
    if (w.mode == WindowMode::Cumulative) return ModeChoice::Cumulative;
    if (custom) return ModeChoice::Custom;
    if (w.months == 1) return ModeChoice::Month;
    if (w.months == 0 && w.seconds == kSecondsPerDay) return ModeChoice::Day;
    if (w.months == 0 && w.seconds == 7 * kSecondsPerDay) return ModeChoice::Week;
    return ModeChoice::Custom;
}

/// "12h", "10d", "2w", "3m": a Moving window's length as parseWindowLength reads it.
std::string formatWindowLength(const TimeWindowSpec& w) {
    if (w.months > 0) return std::to_string(w.months) + "m";
    if (w.seconds % (7 * kSecondsPerDay) == 0) return std::to_string(w.seconds / (7 * kSecondsPerDay)) + "w";
    if (w.seconds % kSecondsPerDay == 0) return std::to_string(w.seconds / kSecondsPerDay) + "d";
    if (w.seconds % 3600 == 0) return std::to_string(w.seconds / 3600) + "h";
    return std::to_string(std::max<int64_t>(1, w.seconds / 3600)) + "h";
}

constexpr const char* kStepNames[] = {"hour", "day", "week", "month"};

}  // namespace

void TimelinePanel::draw(const UiContext& ctx, CommandList& out) {
    m_timeKeys = false;
    m_shownHeight = 0.f;
    const TimeSpan data = ctx.state.dataTimeSpan();
    if (!m_open || data.end <= data.begin) return;
    if (!m_cache) m_cache = &m_ownCache;
    m_cache->prune(ctx.state.scene());

    // The first time (and whenever the data's range changes) the view shows all of it, with a little room.
    if (!m_viewSet || !(m_dataSeen == data)) {
        // A view set from outside (setView) is kept; loading or removing incidents shows the new range.
        if (!m_viewSet || m_dataSeen.end > m_dataSeen.begin) {
            const int64_t pad = std::max<int64_t>(3600, (data.end.seconds - data.begin.seconds) / 50);
            m_view.show({TimePoint{data.begin.seconds - pad}, TimePoint{data.end.seconds + pad}});
        }
        m_viewSet = true;
        m_dataSeen = data;
    }

    // The view follows the window when the cursor moves by other means than dragging it here (playback,
    // steps, Go to, --at): it pans just enough to keep the window in sight.
    const TimeState& time = ctx.state.time();
    if (time.window.mode != WindowMode::All && m_followedCursor != time.cursor && m_drag == DragKind::None)
        m_view.reveal(windowAt(time, data));
    m_followedCursor = time.cursor;

    const ImGuiIO& io = ImGui::GetIO();
    const float height = std::min(kBarHeight * ctx.scale, io.DisplaySize.y * 0.5f);
    ImGui::SetNextWindowPos({0.f, io.DisplaySize.y - m_bottomInset}, ImGuiCond_Always, {0.f, 1.f});
    ImGui::SetNextWindowSize({io.DisplaySize.x, height}, ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(1.f);  // the map must not show through the histogram
    const ImGuiWindowFlags flags =
        ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
        ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollbar |
        ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBringToFrontOnFocus;
    if (ImGui::Begin(title(), nullptr, flags)) {
        drawControls(ctx, out);
        drawCanvas(ctx, out);
        m_timeKeys = m_playing ||
                     ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows |
                                            ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) ||
                     ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows);
    }
    ImGui::End();
    m_shownHeight = height;
}

void TimelinePanel::emitTime(const UiContext& ctx, const TimeState& next, CommandList& out) const {
    TimeState s = next;
    // Leaving "all time" with the cursor still outside the data would show an empty map: start at the start.
    if (ctx.state.time().window.mode == WindowMode::All && s.window.mode != WindowMode::All)
        s = withActiveWindow(s, ctx.state.playback().step, ctx.state.dataTimeSpan());
    if (!(s == ctx.state.time())) out.push_back(SetTimeState{s});
}

// Longer than a page on purpose: the playback bar's widgets in their on-screen order.
void TimelinePanel::drawControls(const UiContext& ctx, CommandList& out) {
    const TimeState& time = ctx.state.time();
    PlaybackSettings playback = ctx.state.playback();
    bool playbackChanged = false;

    if (ImGui::Button("\xC2\xAB")) out.push_back(SeekStart{});
    itemTooltip("Go to the start (Home)");
    ImGui::SameLine();
    if (ImGui::Button("\xE2\x80\xB9")) out.push_back(StepTime{-1});
    itemTooltip("Step back (Left)");
    ImGui::SameLine();
    const float playWidth = ImGui::CalcTextSize("Pause").x + 2.f * ImGui::GetStyle().FramePadding.x;
    if (ImGui::Button(m_playing ? "Pause" : "Play", {playWidth, 0.f})) {
        if (m_playing)
            out.push_back(Pause{});
        else
            out.push_back(Play{});
    }
    m_playButton = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                    ImGui::GetItemRectMax().y};
    itemTooltip(m_playing ? "Pause (Space)" : "Play from the cursor (Space)");
    ImGui::SameLine();
    if (ImGui::Button("\xE2\x80\xBA")) out.push_back(StepTime{1});
    itemTooltip("Step forward (Right)");
    ImGui::SameLine();
    if (ImGui::Button("\xC2\xBB")) out.push_back(SeekEnd{});
    itemTooltip("Go to the end (End)");

    sameLineIfFits(150.f * ctx.scale);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Step");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(80.f * ctx.scale);
    int unit = static_cast<int>(playback.step.unit);
    if (ImGui::Combo("##step", &unit, kStepNames, 4)) {
        playback.step = {static_cast<StepUnit>(unit), 1};
        playbackChanged = true;
    }
    itemTooltip("How far the step buttons and Left/Right move the cursor");

    sameLineIfFits(200.f * ctx.scale);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Speed");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110.f * ctx.scale);
    int speed = speedIndex(playback.speed);
    if (ImGui::SliderInt("##speed", &speed, 0, kSpeedCount - 1, "", ImGuiSliderFlags_NoInput)) {
        playback.speed = kSpeeds[speed];
        playbackChanged = true;
    }
    itemTooltip("Simulated time per second of playback, from 1 hour (h/s) to 30 days (d/s) per second");
    ImGui::SameLine();
    const std::string label = speedLabel(kSpeeds[speed]);
    ImGui::TextUnformatted(label.c_str());
    // A fixed width for the label, so the controls after it do not shift as the speed changes.
    ImGui::SameLine(0.f, 0.f);
    ImGui::Dummy(
        {std::max(0.f, ImGui::CalcTextSize("30 d/s").x - ImGui::CalcTextSize(label.c_str()).x), 1.f});
    ImGui::SameLine();
    playbackChanged |= ImGui::Checkbox("Loop", &playback.loop);
    itemTooltip("At the end, play again from the start");
    if (playbackChanged) out.push_back(SetPlayback{playback});

    drawWindowModeControls(ctx, out);

    sameLineIfFits(260.f * ctx.scale);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Go to");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(130.f * ctx.scale);
    if (m_focusDate) {
        ImGui::SetKeyboardFocusHere();
        m_focusDate = false;
    }
    if (ImGui::InputTextWithHint("##date", "YYYY-MM-DD", &m_dateText, ImGuiInputTextFlags_EnterReturnsTrue))
        submitDate(ctx, out);
    if (ImGui::IsItemEdited()) m_dateError.clear();
    itemTooltip(
        "Type a date (2022-12-20) or a time (2022-12-20 14:30, UTC) and press Enter: the window ends "
        "with that day or at that time");
    if (!m_dateError.empty()) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Error, ctx.theme));
        ImGui::TextUnformatted(m_dateError.c_str());
        ImGui::PopStyleColor();
    }
    (void)time;
}

void TimelinePanel::drawWindowModeControls(const UiContext& ctx, CommandList& out) {
    const TimeState& time = ctx.state.time();
    sameLineIfFits(330.f * ctx.scale);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Window");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(100.f * ctx.scale);
    const ModeChoice current = modeChoice(time.window, m_customMode);
    if (ImGui::BeginCombo("##mode", kModeNames[static_cast<int>(current)])) {
        for (int i = 0; i < 6; ++i) {
            if (!ImGui::Selectable(kModeNames[i], i == static_cast<int>(current))) continue;
            TimeState next = time;
            const auto choice = static_cast<ModeChoice>(i);
            m_customMode = choice == ModeChoice::Custom;
            switch (choice) {
                case ModeChoice::Day:
                    next.window = {WindowMode::Moving, kSecondsPerDay, 0};
                    break;
                case ModeChoice::Week:
                    next.window = {WindowMode::Moving, 7 * kSecondsPerDay, 0};
                    break;
                case ModeChoice::Month:
                    next.window = {WindowMode::Moving, 0, 1};
                    break;
                case ModeChoice::Custom:
                    if (next.window.mode != WindowMode::Moving)
                        next.window = {WindowMode::Moving, kSecondsPerDay, 0};
                    m_customText = formatWindowLength(next.window);
                    m_customError.clear();
                    break;
                case ModeChoice::Cumulative:
                    next.window.mode = WindowMode::Cumulative;
                    break;
                case ModeChoice::All:
                    next.window.mode = WindowMode::All;
                    break;
            }
            emitTime(ctx, next, out);
        }
        ImGui::EndCombo();
    }
    itemTooltip(
        "Which incidents the map shows: those of a moving window ending at the cursor, all up to the "
        "cursor (cumulative), or all of them");
    if (current == ModeChoice::Custom) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(55.f * ctx.scale);
        // Not being typed in: show the window's length (it also changes by dragging the window's edges).
        if (!m_customActive && m_customError.empty()) m_customText = formatWindowLength(time.window);
        if (ImGui::InputTextWithHint("##length", "10d", &m_customText,
                                     ImGuiInputTextFlags_EnterReturnsTrue)) {
            auto spec = parseWindowLength(m_customText);
            if (!spec || spec->mode != WindowMode::Moving) {
                m_customError = "use e.g. 12h, 10d, 2w, 3m";
            } else {
                TimeState next = time;
                next.window = spec.value();
                emitTime(ctx, next, out);
            }
        }
        if (ImGui::IsItemEdited()) m_customError.clear();
        m_customActive = ImGui::IsItemActive();
        itemTooltip(
            "Window length: hours (12h), days (10d), weeks (2w) or calendar months (3m); Enter applies");
        if (!m_customError.empty()) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Error, ctx.theme));
            ImGui::TextUnformatted(m_customError.c_str());
            ImGui::PopStyleColor();
        }
    }
    sameLineIfFits(170.f * ctx.scale);
    TimeState next = time;
    bool changed = ImGui::Checkbox("Fade by age", &next.fadeByAge);
    itemTooltip("Older incidents in the window fade instead of all being equally strong");
    ImGui::SameLine();
    changed |= ImGui::Checkbox("Ghosts", &next.showGhosts);
    itemTooltip("Incidents outside the window stay on the map as faint ghosts");
    if (changed) emitTime(ctx, next, out);
}

void TimelinePanel::submitDate(const UiContext& ctx, CommandList& out) {
    auto cursor = parseCursorDate(trimBlanks(m_dateText));
    if (!cursor) {
        m_dateError = "Not a date: type YYYY-MM-DD, optionally with a time";
        return;
    }
    m_dateError.clear();
    TimeState next = ctx.state.time();
    if (next.window.mode == WindowMode::All)
        next.window = withActiveWindow(next, ctx.state.playback().step, ctx.state.dataTimeSpan()).window;
    next.cursor = cursor.value();
    out.push_back(SetTimeState{next});
    // Bring the date into view when it is off the timeline.
    const double t = static_cast<double>(cursor->seconds);
    if (t < m_view.beginSeconds() || t > m_view.endSeconds()) {
        const double half = 0.5 * m_view.lengthSeconds();
        m_view.show({TimePoint{static_cast<int64_t>(t - half)}, TimePoint{static_cast<int64_t>(t + half)}});
    }
}

void TimelinePanel::handleKeys(const UiContext& ctx, CommandList& out) {
    const ImGuiIO& io = ImGui::GetIO();
    const TimeSpan data = ctx.state.dataTimeSpan();
    if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper || data.end <= data.begin || !m_open)
        return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) {
        if (m_playing)
            out.push_back(Pause{});
        else
            out.push_back(Play{});
    }
    if (!m_timeKeys) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow), true)) out.push_back(StepTime{-1});
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow), true)) out.push_back(StepTime{1});
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) out.push_back(SeekStart{});
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false)) out.push_back(SeekEnd{});
}

void TimelinePanel::drawMapOverlay(const UiContext& ctx, float topPx) {
    const TimeState& time = ctx.state.time();
    const TimeSpan data = ctx.state.dataTimeSpan();
    if (!m_open || time.window.mode == WindowMode::All || data.end <= data.begin) return;
    const TimeSpan window = windowAt(time, data);
    const WindowHeadline headline = windowHeadline(window, time.window.mode == WindowMode::Cumulative);
    const std::string& text = headline.title;
    size_t shown = 0;
    if (m_cache)
        for (const auto& layer : ctx.state.scene().incidentLayers)
            if (layer.data && layer.style.visible) shown += m_cache->windowCounts(layer.data).total(window);
    char sub[160];
    std::snprintf(sub, sizeof sub, "%s%s%zu incident%s in the window%s", headline.detail.c_str(),
                  headline.detail.empty() ? "" : " \xC2\xB7 ", shown, shown == 1 ? "" : "s",
                  m_playing ? " \xC2\xB7 playing" : "");

    ImDrawList* list = ImGui::GetBackgroundDrawList();
    ImFont* big = uiLargeFont();
    float bigSize = big->FontSize * ImGui::GetIO().FontGlobalScale * (big == ImGui::GetFont() ? 2.f : 1.f);
    ImVec2 bigExtent = big->CalcTextSizeA(bigSize, 1e9f, 0.f, text.c_str());
    // Long ranges (to the minute) shrink to stay inside the map, clear of the side bars.
    const float display = ImGui::GetIO().DisplaySize.x;
    const float maxWidth =
        ctx.map.w > 0.f ? 0.9f * ctx.map.w : std::max(0.35f * display, display - 900.f * ctx.scale);
    if (bigExtent.x > maxWidth) {
        bigSize *= std::max(0.5f, maxWidth / bigExtent.x);
        bigExtent = big->CalcTextSizeA(bigSize, 1e9f, 0.f, text.c_str());
    }
    const ImVec2 subExtent = ImGui::CalcTextSize(sub);
    const float pad = 10.f * ctx.scale;
    const float w = std::max(bigExtent.x, subExtent.x) + 2.f * pad;
    const float h = bigExtent.y + subExtent.y + 2.f * pad;
    const float cx = ctx.map.w > 0.f ? ctx.map.x + ctx.map.w * 0.5f : ImGui::GetIO().DisplaySize.x * 0.5f;
    const ImVec2 a{cx - 0.5f * w, topPx + 8.f * ctx.scale};
    const bool dark = ctx.theme == Theme::Dark;
    list->AddRectFilled(a, {a.x + w, a.y + h},
                        dark ? IM_COL32(20, 26, 32, 215) : IM_COL32(255, 255, 255, 220), 6.f * ctx.scale);
    list->AddRect(a, {a.x + w, a.y + h}, dark ? IM_COL32(255, 255, 255, 40) : IM_COL32(0, 0, 0, 45),
                  6.f * ctx.scale);
    const ImU32 ink = dark ? IM_COL32(240, 244, 248, 255) : IM_COL32(20, 24, 28, 255);
    list->AddText(big, bigSize, {cx - 0.5f * bigExtent.x, a.y + pad}, ink, text.c_str());
    list->AddText({cx - 0.5f * subExtent.x, a.y + pad + bigExtent.y},
                  dark ? IM_COL32(200, 208, 216, 255) : IM_COL32(70, 76, 84, 255), sub);
}

}  // namespace fp
