#include "ui/panels/status_bar.h"

#include <imgui.h>

#include <cmath>
#include <string>

#include "core/places/location_describer.h"
#include "ui/geo_format.h"
#include "ui/widgets.h"

namespace fp {

void StatusBar::draw(const UiContext& ctx, CommandList& out) {
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle& style = ImGui::GetStyle();
    m_height = ImGui::GetFrameHeight() + style.WindowPadding.y;
    ImGui::SetNextWindowPos({0.f, io.DisplaySize.y - m_height});
    ImGui::SetNextWindowSize({io.DisplaySize.x, m_height});
    // Opaque: map labels showing through the bar read as part of it.
    ImGui::SetNextWindowBgAlpha(1.f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {style.WindowPadding.x, style.WindowPadding.y * 0.5f});
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav;
    const bool visible = ImGui::Begin(title(), nullptr, flags);
    ImGui::PopStyleVar(2);
    if (!visible) {
        ImGui::End();
        return;
    }

    const MapState& state = ctx.state;
    const MapView& view = state.view();
    std::string position = formatLatLon({NAN, NAN});
    m_placeText.clear();
    if (ImGui::IsMousePosValid() && !io.WantCaptureMouse) {
        const ScreenXY screen{io.MousePos.x * static_cast<double>(io.DisplayFramebufferScale.x),
                              io.MousePos.y * static_cast<double>(io.DisplayFramebufferScale.y)};
        const LonLat cursor = state.projection().unproject(view.toMap(screen));
        position = formatLatLon(cursor);
        // One reverse-geocoding query a frame at most (grid lookups, cached by the describer): independent of
        // the number of incidents.
        if (ctx.locations && isValidLonLat(cursor))
            m_placeText = ctx.locations->describe(state.scene(), cursor);
    }
    const double denominator =
        scaleDenominator(groundMetresPerPixelAtCenter(view, state.projection()), view.pixelRatio);

    ImGui::AlignTextToFramePadding();
    // A fixed-width slot for the position keeps the rest of the bar from jumping as the cursor moves.
    const float positionWidth = ImGui::CalcTextSize("00.00000\xC2\xB0 N, 000.00000\xC2\xB0 E").x;
    const float x0 = ImGui::GetCursorPosX();
    ImGui::TextUnformatted(position.c_str());
    itemTooltip("Latitude, longitude (WGS 84) under the cursor");
    ImGui::SameLine(x0 + positionWidth + style.ItemSpacing.x * 2.f);
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    ImGui::TextUnformatted(crsLabel(state.scene().crs, 48).c_str());
    itemTooltip(
        ("Map CRS: " + state.scene().crs.definition() + "\n(Map > CRS\xE2\x80\xA6 to change)").c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    ImGui::TextUnformatted(formatScale(denominator).c_str());
    itemTooltip("Approximate scale at the centre of the map (0.28 mm pixels)");
    if (!m_geocodeHint.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("|");
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Warning, ctx.theme));
        if (ImGui::Button(m_geocodeHint.c_str()))
            out.push_back(ShowPanel{PanelId::GeocodeReview, true, true});
        ImGui::PopStyleColor(2);
        itemTooltip("Open the geocoding review");
    }
    const std::string warnings =
        std::to_string(ctx.log.warnings) + (ctx.log.warnings == 1 ? " warning" : " warnings");
    const std::string errors = std::to_string(ctx.log.errors) + (ctx.log.errors == 1 ? " error" : " errors");
    const float countersX = ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(warnings.c_str()).x -
                            ImGui::CalcTextSize(errors.c_str()).x - style.FramePadding.x * 4.f -
                            style.ItemSpacing.x;
    if (!m_placeText.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("|");
        ImGui::SameLine();
        // Clipped rather than wrapped: the bar is one line and the counters on the right must stay visible.
        const float x = ImGui::GetCursorPosX();
        if (countersX - x > ImGui::GetFontSize() * 4.f) {
            ImGui::PushClipRect(ImGui::GetCursorScreenPos(),
                                {ImGui::GetWindowPos().x + countersX - style.ItemSpacing.x,
                                 ImGui::GetWindowPos().y + m_height},
                                true);
            ImGui::TextUnformatted(m_placeText.c_str());
            ImGui::PopClipRect();
            itemTooltip(("Under the cursor: " + m_placeText).c_str());
        }
    }

    ImGui::SameLine(countersX);
    bool openLog = false;
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.log.warnings > 0 ? logLevelColor(LogLevel::Warning, ctx.theme)
                                                              : style.Colors[ImGuiCol_TextDisabled]);
    openLog |= ImGui::Button(warnings.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.log.errors > 0 ? logLevelColor(LogLevel::Error, ctx.theme)
                                                            : style.Colors[ImGuiCol_TextDisabled]);
    openLog |= ImGui::Button(errors.c_str());
    ImGui::PopStyleColor(2);
    itemTooltip("Open the log");
    if (openLog) out.push_back(ShowPanel{PanelId::Log, !ctx.isOpen(PanelId::Log), false});
    ImGui::End();
}

}  // namespace fp
