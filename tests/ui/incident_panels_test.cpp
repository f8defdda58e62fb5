#include <gtest/gtest.h>
#include <imgui_internal.h>

#include <optional>

#include "command_find.h"
#include "imgui_harness.h"
#include "main_ui_fixture.h"
#include "ui/main_ui.h"
#include "ui/panels/incident_inspector_panel.h"
#include "ui/panels/incident_legend_panel.h"
#include "ui/panels/incident_table_panel.h"
#include "ui/panels/incident_tooltip.h"

namespace fp {
namespace {

Incident incident(std::string id, std::string title, std::string category, std::string place, int64_t day,
                  int32_t fatalities = -1) {
    Incident inc;
    inc.id = std::move(id);
    inc.title = std::move(title);
    inc.category = std::move(category);
    inc.placeName = std::move(place);
    inc.start = TimePoint{1670630400 + day * kSecondsPerDay};
    inc.location = {20.5 + 0.1 * static_cast<double>(day), 42.6};
    inc.fatalities = fatalities;
    inc.sources = {{"AP via The Washington Post", "https://example.org/story?id=1", TimePoint{1673136000}}};
    return inc;
}

MapState stateWithIncidents() {
    MapScene scene;
    IncidentLayer layer;
    layer.id = nextLayerId();
    layer.name = "kosovo";
    layer.data = std::make_shared<IncidentStore>(IncidentStore::build({
        incident("c", "Charlie roadblock at Jarinje", "Roadblock / Protest", "Jarinje", 0),
        incident("a", "Alpha arrest", "Arrest", "Leposavić", 1, 0),
        incident("b", "Bravo statement", "Political statement / Demand", "Belgrade", 2, 3),
        incident("d", "Delta roadblock", "Roadblock / Protest", "Rudare", 3),
    }));
    scene.incidentLayers.push_back(std::move(layer));
    auto state = MapState::create(std::move(scene)).value();
    state.resize(1280, 800, 1.f);
    return state;
}

using test::findCommand;

TEST(QueryIncidents, FiltersBySearchAndCategoryAndSortsByAnyColumn) {
    MapState state = stateWithIncidents();
    const IncidentStore& store = *state.scene().incidentLayers[0].data;
    auto ids = [&](const std::vector<uint32_t>& rows) {
        std::string s;
        for (uint32_t r : rows) s += store.id(r);
        return s;
    };
    IncidentTableQuery q;
    EXPECT_EQ(ids(queryIncidents(store, q)), "cabd");  // time order
    q.sortColumn = IncidentColumn::Title;
    EXPECT_EQ(ids(queryIncidents(store, q)), "abcd");
    q.ascending = false;
    EXPECT_EQ(ids(queryIncidents(store, q)), "dcba");
    q.sortColumn = IncidentColumn::Casualties;
    EXPECT_EQ(ids(queryIncidents(store, q)), "bacd");  // 3, 0, then unreported in time order
    q = {};
    q.search = "ROADBLOCK";
    EXPECT_EQ(ids(queryIncidents(store, q)), "cd");
    q.search = "leposav";  // place, any case
    EXPECT_EQ(ids(queryIncidents(store, q)), "a");
    q.search.clear();
    q.hiddenCategories = {"Roadblock / Protest"};
    EXPECT_EQ(ids(queryIncidents(store, q)), "ab");
}

class IncidentUiTest : public ::testing::Test {
protected:
    IncidentUiTest() : state(stateWithIncidents()) {}
    const IncidentLayer& layer() const { return state.scene().incidentLayers[0]; }

    template <class P>
    CommandList frame(P& panel) {
        CommandList out;
        LogSnapshot log;
        ui.frame([&] {
            UiContext ctx{state, log};
            panel.draw(ctx, out);
        });
        return out;
    }
    template <class P>
    CommandList click(P& panel, ImVec2 at) {
        ui.io().MousePos = at;
        frame(panel);
        ui.io().MouseDown[0] = true;
        CommandList out = frame(panel);
        ui.io().MouseDown[0] = false;
        CommandList released = frame(panel);
        out.insert(out.end(), released.begin(), released.end());
        return out;
    }
    /// Moves the mouse over the window until `found` says it is over the wanted item.
    template <class P, class F>
    std::optional<ImVec2> scan(P& panel, F found) {
        frame(panel);
        ImGuiWindow* window = ImGui::FindWindowByName(panel.title());
        if (!window) return std::nullopt;
        for (float y = window->Pos.y; y < window->Pos.y + window->Size.y; y += 2.f)
            for (float x = window->Pos.x + 4.f; x < window->Pos.x + window->Size.x; x += 12.f) {
                ui.io().MousePos = {x, y};
                frame(panel);
                if (found()) return ImVec2(x, y);
            }
        return std::nullopt;
    }
    /// Where the legend's toggle `label` of the first layer is, found by moving the mouse over it.
    std::optional<ImVec2> legendToggle(IncidentLegendPanel& legend, const char* label) {
        ImGuiID target = 0;
        ui.frame([&] {
            ImGui::Begin(legend.title());
            ImGui::BeginChild("##incidentLayers");
            ImGui::PushID(("incidents" + std::to_string(layer().id)).c_str());
            target = ImGui::GetID(label);
            ImGui::PopID();
            ImGui::EndChild();
            ImGui::End();
        });
        return scan(legend, [&] { return ImGui::GetCurrentContext()->HoveredId == target; });
    }

    test::ImGuiHarness ui;
    MapState state;
};

TEST_F(IncidentUiTest, ClickingATableRowSelectsAndFliesToTheIncident) {
    IncidentTablePanel table;
    table.setOpen(true);
    table.setSearch("bravo");
    frame(table);
    ASSERT_EQ(table.rows().size(), 1u);
    auto row = scan(table, [&] { return table.hoveredRow() >= 0; });
    ASSERT_TRUE(row);
    CommandList out = click(table, *row);
    const auto* fly = findCommand<FlyToIncident>(out);
    ASSERT_NE(fly, nullptr);
    EXPECT_EQ(fly->incident.layerId, layer().id);
    EXPECT_EQ(layer().data->id(fly->incident.index), "b");
    const auto* select = findCommand<SelectIncident>(out);
    ASSERT_NE(select, nullptr);
    EXPECT_EQ(select->incident, fly->incident);
}

TEST_F(IncidentUiTest, SortingByTitleThenClickingTheFirstRowFliesToIt) {
    IncidentTablePanel table;
    table.setOpen(true);
    const int title = static_cast<int>(IncidentColumn::Title);
    auto header = scan(table, [&] { return table.hoveredHeader() == title; });
    ASSERT_TRUE(header);
    // The middle of the header, away from the column borders (where a press resizes instead).
    float right = header->x;
    for (ui.io().MousePos = *header; table.hoveredHeader() == title; ui.io().MousePos.x += 2.f) {
        right = ui.io().MousePos.x;
        frame(table);
    }
    click(table, {0.5f * (header->x + right), header->y});
    frame(table);
    EXPECT_EQ(table.query().sortColumn, IncidentColumn::Title);
    ASSERT_EQ(table.rows().size(), 4u);
    EXPECT_EQ(layer().data->id(table.rows()[0]), "a");
    auto first = scan(table, [&] { return table.hoveredRow() == table.rows()[0]; });
    ASSERT_TRUE(first);
    const CommandList out = click(table, *first);
    const auto* fly = findCommand<FlyToIncident>(out);
    ASSERT_NE(fly, nullptr);
    EXPECT_EQ(layer().data->id(fly->incident.index), "a");
}

TEST_F(IncidentUiTest, LegendToggleHidesTheCategory) {
    IncidentLegendPanel legend;
    legend.setOpen(true);
    frame(legend);
    // The checkbox of "Arrest": the panel's ID stack, then the category's index in the store.
    const IncidentStore& store = *layer().data;
    int arrest = -1;
    for (size_t c = 0; c < store.categories().size(); ++c)
        if (store.categories()[c] == "Arrest") arrest = static_cast<int>(c);
    ASSERT_GE(arrest, 0);
    ImGuiID target = 0;
    ui.frame([&] {
        ImGui::Begin(legend.title());
        ImGui::BeginChild("##incidentLayers");
        ImGui::PushID(("incidents" + std::to_string(layer().id)).c_str());
        ImGui::PushID(arrest);
        target = ImGui::GetID("##category");
        ImGui::PopID();
        ImGui::PopID();
        ImGui::EndChild();
        ImGui::End();
    });
    auto box = scan(legend, [&] { return ImGui::GetCurrentContext()->HoveredId == target; });
    ASSERT_TRUE(box);
    CommandList out = click(legend, *box);
    const auto* set = findCommand<SetIncidentStyle>(out);
    ASSERT_NE(set, nullptr);
    EXPECT_EQ(set->layerId, layer().id);
    EXPECT_EQ(set->style.hiddenCategories, std::vector<std::string>{"Arrest"});
    EXPECT_EQ(set->style.markerScale, layer().style.markerScale);

    // Shown again with the next click once the state has it hidden.
    ASSERT_TRUE(state.setIncidentStyle(set->layerId, set->style).ok());
    out = click(legend, *box);
    set = findCommand<SetIncidentStyle>(out);
    ASSERT_NE(set, nullptr);
    EXPECT_TRUE(set->style.hiddenCategories.empty());
}

TEST_F(IncidentUiTest, StyleChoiceEmitsTheLayersNewDrawStyle) {
    IncidentLegendPanel legend;
    legend.setOpen(true);
    frame(legend);
    EXPECT_EQ(layer().style.drawStyle, IncidentDrawStyle::Auto);
    auto radio = [&](const char* label) { return legendToggle(legend, label); };
    auto heatmap = radio("Heatmap");
    ASSERT_TRUE(heatmap);
    CommandList out = click(legend, *heatmap);
    const auto* set = findCommand<SetIncidentStyle>(out);
    ASSERT_NE(set, nullptr);
    EXPECT_EQ(set->layerId, layer().id);
    EXPECT_EQ(set->style.drawStyle, IncidentDrawStyle::Heatmap);
    EXPECT_EQ(set->style.hiddenCategories, layer().style.hiddenCategories);

    // Once applied, the weighting shows up and hexagons can be chosen; clicking the chosen style again
    // emits nothing.
    ASSERT_TRUE(state.setIncidentStyle(set->layerId, set->style).ok());
    out = click(legend, *heatmap);
    EXPECT_EQ(findCommand<SetIncidentStyle>(out), nullptr);
    auto hexbins = radio("Hexbins");
    ASSERT_TRUE(hexbins);
    set = findCommand<SetIncidentStyle>(out = click(legend, *hexbins));
    ASSERT_NE(set, nullptr);
    EXPECT_EQ(set->style.drawStyle, IncidentDrawStyle::Hexbin);
    auto weight = radio("Weight by fatalities");
    ASSERT_TRUE(weight);
    set = findCommand<SetIncidentStyle>(out = click(legend, *weight));
    ASSERT_NE(set, nullptr);
    EXPECT_TRUE(set->style.weightByFatalities);
}

// Docked at the window's side (about 300 px), the panel cut "Hexbins" off and half of "Weight by
// fatalities": a row of choices now wraps where it does not fit.
TEST_F(IncidentUiTest, StyleChoicesWrapInANarrowPanelInsteadOfBeingCutOff) {
    IncidentLegendPanel legend;
    legend.setOpen(true);
    IncidentStyle heatmap = layer().style;
    heatmap.drawStyle = IncidentDrawStyle::Heatmap;  // shows the weighting too
    ASSERT_TRUE(state.setIncidentStyle(layer().id, heatmap).ok());
    frame(legend);
    ui.frame([&] { ImGui::SetWindowSize(legend.title(), {260.f, 400.f}); });
    frame(legend);
    for (const char* label : {"Auto", "Markers", "Heatmap", "Hexbins", "Weight by fatalities"})
        EXPECT_TRUE(legendToggle(legend, label)) << label;
}

TEST_F(IncidentUiTest, InspectorLinksOpenTheSourceUrl) {
    IncidentInspectorPanel inspector;
    inspector.setOpen(true);
    inspector.setSelected({layer().id, 1});
    auto link = scan(inspector, [&] { return ImGui::GetMouseCursor() == ImGuiMouseCursor_Hand; });
    ASSERT_TRUE(link);
    const CommandList out = click(inspector, *link);
    const auto* open = findCommand<OpenUrl>(out);
    ASSERT_NE(open, nullptr);
    EXPECT_EQ(open->url, "https://example.org/story?id=1");
}

TEST(IncidentUrls, OnlyPlainWebLinksAreOpened) {
    EXPECT_TRUE(isOpenableUrl("https://www.washingtonpost.com/world/a/b_story.html"));
    EXPECT_TRUE(isOpenableUrl("http://example.org/?q=a&b=c"));
    EXPECT_FALSE(isOpenableUrl("javascript:alert(1)"));
    EXPECT_FALSE(isOpenableUrl("file:///etc/passwd"));
    EXPECT_FALSE(isOpenableUrl("https://x.org/a b"));
    EXPECT_FALSE(isOpenableUrl("https://x.org/\n--help"));
    EXPECT_FALSE(isOpenableUrl("-https://x.org"));
}

TEST(IncidentTooltip, SaysWhatWhenWhereAndHowPrecise) {
    MapState state = stateWithIncidents();
    const IncidentStore& store = *state.scene().incidentLayers[0].data;
    const std::string text = incidentTooltipText(store, 0);
    EXPECT_NE(text.find("Charlie roadblock at Jarinje"), std::string::npos) << text;
    EXPECT_NE(text.find("2022-12-10"), std::string::npos) << text;
    EXPECT_NE(text.find("Jarinje"), std::string::npos) << text;
    EXPECT_NE(text.find("Roadblock / Protest"), std::string::npos) << text;
    EXPECT_NE(text.find("exact place"), std::string::npos) << text;
    EXPECT_EQ(locationPrecisionLabel(LocationPrecision::Region), "region only (within 25 km)");
}

class IncidentPointerTest : public test::MainUiFixture {
protected:
    IncidentPointerTest() : MainUiFixture(stateWithIncidents()) {}
    CommandList clickMap(const IncidentHover& hover) {
        ui.setIncidentHover(hover);
        harness.io().MousePos = {640.f, 400.f};
        frame();
        harness.io().MouseDown[0] = true;
        CommandList out = frame();
        harness.io().MouseDown[0] = false;
        CommandList released = frame();
        out.insert(out.end(), released.begin(), released.end());
        return out;
    }
};

TEST_F(IncidentPointerTest, ClicksSpreadGroupsAndSelectIncidents) {
    const uint64_t id = state.scene().incidentLayers[0].id;
    IncidentHover group;
    group.hits = {{{id, 0}, 7, 3, false}, {{id, 1}, 7, 3, false}, {{id, 2}, 7, 3, false}};
    group.total = 3;
    CommandList first = clickMap(group);
    const auto* spread = findCommand<SpreadIncidentGroup>(first);
    ASSERT_NE(spread, nullptr);
    EXPECT_EQ(spread->layerId, id);
    EXPECT_EQ(spread->group, 7u);

    IncidentHover member;
    member.hits = {{{id, 2}, 7, 3, true}};
    member.total = 1;
    CommandList out = clickMap(member);
    const auto* select = findCommand<SelectIncident>(out);
    ASSERT_NE(select, nullptr);
    EXPECT_EQ(select->incident, (IncidentRef{id, 2}));
    EXPECT_EQ(ui.selectedIncident(), (IncidentRef{id, 2}));
    EXPECT_TRUE(ui.isIncidentPanelOpen(IncidentPanelId::Inspector));

    // A click on empty map closes the spread group, and only that.
    ui.setIncidentPanelOpen(IncidentPanelId::Inspector, false);
    out = clickMap({});
    spread = findCommand<SpreadIncidentGroup>(out);
    ASSERT_NE(spread, nullptr);
    EXPECT_EQ(spread->layerId, 0u);
    EXPECT_EQ(findCommand<SelectIncident>(out), nullptr);
}

TEST_F(IncidentPointerTest, ADragIsNotAClick) {
    const uint64_t id = state.scene().incidentLayers[0].id;
    IncidentHover single;
    single.hits = {{{id, 1}, 1, 1, false}};
    single.total = 1;
    ui.setIncidentHover(single);
    harness.io().MousePos = {600.f, 400.f};
    frame();
    harness.io().MouseDown[0] = true;
    frame();
    harness.io().MousePos = {640.f, 420.f};
    CommandList out = frame();
    harness.io().MouseDown[0] = false;
    CommandList released = frame();
    out.insert(out.end(), released.begin(), released.end());
    EXPECT_EQ(findCommand<SelectIncident>(out), nullptr);
    EXPECT_NE(findCommand<Pan>(out), nullptr);
}

TEST_F(IncidentPointerTest, IncidentWindowsDrawWithoutAskingForAnything) {
    EXPECT_FALSE(ui.isIncidentPanelOpen(IncidentPanelId::Table));
    ui.setIncidentPanelOpen(IncidentPanelId::Table, true);
    ui.setIncidentPanelOpen(IncidentPanelId::Legend, true);
    EXPECT_TRUE(frame().empty());  // drawn with incidents, nothing asked
    EXPECT_TRUE(ui.isIncidentPanelOpen(IncidentPanelId::Table));
}

}  // namespace
}  // namespace fp
