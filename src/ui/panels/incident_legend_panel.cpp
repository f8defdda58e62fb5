#include "ui/panels/incident_legend_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "ui/panels/incident_glyph.h"
#include "ui/widgets.h"

namespace fp {

std::vector<CategoryCount> countCategories(const IncidentStore& store) {
    std::vector<size_t> n(store.categories().size(), 0);
    for (uint16_t c : store.categoryIndex()) ++n[c];
    std::vector<CategoryCount> out;
    for (size_t c = 0; c < n.size(); ++c)
        if (n[c] > 0) out.push_back({static_cast<uint16_t>(c), n[c]});
    std::stable_sort(out.begin(), out.end(), [&](const CategoryCount& a, const CategoryCount& b) {
        return a.count != b.count ? a.count > b.count
                                  : store.categories()[a.category] < store.categories()[b.category];
    });
    return out;
}

namespace {

/// The layer's drawing style as a row of radio buttons (Auto, Markers, Heatmap, Hexbins). True when the user
/// changed it.
bool drawStyleChoice(IncidentStyle& style) {
    bool changed = false;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Draw as");
    const std::pair<IncidentDrawStyle, const char*> choices[] = {{IncidentDrawStyle::Auto, "Auto"},
                                                                 {IncidentDrawStyle::Markers, "Markers"},
                                                                 {IncidentDrawStyle::Heatmap, "Heatmap"},
                                                                 {IncidentDrawStyle::Hexbin, "Hexbins"}};
    for (const auto& [value, label] : choices) {
        sameLineIfFits(toggleWidth(label));
        if (ImGui::RadioButton(label, style.drawStyle == value) && style.drawStyle != value) {
            style.drawStyle = value;
            changed = true;
        }
    }
    itemTooltip(
        "Auto: markers until more than 25 incidents are visible per 100 x 100 pixels, then a heatmap. "
        "Heatmap: density of incidents on screen. Hexbins: hexagons coloured and labelled by their count.");
    return changed;
}

}  // namespace

void IncidentLegendPanel::addFinished(const std::string& source, bool ok, const std::string& error) {
    if (ok) {
        m_error.clear();
        if (cleanPathInput(m_source) == source) m_source.clear();
    } else {
        m_error = error;
        if (cleanPathInput(m_source) == source) m_focusSource = true;
    }
}

const std::vector<CategoryCount>& IncidentLegendPanel::countsFor(const IncidentLayer& layer) {
    CachedCounts& c = m_counts[layer.id];
    if (c.data != layer.data.get()) {
        c.data = layer.data.get();
        c.counts = layer.data ? countCategories(*layer.data) : std::vector<CategoryCount>{};
    }
    return c.counts;
}

void IncidentLegendPanel::draw(const UiContext& ctx, CommandList& out) {
    if (!m_open) return;
    const float s = ctx.scale;
    ImGui::SetNextWindowPos({ImGui::GetIO().DisplaySize.x - 352.f * s, 44.f * s}, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize({340.f * s, 300.f * s}, ImGuiCond_FirstUseEver);
    if (ImGui::Begin(title(), &m_open)) {
        const float buttonWidth = ImGui::CalcTextSize("Add").x + ImGui::GetStyle().FramePadding.x * 2.f;
        ImGui::SetNextItemWidth(-(buttonWidth + ImGui::GetStyle().ItemSpacing.x));
        if (m_focusSource) {
            ImGui::SetKeyboardFocusHere();
            m_focusSource = false;
        }
        bool submit =
            ImGui::InputTextWithHint("##source", "Incidents: .csv, .geojson, .gpkg, PG:\xE2\x80\xA6",
                                     &m_source, ImGuiInputTextFlags_EnterReturnsTrue);
        itemTooltip(
            "An incident file (Flashpoint, ACLED or GDELT CSV, GeoJSON, GeoPackage, \xE2\x80\xA6) or a "
            "PostGIS connection string");
        ImGui::SameLine();
        const std::string source = cleanPathInput(m_source);
        ImGui::BeginDisabled(source.empty());
        submit |= ImGui::Button("Add");
        ImGui::EndDisabled();
        if (submit && !source.empty()) {
            m_error.clear();
            out.push_back(AddIncidents{source});
        }
        if (!m_error.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Error, ctx.theme));
            ImGui::TextWrapped("%s", m_error.c_str());
            ImGui::PopStyleColor();
        }
        ImGui::Separator();
        const auto& layers = ctx.state.scene().incidentLayers;
        if (layers.empty())
            ImGui::TextDisabled("No incidents. Add a source above or drop a CSV on the window.");
        ImGui::BeginChild("##incidentLayers");
        for (size_t i = layers.size(); i-- > 0;) drawLayer(layers[i], ctx, out);
        ImGui::EndChild();
    }
    ImGui::End();
}

namespace {

/// One row per category (visibility, glyph, name, count in the window and in all), then All/None. Edits
/// `style.hiddenCategories`; true when the user changed it. `inWindow` is null when no time window applies.
bool drawCategoryRows(const IncidentStore& store, const std::vector<CategoryCount>& counts,
                      const std::vector<size_t>* inWindow, const IncidentStyleSheet& sheet,
                      IncidentStyle& style) {
    const ImGuiStyle& st = ImGui::GetStyle();
    bool changed = false;
    for (const CategoryCount& c : counts) {
        const std::string& name = store.categories()[c.category];
        const auto hidden = std::find(style.hiddenCategories.begin(), style.hiddenCategories.end(), name);
        bool shown = hidden == style.hiddenCategories.end();
        ImGui::PushID(c.category);
        if (ImGui::Checkbox("##category", &shown)) {
            if (shown)
                style.hiddenCategories.erase(hidden);
            else
                style.hiddenCategories.push_back(name);
            changed = true;
        }
        ImGui::SameLine();
        const float h = ImGui::GetFrameHeight();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        drawMarkerGlyph(ImGui::GetWindowDrawList(), {at.x + 0.5f * h, at.y + 0.5f * h}, 0.3f * h,
                        sheet.styleFor(name));
        ImGui::Dummy({h, h});
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        if (!shown) ImGui::PushStyleColor(ImGuiCol_Text, st.Colors[ImGuiCol_TextDisabled]);
        ImGui::TextUnformatted(name.empty() ? "(no category)" : name.c_str());
        ImGui::SameLine();
        if (inWindow) {
            ImGui::TextDisabled("%zu/%zu", (*inWindow)[c.category], c.count);
            char tip[96];
            std::snprintf(tip, sizeof tip, "%zu in the time window, %zu in all", (*inWindow)[c.category],
                          c.count);
            itemTooltip(tip);
        } else {
            ImGui::TextDisabled("%zu", c.count);
        }
        if (!shown) ImGui::PopStyleColor();
        ImGui::PopID();
    }
    if (ImGui::SmallButton("All")) {
        changed |= !style.hiddenCategories.empty();
        style.hiddenCategories.clear();
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("None")) {
        style.hiddenCategories.clear();
        for (const CategoryCount& c : counts)
            style.hiddenCategories.push_back(store.categories()[c.category]);
        changed = true;
    }
    return changed;
}

/// Drawing style, uncertainty discs, weighting, marker size and opacity; true when the user changed one.
bool drawStyleControls(IncidentStyle& style, float scale) {
    bool changed = drawStyleChoice(style);
    changed |= ImGui::Checkbox("Uncertainty discs", &style.showUncertainty);
    itemTooltip(
        "Ground discs around incidents whose location is approximate (5 km near a place, 25 km region)");
    if (style.drawStyle != IncidentDrawStyle::Markers) {
        // On the discs' row when the panel is wide enough.
        sameLineIfFits(toggleWidth("Weight by fatalities"));
        changed |= ImGui::Checkbox("Weight by fatalities", &style.weightByFatalities);
        itemTooltip("Heatmaps and hexagons count fatalities (unreported: 0) instead of incidents");
    }
    ImGui::SetNextItemWidth(120.f * scale);
    changed |= ImGui::SliderFloat("Marker size", &style.markerScale, 0.5f, 3.f, "%.1fx",
                                  ImGuiSliderFlags_AlwaysClamp);
    ImGui::SetNextItemWidth(120.f * scale);
    float percent = style.opacity * 100.f;
    if (ImGui::SliderFloat("Opacity", &percent, 0.f, 100.f, "%.0f%%", ImGuiSliderFlags_AlwaysClamp)) {
        style.opacity = percent / 100.f;
        changed = true;
    }
    return changed;
}

}  // namespace

void IncidentLegendPanel::drawLayer(const IncidentLayer& layer, const UiContext& ctx, CommandList& out) {
    char id[40];
    std::snprintf(id, sizeof id, "incidents%llu", static_cast<unsigned long long>(layer.id));
    ImGui::PushID(id);
    IncidentStyle style = layer.style;
    bool changed = ImGui::Checkbox("##visible", &style.visible);
    itemTooltip(style.visible ? "Visible: click to hide" : "Hidden: click to show");
    ImGui::SameLine();
    const ImGuiStyle& st = ImGui::GetStyle();
    const float zoomWidth = ImGui::CalcTextSize("Zoom").x + st.FramePadding.x * 2.f;
    const float buttonsWidth = zoomWidth + ImGui::GetFrameHeight() + st.ItemSpacing.x;
    const float right = ImGui::GetWindowContentRegionMax().x;
    const size_t total = layer.data ? layer.data->size() : 0;
    const std::optional<TimeSpan> window = ctx.state.scene().timeWindow();
    const bool windowed = window && m_cache && layer.data;
    if (windowed) m_cache->windowCounts(layer.data).countAll(*window, m_inWindow);
    char label[64];
    if (windowed) {
        size_t shown = 0;
        for (size_t n : m_inWindow) shown += n;
        std::snprintf(label, sizeof label, " (%zu of %zu)", shown, total);
    } else {
        std::snprintf(label, sizeof label, " (%zu)", total);
    }
    // Unsaved edits are marked as the window title marks an unsaved project.
    const std::string name = (hasUnsavedEdits(layer) ? "\xE2\x80\xA2 " : "") + layer.name;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(
        ellipsize(name + label, right - ImGui::GetCursorPosX() - buttonsWidth - st.ItemSpacing.x).c_str());
    itemTooltip((layer.name + "\nSource: " + layer.source +
                 (layer.attribution.empty() ? std::string() : "\n" + layer.attribution))
                    .c_str());
    if (m_geocoded.count(layer.id) && ImGui::BeginPopupContextItem("##layerMenu")) {
        if (ImGui::MenuItem("Save geocoded copy\xE2\x80\xA6")) out.push_back(ShowGeocodedCopy{layer.id});
        ImGui::EndPopup();
    }
    ImGui::SameLine(right - buttonsWidth);
    if (ImGui::Button("Zoom")) out.push_back(ZoomToLayer{layer.id});
    itemTooltip("Zoom to these incidents");
    ImGui::SameLine();
    if (ImGui::Button("\xC3\x97##remove", {ImGui::GetFrameHeight(), 0.f}))
        out.push_back(RemoveIncidentLayer{layer.id});
    itemTooltip("Remove these incidents");

    ImGui::Indent(ImGui::GetFrameHeight() + st.ItemSpacing.x);
    if (layer.data)
        changed |= drawCategoryRows(*layer.data, countsFor(layer), windowed ? &m_inWindow : nullptr, *m_sheet,
                                    style);
    changed |= drawStyleControls(style, ctx.scale);
    if (m_mappable.count(layer.id)) {
        if (ImGui::SmallButton("Map fields\xE2\x80\xA6")) out.push_back(ShowFieldMapping{layer.id});
        itemTooltip("Choose which columns hold the date, place and other fields, and reload");
    }
    if (m_geocoded.count(layer.id)) {
        if (m_mappable.count(layer.id)) ImGui::SameLine();
        if (ImGui::SmallButton("Save geocoded copy\xE2\x80\xA6")) out.push_back(ShowGeocodedCopy{layer.id});
        itemTooltip(
            "Write a CSV or GeoPackage copy of the source with the coordinates found for its place names");
    }
    m_saveButtons.draw(layer, ctx.scale, out);
    ImGui::Unindent(ImGui::GetFrameHeight() + st.ItemSpacing.x);
    ImGui::Separator();
    if (changed) out.push_back(SetIncidentStyle{layer.id, style});
    ImGui::PopID();
}

}  // namespace fp
