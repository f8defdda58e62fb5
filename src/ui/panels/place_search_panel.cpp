#include "ui/panels/place_search_panel.h"

#include "ui/incident_map_editing.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/util/text.h"
#include "ui/widgets.h"

namespace fp {

const char* placeKindLabel(const Place& place) {
    const std::string_view code = place.featureCode;
    if (code == "PPLC") return "capital";
    // Kosovo and Serbia areas come from the boundary layers; elsewhere they are Natural Earth admin-1 units.
    const bool own = place.country() == "XK" || place.country() == "RS";
    if (code == "ADM1")
        return place.country() == "RS" ? "okrug (district)" : own ? "district" : "state or province";
    if (code == "ADM2") return own ? "municipality" : "department, province or county";
    if (code == "PSTB") return "border crossing";
    if (code == "PPLA" || code == "PPLA2" || code == "PPLA3") return "town, admin seat";
    if (place.featureClass == 'P') return place.population >= 10000 ? "town" : "village or town";
    return "place";
}

double placeViewRadiusMetres(const Place& place) {
    const std::string_view code = place.featureCode;
    if (code == "ADM1") return 45000.0;
    if (code == "ADM2") return 15000.0;
    if (code == "PSTB") return 1500.0;
    if (place.population >= 1000000) return 25000.0;
    if (place.population >= 100000) return 10000.0;
    if (place.population >= 10000) return 5000.0;
    return 2500.0;
}

void PlaceSearchPanel::setGazetteer(std::shared_ptr<const Gazetteer> gazetteer) {
    m_gazetteer = std::move(gazetteer);
    m_hits.clear();
    m_searched.clear();
    m_searchedWithGazetteer = false;
}

void PlaceSearchPanel::refresh(const UiContext& ctx) {
    const bool haveGazetteer = m_gazetteer != nullptr;
    if (m_query == m_searched && haveGazetteer == m_searchedWithGazetteer) return;
    m_searched = m_query;
    m_searchedWithGazetteer = haveGazetteer;
    m_hits.clear();
    m_searchError.clear();
    m_selected = 0;
    if (!haveGazetteer || trimBlanks(m_query).empty()) return;
    PlaceSearchOptions options;
    options.limit = kMaxResults;
    const LonLat centre = ctx.state.projection().unproject(ctx.state.view().center);
    if (isValidLonLat(centre)) options.near = centre;
    auto hits = m_gazetteer->search(m_query, options);
    if (hits)
        m_hits = std::move(hits).value();
    else
        m_searchError = hits.error().message;
}

void PlaceSearchPanel::fly(const PlaceHit& hit, CommandList& out) {
    const Place& p = m_gazetteer->place(hit.place);
    out.push_back(FlyToPlace{p.position, placeViewRadiusMetres(p), std::string(p.name)});
    m_open = false;
}

void PlaceSearchPanel::draw(const UiContext& ctx, CommandList& out) {
    if (!m_open) return;
    const float s = ctx.scale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({display.x * 0.5f, ImGui::GetFrameHeight() + 8.f * s}, ImGuiCond_Appearing,
                            {0.5f, 0.f});
    ImGui::SetNextWindowSize({520.f * s, 0.f}, ImGuiCond_Appearing);
    if (!ImGui::Begin(title(), &m_open, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    if (m_focusField) {
        ImGui::SetKeyboardFocusHere();
        m_focusField = false;
    }
    ImGui::SetNextItemWidth(-1.f);
    const bool entered =
        ImGui::InputTextWithHint("##place", "Town, village, municipality \xE2\x80\x93 any spelling or script",
                                 &m_query, ImGuiInputTextFlags_EnterReturnsTrue);
    const bool fieldActive = ImGui::IsItemActive();
    refresh(ctx);

    const int count = static_cast<int>(m_hits.size());
    if (fieldActive && count > 0) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow), true))
            m_selected = std::min(count - 1, m_selected + 1);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow), true))
            m_selected = std::max(0, m_selected - 1);
    }
    if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        m_open = false;

    if (!m_loadError.empty()) {
        ImGui::PushTextWrapPos(0.f);
        ImGui::TextColored({0.85f, 0.25f, 0.2f, 1.f}, "Places unavailable: %s", m_loadError.c_str());
        ImGui::PopTextWrapPos();
    } else if (!m_gazetteer) {
        ImGui::TextDisabled("Loading places\xE2\x80\xA6");
    } else if (!m_searchError.empty()) {
        ImGui::TextDisabled("%s", m_searchError == "is empty" ? "" : ("The name " + m_searchError).c_str());
    } else if (!trimBlanks(m_query).empty() && m_hits.empty()) {
        ImGui::TextDisabled("No place matches \xE2\x80\x9C%s\xE2\x80\x9D", m_query.c_str());
    }

    int clicked = -1;
    for (int i = 0; i < count; ++i) {
        const PlaceHit& hit = m_hits[static_cast<size_t>(i)];
        const Place& p = m_gazetteer->place(hit.place);
        ImGui::PushID(i);
        const std::string name(p.name);
        if (ImGui::Selectable(name.c_str(), i == m_selected)) clicked = i;
        if (i == m_selected && fieldActive) ImGui::SetScrollHereY();
        std::string where = m_gazetteer->adminLabel(hit.place);
        if (!where.empty()) where += ", ";
        where += countryDisplayName(p.country());
        ImGui::SameLine();
        ImGui::TextDisabled("%s", ellipsize(where, ImGui::GetContentRegionAvail().x).c_str());
        std::string detail = placeKindLabel(p);
        if (p.population) detail += " \xC2\xB7 pop. " + groupThousands(p.population);
        if (hit.matchedName != p.name)
            detail += " \xC2\xB7 \xE2\x80\x9C" + std::string(hit.matchedName) + "\xE2\x80\x9D";
        ImGui::Indent(12.f * s);
        ImGui::TextDisabled("%s", detail.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Add incident here")) {
            out.push_back(AddIncident{0, newIncidentAtPlace(ctx.state, p)});
            m_open = false;
        }
        ImGui::Unindent(12.f * s);
        ImGui::PopID();
    }
    if (entered && count > 0) clicked = std::clamp(m_selected, 0, count - 1);
    if (clicked >= 0) fly(m_hits[static_cast<size_t>(clicked)], out);
    if (m_gazetteer) {
        ImGui::Separator();
        ImGui::TextDisabled("%s", kGazetteerAttribution);
    }
    ImGui::End();
}

}  // namespace fp
