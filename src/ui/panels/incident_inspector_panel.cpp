#include "ui/panels/incident_inspector_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/places/location_describer.h"
#include "ui/panels/incident_glyph.h"
#include "ui/panels/incident_tooltip.h"
#include "ui/widgets.h"

namespace fp {

namespace {

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

/// A label in the first column and wrapped text in the second; nothing when the value is empty.
void field(const char* label, const std::string& value) {
    if (value.empty()) return;
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("%s", label);
    ImGui::TableSetColumnIndex(1);
    ImGui::TextWrapped("%s", value.c_str());
}

/// Underlined link-coloured text; true when clicked.
bool link(const std::string& text, const std::string& tooltip) {
    const ImVec4 colour = ImGui::GetStyle().Colors[ImGuiCol_ButtonActive];
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) {
        ImGui::GetWindowDrawList()->AddLine({min.x, max.y}, max, ImGui::GetColorU32(colour));
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::SetTooltip("%s", tooltip.c_str());
    }
    return hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
           ImGui::GetIO().MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < 16.f;
}

}  // namespace

void IncidentInspectorPanel::drawEditButtons(const IncidentLayer& layer, CommandList& out) {
    const std::string readOnly = readOnlyReason(layer);
    if (readOnly.empty()) {
        if (ImGui::Button(m_editing ? "Done" : "Edit")) m_editing = !m_editing;
        ImGui::SameLine();
        if (ImGui::Button("Delete")) out.push_back(DeleteIncident{m_selected});
        ImGui::SameLine();
    }
    if (ImGui::Button("Copy to own layer")) out.push_back(CopyIncidentsToOwnLayer{0, m_selected});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", readOnly.empty() ? "Copy this incident into a new layer of your own"
                                                 : (readOnly + ": copy the incident to edit it").c_str());
}

std::vector<std::string> IncidentInspectorPanel::categoryChoices(const IncidentStore& store) const {
    std::vector<std::string> out;
    for (const CategoryStyle& c : m_sheet->categories()) out.push_back(c.name);
    for (const std::string& c : store.categories())
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    return out;
}

bool isOpenableUrl(const std::string& url) {
    const bool scheme = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
    if (!scheme || url.size() > 4096) return false;
    for (unsigned char c : url)
        if (c <= 0x20 || c == 0x7f) return false;
    return true;
}

// Longer than a page on purpose: one window read top to bottom (header, fields, editor, actions).
void IncidentInspectorPanel::draw(const UiContext& ctx, CommandList& out) {
    if (!m_open) return;
    const float s = ctx.scale;
    // Right side, under the Incidents window, down to the status bar.
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float top = std::min(356.f * s, 0.45f * display.y);
    ImGui::SetNextWindowPos({display.x - 472.f * s, top}, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize({460.f * s, std::max(200.f * s, display.y - top - 40.f * s)},
                             ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(title(), &m_open)) {
        ImGui::End();
        return;
    }
    const IncidentLayer* layer = ctx.state.scene().findIncidentLayer(m_selected.layerId);
    if (!layer || !layer->data || m_selected.index >= layer->data->size()) {
        ImGui::TextDisabled("Click an incident on the map or in the table.");
        ImGui::End();
        return;
    }
    const Incident inc = layer->data->get(m_selected.index);
    const size_t i = m_selected.index;
    const CategoryStyle& style = m_sheet->styleFor(inc.category);
    const float h = ImGui::GetFrameHeight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    drawMarkerGlyph(ImGui::GetWindowDrawList(), {at.x + 0.5f * h, at.y + 0.5f * h}, 0.36f * h, style,
                    inc.locationPrecision != LocationPrecision::Exact);
    ImGui::Dummy({h, h});
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextUnformatted(inc.title.empty() ? inc.id.c_str() : inc.title.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button("Fly to")) out.push_back(FlyToIncident{m_selected});
    ImGui::SameLine();
    if (ImGui::Button("Clear selection")) out.push_back(SelectIncident{});
    drawEditButtons(*layer, out);
    ImGui::Separator();
    if (m_editing && readOnlyReason(*layer).empty()) {
        m_editor.draw(m_selected, inc, categoryChoices(*layer->data), out);
        ImGui::End();
        return;
    }

    if (ImGui::BeginTable("##fields", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthFixed, 7.5f * ImGui::GetFontSize());
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
        field("Description", inc.description);
        field("Category", inc.category + (inc.subCategory.empty() ? "" : " \xE2\x80\x94 " + inc.subCategory));
        field("Actors", joined(inc.actors, "; "));
        field("When", incidentWhen(*layer->data, i));
        // The covered span is half-open: its last moment is one second before its end.
        const TimeSpan span = coveredSpan(inc.start, inc.end.value_or(inc.start), inc.timePrecision);
        const TimePoint last{std::max(span.begin.seconds, span.end.seconds - 1)};
        const std::string from = formatIso(span.begin, inc.timePrecision),
                          to = formatIso(last, inc.timePrecision);
        field("Covers", (from == to ? from : from + " to " + to) + " (" +
                            timePrecisionName(inc.timePrecision) + " precision)");
        field("Time window", incidentWindowStatus(*layer->data, i, ctx.state.scene()));
        field("Place", inc.placeName);
        if (ctx.locations) field("Where", ctx.locations->describe(ctx.state.scene(), inc.location));
        field("Areas", joined(inc.adminAreas, " \xE2\x80\xBA "));
        char coords[96];
        std::snprintf(coords, sizeof coords, "%.5f, %.5f (lat, lon)", inc.location.lat, inc.location.lon);
        field("Location", coords);
        field("Precision", locationPrecisionLabel(inc.locationPrecision));
        field("Fatalities", inc.fatalities >= 0 ? std::to_string(inc.fatalities) : "not reported");
        field("Injured", inc.injured >= 0 ? std::to_string(inc.injured) : "not reported");
        field("Tags", joined(inc.tags, ", "));
        field("ID", inc.id);
        field("Layer", layer->name);
        for (size_t k = 0; k < inc.sources.size(); ++k) {
            const IncidentSource& src = inc.sources[k];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextDisabled(k == 0 ? "Sources" : "");
            ImGui::TableSetColumnIndex(1);
            ImGui::PushID(static_cast<int>(k));
            std::string text = src.text.empty() ? src.url : src.text;
            if (src.published) text += " (" + formatIso(*src.published, TimePrecision::Day) + ")";
            if (isOpenableUrl(src.url)) {
                if (link(text, "Open " + src.url)) out.push_back(OpenUrl{src.url});
            } else {
                ImGui::TextWrapped("%s", text.c_str());
                if (!src.url.empty()) ImGui::TextDisabled("%s", src.url.c_str());
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace fp
