#include "ui/panels/incident_tooltip.h"

#include <imgui.h>

#include <cstdio>

#include "core/places/location_describer.h"
#include "core/time/time_label.h"
#include "core/time/time_window.h"
#include "ui/panels/incident_glyph.h"

namespace fp {

namespace {

constexpr float kClickSlopPx = 4.f;

}  // namespace

std::string incidentWhen(const IncidentStore& store, size_t i) {
    const auto precision = static_cast<TimePrecision>(store.timePrecision()[i]);
    const TimePoint start{store.startSeconds()[i]}, end{store.endSeconds()[i]};
    std::string text;
    switch (precision) {
        case TimePrecision::Week:
            text = "week of " + formatIso(coveredSpan(start, start, precision).begin, precision);
            break;
        case TimePrecision::Month:
            text = formatIso(start, precision).substr(0, 7);
            break;
        case TimePrecision::Year:
            text = formatIso(start, precision).substr(0, 4);
            break;
        default:
            text = formatIso(start, precision);
    }
    if (end.seconds > start.seconds) text += " \xE2\x80\x93 " + formatIso(end, precision);
    return text;
}

std::string incidentWindowStatus(const IncidentStore& store, size_t i, const MapScene& scene) {
    const std::optional<TimeSpan> shown = scene.timeWindow();
    if (!shown) return {};
    const TimeSpan window = *shown;
    const TimeSpan covered = coveredSpan(TimePoint{store.startSeconds()[i]}, TimePoint{store.endSeconds()[i]},
                                         static_cast<TimePrecision>(store.timePrecision()[i]));
    const std::string range = formatWindowRange(window);
    const char* where = overlaps(covered, window)     ? "In the time window"
                        : covered.end <= window.begin ? "Before the time window"
                                                      : "After the time window";
    return range.empty() ? std::string(where) : std::string(where) + " (" + range + ")";
}

std::string locationPrecisionLabel(LocationPrecision precision) {
    const double km = uncertaintyRadiusMetres(precision) / 1000.0;
    char buf[64];
    switch (precision) {
        case LocationPrecision::Near:
            std::snprintf(buf, sizeof buf, "near the place (within %.0f km)", km);
            return buf;
        case LocationPrecision::Region:
            std::snprintf(buf, sizeof buf, "region only (within %.0f km)", km);
            return buf;
        default:
            return "exact place";
    }
}

std::string incidentTooltipText(const IncidentStore& store, size_t i) {
    std::string text(store.title(i).empty() ? store.id(i) : store.title(i));
    // Appended piece by piece: "literal" + std::string temporaries trip a GCC 12 -Wrestrict false positive.
    text.append("\n").append(incidentWhen(store, i));
    if (!store.placeName(i).empty()) text.append("\n").append(store.placeName(i));
    text.append("\nCategory: ").append(store.categories()[store.categoryIndex()[i]]);
    text.append("\nLocation: ")
        .append(locationPrecisionLabel(static_cast<LocationPrecision>(store.locationPrecision()[i])));
    return text;
}

void IncidentPointer::update(const UiContext& ctx, const IncidentHover& hover,
                             const IncidentStyleSheet& sheet, bool groupSpread, CommandList& out) {
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) m_pressOnMap = !io.WantCaptureMouse;
    const bool dragging = io.MouseDown[ImGuiMouseButton_Left] &&
                          io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] > kClickSlopPx * kClickSlopPx;
    const IncidentHoverHit* top = hover.hits.empty() ? nullptr : &hover.hits.front();
    const IncidentLayer* layer = top ? ctx.state.scene().findIncidentLayer(top->incident.layerId) : nullptr;
    if (layer && (!layer->data || top->incident.index >= layer->data->size())) layer = nullptr;

    if (layer && !io.WantCaptureMouse && !dragging) {
        const IncidentStore& store = *layer->data;
        const size_t i = top->incident.index;
        ImGui::BeginTooltip();
        const CategoryStyle& style = sheet.styleFor(store.categories()[store.categoryIndex()[i]]);
        const float size = ImGui::GetTextLineHeight();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        drawMarkerGlyph(ImGui::GetWindowDrawList(), {at.x + 0.5f * size, at.y + 0.5f * size}, 0.42f * size,
                        style, store.locationPrecision()[i] >= 2);
        ImGui::Dummy({size, size});
        ImGui::SameLine();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.f);
        ImGui::TextUnformatted(incidentTooltipText(store, i).c_str());
        if (ctx.locations) {
            const std::string& where =
                ctx.locations->describe(ctx.state.scene(), LonLat{store.lon()[i], store.lat()[i]});
            if (!where.empty()) ImGui::TextDisabled("%s", where.c_str());
        }
        if (const std::string status = incidentWindowStatus(store, i, ctx.state.scene()); !status.empty()) {
            if (status.rfind("In ", 0) == 0)
                ImGui::TextUnformatted(status.c_str());
            else
                ImGui::TextDisabled("%s%s", status.c_str(),
                                    ctx.state.scene().time.showGhosts ? ": drawn as a ghost" : "");
        }
        if (hover.total > 1) {
            ImGui::Separator();
            if (top->groupSize > 1 && !top->spread)
                ImGui::TextDisabled("%u incidents at this place: click to spread them apart", top->groupSize);
            else
                ImGui::TextDisabled("%zu incidents here: zoom in or click to select this one", hover.total);
        } else {
            ImGui::TextDisabled("Click for details");
        }
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }

    if (!ImGui::IsMouseReleased(ImGuiMouseButton_Left)) return;
    const bool click = m_pressOnMap && !io.WantCaptureMouse &&
                       io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] <= kClickSlopPx * kClickSlopPx;
    m_pressOnMap = false;
    if (!click) return;
    if (!layer) {
        if (groupSpread) out.push_back(SpreadIncidentGroup{});
        return;
    }
    if (top->groupSize > 1 && !top->spread) {
        out.push_back(SpreadIncidentGroup{top->incident.layerId, top->group});
        return;
    }
    out.push_back(SelectIncident{top->incident});
}

}  // namespace fp
