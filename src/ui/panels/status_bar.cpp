#include "ui/panels/status_bar.h"

#include <imgui.h>

#include <cmath>
#include <string>

#include "core/places/location_describer.h"
#include "ui/geo_format.h"
#include "ui/widgets.h"

namespace fp {

namespace {

std::string countText(size_t n, const char* what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

}  // namespace

void StatusBar::draw(const UiContext& ctx, CommandList& out) {
    if (!beginBar()) {
        ImGui::End();
        return;
    }
    drawFields(ctx, out);
    drawCounters(ctx, out);
    ImGui::End();
}

bool StatusBar::beginBar() {
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
    return visible;
}

float StatusBar::countersX(const UiContext& ctx) const {
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::GetWindowContentRegionMax().x -
           ImGui::CalcTextSize(countText(ctx.log.warnings, "warning").c_str()).x -
           ImGui::CalcTextSize(countText(ctx.log.errors, "error").c_str()).x - style.FramePadding.x * 4.f -
           style.ItemSpacing.x;
}

void StatusBar::drawFields(const UiContext& ctx, CommandList& out) {
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle& style = ImGui::GetStyle();
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
    const auto separator = [] {
        ImGui::SameLine();
        ImGui::TextDisabled("|");
        ImGui::SameLine();
    };

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
    separator();
    ImGui::TextUnformatted(formatScale(denominator).c_str());
    itemTooltip("Approximate scale at the centre of the map (0.28 mm pixels)");
    if (!m_geocodeHint.empty()) {
        separator();
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Warning, ctx.theme));
        if (ImGui::Button(m_geocodeHint.c_str()))
            out.push_back(ShowPanel{PanelId::GeocodeReview, true, true});
        ImGui::PopStyleColor(2);
        itemTooltip("Open the geocoding review");
    }
    if (m_placeText.empty()) return;
    separator();
    // Clipped rather than wrapped: the bar is one line and the counters on the right must stay visible.
    const float right = countersX(ctx);
    if (right - ImGui::GetCursorPosX() <= ImGui::GetFontSize() * 4.f) return;
    ImGui::PushClipRect(
        ImGui::GetCursorScreenPos(),
        {ImGui::GetWindowPos().x + right - style.ItemSpacing.x, ImGui::GetWindowPos().y + m_height}, true);
    ImGui::TextUnformatted(m_placeText.c_str());
    ImGui::PopClipRect();
    itemTooltip(("Under the cursor: " + m_placeText).c_str());
}

void StatusBar::drawCounters(const UiContext& ctx, CommandList& out) {
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::SameLine(countersX(ctx));
    bool openLog = false;
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.log.warnings > 0 ? logLevelColor(LogLevel::Warning, ctx.theme)
                                                              : style.Colors[ImGuiCol_TextDisabled]);
    openLog |= ImGui::Button(countText(ctx.log.warnings, "warning").c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.log.errors > 0 ? logLevelColor(LogLevel::Error, ctx.theme)
                                                            : style.Colors[ImGuiCol_TextDisabled]);
    openLog |= ImGui::Button(countText(ctx.log.errors, "error").c_str());
    ImGui::PopStyleColor(2);
    itemTooltip("Open the log");
    if (openLog) out.push_back(ShowPanel{PanelId::Log, !ctx.isOpen(PanelId::Log), false});
}

}  // namespace fp
