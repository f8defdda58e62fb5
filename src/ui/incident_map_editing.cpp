#include "ui/incident_map_editing.h"

#include <imgui.h>

#include <chrono>
#include <cmath>

namespace fp {

namespace {

LonLat lonLatAt(const MapState& state, ScreenXY at) {
    return state.projection().unproject(state.view().toMap(at));
}

ScreenXY mouseInPhysicalPixels() {
    const ImGuiIO& io = ImGui::GetIO();
    return {static_cast<double>(io.MousePos.x) * io.DisplayFramebufferScale.x,
            static_cast<double>(io.MousePos.y) * io.DisplayFramebufferScale.y};
}

}  // namespace

TimePoint lookedAtTime(const MapState& state) {
    const TimeState& t = state.time();
    const TimeSpan data = state.dataTimeSpan();
    // The window ends just before the cursor ([cursor - length, cursor)): its last second is the day shown,
    // where the cursor's own second may be the next day, out of the window.
    const bool cursorSet = t.cursor.seconds != 0;
    if (t.window.mode != WindowMode::All && cursorSet) return {t.cursor.seconds - 1};
    if (cursorSet && t.cursor.seconds > data.begin.seconds && t.cursor.seconds <= data.end.seconds)
        return {t.cursor.seconds - 1};
    if (data.end.seconds > data.begin.seconds) return {data.end.seconds - 1};
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return TimePoint{std::chrono::duration_cast<std::chrono::seconds>(now).count()};
}

LocationPrecision clickPrecision(const MapState& state) {
    const double metres = groundMetresPerPixelAtCenter(state.view(), state.projection());
    return std::isfinite(metres) && metres <= kExactClickMetresPerPixel ? LocationPrecision::Exact
                                                                        : LocationPrecision::Near;
}

Incident newIncidentAt(const MapState& state, LonLat position) {
    Incident inc;
    inc.title = "New incident";
    inc.category = "Other";
    inc.location = position;
    inc.locationPrecision = clickPrecision(state);
    inc.timePrecision = TimePrecision::Day;
    inc.start = unitStart(lookedAtTime(state), TimePrecision::Day);
    return inc;
}

Incident newIncidentAtPlace(const MapState& state, const Place& place) {
    Incident inc = newIncidentAt(state, place.position);
    inc.placeName = std::string(place.name);
    inc.locationPrecision = place.isArea() ? LocationPrecision::Region : LocationPrecision::Exact;
    return inc;
}

uint64_t addTarget(const MapState& state, const IncidentRef& selected) {
    const IncidentLayer* layer = state.scene().findIncidentLayer(selected.layerId);
    return layer && readOnlyReason(*layer).empty() ? layer->id : 0;
}

bool IncidentMapEditing::updateDrag(const UiContext& ctx, const IncidentHover& hover,
                                    const IncidentRef& selected, bool editing, CommandList& out) {
    const ImGuiIO& io = ImGui::GetIO();
    if (m_dragging) {
        if (!io.MouseDown[ImGuiMouseButton_Left] || selected.layerId == 0) {
            m_dragging = false;
            return true;  // the release frame is the drag's too: no click, no pan
        }
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
        // Every frame of the drag sends a move (also when the mouse rests) so that it stays one undo step.
        m_last = lonLatAt(ctx.state, mouseInPhysicalPixels());
        out.push_back(MoveIncident{selected, m_last});
        return true;
    }
    if (!editing || selected.layerId == 0 || m_adding || io.WantCaptureMouse ||
        !ImGui::IsMouseClicked(ImGuiMouseButton_Left))
        return false;
    const bool onSelected = std::any_of(hover.hits.begin(), hover.hits.end(),
                                        [&](const IncidentHoverHit& h) { return h.incident == selected; });
    if (!onSelected) return false;
    const IncidentLayer* layer = ctx.state.scene().findIncidentLayer(selected.layerId);
    if (!layer || !readOnlyReason(*layer).empty()) return false;
    m_dragging = true;
    return true;
}

void IncidentMapEditing::addAt(const MapState& state, ScreenXY at, uint64_t layerId, CommandList& out) {
    out.push_back(AddIncident{layerId, newIncidentAt(state, lonLatAt(state, at))});
    m_adding = false;
}

void IncidentMapEditing::update() {
    if (!m_adding) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
        m_adding = false;
        return;
    }
    if (!ImGui::GetIO().WantCaptureMouse && ImGui::IsMousePosValid()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        const ImVec2 m = ImGui::GetIO().MousePos;
        ImGui::GetForegroundDrawList()->AddText({m.x + 14.f, m.y + 10.f}, IM_COL32(20, 20, 20, 255),
                                                "Click to add an incident (Esc: cancel)");
    }
}

}  // namespace fp
