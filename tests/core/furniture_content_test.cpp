// What the export furniture says: date ranges, legend counts in the window, credits, scale bar lengths and
// the direction of true north.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/export/furniture_content.h"
#include "core/places/gazetteer.h"
#include "incident_test_util.h"

namespace fp {
namespace {

using test::utc;

Incident incident(const std::string& category, TimePoint start, std::optional<TimePoint> end = {}) {
    Incident i;
    i.category = category;
    i.start = start;
    i.end = end;
    i.location = {20.9, 42.9};
    return i;
}

IncidentStyleSheet sheet() {
    auto s = IncidentStyleSheet::parse(R"({"version": 1, "default": {"color": "#999999", "shape": "circle"},
        "categories": [
          {"name": "Roadblock / Protest", "color": "#0072b2", "shape": "square", "aliases": ["Roadblock"]},
          {"name": "Arrest", "color": "#56b4e9", "shape": "diamond"}]})",
                                       "test");
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().describe());
    return s.ok() ? std::move(s).value() : IncidentStyleSheet();
}

TEST(FurnitureContent, DateRangeShowsTheLastDayInsideTheWindow) {
    EXPECT_EQ(formatDateRange({utc(2022, 12, 10), utc(2023, 1, 9)}), "10 Dec 2022 \u2013 08 Jan 2023");
    EXPECT_EQ(formatDateRange({utc(2022, 12, 10), utc(2022, 12, 11)}), "10 Dec 2022");
    EXPECT_EQ(formatDateRange({utc(2022, 12, 10, 14), utc(2022, 12, 10, 20)}),
              "10 Dec 2022 14:00 \u2013 10 Dec 2022 20:00");
}

TEST(FurnitureContent, SubtitleAndTimestampFollowTheWindow) {
    MapScene scene;
    EXPECT_EQ(defaultSubtitle(scene), "All dates");
    EXPECT_EQ(timestampText(scene), "");
    scene.addIncidentLayer(std::make_shared<const IncidentStore>(IncidentStore::build(
                               {incident("Arrest", utc(2022, 12, 3)), incident("Arrest", utc(2023, 1, 5))})),
                           "x", "x");
    EXPECT_EQ(defaultSubtitle(scene), "03 Dec 2022 \u2013 05 Jan 2023")
        << "the data's range without a window";
    scene.time = timeStateShowing(TimeSpan{utc(2022, 12, 10), utc(2023, 1, 9)});
    EXPECT_EQ(defaultSubtitle(scene), "10 Dec 2022 \u2013 08 Jan 2023");
    EXPECT_EQ(timestampText(scene), "08 Jan 2023");
}

TEST(FurnitureContent, LegendCountsIncidentsOverlappingTheWindowPerCategory) {
    MapScene scene;
    scene.addIncidentLayer(
        std::make_shared<const IncidentStore>(IncidentStore::build({
            incident("Roadblock", utc(2022, 12, 1), utc(2022, 12, 29)),  // started before, reaches in: counts
            incident("Roadblock / Protest", utc(2022, 12, 20)),          // alias and name: one row
            incident("Arrest", utc(2022, 12, 15)),
            incident("Arrest", utc(2023, 2, 1)),   // after the window
            incident("Arrest", utc(2022, 11, 1)),  // before it
            incident("Weather", utc(2022, 12, 12)),
            incident("Weather", utc(2022, 12, 13)),
            incident("Weather", utc(2022, 12, 14)),
        })),
        "a", "a");
    scene.time = timeStateShowing(TimeSpan{utc(2022, 12, 10), utc(2023, 1, 9)});
    const auto entries = legendEntries(scene, sheet());
    ASSERT_EQ(entries.size(), 3u);
    // Ordered by the count over all time; ties keep the style sheet's order, unknown categories last.
    EXPECT_EQ(entries[0].name, "Arrest");
    EXPECT_EQ(entries[0].count, 1u);
    EXPECT_EQ(entries[0].total, 3u);
    EXPECT_EQ(entries[1].name, "Weather");  // unknown categories keep their name
    EXPECT_EQ(entries[1].count, 3u);
    EXPECT_EQ(entries[2].name, "Roadblock / Protest");  // alias and name: one row
    EXPECT_EQ(entries[2].count, 2u);
    EXPECT_EQ(entries[2].shape, MarkerShape::Square);

    scene.incidentLayers[0].style.hiddenCategories = {"Weather"};
    EXPECT_EQ(legendEntries(scene, sheet()).size(), 2u) << "hidden categories are not in the legend";
    scene.time.window.mode = WindowMode::All;
    const auto all = legendEntries(scene, sheet());
    EXPECT_EQ(all[0].name, "Arrest") << "no window: all incidents";
    EXPECT_EQ(all[0].count, 3u);
}

TEST(FurnitureContent, LegendRowsStayTheSameWhileTheWindowMoves) {
    MapScene scene;
    scene.addIncidentLayer(std::make_shared<const IncidentStore>(IncidentStore::build({
                               incident("Roadblock", utc(2022, 12, 10)),
                               incident("Roadblock", utc(2022, 12, 11)),
                               incident("Arrest", utc(2022, 12, 10)),
                               incident("Weather", utc(2023, 1, 6)),
                           })),
                           "a", "a");
    std::vector<std::string> firstRows;
    for (TimePoint day : {utc(2022, 12, 1), utc(2022, 12, 10), utc(2023, 1, 6), utc(2023, 3, 1)}) {
        scene.time = timeStateShowing(TimeSpan{day, TimePoint{day.seconds + kSecondsPerDay}});
        const auto entries = legendEntries(scene, sheet());
        std::vector<std::string> rows;
        size_t inWindow = 0;
        for (const auto& e : entries) {
            rows.push_back(e.name);
            inWindow += e.count;
        }
        if (firstRows.empty()) firstRows = rows;
        EXPECT_EQ(rows, firstRows) << "same rows in the same order on every frame";
        EXPECT_EQ(inWindow, day == utc(2022, 12, 10) ? 2u : day == utc(2023, 1, 6) ? 1u : 0u);
    }
    EXPECT_EQ(firstRows, (std::vector<std::string>{"Roadblock / Protest", "Arrest", "Weather"}));
}

TEST(FurnitureContent, AttributionIsDeduplicatedInLayerOrder) {
    MapScene scene;
    auto data = std::make_shared<VectorLayer>();
    scene.addLayer(data, {}, "Natural Earth; geoBoundaries (Runfola et al. 2020), CC BY-SA 2.0");
    scene.addLayer(data, {}, "Natural Earth (public domain)");
    scene.addLayer(data, {}, " geoBoundaries ");
    LayerStyle hidden;
    hidden.visible = false;
    scene.addLayer(data, hidden, "Hidden source");
    scene.addIncidentLayer(nullptr, "i", "i", "ACLED");
    const auto lines = attributionLines(scene);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], "geoBoundaries (Runfola et al. 2020), CC BY-SA 2.0");
    EXPECT_EQ(lines[1], "Natural Earth (public domain)");
    EXPECT_EQ(lines[2], "ACLED");
}

// A briefing of South Asia listed the embedded Kosovo incidents' categories in its legend, their dates in the
// subtitle and their sources in the credits, though none of them was on the map.
TEST(FurnitureContent, FurnitureSpeaksOnlyOfLayersInTheExportedArea) {
    MapScene scene;
    auto boundary = std::make_shared<VectorLayer>();
    boundary->extent = GeoBBox::fromCorners(20.0, 41.8, 21.8, 43.3);  // Kosovo
    scene.addLayer(boundary, {}, "geoBoundaries");
    auto kosovo = incident("Arrest", utc(2022, 12, 10));
    auto asia = incident("Riots/Protests", utc(2015, 1, 3));
    asia.location = {77.2, 28.6};
    scene.addIncidentLayer(std::make_shared<const IncidentStore>(IncidentStore::build({kosovo})), "kosovo",
                           "k", "AP");
    scene.addIncidentLayer(std::make_shared<const IncidentStore>(IncidentStore::build({asia})), "asia", "a",
                           "ACLED");
    const MapScene shown = sceneShown(scene, GeoBBox::fromCorners(60.0, 5.0, 110.0, 40.0));
    ASSERT_EQ(legendEntries(shown, sheet()).size(), 1u);
    EXPECT_EQ(legendEntries(shown, sheet())[0].name, "Riots/Protests");
    EXPECT_EQ(defaultSubtitle(shown), "03 Jan 2015");
    EXPECT_EQ(attributionLines(shown), (std::vector<std::string>{"ACLED"}));
    // Over Kosovo both layers' extents are what they are: only the one there counts; an empty area keeps all.
    EXPECT_EQ(attributionLines(sceneShown(scene, GeoBBox::fromCorners(19, 41, 23, 44))),
              (std::vector<std::string>{"geoBoundaries", "AP"}));
    EXPECT_EQ(attributionLines(sceneShown(scene, GeoBBox{})),
              (std::vector<std::string>{"geoBoundaries", "AP", "ACLED"}));
    EXPECT_EQ(scene.incidentLayers[0].style.visible, true) << "the scene itself is left as it was";
}

// Place labels come from the shipped gazetteer, whose licences (GeoNames' CC BY 4.0) ask for a credit: an
// export only had one when the embedded incidents happened to carry it.
TEST(FurnitureContent, PlaceLabelsCreditTheGazetteer) {
    MapScene scene;
    scene.addIncidentLayer(nullptr, "i", "i", "ACLED");
    scene.gazetteer = Gazetteer::fromRecords({}, "none").value();
    scene.placeLabels.visible = true;
    EXPECT_EQ(attributionLines(scene), (std::vector<std::string>{"ACLED", kGazetteerAttribution}));
    scene.placeLabels.visible = false;
    EXPECT_EQ(attributionLines(scene), (std::vector<std::string>{"ACLED"}));
}

TEST(FurnitureContent, ScaleBarTakesRoundLengths) {
    EXPECT_EQ(niceScaleLength(73000).metres, 50000);
    EXPECT_EQ(niceScaleLength(73000).label, "50 km");
    EXPECT_EQ(niceScaleLength(1999).metres, 1000);
    EXPECT_EQ(niceScaleLength(2000).label, "2 km");
    EXPECT_EQ(niceScaleLength(480).label, "200 m");
    EXPECT_EQ(niceScaleLength(0).metres, 0);
}

TEST(FurnitureContent, TrueNorthLeansTowardsTheCentralMeridianInUtm) {
    MapView view;
    auto utm = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    // 2 degrees west of UTM 34N's central meridian (21 E) at 44 N the meridian convergence is about
    // 2 * sin(44) = 1.39 degrees: north leans clockwise (to the east).
    view.center = utm.project({19.0, 44.0});
    const double expected = 2.0 * std::sin(44.0 * std::numbers::pi / 180.0) * std::numbers::pi / 180.0;
    EXPECT_NEAR(trueNorthAngle(view, utm), expected, 0.002);
    view.center = utm.project({23.0, 44.0});
    EXPECT_NEAR(trueNorthAngle(view, utm), -expected, 0.002);
    auto geographic = MapProjection::create(Crs::fromUserInput("EPSG:4326").value()).value();
    view.center = {20.0, 43.0};
    EXPECT_NEAR(trueNorthAngle(view, geographic), 0.0, 1e-9);
}

}  // namespace
}  // namespace fp
