// Incident layers drawn as a heatmap or hexagonal bins: goldens, the time window, the auto rule, the
// window's row range, and the legend's density scale.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/time/time_window.h"
#include "incident_render_fixture.h"
#include "render/export/furniture/furniture_drawer.h"
#include "render/export/furniture/furniture_layout.h"
#include "render/export/map_exporter.h"
#include "render/incidents/density_grid.h"
#include "render/incidents/incident_time.h"

namespace fp {
namespace {

const LonLat kPristina{21.166, 42.663};

/// `n` incidents around `centre`, spread `spreadDeg` (normal), on `day`, reproducible.
std::vector<Incident> cluster(LonLat centre, double spreadDeg, int n, int64_t day, uint32_t seed,
                              int32_t fatalities = -1) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> d(0.0, spreadDeg);
    std::vector<Incident> out;
    for (int i = 0; i < n; ++i)
        out.push_back(test::makeIncident(std::to_string(seed) + "-" + std::to_string(i), "Protest",
                                         centre.lon + d(rng), centre.lat + d(rng), LocationPrecision::Exact,
                                         day, fatalities));
    return out;
}

/// Three clusters of different size near Pristina, on days 0, 1 and 2.
std::vector<Incident> threeClusters() {
    std::vector<Incident> all = cluster({21.10, 42.70}, 0.02, 120, 0, 1);
    for (auto& i : cluster({21.28, 42.63}, 0.025, 60, 1, 2)) all.push_back(std::move(i));
    for (auto& i : cluster({21.02, 42.60}, 0.015, 25, 2, 3)) all.push_back(std::move(i));
    return all;
}

class DensityRender : public test::IncidentRender {
protected:
    MapState clusters(IncidentDrawStyle style, int w = 320, int h = 240) {
        MapState state = test::incidentState("EPSG:32634", threeClusters(), kPristina, 130.0, w, h);
        setDrawStyle(state, style);
        return state;
    }
    const IncidentLayer& layer(const MapState& state) { return state.scene().incidentLayers[0]; }
    static void setDrawStyle(MapState& state, IncidentDrawStyle drawStyle) {
        IncidentStyle style = state.scene().incidentLayers[0].style;
        style.drawStyle = drawStyle;
        ASSERT_TRUE(state.setIncidentStyle(state.scene().incidentLayers[0].id, style).ok());
    }
    static size_t tinted(const Image& img) {
        size_t n = 0;
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x) n += !isWhite(img.pixel(x, y), 8);
        return n;
    }
};

TEST_F(DensityRender, HeatmapMatchesGolden) {
    const Image img = render(clusters(IncidentDrawStyle::Heatmap));
    EXPECT_TRUE(test::matchesGolden(img, "density_heatmap", 12, 0.005));
}

TEST_F(DensityRender, HexbinMatchesGolden) {
    const Image img = render(clusters(IncidentDrawStyle::Hexbin));
    EXPECT_TRUE(test::matchesGolden(img, "density_hexbin", 16, 0.01));
}

TEST_F(DensityRender, HeatmapCountsOnlyIncidentsInTheTimeWindow) {
    MapState state = clusters(IncidentDrawStyle::Heatmap);
    const ScreenXY dayZero = screenOf(state, {21.10, 42.70}), dayTwo = screenOf(state, {21.02, 42.60});
    const Image all = render(state);
    EXPECT_FALSE(isWhite(at(all, dayZero)));
    EXPECT_FALSE(isWhite(at(all, dayTwo)));
    // Only day 2: the biggest cluster (day 0) leaves no trace, the day-2 one is now the hottest.
    state.setTime(timeStateShowing(
        TimeSpan{TimePoint{1670630400 + 2 * kSecondsPerDay}, TimePoint{1670630400 + 3 * kSecondsPerDay}}));
    const Image dayTwoOnly = render(state);
    EXPECT_TRUE(isWhite(at(dayTwoOnly, dayZero)));
    EXPECT_FALSE(isWhite(at(dayTwoOnly, dayTwo)));
    auto scale = renderer->incidents().densityScale(layer(state), state.view(), state.scene().timeWindow());
    ASSERT_TRUE(scale);
    EXPECT_EQ(scale->style, IncidentDrawStyle::Heatmap);
    EXPECT_GT(scale->maxValue, 0.f);
}

TEST_F(DensityRender, HexagonsCountTheWindowAndWeighFatalities) {
    MapState state = clusters(IncidentDrawStyle::Hexbin);
    auto prep = prepareIncidents(*layer(state).data, state.projection());
    const DensityPoints points = buildDensityPoints(prep, layer(state).data);
    ASSERT_EQ(points.points.size(), 205u);
    auto counted = [&](const DensityFilter& f) {
        size_t n = 0;
        for (const HexBin& b : binHexagons(points, f, state.view()).bins) n += b.count;
        return n;
    };
    EXPECT_EQ(counted({}), 205u);  // every cluster lies well inside the view
    const IncidentTimeUniforms day1 = incidentTimeUniforms(
        TimeSpan{TimePoint{1670630400 + kSecondsPerDay}, TimePoint{1670630400 + 2 * kSecondsPerDay}}, false,
        false, prep.epochBase);
    DensityFilter f;
    f.windowStart = day1.windowStart;
    f.windowEnd = day1.windowEnd;
    EXPECT_EQ(counted(f), 60u);
    // Unreported fatalities weigh nothing.
    f.weightByFatalities = true;
    EXPECT_EQ(binHexagons(points, f, state.view()).bins.size(), 0u);
}

TEST_F(DensityRender, WindowRowRangeHoldsEveryOverlappingIncident) {
    // Incidents of mixed time precision and spans, so that neither starts nor ends are sorted.
    std::vector<Incident> all;
    std::mt19937 rng(7);
    for (int i = 0; i < 400; ++i) {
        Incident inc = test::makeIncident(std::to_string(i), "Arrest", 21.0 + 0.001 * i, 42.6,
                                          LocationPrecision::Exact, static_cast<int64_t>(rng() % 60));
        if (i % 7 == 0)
            inc.end = TimePoint{inc.start.seconds + static_cast<int64_t>(rng() % 20) * kSecondsPerDay};
        if (i % 11 == 0) inc.timePrecision = TimePrecision::Month;
        all.push_back(std::move(inc));
    }
    auto store = test::makeStore(std::move(all));
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    const IncidentPrep prep = prepareIncidents(*store, projection);
    const DensityPoints points = buildDensityPoints(prep, store);
    ASSERT_EQ(points.points.size(), 400u);
    size_t narrower = 0;
    for (int32_t start = -40 * kSecondsPerDay; start < 80 * kSecondsPerDay;
         start += kSecondsPerDay * 3 + 3600) {
        const int32_t end = start + 5 * kSecondsPerDay;
        const auto [first, last] = points.range(start, end);
        for (size_t i = 0; i < points.points.size(); ++i) {
            const DensityPoint& p = points.points[i];
            if (p.start <= end && p.end >= start) EXPECT_TRUE(i >= first && i < last) << i << " " << start;
        }
        narrower += last - first < points.points.size();
    }
    EXPECT_GT(narrower, 10u);  // the range does narrow the work
}

TEST(DensityPoints, WithoutMarkersTheyEqualThoseOfTheFullPreparation) {
    std::vector<Incident> all = threeClusters();
    all[3].timePrecision = TimePrecision::Month;
    all[7].end = TimePoint{all[7].start.seconds + 9 * kSecondsPerDay};
    all[9].fatalities = 4;
    auto store = test::makeStore(std::move(all));
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    const IncidentPrep full = prepareIncidents(*store, projection);
    IncidentPrep frame;
    const std::vector<MapXY> projected = prepareIncidentFrame(*store, projection, frame);
    EXPECT_EQ(frame.origin.x, full.origin.x);
    EXPECT_EQ(frame.origin.y, full.origin.y);
    EXPECT_EQ(frame.epochBase, full.epochBase);
    EXPECT_EQ(frame.extent.minX, full.extent.minX);
    EXPECT_EQ(frame.extent.maxY, full.extent.maxY);
    EXPECT_TRUE(frame.instances.empty());
    const DensityPoints a = buildDensityPoints(full, store);
    const DensityPoints b = buildDensityPoints(store, projected, frame);
    ASSERT_EQ(a.points.size(), b.points.size());
    for (size_t i = 0; i < a.points.size(); ++i) {
        const DensityPoint &p = a.points[i], &q = b.points[i];
        EXPECT_TRUE(p.x == q.x && p.y == q.y && p.start == q.start && p.end == q.end &&
                    a.rowOf(i) == b.rowOf(i) && a.fatalities(i) == b.fatalities(i) &&
                    a.category(i) == b.category(i))
            << i;
    }
    EXPECT_EQ(a.maxEndBefore, b.maxEndBefore);
    EXPECT_EQ(a.minStartAfter, b.minStartAfter);
}

TEST(DensityPoints, PointsAfterAnUnprojectableIncidentKeepTheirOwnCategoryAndFatalities) {
    // Row 1 lies beyond the pole, so it has no point: the points after it must still read their own rows.
    std::vector<Incident> all;
    for (int i = 0; i < 4; ++i) {
        Incident inc = test::makeIncident(std::to_string(i), i % 2 ? "Protest" : "Arrest", 21.0 + 0.01 * i,
                                          i == 1 ? 95.0 : 42.6, LocationPrecision::Exact, i);
        inc.fatalities = 10 * i;
        all.push_back(std::move(inc));
    }
    auto store = test::makeStore(std::move(all));
    ASSERT_EQ(store->size(), 4u);
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    IncidentPrep frame;
    const std::vector<MapXY> projected = prepareIncidentFrame(*store, projection, frame);
    ASSERT_EQ(frame.projectionFailures, 1u);
    const DensityPoints points = buildDensityPoints(store, projected, frame);
    ASSERT_EQ(points.points.size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
        const uint32_t row = points.rowOf(i);
        EXPECT_EQ(row, i == 0 ? 0u : i + 1) << i;
        EXPECT_EQ(points.fatalities(i), static_cast<float>(store->fatalities()[row])) << i;
        EXPECT_EQ(points.category(i), store->categoryIndex()[row]) << i;
    }
    const DensityPoints full = buildDensityPoints(prepareIncidents(*store, projection), store);
    ASSERT_EQ(full.points.size(), 3u);
    for (size_t i = 0; i < 3; ++i) EXPECT_EQ(full.rowOf(i), points.rowOf(i)) << i;
    // Weighed by fatalities, the heat holds the three drawn rows' 0 + 20 + 30 only.
    MapView view;
    view.widthPx = 200;
    view.heightPx = 200;
    view.fit(projectGeoBBox(GeoBBox::fromCorners(20.9, 42.4, 21.2, 42.8), projection));
    DensityFilter weighed;
    weighed.weightByFatalities = true;
    EXPECT_EQ(computeHeatGrid(points, weighed, view).counted, 2u);
}

TEST_F(DensityRender, MarkersArePreparedOnlyWhenAFrameDrawsOrPicksThem) {
    MapState state = clusters(IncidentDrawStyle::Heatmap);
    const Image heat = render(state);
    EXPECT_FALSE(renderer->incidents().markersPrepared(layer(state)));
    setDrawStyle(state, IncidentDrawStyle::Markers);
    const Image markers = render(state);
    EXPECT_TRUE(renderer->incidents().markersPrepared(layer(state)));
    EXPECT_GT(test::compareImages(heat, markers, 8).differing, 1000u);
}

TEST_F(DensityRender, AutoDrawsMarkersUntilTheViewIsDense) {
    // 205 incidents on 320 x 240 (7.68 x 10,000 px): 27 per 10,000 px, over the threshold of 25.
    MapState dense = clusters(IncidentDrawStyle::Auto);
    renderer->sync(dense.scene(), dense.projection());
    EXPECT_TRUE(renderer->incidents().densityScale(layer(dense), dense.view(), std::nullopt));
    // Chosen markers stay markers however dense.
    setDrawStyle(dense, IncidentDrawStyle::Markers);
    EXPECT_FALSE(renderer->incidents().densityScale(layer(dense), dense.view(), std::nullopt));
    // A window holding only day 2's 25 incidents is not dense: markers again.
    setDrawStyle(dense, IncidentDrawStyle::Auto);
    const TimeSpan dayTwo{TimePoint{1670630400 + 2 * kSecondsPerDay},
                          TimePoint{1670630400 + 3 * kSecondsPerDay}};
    EXPECT_FALSE(renderer->incidents().densityScale(layer(dense), dense.view(), dayTwo));
    // Drawn: the auto heatmap differs from markers, and matches an explicit heatmap.
    const Image autoImage = render(dense);
    setDrawStyle(dense, IncidentDrawStyle::Heatmap);
    EXPECT_EQ(test::compareImages(render(dense), autoImage, 0).differing, 0u);
    setDrawStyle(dense, IncidentDrawStyle::Markers);
    EXPECT_GT(test::compareImages(render(dense), autoImage, 8).differing, 1000u);
}

TEST_F(DensityRender, DensityLayersAreNotPicked) {
    MapState state = clusters(IncidentDrawStyle::Hexbin);
    renderer->sync(state.scene(), state.projection());
    const ScreenXY c = screenOf(state, {21.10, 42.70});
    EXPECT_TRUE(renderer->incidents().pick(state.scene(), state.view(), c).empty());
    setDrawStyle(state, IncidentDrawStyle::Markers);
    EXPECT_FALSE(renderer->incidents().pick(state.scene(), state.view(), c).empty());
}

TEST_F(DensityRender, ExportEqualsTheScreenAndItsLegendShowsTheScale) {
    for (auto style : {IncidentDrawStyle::Heatmap, IncidentDrawStyle::Hexbin}) {
        MapState state = clusters(style);
        const Image screen = render(state);
        ExportSettings settings;
        settings.widthPx = 320;
        settings.heightPx = 240;
        ExportOptions mapOnly;
        mapOnly.furniture = false;
        auto exported = renderExport(*renderer, state, settings, mapOnly);
        ASSERT_TRUE(exported.ok()) << exported.error().describe();
        EXPECT_EQ(test::compareImages(exported.value(), screen, 0).differing, 0u) << drawStyleName(style);

        auto furniture = FurnitureDrawer::create();
        ASSERT_TRUE(furniture.ok()) << furniture.error().describe();
        MapFurniture parts;
        parts.legend = true;
        const MapView view = exportView(state.view(), 1200, 900, 96.0);
        FurnitureLayout layout =
            furniture.value()->layout(state, view, parts, *sheet, "", &renderer->incidents());
        std::vector<std::string> texts;
        for (const FurnitureText& t : layout.texts) texts.push_back(t.text);
        const std::string caption =
            style == IncidentDrawStyle::Hexbin ? "Incidents per hexagon (" : "Incidents per ";
        EXPECT_TRUE(std::any_of(texts.begin(), texts.end(), [&](const std::string& t) {
            return t.rfind(caption, 0) == 0;
        })) << drawStyleName(style);
        // No category rows: the only layer is drawn as density.
        EXPECT_EQ(std::count(texts.begin(), texts.end(), "Protests"), 0);
        // With markers the legend lists the category instead.
        setDrawStyle(state, IncidentDrawStyle::Markers);
        layout = furniture.value()->layout(state, view, parts, *sheet, "", &renderer->incidents());
        texts.clear();
        for (const FurnitureText& t : layout.texts) texts.push_back(t.text);
        EXPECT_EQ(std::count(texts.begin(), texts.end(), "Protests"), 1);
    }
}

TEST(DensityLegendCaption, HexagonCountsAreWholeNumbersPlacedOnTheRamp) {
    furniture::DensityLegend legend;
    legend.scale.style = IncidentDrawStyle::Hexbin;
    legend.scale.areaPx = 1000.f;
    legend.scale.maxValue = 3.f;
    furniture::DensityCaption c = furniture::densityCaption(legend);
    EXPECT_EQ(c.low, "0");
    EXPECT_EQ(c.middle, "1");                           // not "0.75": a hexagon holds whole incidents
    EXPECT_EQ(c.high, "3");                             // not "3.0"
    EXPECT_FLOAT_EQ(c.middleAt, std::sqrt(1.f / 3.f));  // where 1 of 3 is coloured (sqrt ramp)

    legend.scale.maxValue = 8.f;
    c = furniture::densityCaption(legend);
    EXPECT_EQ(c.middle, "2");
    EXPECT_EQ(c.high, "8");
    EXPECT_FLOAT_EQ(c.middleAt, 0.5f);

    legend.scale.maxValue = 1.f;  // nothing between 0 and 1
    c = furniture::densityCaption(legend);
    EXPECT_EQ(c.middle, "");
    EXPECT_EQ(c.high, "1");

    legend.scale.weightByFatalities = true;  // fatalities are whole too
    legend.scale.maxValue = 250.f;
    c = furniture::densityCaption(legend);
    EXPECT_EQ(c.middle, "63");
    EXPECT_EQ(c.high, "250");

    // A heatmap's density is fractional: the ramp's middle is a quarter of its top, as before.
    legend.scale = {};
    legend.scale.style = IncidentDrawStyle::Heatmap;
    legend.scale.areaPx = 16.f;
    legend.scale.maxValue = 3.f;
    c = furniture::densityCaption(legend);
    EXPECT_EQ(c.middle, "0.75");
    EXPECT_EQ(c.high, "3.0");
    EXPECT_FLOAT_EQ(c.middleAt, 0.5f);
}

}  // namespace
}  // namespace fp
