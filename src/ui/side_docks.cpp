#include "ui/side_docks.h"

#include <imgui.h>

#include <algorithm>

namespace fp {

void SideDocks::setWidth(DockSide side, float logicalPx) {
    m_width[idx(side)] = std::max(kMinWidth, logicalPx);
}

void SideDocks::layout(float displayWidth, float top, float bottom, float scale, int leftPanels,
                       int rightPanels) {
    m_scale = scale;
    m_panels = {leftPanels, rightPanels};
    const float height = std::max(0.f, bottom - top);
    const float handle = kHandleWidth * scale;
    // On a narrow window the bars give way first: each keeps at most kMaxShare of the width.
    const float maxPanel = std::max(kMinWidth * scale * 0.5f, displayWidth * kMaxShare - handle);
    float widths[2] = {0.f, 0.f};
    for (size_t i = 0; i < 2; ++i) {
        if (m_panels[i] <= 0) continue;
        widths[i] = m_collapsed[i] ? handle : std::min(m_width[i] * scale, maxPanel) + handle;
    }
    m_bars[0] = {0.f, top, widths[0], height};
    m_bars[1] = {displayWidth - widths[1], top, widths[1], height};
    m_map = {widths[0], top, std::max(0.f, displayWidth - widths[0] - widths[1]), height};
}

UiRect SideDocks::slot(DockSide side, int index) const {
    const size_t i = idx(side);
    const int count = m_panels[i];
    if (m_collapsed[i] || index < 0 || index >= count) return {};
    const UiRect& b = m_bars[i];
    const float handle = kHandleWidth * m_scale;
    // The handle strip is on the map side of the panels.
    const float x = side == DockSide::Left ? b.x : b.x + handle;
    const float w = b.w - handle;
    if (count == 1) return {x, b.y, w, b.h};
    // The first panel takes its share, the others split the rest evenly.
    const float first = b.h * m_firstShare;
    if (index == 0) return {x, b.y, w, first};
    const float each = (b.h - first) / static_cast<float>(count - 1);
    return {x, b.y + first + each * static_cast<float>(index - 1), w, each};
}

void SideDocks::drawHandles() {
    for (DockSide side : {DockSide::Left, DockSide::Right})
        if (m_panels[idx(side)] > 0) drawHandle(side);
}

void SideDocks::drawHandle(DockSide side) {
    const size_t i = idx(side);
    const UiRect& b = m_bars[i];
    const float handle = kHandleWidth * m_scale;
    const float x = side == DockSide::Left ? b.right() - handle : b.x;
    ImGui::SetNextWindowPos({x, b.y}, ImGuiCond_Always);
    ImGui::SetNextWindowSize({handle, b.h}, ImGuiCond_Always);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0.f, 4.f * m_scale});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, {1.f, 1.f});
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, {2.f * m_scale, 6.f * m_scale});
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse;
    const char* name = side == DockSide::Left ? "##dock_left" : "##dock_right";
    if (ImGui::Begin(name, nullptr, flags)) {
        // The arrow points where the bar goes: towards the edge to collapse, towards the map to expand.
        const bool pointsLeft = (side == DockSide::Left) != m_collapsed[i];
        const char* arrow = pointsLeft ? "\xE2\x80\xB9##toggle" : "\xE2\x80\xBA##toggle";
        if (ImGui::Button(arrow, {handle, 0.f})) m_collapsed[i] = !m_collapsed[i];
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(m_collapsed[i] ? "Show the side panels" : "Hide the side panels (more map)");
        if (!m_collapsed[i]) {
            // The rest of the strip resizes the bar.
            const ImVec2 avail = ImGui::GetContentRegionAvail();
            ImGui::InvisibleButton("##resize", {handle, std::max(1.f, avail.y)});
            if (ImGui::IsItemHovered() || ImGui::IsItemActive())
                ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
            if (ImGui::IsItemActive() && ImGui::GetIO().MouseDelta.x != 0.f) {
                const float dx = ImGui::GetIO().MouseDelta.x / m_scale;
                setWidth(side, m_width[i] + (side == DockSide::Left ? dx : -dx));
            }
        }
    }
    ImGui::End();
    ImGui::PopStyleVar(3);
}

void SideDocks::pinWindow(const char* title, const UiRect& rect, bool& open) {
    ImGui::SetNextWindowPos({rect.x, rect.y}, ImGuiCond_Always);
    ImGui::SetNextWindowSize({rect.w, rect.h}, ImGuiCond_Always);
    ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    bg.w = 1.f;
    ImGui::PushStyleColor(ImGuiCol_WindowBg, bg);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.f);
    // The first Begin of a frame decides the window's flags, title bar and background; the panel's own Begin
    // then appends its contents.
    ImGui::Begin(title, &open,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

}  // namespace fp
