#include <gtest/gtest.h>

#include "imgui_harness.h"
#include "ui/main_ui.h"
#include "ui/panels/load_report_panel.h"

namespace fp {
namespace {

Error problem(std::string source, int64_t row, std::string field, std::string message) {
    Error e = makeError(ErrorCode::InvalidArgument, std::move(source), std::move(message));
    e.row = row;
    e.field = std::move(field);
    return e;
}

std::vector<LoadReport> sampleReports() {
    LoadReport a;
    a.source = "/data/events.csv";
    a.featuresRead = 5;
    a.featuresLoaded = 3;
    a.featuresSkipped = 2;
    a.add(problem("/data/events.csv", 2, "start", "'yesterday' is not a date; row not loaded"));
    a.add(problem("/data/events.csv", 4, "lat", "latitude 95 is outside -90..90; row not loaded"));
    a.add(problem("/data/events.csv", 5, "fatalities",
                  "'many' is not a whole number; row loaded, value left empty"));
    LoadReport b;
    b.source = "/data/more.geojson";
    b.featuresRead = 1;
    b.featuresSkipped = 1;
    b.add(problem("/data/more.geojson", 1, "", "geometry is not a point; row not loaded"));
    return {a, b};
}

TEST(LoadReportPanel, FiltersRowsOnAnyColumnInAnyCase) {
    LoadReportPanel panel;
    panel.setReports(sampleReports());
    EXPECT_EQ(panel.allRows().size(), 4u);
    EXPECT_EQ(panel.visibleRows().size(), 4u);
    EXPECT_EQ(rowsNotLoaded(panel.reports()), 3u);

    panel.setFilter("LAT");  // field, any case
    ASSERT_EQ(panel.visibleRows().size(), 1u);
    EXPECT_EQ(panel.visibleRows()[0]->row, 4);
    panel.setFilter("geojson");  // file
    ASSERT_EQ(panel.visibleRows().size(), 1u);
    EXPECT_EQ(panel.visibleRows()[0]->reason, "geometry is not a point; row not loaded");
    panel.setFilter("row loaded");  // reason
    ASSERT_EQ(panel.visibleRows().size(), 1u);
    EXPECT_EQ(panel.visibleRows()[0]->field, "fatalities");
    panel.setFilter("nothing like this");
    EXPECT_TRUE(panel.visibleRows().empty());
    panel.setFilter("  ");
    EXPECT_EQ(panel.visibleRows().size(), 4u);

    panel.setFilter("events.csv");
    EXPECT_EQ(
        panel.copyText(),
        "file\trow\tfield\treason\n"
        "/data/events.csv\t2\tstart\t'yesterday' is not a date; row not loaded\n"
        "/data/events.csv\t4\tlat\tlatitude 95 is outside -90..90; row not loaded\n"
        "/data/events.csv\t5\tfatalities\t'many' is not a whole number; row loaded, value left empty\n");
}

TEST(LoadReportPanel, DrawsWithAFilterAndAsksForNothing) {
    test::ImGuiHarness ui;
    MapState state = std::move(MapState::create(MapScene{})).value();
    LoadReportPanel panel;
    panel.setOpen(true);
    panel.setReports(sampleReports());
    panel.setFilter("row not loaded");
    LogSnapshot log;
    for (int i = 0; i < 3; ++i) {
        CommandList out;
        ui.frame([&] {
            UiContext ctx{state, log};
            panel.draw(ctx, out);
        });
        EXPECT_TRUE(out.empty());
    }
    EXPECT_EQ(panel.visibleRows().size(), 3u);
}

TEST(LoadReportPanel, OpensAfterALoadWithBadRowsAndNotifies) {
    test::ImGuiHarness harness;
    MapState state = std::move(MapState::create(MapScene{})).value();
    state.resize(1280, 800, 1.f);
    MainUi ui;
    const std::string source = std::string(FP_FIXTURES_DIR) + "/incidents/bad_dates.csv";
    EXPECT_FALSE(ui.isPanelOpen(PanelId::LoadReport));
    CommandList out;
    harness.frame([&] {
        auto id = state.addIncidents(source);
        ASSERT_TRUE(id) << id.error().describe();
        ui.onCommandResult(AddIncidents{source}, {}, &state);
    });
    EXPECT_TRUE(ui.isPanelOpen(PanelId::LoadReport));
    EXPECT_EQ(ui.loadReport().allRows().size(), state.lastReports()[0].problems.size());
    EXPECT_GT(rowsNotLoaded(ui.loadReport().reports()), 0u);
    EXPECT_TRUE(ui.needsRegularFrames());  // the "N rows not loaded" notification
    harness.frame([&] { ui.frame(state, {}, out); });
    EXPECT_TRUE(out.empty());

    // A clean load leaves it closed.
    MainUi quiet;
    harness.frame([&] {
        const std::string good = std::string(FP_FIXTURES_DIR) + "/incidents/generic_lonlat.csv";
        auto id = state.addIncidents(good);
        ASSERT_TRUE(id) << id.error().describe();
        quiet.onCommandResult(AddIncidents{good}, {}, &state);
    });
    EXPECT_EQ(quiet.isPanelOpen(PanelId::LoadReport), !quiet.loadReport().allRows().empty());
}

}  // namespace
}  // namespace fp
