#include <gtest/gtest.h>

#include <cmath>

#include "core/proj/geodesic.h"
#include "incident_render_fixture.h"
#include "render/incidents/incident_layout.h"

namespace fp {
namespace {

using test::IncidentRender;
using test::incidentState;
using test::kWhite;
using test::makeIncident;

TEST_F(IncidentRender, EachCategoryGetsItsColourAndShape) {
    // Eight categories with eight different shapes in a row, drawn three times the normal size.
    const std::vector<std::string> categories = {
        "Political statement / Demand", "Riots",   "Armed violence",         "Arrest",
        "Explosions/Remote violence",   "Battles", "Strategic developments", "Diplomacy"};
    std::vector<Incident> incidents;
    for (size_t i = 0; i < categories.size(); ++i)
        incidents.push_back(makeIncident("s" + std::to_string(i), categories[i], 20.0 + 0.1 * i, 42.5));
    MapState state = incidentState("EPSG:4326", incidents, {20.35, 42.5}, 0.002, 440, 80, 3.f);
    Image img = render(state);
    const double r = 0.5 * sheet->marker().sizePx * 3.0;
    for (size_t i = 0; i < categories.size(); ++i) {
        const CategoryStyle& style = sheet->styleFor(categories[i]);
        EXPECT_EQ(static_cast<int>(style.shape), static_cast<int>(i)) << categories[i];
        const ScreenXY c = screenOf(state, {20.0 + 0.1 * i, 42.5});
        EXPECT_TRUE(isColor(at(img, c), style.color)) << categories[i] << " at the centre";
    }
    auto centre = [&](int i) { return screenOf(state, {20.0 + 0.1 * i, 42.5}); };
    // Corners tell the square from the circle; the diagonal tells the X from the plus.
    EXPECT_TRUE(isWhite(at(img, centre(0), 0.75 * r, 0.75 * r))) << "circle corner";
    EXPECT_TRUE(isColor(at(img, centre(1), 0.7 * r, 0.7 * r), colorOf("Riots"))) << "square corner";
    EXPECT_TRUE(isWhite(at(img, centre(3), 0.7 * r, 0.7 * r))) << "diamond corner";
    EXPECT_TRUE(isColor(at(img, centre(3), 0.6 * r, 0.0), colorOf("Arrest"))) << "diamond side";
    EXPECT_TRUE(isColor(at(img, centre(5), 0.55 * r, 0.55 * r), colorOf("Battles"))) << "cross arm";
    EXPECT_TRUE(isWhite(at(img, centre(5), 0.75 * r, 0.0))) << "between the cross's arms";
    EXPECT_TRUE(isColor(at(img, centre(6), 0.75 * r, 0.0), colorOf("Strategic developments"))) << "plus arm";
    EXPECT_TRUE(isWhite(at(img, centre(6), 0.6 * r, 0.6 * r))) << "between the plus's arms";
    EXPECT_TRUE(isWhite(at(img, centre(2), -0.6 * r, -0.6 * r))) << "the triangle narrows upwards";
    EXPECT_TRUE(isColor(at(img, centre(2), 0.0, -0.4 * r), colorOf("Armed violence")));
    EXPECT_TRUE(test::matchesGolden(img, "incident_shapes"));
}

TEST_F(IncidentRender, UnknownCategoriesTakeALookOfTheirOwnAndNoCategoryTheDefault) {
    // Every category the sheet does not name was the same grey circle: a legend could not tell them apart.
    MapState state = incidentState(
        "EPSG:32634", {makeIncident("u", "Looting", 21.0, 42.5), makeIncident("n", "", 21.02, 42.5)},
        {21.01, 42.5}, 50.0, 96, 64, 2.f);
    Image img = render(state);
    const Color looting = sheet->styleFor("Looting").color;
    EXPECT_NE(looting, sheet->fallback().color);
    EXPECT_TRUE(isColor(at(img, screenOf(state, {21.0, 42.5})), looting));
    EXPECT_TRUE(isColor(at(img, screenOf(state, {21.02, 42.5})), sheet->fallback().color));
}

TEST_F(IncidentRender, ApproximateLocationsAreHollowWithAGeodesicDisc) {
    // Protests are circles. Exact: filled. Near (2): hollow, on a 5 km disc.
    const LonLat exact{20.9, 42.55}, near{21.0, 42.5};
    MapState state =
        incidentState("EPSG:32634",
                      {makeIncident("e", "Protests", exact.lon, exact.lat),
                       makeIncident("n", "Protests", near.lon, near.lat, LocationPrecision::Near)},
                      {21.0, 42.5}, 100.0, 300, 200, 2.f);
    Image img = render(state);
    const Color blue = colorOf("Protests");
    const double r = sheet->marker().sizePx;  // radius at scale 2
    const ScreenXY e = screenOf(state, exact), n = screenOf(state, near);
    EXPECT_TRUE(isColor(at(img, e), blue)) << "an exact incident is filled";
    const uint8_t* middle = at(img, n);
    EXPECT_GT(middle[0], 200) << "a near incident is hollow: the map shows through";
    EXPECT_FALSE(isColor(middle, blue, 40));
    // The middle of the coloured band, inside the outer outline.
    const double band = r - sheet->marker().outlineWidthPx - 0.5 * sheet->marker().hollowWidthPx;
    EXPECT_TRUE(isColor(at(img, n, band, 0.0), blue, 12)) << "its coloured band";

    // The disc's rim, measured in four directions, lies 5 km from the incident on the ellipsoid.
    const double groundPerPx = groundMetresPerPixelAtCenter(state.view(), state.projection());
    const int dirs[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
    for (const auto& d : dirs) {
        const double rim = rimDistance(img, n, d[0], d[1], static_cast<int>(r) + 4);
        ASSERT_GT(rim, 0.0);
        // The stroke is drawn just inside the disc's edge: its middle is half a stroke width in.
        const double edge = rim + 0.5 * sheet->uncertainty().strokeWidthPx;
        const ScreenXY p{n.x + d[0] * edge, n.y + d[1] * edge};
        const LonLat ground = state.projection().unproject(state.view().toMap(p));
        EXPECT_NEAR(geodesicDistance(near, ground), 5000.0, 1.5 * groundPerPx)
            << "direction " << d[0] << "," << d[1] << ": rim at " << edge << " px";
    }
    EXPECT_NEAR(rimDistance(img, n, 1, 0, static_cast<int>(r) + 4) + 0.75, 5000.0 / groundPerPx, 1.5);
}

TEST_F(IncidentRender, TheDiscCoversTheSameGroundAtAnyZoomAndInAGeographicCrs) {
    const LonLat region{21.0, 44.0};
    for (const char* crs : {"EPSG:32634", "EPSG:4326", "EPSG:3857"}) {
        MapState probe = incidentState(crs, {}, region, 1.0);
        const double metresPerUnit = groundMetresPerPixelAtCenter(probe.view(), probe.projection());
        // About 320 m per pixel across, then twice as close.
        for (double zoom : {1.0, 2.0}) {
            const double upp = 320.0 / metresPerUnit / zoom;
            MapState state = incidentState(
                crs, {makeIncident("r", "Diplomacy", region.lon, region.lat, LocationPrecision::Region)},
                region, upp, 400, 400);
            Image img = render(state);
            const ScreenXY c = screenOf(state, region);
            auto ground = [&](ScreenXY p) { return state.projection().unproject(state.view().toMap(p)); };
            for (const auto& d : {std::pair{1, 0}, std::pair{0, -1}}) {
                const double edge = rimDistance(img, c, d.first, d.second, 12) + 0.75;
                const ScreenXY p{c.x + d.first * edge, c.y + d.second * edge};
                const ScreenXY next{p.x + d.first, p.y + d.second};
                const double pixelGround = geodesicDistance(ground(p), ground(next));
                EXPECT_NEAR(geodesicDistance(region, ground(p)), 25000.0, 1.5 * pixelGround)
                    << crs << " zoom " << zoom << " direction " << d.first << "," << d.second << ": " << edge
                    << " px";
            }
        }
    }
}

TEST_F(IncidentRender, AGroupShowsItsCountAndSpreadsApartOnRequest) {
    const LonLat place{21.0, 42.5};
    std::vector<Incident> group;
    for (int i = 0; i < 3; ++i)
        group.push_back(
            makeIncident("g" + std::to_string(i), "Arrest", 21.0, 42.5, LocationPrecision::Exact, i));
    MapState state = incidentState("EPSG:32634", group, place, 50.0, 160, 160);
    Image img = render(state);
    const ScreenXY c = screenOf(state, place);
    auto darkPixelsUpperRight = [&](const Image& im) {
        int dark = 0;
        for (int y = static_cast<int>(c.y) - 22; y < static_cast<int>(c.y) - 2; ++y)
            for (int x = static_cast<int>(c.x) + 7; x < static_cast<int>(c.x) + 30; ++x) {
                const uint8_t* p = im.pixel(x, y);
                dark += p[0] < 90 && p[1] < 90 && p[2] < 90;
            }
        return dark;
    };
    EXPECT_GT(darkPixelsUpperRight(img), 5) << "the badge's digit";
    EXPECT_TRUE(isColor(at(img, c), colorOf("Arrest")));

    // Spread apart: the place empties and each member sits at its spider position, where picking finds it.
    const IncidentLayer& layer = state.scene().incidentLayers[0];
    auto hits = renderer->incidents().pick(state.scene(), state.view(), c);
    ASSERT_EQ(hits.size(), 3u);
    IncidentFocus focus;
    focus.spreadLayer = layer.id;
    focus.spreadGroup = hits[0].group;
    state.setSelection(focus);
    Image spread = render(state);
    EXPECT_FALSE(isColor(at(spread, c), colorOf("Arrest"), 60))
        << "the place empties: only leader lines meet";
    EXPECT_EQ(darkPixelsUpperRight(spread) < 5, true) << "no badge on a spread group";
    const float spacing = renderer->incidents().spreadSpacingPx(layer, state.view());
    for (uint32_t rank = 0; rank < 3; ++rank) {
        const SpiderOffset o = spiderOffset(rank, 3, spacing);
        const ScreenXY p{c.x + o.x, c.y - o.y};
        EXPECT_TRUE(isColor(at(spread, p), colorOf("Arrest"))) << "member " << rank;
        const uint8_t* leader = at(spread, {c.x + 0.5 * o.x, c.y - 0.5 * o.y});
        EXPECT_LT(leader[0], 160) << "a leader line from the place to member " << rank;
        auto member = renderer->incidents().pick(state.scene(), state.view(), p);
        ASSERT_EQ(member.size(), 1u);
        EXPECT_TRUE(member[0].spread);
        EXPECT_EQ(layer.data->id(member[0].index), "g" + std::to_string(rank));
    }
}

TEST_F(IncidentRender, HiddenCategoriesDisappearWithoutNewBuffers) {
    const LonLat a{21.0, 42.5}, b{21.01, 42.5};
    MapState state = incidentState("EPSG:32634",
                                   {makeIncident("a", "Arrest", a.lon, a.lat, LocationPrecision::Near),
                                    makeIncident("b", "Diplomacy", b.lon, b.lat)},
                                   {21.005, 42.5}, 20.0, 200, 120);
    Image before = render(state);
    const auto position = renderer->incidents().position(state.scene().incidentLayers[0], 0);
    ASSERT_TRUE(position.has_value());
    IncidentStyle style = state.scene().incidentLayers[0].style;
    style.hiddenCategories = {"Arrest"};
    ASSERT_TRUE(state.setIncidentStyle(state.scene().incidentLayers[0].id, style).ok());
    Image after = render(state);
    EXPECT_FALSE(isWhite(at(before, screenOf(state, a), 0, -4.5)));  // its hollow outline
    EXPECT_TRUE(isWhite(at(after, screenOf(state, a), 0, -4.5)));
    EXPECT_TRUE(isWhite(at(after, screenOf(state, a), -30, 0))) << "its disc went too";
    EXPECT_TRUE(isColor(at(after, screenOf(state, b)), colorOf("Diplomacy")));
    EXPECT_TRUE(renderer->incidents().pick(state.scene(), state.view(), screenOf(state, a)).empty());
}

TEST_F(IncidentRender, TheTimeWindowHidesIncidentsOutsideIt) {
    const LonLat early{21.0, 42.5}, late{21.01, 42.5};
    MapState state =
        incidentState("EPSG:32634",
                      {makeIncident("early", "Battles", early.lon, early.lat, LocationPrecision::Exact, 0),
                       makeIncident("late", "Riots", late.lon, late.lat, LocationPrecision::Exact, 30)},
                      {21.005, 42.5}, 10.0, 200, 100);
    // From day 20 on: only the late one. The window is a uniform: nothing is prepared again.
    state.setTime(
        timeStateShowing(TimeSpan{TimePoint{1670630400 + 20 * kSecondsPerDay}, TimePoint{1900000000}}));
    Image img = render(state);
    TimeState all = state.time();
    all.window.mode = WindowMode::All;
    state.setTime(all);
    EXPECT_TRUE(isWhite(at(img, screenOf(state, early))));
    EXPECT_TRUE(isColor(at(img, screenOf(state, late)), colorOf("Riots")));
    EXPECT_TRUE(isColor(at(render(state), screenOf(state, early)), colorOf("Battles")));
}

TEST_F(IncidentRender, CasualtiesEnlargeTheMarker) {
    const LonLat small{21.0, 42.5}, big{21.01, 42.5};
    MapState state =
        incidentState("EPSG:32634",
                      {makeIncident("s", "Battles", small.lon, small.lat, LocationPrecision::Exact, 0, 0, 0),
                       makeIncident("b", "Riots", big.lon, big.lat, LocationPrecision::Exact, 0, 100, 125)},
                      {21.005, 42.5}, 10.0, 200, 100);
    Image img = render(state);
    const double maxR = 0.5 * sheet->marker().maxSizePx;
    EXPECT_TRUE(isColor(at(img, screenOf(state, big), 0.6 * maxR, 0), colorOf("Riots")));
    EXPECT_TRUE(isWhite(at(img, screenOf(state, small), 0, 0.75 * maxR)));
}

TEST_F(IncidentRender, HollowMarkersDiscsBadgeAndSelectionMatchGolden) {
    std::vector<Incident> incidents = {
        makeIncident("n1", "Roadblock / Protest", 20.60, 42.62, LocationPrecision::Near),
        makeIncident("n2", "Arrest", 20.75, 42.62, LocationPrecision::Near),
        makeIncident("r1", "Explosions/Remote violence", 20.95, 42.55, LocationPrecision::Region, 0, 3, 8),
        makeIncident("e1", "Battles", 20.62, 42.45, LocationPrecision::Exact, 0, 40, 10),
        makeIncident("e2", "Violence against civilians", 20.80, 42.45),
    };
    for (int i = 0; i < 12; ++i)
        incidents.push_back(makeIncident("g" + std::to_string(i), i % 3 ? "Protests" : "Riots", 20.70, 42.52,
                                         LocationPrecision::Exact, i));
    MapState state = incidentState("EPSG:32634", incidents, {20.78, 42.55}, 120.0, 360, 240, 1.5f);
    const IncidentLayer& layer = state.scene().incidentLayers[0];
    IncidentFocus focus;
    focus.selectedLayer = layer.id;
    for (uint32_t i = 0; i < layer.data->size(); ++i)
        if (layer.data->id(i) == "e2") focus.selectedIndex = i;
    state.setSelection(focus);
    Image img = render(state);
    // Badge digits depend on the system font's hinting: a looser budget keeps the test about the markers.
    EXPECT_TRUE(test::matchesGolden(img, "incident_hollow_discs_badge", 16, 0.005));
}

}  // namespace
}  // namespace fp
