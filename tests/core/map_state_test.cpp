#include <gtest/gtest.h>

#include "core/proj/geodesic.h"
#include "core/project/default_scene.h"
#include "core/project/map_state.h"

namespace fp {
namespace {

const std::string kFixtures = FP_FIXTURES_DIR;

MapState fixtureState() {
    auto state = MapState::create(MapScene{}).value();
    EXPECT_TRUE(state.addLayers(kFixtures + "/polygons.geojson").ok());
    state.resize(800, 600, 1.0f);
    state.frame(GeoBBox::fromCorners(20.0, 42.0, 22.0, 43.5));
    return state;
}

TEST(MapState, BadLayerLeavesTheOtherLayersAlone) {
    MapState state = fixtureState();
    ASSERT_EQ(state.scene().layers.size(), 1u);
    for (const std::string bad :
         {kFixtures + "/missing.gpkg", kFixtures, kFixtures + "/notes.txt", kFixtures + "/empty.geojson"}) {
        auto result = state.addLayers(bad);
        EXPECT_FALSE(result.ok()) << bad;
        EXPECT_EQ(state.scene().layers.size(), 1u) << bad;
    }
}

TEST(MapState, UnknownCrsKeepsTheOldOne) {
    MapState state = fixtureState();
    const MapView before = state.view();
    Status s = state.setCrs("EPSG:123456789");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, ErrorCode::InvalidCrs);
    EXPECT_EQ(state.scene().crs.authorityCode(), "EPSG:32634");
    EXPECT_EQ(state.view().center, before.center);
}

TEST(MapState, SwitchingCrsKeepsThePlaceAndGroundScaleAtTheCentre) {
    MapState state = fixtureState();
    const LonLat centre = state.projection().unproject(state.view().center);
    const double metresPerPixel = groundMetresPerPixelAtCenter(state.view(), state.projection());
    for (const char* crs :
         {"EPSG:3857", "EPSG:3035", "EPSG:4326", "+proj=lcc +lat_1=41 +lat_2=46 +lon_0=21"}) {
        ASSERT_TRUE(state.setCrs(crs).ok()) << crs;
        LonLat now = state.projection().unproject(state.view().center);
        EXPECT_NEAR(now.lon, centre.lon, 1e-7) << crs;
        EXPECT_NEAR(now.lat, centre.lat, 1e-7) << crs;
        EXPECT_NEAR(groundMetresPerPixelAtCenter(state.view(), state.projection()), metresPerPixel,
                    metresPerPixel * 1e-3)
            << crs;
    }
}

TEST(MapView, ZoomAboutKeepsTheAnchorFixed) {
    MapView v;
    v.center = {500000, 4700000};
    v.unitsPerPixel = 100;
    v.widthPx = 800;
    v.heightPx = 600;
    ScreenXY anchor{100, 450};
    MapXY before = v.toMap(anchor);
    v.zoomAbout(anchor, 2.0);
    MapXY after = v.toMap(anchor);
    EXPECT_NEAR(after.x, before.x, 1e-6);
    EXPECT_NEAR(after.y, before.y, 1e-6);
    EXPECT_DOUBLE_EQ(v.unitsPerPixel, 50);
}

TEST(MapView, FitKeepsAspectRatioAndWidensTheOtherAxis) {
    MapView v;
    v.widthPx = 1000;
    v.heightPx = 500;
    v.fit(MapBBox::fromCorners(0, 0, 100, 100), 0.0);
    EXPECT_DOUBLE_EQ(v.unitsPerPixel, 0.2);  // height decides
    MapBBox shown = v.visibleExtent();
    EXPECT_NEAR(shown.width(), 200, 1e-9);
    EXPECT_NEAR(shown.height(), 100, 1e-9);
}

TEST(MapView, GroundScaleMatchesUtmScaleFactorOnTheCentralMeridian) {
    auto proj = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    MapView v;
    v.center = proj.project({21.0, 42.5});
    v.unitsPerPixel = 100.0;
    // UTM's scale factor on the central meridian is 0.9996: 100 grid metres are 100.04 m on the ground.
    EXPECT_NEAR(groundMetresPerPixelAtCenter(v, proj), 100.0 / 0.9996, 0.01);
}

TEST(ParseImageSize, AcceptsAndRejects) {
    auto ok = parseImageSize("1920x1080", 16384);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->first, 1920);
    EXPECT_EQ(ok->second, 1080);
    for (const char* bad : {"", "1920", "x1080", "1920x", "0x10", "10x0", "-1x10", "1.5x10", "20000x10",
                            "axb", "10x10x10", "99999999999x1"})
        EXPECT_FALSE(parseImageSize(bad, 16384).ok()) << bad;
}

TEST(ParseGeoBBox, AcceptsAndRejects) {
    auto ok = parseGeoBBox("20.3,42.7,21.3,43.4");
    ASSERT_TRUE(ok.ok());
    EXPECT_DOUBLE_EQ(ok->minX, 20.3);
    EXPECT_DOUBLE_EQ(ok->maxY, 43.4);
    for (const char* bad : {"", "1,2,3", "1,2,3,4,5", "a,b,c,d", "21,42,20,43", "20,43,21,42", "-200,0,10,10",
                            "0,-95,10,10", "1,2,3,4,", "nan,1,2,3", "1e999,1,2,3"})
        EXPECT_FALSE(parseGeoBBox(bad).ok()) << bad;
}

TEST(DefaultScene, LoadsTheEmbeddedLayersWithoutProblems) {
    std::vector<LoadReport> reports;
    auto scene = loadDefaultScene(reports);
    ASSERT_TRUE(scene.ok()) << scene.error().describe();
    EXPECT_EQ(scene->layers.size(), 7u);
    for (const auto& r : reports) EXPECT_TRUE(r.problems.empty()) << r.source << ": " << r.problems.size();
    GeoBBox box = scene->extent();
    EXPECT_TRUE(box.contains(21.0, 42.5));
    // The seed story's incidents come with it, all of them loaded.
    ASSERT_EQ(scene->incidentLayers.size(), 1u);
    EXPECT_EQ(scene->incidentLayers[0].data->size(), 11u);
    EXPECT_EQ(reports.back().featuresSkipped, 0u);
}

}  // namespace
}  // namespace fp
