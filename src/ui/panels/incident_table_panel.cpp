#include "ui/panels/incident_table_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "ui/panels/incident_glyph.h"
#include "ui/panels/incident_tooltip.h"
#include "ui/widgets.h"

namespace fp {

namespace {

std::string folded(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool containsFolded(std::string_view haystack, const std::string& needle) {
    if (needle.empty()) return true;
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == b;
           }) != haystack.end();
}

int32_t casualties(const IncidentStore& s, uint32_t i) {
    const int32_t f = s.fatalities()[i], j = s.injured()[i];
    if (f < 0 && j < 0) return -1;
    return std::max(f, 0) + std::max(j, 0);
}

const char* const kColumnNames[kIncidentColumnCount] = {"Date",  "Title",      "Category",
                                                        "Place", "Casualties", "Location"};

}  // namespace

std::vector<uint32_t> queryIncidents(const IncidentStore& store, const IncidentTableQuery& query) {
    std::vector<uint8_t> categoryShown(store.categories().size(), 1);
    for (size_t c = 0; c < categoryShown.size(); ++c)
        if (std::find(query.hiddenCategories.begin(), query.hiddenCategories.end(), store.categories()[c]) !=
            query.hiddenCategories.end())
            categoryShown[c] = 0;
    const std::string needle = folded(query.search);
    std::vector<uint8_t> categoryMatches(store.categories().size(), 0);
    for (size_t c = 0; c < categoryMatches.size(); ++c)
        categoryMatches[c] = containsFolded(store.categories()[c], needle);

    std::vector<uint32_t> rows;
    rows.reserve(store.size());
    for (uint32_t i = 0; i < store.size(); ++i) {
        const uint16_t c = store.categoryIndex()[i];
        if (!categoryShown[c]) continue;
        if (!needle.empty() && !categoryMatches[c] && !containsFolded(store.title(i), needle) &&
            !containsFolded(store.placeName(i), needle) && !containsFolded(store.id(i), needle))
            continue;
        rows.push_back(i);
    }
    // Rows come in time order, so a stable sort keeps time order among equal keys. Keys are made once per
    // row, not per comparison.
    auto by = [&](auto key) {
        using Key = decltype(key(uint32_t{0}));
        std::vector<std::pair<Key, uint32_t>> keyed;
        keyed.reserve(rows.size());
        for (uint32_t i : rows) keyed.emplace_back(key(i), i);
        std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
            return query.ascending ? a.first < b.first : b.first < a.first;
        });
        for (size_t k = 0; k < rows.size(); ++k) rows[k] = keyed[k].second;
    };
    switch (query.sortColumn) {
        case IncidentColumn::Date:
            // Equal start times keep their order either way.
            if (!query.ascending)
                std::stable_sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) {
                    return store.startSeconds()[a] > store.startSeconds()[b];
                });
            break;
        case IncidentColumn::Title:
            by([&](uint32_t i) { return folded(store.title(i)); });
            break;
        case IncidentColumn::Category: {
            std::vector<uint32_t> order(store.categories().size()), rank(order.size());
            std::iota(order.begin(), order.end(), 0u);
            std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
                return folded(store.categories()[a]) < folded(store.categories()[b]);
            });
            for (uint32_t k = 0; k < order.size(); ++k) rank[order[k]] = k;
            by([&](uint32_t i) { return rank[store.categoryIndex()[i]]; });
            break;
        }
        case IncidentColumn::Place:
            by([&](uint32_t i) { return folded(store.placeName(i)); });
            break;
        case IncidentColumn::Casualties:
            by([&](uint32_t i) { return casualties(store, i); });
            break;
        case IncidentColumn::Precision:
            by([&](uint32_t i) { return store.locationPrecision()[i]; });
            break;
    }
    return rows;
}

void IncidentTablePanel::draw(const UiContext& ctx, CommandList& out) {
    m_hoveredRow = -1;
    m_hoveredHeader = -1;
    if (!m_open) return;
    const float s = ctx.scale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // Above the time controls along the bottom (about 200 px high).
    ImGui::SetNextWindowPos({400.f * s, std::max(30.f * s, display.y - 560.f * s)}, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize({std::min(820.f * s, display.x - 420.f * s), 320.f * s}, ImGuiCond_FirstUseEver);
    if (ImGui::Begin(title(), &m_open)) {
        const auto& layers = ctx.state.scene().incidentLayers;
        const IncidentLayer* layer = ctx.state.scene().findIncidentLayer(m_layerId);
        if (!layer && !layers.empty()) layer = &layers.back();
        m_layerId = layer ? layer->id : 0;
        if (!layer || !layer->data) {
            ImGui::TextDisabled("No incidents. Add a source in the Incidents window.");
        } else {
            auto refresh = [&] {  // no work unless the query, the data or the time window changed
                if (m_rowsLayer != layer->id || m_rowsData != layer->data.get() ||
                    !(m_rowsQuery == m_query)) {
                    m_rows = queryIncidents(*layer->data, m_query);
                    m_rowsLayer = layer->id;
                    m_rowsData = layer->data.get();
                    m_rowsQuery = m_query;
                    m_filterValid = false;
                }
                updateWindowFilter(ctx, *layer);
            };
            refresh();  // before the filters: they show how many rows are listed
            drawFilters(*layer, ctx);
            refresh();
            drawTable(*layer, out);
        }
    }
    ImGui::End();
}

void IncidentTablePanel::updateWindowFilter(const UiContext& ctx, const IncidentLayer& layer) {
    const std::optional<TimeSpan> window = ctx.state.scene().timeWindow();
    m_filtering = m_inWindowOnly && window.has_value() && m_cache;
    m_filterPending = false;
    if (!m_filtering) return;
    if (!m_filterValid) {
        m_filter.setRows(m_rows, layer.data->size());
        m_filterValid = true;
        m_shownWindow.reset();
    }
    if (m_shownWindow == window) return;
    // During playback the window changes every frame: filter again at most five times a second.
    if (m_shownWindow && ctx.time - m_filterTime < 0.2) {
        m_filterPending = true;
        return;
    }
    m_shown = m_filter.filter(m_cache->windowCounts(layer.data), *window);
    m_shownWindow = window;
    m_filterTime = ctx.time;
}

void IncidentTablePanel::drawFilters(const IncidentLayer& layer, const UiContext& ctx) {
    const auto& layers = ctx.state.scene().incidentLayers;
    if (layers.size() > 1) {
        ImGui::SetNextItemWidth(160.f * ctx.scale);
        if (ImGui::BeginCombo("##layer", layer.name.c_str())) {
            for (size_t i = layers.size(); i-- > 0;) {
                ImGui::PushID(static_cast<int>(i));
                if (ImGui::Selectable(layers[i].name.c_str(), layers[i].id == layer.id))
                    m_layerId = layers[i].id;
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        ImGui::SameLine();
    }
    ImGui::SetNextItemWidth(220.f * ctx.scale);
    ImGui::InputTextWithHint("##search", "Search title, place, category\xE2\x80\xA6", &m_query.search);
    ImGui::SameLine();
    const IncidentStore& store = *layer.data;
    char label[48];
    if (m_query.hiddenCategories.empty())
        std::snprintf(label, sizeof label, "All categories");
    else
        std::snprintf(label, sizeof label, "%zu hidden categories", m_query.hiddenCategories.size());
    ImGui::SetNextItemWidth(180.f * ctx.scale);
    if (ImGui::BeginCombo("##categories", label)) {
        for (size_t c = 0; c < store.categories().size(); ++c) {
            const std::string& name = store.categories()[c];
            auto hidden = std::find(m_query.hiddenCategories.begin(), m_query.hiddenCategories.end(), name);
            bool shown = hidden == m_query.hiddenCategories.end();
            ImGui::PushID(static_cast<int>(c));
            if (ImGui::Checkbox(name.empty() ? "(no category)" : name.c_str(), &shown)) {
                if (shown)
                    m_query.hiddenCategories.erase(hidden);
                else
                    m_query.hiddenCategories.push_back(name);
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    if (ctx.state.scene().timeWindow() && m_cache) {
        ImGui::SameLine();
        ImGui::Checkbox("In window only", &m_inWindowOnly);
        itemTooltip("List only the incidents the map's time window shows");
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%zu of %zu", rows().size(), store.size());
}

void IncidentTablePanel::drawTable(const IncidentLayer& layer, CommandList& out) {
    const IncidentStore& store = *layer.data;
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_Reorderable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##incidents", kIncidentColumnCount, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupColumn(kColumnNames[0],
                            ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthFixed, 13.f * em);
    ImGui::TableSetupColumn(kColumnNames[1], ImGuiTableColumnFlags_WidthStretch, 3.f);
    ImGui::TableSetupColumn(kColumnNames[2], ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(kColumnNames[3], ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(kColumnNames[4], ImGuiTableColumnFlags_WidthFixed, 5.5f * em);
    ImGui::TableSetupColumn(kColumnNames[5], ImGuiTableColumnFlags_WidthFixed, 5.f * em);
    // Headers by hand rather than TableHeadersRow(), to know which one the mouse is over.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < kIncidentColumnCount; ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        ImGui::TableHeader(kColumnNames[c]);
        if (ImGui::IsItemHovered()) m_hoveredHeader = c;
    }
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        if (specs->SpecsCount > 0) {
            m_query.sortColumn = static_cast<IncidentColumn>(specs->Specs[0].ColumnIndex);
            m_query.ascending = specs->Specs[0].SortDirection != ImGuiSortDirection_Descending;
        }
        specs->SpecsDirty = false;
        if (!(m_rowsQuery == m_query)) {
            m_rows = queryIncidents(store, m_query);
            m_rowsQuery = m_query;
            m_filterValid = false;
        }
    }

    ImGuiListClipper clipper;
    const std::vector<uint32_t>& shown = rows();
    clipper.Begin(static_cast<int>(shown.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const uint32_t i = shown[static_cast<size_t>(r)];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushID(static_cast<int>(i));
            const bool selected = m_selected.layerId == layer.id && m_selected.index == i;
            const std::string when = incidentWhen(store, i);
            if (ImGui::Selectable(when.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
                out.push_back(SelectIncident{{layer.id, i}});
                out.push_back(FlyToIncident{{layer.id, i}});
            }
            if (ImGui::IsItemHovered()) m_hoveredRow = i;
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(store.title(i).data(), store.title(i).data() + store.title(i).size());
            ImGui::TableSetColumnIndex(2);
            const std::string& category = store.categories()[store.categoryIndex()[i]];
            const float h = ImGui::GetTextLineHeight();
            const ImVec2 at = ImGui::GetCursorScreenPos();
            drawMarkerGlyph(ImGui::GetWindowDrawList(), {at.x + 0.5f * h, at.y + 0.5f * h}, 0.36f * h,
                            m_sheet->styleFor(category), store.locationPrecision()[i] >= 2);
            ImGui::Dummy({h, h});
            ImGui::SameLine();
            ImGui::TextUnformatted(category.c_str());
            ImGui::TableSetColumnIndex(3);
            ImGui::TextUnformatted(store.placeName(i).data(),
                                   store.placeName(i).data() + store.placeName(i).size());
            ImGui::TableSetColumnIndex(4);
            const int32_t n = casualties(store, i);
            if (n >= 0)
                ImGui::Text("%d", n);
            else
                ImGui::TextDisabled("\xE2\x80\x94");
            ImGui::TableSetColumnIndex(5);
            static const char* const kPrecision[] = {"exact", "exact", "near", "region"};
            ImGui::TextUnformatted(kPrecision[std::min<int>(store.locationPrecision()[i], 3)]);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace fp
