// Drawing of the geocoding review panel: the list, the selected row with its candidates, the pick overlay.
#include "ui/panels/geocode_review_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/proj/geodesic.h"
#include "core/util/text.h"
#include "ui/widgets.h"

namespace fp {

namespace {

constexpr const char* kWindowName = "Geocoding review";

std::string oneLine(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    std::replace(text.begin(), text.end(), '\t', ' ');
    return text;
}

std::string incidentDate(const Incident& inc) {
    return formatIso(inc.start,
                     inc.timePrecision == TimePrecision::Exact ? TimePrecision::Exact : TimePrecision::Day);
}

std::string incidentCategory(const Incident& inc) {
    if (inc.subCategory.empty() || inc.subCategory == inc.category) return inc.category;
    return inc.category + " / " + inc.subCategory;
}

/// The incident's own words: its description, else its title.
const std::string& incidentText(const Incident& inc) {
    return inc.description.empty() ? inc.title : inc.description;
}

/// Physical pixels of the map view to ImGui units.
ImVec2 toUi(ScreenXY p, float fbScale) {
    return {static_cast<float>(p.x) / fbScale, static_cast<float>(p.y) / fbScale};
}

/// A ring and the name where a candidate lies, while its line is hovered.
void highlightOnMap(const UiContext& ctx, const GeocodeCandidate& c) {
    const MapXY at = ctx.state.projection().project(c.position);
    if (!isFinite(at)) return;
    const ImVec2 p = toUi(ctx.state.view().toScreen(at), ctx.fbScale);
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const float r = 11.f * ctx.scale;
    draw->AddCircle(p, r + 1.5f * ctx.scale, IM_COL32(255, 255, 255, 230), 32, 4.f * ctx.scale);
    draw->AddCircle(p, r, IM_COL32(214, 40, 40, 255), 32, 2.5f * ctx.scale);
    const ImVec2 text{p.x + r + 4.f * ctx.scale, p.y - ImGui::GetFontSize() * 0.5f};
    draw->AddText({text.x + 1.f, text.y + 1.f}, IM_COL32(255, 255, 255, 220), c.name.c_str());
    draw->AddText(text, IM_COL32(20, 20, 20, 255), c.name.c_str());
}

}  // namespace

void GeocodeReviewPanel::drawPickOverlay(const UiContext& ctx) {
    if (!m_pick) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
        m_pick.reset();
        return;
    }
    const ImGuiIO& io = ImGui::GetIO();
    const std::string hint = pickHint();
    ImGui::SetNextWindowPos({io.DisplaySize.x * 0.5f, ImGui::GetFrameHeight() + 10.f * ctx.scale},
                            ImGuiCond_Always, {0.5f, 0.f});
    ImGui::SetNextWindowBgAlpha(0.95f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
    if (ImGui::Begin("##geocodepick", nullptr, flags)) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(hint.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Cancel")) m_pick.reset();
    }
    ImGui::End();
    if (!m_pick || io.WantCaptureMouse || !ImGui::IsMousePosValid()) return;
    // A crosshair in place of the arrow: the click places the row exactly at its centre.
    ImGui::SetMouseCursor(ImGuiMouseCursor_None);
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const ImVec2 m = io.MousePos;
    const float arm = 14.f * ctx.scale, gap = 3.f * ctx.scale;
    for (const auto& [col, width] : {std::pair{IM_COL32(255, 255, 255, 235), 4.5f * ctx.scale},
                                     std::pair{IM_COL32(200, 30, 30, 255), 2.f * ctx.scale}}) {
        draw->AddLine({m.x - arm, m.y}, {m.x - gap, m.y}, col, width);
        draw->AddLine({m.x + gap, m.y}, {m.x + arm, m.y}, col, width);
        draw->AddLine({m.x, m.y - arm}, {m.x, m.y - gap}, col, width);
        draw->AddLine({m.x, m.y + gap}, {m.x, m.y + arm}, col, width);
    }
}

void GeocodeReviewPanel::drawFilter() {
    const struct {
        const char* label;
        GeocodeReviewFilter filter;
        size_t count;
    } items[] = {{"All", GeocodeReviewFilter::All, m_counts.all()},
                 {"Ambiguous", GeocodeReviewFilter::Ambiguous, m_counts.ambiguous},
                 {"Unmatched", GeocodeReviewFilter::Unmatched, m_counts.unmatched},
                 {"Skipped", GeocodeReviewFilter::Skipped, m_counts.skipped}};
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Show");
    for (const auto& item : items) {
        ImGui::SameLine();
        char label[64];
        std::snprintf(label, sizeof label, "%s (%zu)###%s", item.label, item.count, item.label);
        if (ImGui::RadioButton(label, m_filter == item.filter)) setFilter(item.filter);
    }
}

void GeocodeReviewPanel::drawList(const UiContext& ctx) {
    const auto& layers = m_reviews->layers();
    const bool layerColumn = layers.size() > 1;
    const int columns = layerColumn ? 8 : 7;
    const float lines = static_cast<float>(std::clamp<size_t>(m_visible.size(), 2, 8)) + 1.3f;
    const ImVec2 size{0.f, lines * ImGui::GetFrameHeightWithSpacing()};
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("rows", columns, flags, size)) return;
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Row", ImGuiTableColumnFlags_WidthFixed, 3.f * em);
    if (layerColumn) ImGui::TableSetupColumn("Layer", ImGuiTableColumnFlags_WidthFixed, 8.f * em);
    ImGui::TableSetupColumn("Place as written", ImGuiTableColumnFlags_WidthFixed, 7.5f * em);
    ImGui::TableSetupColumn("Context", ImGuiTableColumnFlags_WidthFixed, 8.f * em);
    ImGui::TableSetupColumn("Held because", ImGuiTableColumnFlags_WidthFixed, 11.5f * em);
    ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, 5.5f * em);
    ImGui::TableSetupColumn("Category", ImGuiTableColumnFlags_WidthFixed, 7.f * em);
    ImGui::TableSetupColumn("Description", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();

    const ImVec4 dim = ImGui::GetStyle().Colors[ImGuiCol_TextDisabled];
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_visible.size()));
    if (m_scrollToSelected && m_selected)
        clipper.ForceDisplayRangeByIndices(static_cast<int>(m_selectedIndex),
                                           static_cast<int>(m_selectedIndex) + 1);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Entry& e = m_visible[static_cast<size_t>(i)];
            const LayerGeocodeReview& layer = layers[e.layer];
            const PendingGeocodeRow& row = layer.summary.pending[e.row];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool selected = m_selected && static_cast<size_t>(i) == m_selectedIndex;
            char label[32];
            std::snprintf(label, sizeof label, "%lld##r%d", static_cast<long long>(row.row), i);
            if (ImGui::Selectable(label, selected, ImGuiSelectableFlags_SpanAllColumns)) {
                m_selectedIndex = static_cast<size_t>(i);
                m_selected = GeocodeRowKey{layer.layerId, row.source, row.row, row.query.name};
            }
            if (selected && m_scrollToSelected) {
                ImGui::SetScrollHereY(0.5f);
                m_scrollToSelected = false;
            }
            if (layerColumn) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(layer.layerName.c_str());
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.query.name.c_str());
            ImGui::TableNextColumn();
            if (geocodeContext(row.query) == "no country or admin area given")
                ImGui::TextColored(dim, "none");
            else
                ImGui::TextUnformatted(geocodeContext(row.query).c_str());
            ImGui::TableNextColumn();
            const std::string why = geocodeHeldReason(row);
            if (row.skipped)
                ImGui::TextColored(dim, "%s", why.c_str());
            else
                ImGui::TextColored(logLevelColor(LogLevel::Warning, ctx.theme), "%s", why.c_str());
            if (!row.result.reason.empty()) itemTooltip(row.result.reason.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(incidentDate(row.incident).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.incident.category.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(oneLine(incidentText(row.incident)).c_str());
            if (!incidentText(row.incident).empty() && ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.f);
                ImGui::TextUnformatted(incidentText(row.incident).c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
        }
    }
    ImGui::EndTable();
}

void GeocodeReviewPanel::drawCandidates(const UiContext& ctx, const PendingGeocodeRow& row, uint64_t layerId,
                                        CommandList& out) {
    const auto& candidates = row.result.candidates;
    if (candidates.empty()) return;
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable("candidates", 6, flags)) return;
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 2.6f * em);
    ImGui::TableSetupColumn("Candidate", ImGuiTableColumnFlags_WidthStretch, 1.f);
    ImGui::TableSetupColumn("Admin area", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("Country", ImGuiTableColumnFlags_WidthFixed, 4.f * em);
    ImGui::TableSetupColumn("Population", ImGuiTableColumnFlags_WidthFixed, 5.f * em);
    ImGui::TableSetupColumn("From 1st", ImGuiTableColumnFlags_WidthFixed, 4.5f * em);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < candidates.size(); ++i) {
        const GeocodeCandidate& c = candidates[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const bool use = ImGui::SmallButton("Use");
        bool hovered = ImGui::IsItemHovered();
        if (use) emit(row, layerId, choiceForCandidate(row, i), out);
        ImGui::TableNextColumn();
        if (ImGui::Selectable(c.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
            out.push_back(FlyToPlace{c.position, c.featureClass == 'A' ? 20000.0 : 5000.0, c.name});
        hovered |= ImGui::IsItemHovered();
        if (ImGui::IsItemHovered()) {
            std::string tip = "Click to show it on the map; Use places the row here.";
            if (!c.matchedName.empty() && c.matchedName != c.name)
                tip += "\nMatched as \"" + c.matchedName + "\".";
            ImGui::SetTooltip("%s", tip.c_str());
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.adminLabel.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.country.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.population > 0 ? groupThousands(c.population).c_str() : "\xE2\x80\x94");
        ImGui::TableNextColumn();
        if (i == 0) {
            ImGui::TextDisabled("\xE2\x80\x94");
        } else {
            const double km = geodesicDistance(candidates[0].position, c.position) / 1000.0;
            ImGui::Text(km < 10.0 ? "%.1f km" : "%.0f km", km);
        }
        if (hovered) highlightOnMap(ctx, c);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void GeocodeReviewPanel::drawDetails(const UiContext& ctx, CommandList& out) {
    if (!m_selected) return;
    uint64_t layerId = 0;
    const PendingGeocodeRow* row = find(*m_selected, &layerId);
    if (!row) return;
    const Incident& inc = row->incident;
    ImGui::Separator();
    ImGui::Text("Row %lld: \"%s\"", static_cast<long long>(row->row), row->query.name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", geocodeContext(row->query).c_str());
    std::string about = incidentDate(inc) + "  \xC2\xB7  " + incidentCategory(inc);
    if (!inc.actors.empty()) about += "  \xC2\xB7  " + inc.actors.front();
    ImGui::TextUnformatted(about.c_str());
    if (!incidentText(inc).empty()) {
        ImGui::PushTextWrapPos(0.f);
        ImGui::TextDisabled("%s", incidentText(inc).c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::PushTextWrapPos(0.f);
    const std::string held =
        "Held: " + geocodeHeldReason(*row) +
        (row->result.reason.empty() ? std::string() : " \xE2\x80\x94 " + row->result.reason);
    if (row->skipped)
        ImGui::TextDisabled("%s", held.c_str());
    else
        ImGui::TextColored(logLevelColor(LogLevel::Warning, ctx.theme), "%s", held.c_str());
    ImGui::PopTextWrapPos();
    if (!row->result.candidates.empty()) {
        if (row->result.outcome != GeocodeOutcome::Ambiguous)
            ImGui::TextDisabled("Nearest spellings the gazetteer knows (not a match):");
        drawCandidates(ctx, *row, layerId, out);
    }

    const bool picking = m_pick && *m_pick == *m_selected;
    if (picking) ImGui::BeginDisabled();
    if (ImGui::Button("Pick on map")) startPick();
    if (picking) ImGui::EndDisabled();
    itemTooltip("Place the row where you click on the map (as a place near there). Esc cancels.");
    ImGui::SameLine();
    if (row->skipped) ImGui::BeginDisabled();
    if (ImGui::Button("Skip")) {
        GeocodeChoice skip;
        skip.source = row->source;
        skip.row = row->row;
        skip.name = row->query.name;
        emit(*row, layerId, skip, out);
    }
    if (row->skipped) ImGui::EndDisabled();
    itemTooltip("Leave the row off the map. It stays listed (Skipped): Use or Pick on map places it later.");
    if (row->skipped) {
        ImGui::SameLine();
        ImGui::TextDisabled("Skipped: not on the map.");
    }
}

void GeocodeReviewPanel::draw(const UiContext& ctx, CommandList& out) {
    refresh(ctx.state.geocodeReviews());
    if (!m_open) return;
    const size_t awaiting = m_counts.awaiting();
    char title[96];
    if (awaiting > 0)
        std::snprintf(title, sizeof title, "%s (%zu)%s", kWindowName, awaiting, this->title());
    else
        std::snprintf(title, sizeof title, "%s%s", kWindowName, this->title());
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowSize({860.f * ctx.scale, 460.f * ctx.scale}, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos({io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.45f}, ImGuiCond_FirstUseEver,
                            {0.5f, 0.5f});
    // The window folds away while picking, so that the map where the row belongs is not hidden behind it.
    if (m_pick.has_value() != m_foldedForPick) {
        m_foldedForPick = m_pick.has_value();
        ImGui::SetNextWindowCollapsed(m_foldedForPick);
    }
    // Opaque: a dense table over the map and other panels is hard to read when they show through.
    ImGui::SetNextWindowBgAlpha(1.f);
    if (m_focusNext) ImGui::SetNextWindowFocus();
    m_focusNext = false;
    if (!ImGui::Begin(title, &m_open)) {
        ImGui::End();
        return;
    }
    if (m_counts.all() == 0) {
        ImGui::PushTextWrapPos(0.f);
        ImGui::TextDisabled(
            "No rows await a geocoding decision. When an incident source names places that the gazetteer "
            "cannot place with confidence, those rows are listed here instead of being put on the map.");
        ImGui::PopTextWrapPos();
        ImGui::End();
        return;
    }
    drawFilter();
    if (m_visible.empty())
        ImGui::TextDisabled("No rows of this kind.");
    else
        drawList(ctx);
    drawDetails(ctx, out);
    ImGui::End();
}

}  // namespace fp
