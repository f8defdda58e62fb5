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

TEST(Crs, AreaOfUseComesFromProj) {
    const Crs utm = Crs::fromUserInput("EPSG:32634").value();
    ASSERT_TRUE(utm.areaOfUse());
    EXPECT_EQ(*utm.areaOfUse(), GeoBBox::fromCorners(18.0, 0.0, 24.0, 84.0));
    EXPECT_FALSE(Crs::fromUserInput("+proj=laea +lat_0=45 +lon_0=20").value().areaOfUse());
}

TEST(Crs, UnsuitedForAreasMostlyOutsideItsAreaOfUse) {
    const Crs utm = Crs::fromUserInput("EPSG:32634").value();
    const GeoBBox world = GeoBBox::fromCorners(-180, -58, 180, 80);
    EXPECT_EQ(
        crsUnsuitedFor(utm, world),
        "the map shows lon -180 to 180, lat -58 to 80, mostly outside the area its CRS WGS 84 / UTM zone "
        "34N is meant for (lon 18 to 24, lat 0 to 84), so it is distorted there; choose a CRS for this "
        "area (--crs, or Map > CRS\u2026 in the window), e.g. EPSG:3857 (the web map) or the area's UTM "
        "zone");
    EXPECT_TRUE(crsUnsuitedFor(utm, GeoBBox::fromCorners(95, 12, 99, 25)));  // Myanmar
    // A narrow area is told with the decimals that set its two sides apart (not "lon 96 to 96").
    const std::string narrow =
        crsUnsuitedFor(utm, GeoBBox::fromCorners(96.08, 16.8, 96.16, 21.97)).value_or("");
    EXPECT_EQ(narrow.substr(0, narrow.find(',', narrow.find("lat"))),
              "the map shows lon 96.1 to 96.2, lat 17 to 22");
    // Kosovo and Serbia, and Bosnia next door (a few degrees out of the zone): suited.
    EXPECT_FALSE(crsUnsuitedFor(utm, GeoBBox::fromCorners(18.8, 41.8, 23.0, 46.2)));
    EXPECT_FALSE(crsUnsuitedFor(utm, GeoBBox::fromCorners(15.7, 42.5, 19.6, 45.3)));
    // The world in the web map or in lon/lat, and a CRS without a known area of use: nothing to say.
    EXPECT_FALSE(crsUnsuitedFor(Crs::fromUserInput("EPSG:3857").value(), world));
    EXPECT_FALSE(crsUnsuitedFor(Crs::wgs84(), world));
    EXPECT_FALSE(crsUnsuitedFor(Crs::fromUserInput("+proj=laea +lat_0=45 +lon_0=20").value(), world));
    // An area of use across the antimeridian (New Zealand's Chatham Islands): the islands suit it.
    const Crs chatham = Crs::fromUserInput("EPSG:3793").value();
    ASSERT_TRUE(chatham.areaOfUse());
    EXPECT_FALSE(crsUnsuitedFor(chatham, GeoBBox::fromCorners(-177, -45, -175, -43)));
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
