#include <gtest/gtest.h>

#include "core/proj/crs.h"
#include "core/proj/geodesic.h"

namespace fp {
namespace {

TEST(Crs, ParsesEpsgCodeInSeveralSpellings) {
    for (const char* text : {"EPSG:32634", "epsg:32634", "32634", " EPSG:32634 "}) {
        auto crs = Crs::fromUserInput(text);
        ASSERT_TRUE(crs.ok()) << text;
        EXPECT_EQ(crs->name(), "WGS 84 / UTM zone 34N") << text;
        EXPECT_EQ(crs->authorityCode(), "EPSG:32634") << text;
        EXPECT_FALSE(crs->isGeographic());
    }
}

TEST(Crs, ParsesProjStringWithoutTypeCrs) {
    auto crs = Crs::fromUserInput("+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80");
    ASSERT_TRUE(crs.ok());
    EXPECT_FALSE(crs->isGeographic());
}

TEST(Crs, RejectsUnknownDefinitionWithItsText) {
    auto crs = Crs::fromUserInput("EPSG:999999");
    ASSERT_FALSE(crs.ok());
    EXPECT_EQ(crs.error().code, ErrorCode::InvalidCrs);
    EXPECT_NE(crs.error().describe().find("EPSG:999999"), std::string::npos);
    EXPECT_FALSE(Crs::fromUserInput("not a crs at all").ok());
    EXPECT_FALSE(Crs::fromUserInput("").ok());
}

TEST(Crs, RejectsNonHorizontalCrs) {
    auto vertical = Crs::fromUserInput("EPSG:5773");  // EGM96 height
    ASSERT_FALSE(vertical.ok());
    EXPECT_EQ(vertical.error().code, ErrorCode::InvalidCrs);
}

TEST(Crs, Wgs84IsGeographic) {
    EXPECT_TRUE(Crs::wgs84().isGeographic());
}

struct RoundTripCase {
    const char* crs;
    double toleranceDeg;
};

class CrsRoundTrip : public ::testing::TestWithParam<RoundTripCase> {};

TEST_P(CrsRoundTrip, LonLatSurvivesForwardAndInverse) {
    auto crs = Crs::fromUserInput(GetParam().crs);
    ASSERT_TRUE(crs.ok());
    auto proj = MapProjection::create(crs.value());
    ASSERT_TRUE(proj.ok());
    const LonLat places[] = {{21.1655, 42.6629},  // Prishtina
                             {20.4573, 44.7866},  // Belgrade
                             {21.0731, 42.2486},  // Gotovuša near Štrpce
                             {19.0, 46.5},
                             {23.5, 41.0}};
    for (LonLat p : places) {
        MapXY xy = proj->project(p);
        ASSERT_TRUE(isFinite(xy));
        LonLat back = proj->unproject(xy);
        EXPECT_NEAR(back.lon, p.lon, GetParam().toleranceDeg) << GetParam().crs;
        EXPECT_NEAR(back.lat, p.lat, GetParam().toleranceDeg) << GetParam().crs;
    }
}

INSTANTIATE_TEST_SUITE_P(MapCrsChoices, CrsRoundTrip,
                         ::testing::Values(RoundTripCase{"EPSG:32634", 1e-9},
                                           RoundTripCase{"EPSG:3857", 1e-9}, RoundTripCase{"EPSG:3035", 1e-7},
                                           RoundTripCase{"EPSG:4326", 1e-12},
                                           RoundTripCase{"+proj=lcc +lat_1=41 +lat_2=46 +lon_0=21", 1e-9}));

TEST(MapProjection, UtmMatchesKnownCoordinates) {
    auto proj = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    // Central meridian of zone 34 is 21°E: easting is exactly 500 km there, whatever the latitude.
    MapXY xy = proj.project({21.0, 42.0});
    EXPECT_NEAR(xy.x, 500000.0, 1e-6);
    EXPECT_NEAR(xy.y, 4649776.22, 0.05);  // northing of 42°N on the central meridian
}

TEST(MapProjection, WebMercatorAxisOrderIsEastingFirst) {
    auto proj = MapProjection::create(Crs::fromUserInput("EPSG:3857").value()).value();
    MapXY xy = proj.project({20.0, 0.0});
    EXPECT_NEAR(xy.x, 2226389.8158654715, 1e-6);
    EXPECT_NEAR(xy.y, 0.0, 1e-6);
}

TEST(MapProjection, BatchMarksFailuresAsInfinite) {
    auto proj = MapProjection::create(Crs::fromUserInput("EPSG:3857").value()).value();
    std::vector<MapXY> pts = {{21.0, 42.0}, {21.0, 100.0}};  // no such latitude
    size_t failed = proj.projectInPlace(pts);
    EXPECT_EQ(failed, 1u);
    EXPECT_TRUE(isFinite(pts[0]));
    EXPECT_FALSE(isFinite(pts[1]));
}

TEST(Geodesic, DistanceMatchesKnownValues) {
    // One degree of latitude at the equator on WGS 84 is 110 574.389 m.
    EXPECT_NEAR(geodesicDistance({0, 0}, {0, 1}), 110574.389, 0.01);
    // Prishtina to Belgrade, about 241.8 km.
    EXPECT_NEAR(geodesicDistance({21.1655, 42.6629}, {20.4573, 44.7866}) / 1000.0, 242.0, 1.5);
}

TEST(Geodesic, DestinationInvertsDistance) {
    LonLat start{21.0, 42.5};
    LonLat end = geodesicDestination(start, 45.0, 10000.0);
    EXPECT_NEAR(geodesicDistance(start, end), 10000.0, 1e-6);
}

}  // namespace
}  // namespace fp
