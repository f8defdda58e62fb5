#include "ui/panels/crs_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <vector>

#include "ui/geo_format.h"
#include "ui/widgets.h"

namespace fp {

std::span<const CrsPreset> crsPresets() {
    static const CrsPreset presets[] = {
        {"UTM zone 34N (EPSG:32634)", "EPSG:32634"},
        {"Web Mercator (EPSG:3857)", "EPSG:3857"},
        {"ETRS89 / LAEA Europe (EPSG:3035)", "EPSG:3035"},
        {"WGS 84 lon/lat (EPSG:4326)", "EPSG:4326"},
        {"Balkans Lambert conformal conic",
         "+proj=lcc +lat_1=41 +lat_2=46 +lat_0=43.5 +lon_0=21 +datum=WGS84 +units=m"},
    };
    return presets;
}

bool isPreset(const Crs& crs, const CrsPreset& preset) {
    // Normalised once per preset: menus ask every frame and parsing goes through PROJ.
    static const std::vector<std::string> normalised = [] {
        std::vector<std::string> out;
        for (const CrsPreset& p : crsPresets()) {
            auto parsed = Crs::fromUserInput(p.definition);
            out.push_back(parsed ? parsed->definition() : std::string(p.definition));
        }
        return out;
    }();
    const auto presets = crsPresets();
    const size_t index = static_cast<size_t>(&preset - presets.data());
    if (index < normalised.size() && crs.definition() == normalised[index]) return true;
    return crs.definition() == preset.definition;
}

void CrsPanel::crsFinished(const std::string& definition, bool ok, const std::string& error) {
    if (ok) {
        m_error.clear();
    } else {
        m_error = error;
        m_open = true;
        // Enter left the field; the user will most likely correct the text next.
        if (trimBlanks(m_text) == definition) m_focusField = true;
    }
}

void CrsPanel::draw(const UiContext& ctx, CommandList& out) {
    if (!m_open) {
        m_appearing = true;
        return;
    }
    const float s = ctx.scale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({display.x * 0.5f, display.y * 0.3f}, ImGuiCond_FirstUseEver, {0.5f, 0.f});
    ImGui::SetNextWindowSize({520.f * s, 0.f}, ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(title(), &m_open)) {
        ImGui::End();
        return;
    }
    const Crs& current = ctx.state.scene().crs;
    if (m_appearing && m_text.empty()) m_text = current.definition();
    m_appearing = false;

    ImGui::TextDisabled("Current");
    ImGui::SameLine();
    ImGui::TextWrapped("%s", crsLabel(current, 400).c_str());
    if (!current.authorityCode().empty() && current.authorityCode() != current.name()) {
        ImGui::SameLine();
        ImGui::TextDisabled("(%s)", current.authorityCode().c_str());
    }

    ImGui::Spacing();
    ImGui::TextDisabled("Presets");
    for (const CrsPreset& preset : crsPresets()) {
        const bool active = isPreset(current, preset);
        if (ImGui::RadioButton(preset.label, active) && !active) {
            m_text = preset.definition;
            out.push_back(SetCrs{preset.definition});
        }
        itemTooltip(preset.definition);
    }

    ImGui::Spacing();
    ImGui::TextDisabled("EPSG code, PROJ string or WKT");
    const float applyWidth = ImGui::CalcTextSize("Apply").x + ImGui::GetStyle().FramePadding.x * 2.f;
    ImGui::SetNextItemWidth(-(applyWidth + ImGui::GetStyle().ItemSpacing.x));
    if (m_focusField) {
        ImGui::SetKeyboardFocusHere();
        m_focusField = false;
    }
    bool apply = ImGui::InputTextWithHint("##definition", "EPSG:3857 or +proj=\xE2\x80\xA6", &m_text,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    const std::string typed = trimBlanks(m_text);
    ImGui::BeginDisabled(typed.empty());
    apply |= ImGui::Button("Apply");
    ImGui::EndDisabled();
    if (apply && !typed.empty()) out.push_back(SetCrs{typed});

    if (!m_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Error, ctx.theme));
        ImGui::TextWrapped("%s", m_error.c_str());
        ImGui::PopStyleColor();
        ImGui::TextDisabled("The map stays in %s.", crsLabel(current).c_str());
    }
    ImGui::End();
}

}  // namespace fp
