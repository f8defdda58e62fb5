#include "ui/scale_bar.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ui/geo_format.h"

namespace fp {
namespace {

TEST(ScaleBarLength, PicksTheLongestRoundLengthWithinTheRange) {
    // 1 km per unit: 100 km is 100 units, 200 km would be 200 > 180.
    ScaleBarLength bar = chooseScaleBarLength(1000.0, 100.0, 180.0);
    EXPECT_DOUBLE_EQ(bar.metres, 100000.0);
    EXPECT_DOUBLE_EQ(bar.length, 100.0);
    EXPECT_EQ(bar.label, "100 km");

    bar = chooseScaleBarLength(333.0, 100.0, 180.0);  // 50 km -> 150 units
    EXPECT_DOUBLE_EQ(bar.metres, 50000.0);
    EXPECT_EQ(bar.label, "50 km");

    bar = chooseScaleBarLength(0.5, 100.0, 180.0);  // 50 m -> 100 units
    EXPECT_DOUBLE_EQ(bar.metres, 50.0);
    EXPECT_EQ(bar.label, "50 m");

    bar = chooseScaleBarLength(9.0, 100.0, 180.0);  // 1 km -> 111 units
    EXPECT_DOUBLE_EQ(bar.metres, 1000.0);
    EXPECT_EQ(bar.label, "1 km");
}

TEST(ScaleBarLength, EveryResultIsOneTwoOrFiveTimesAPowerOfTen) {
    for (double mpu = 0.01; mpu < 1e6; mpu *= 1.37) {
        const ScaleBarLength bar = chooseScaleBarLength(mpu, 100.0, 180.0);
        ASSERT_TRUE(bar.valid()) << mpu;
        const double exponent = std::floor(std::log10(bar.metres) + 1e-9);
        const double mantissa = bar.metres / std::pow(10.0, exponent);
        EXPECT_TRUE(std::fabs(mantissa - 1) < 1e-9 || std::fabs(mantissa - 2) < 1e-9 ||
                    std::fabs(mantissa - 5) < 1e-9)
            << bar.metres;
        // 1-2-5 steps are at most 2.5x apart, so the bar never strays far from the range.
        EXPECT_GT(bar.length, 100.0 / 1.4) << mpu;
        EXPECT_LT(bar.length, 180.0 * 1.4) << mpu;
        EXPECT_NEAR(bar.length, bar.metres / mpu, 1e-9 * bar.length);
    }
}

TEST(ScaleBarLength, OutsideTheRangeTakesTheCloserNeighbour) {
    // 21 m per unit: 2 km is 95 units (5% short), 5 km is 238 units (32% long).
    ScaleBarLength bar = chooseScaleBarLength(21.0, 100.0, 180.0);
    EXPECT_DOUBLE_EQ(bar.metres, 2000.0);
    EXPECT_EQ(bar.label, "2 km");
    // 11.5 m per unit: 1 km is 87 units (15% short), 2 km is 174 units: in range.
    bar = chooseScaleBarLength(11.5, 100.0, 180.0);
    EXPECT_DOUBLE_EQ(bar.metres, 2000.0);
}

TEST(ScaleBarLength, UndefinedScaleGivesNoBar) {
    EXPECT_FALSE(chooseScaleBarLength(std::nan(""), 100.0, 180.0).valid());
    EXPECT_FALSE(chooseScaleBarLength(0.0, 100.0, 180.0).valid());
    EXPECT_FALSE(chooseScaleBarLength(-3.0, 100.0, 180.0).valid());
    EXPECT_FALSE(chooseScaleBarLength(INFINITY, 100.0, 180.0).valid());
}

TEST(ScaleBarLength, HiDpiDoublesTheRangeNotTheDistance) {
    // Same ground per logical pixel at scale 2: the same distance, drawn twice as long in units.
    const ScaleBarLength one = chooseScaleBarLength(1000.0, 100.0, 180.0);
    const ScaleBarLength two = chooseScaleBarLength(500.0, 200.0, 360.0);
    EXPECT_DOUBLE_EQ(one.metres, two.metres);
    EXPECT_DOUBLE_EQ(two.length, 2.0 * one.length);
}

TEST(FormatDistance, MetresBelowAKilometre) {
    EXPECT_EQ(formatDistance(500.0), "500 m");
    EXPECT_EQ(formatDistance(1000.0), "1 km");
    EXPECT_EQ(formatDistance(1500.0), "1.5 km");
    EXPECT_EQ(formatDistance(0.5), "0.5 m");
    EXPECT_EQ(formatDistance(2e6), "2000 km");
}

TEST(GeoFormat, LatLonWithHemispheres) {
    EXPECT_EQ(formatLatLon({21.1655, 42.6629}), "42.66290\xC2\xB0 N, 21.16550\xC2\xB0 E");
    EXPECT_EQ(formatLatLon({-70.5, -33.25}), "33.25000\xC2\xB0 S, 70.50000\xC2\xB0 W");
    EXPECT_EQ(formatLatLon({INFINITY, INFINITY}), "\xE2\x80\x94");
    EXPECT_EQ(formatLatLon({200.0, 10.0}), "\xE2\x80\x94");
}

TEST(GeoFormat, ScaleIsRoundedAndGrouped) {
    // 1 m per logical pixel of 0.28 mm is 1:3571.
    EXPECT_NEAR(scaleDenominator(1.0, 1.f), 3571.43, 0.01);
    EXPECT_NEAR(scaleDenominator(0.5, 2.f), 3571.43, 0.01);  // HiDPI: physical pixels are half as big
    EXPECT_TRUE(std::isnan(scaleDenominator(std::nan(""), 1.f)));
    EXPECT_EQ(formatScale(2287654.0), "1:2,290,000");
    EXPECT_EQ(formatScale(3571.43), "1:3,570");
    EXPECT_EQ(formatScale(523.2), "1:523");
    EXPECT_EQ(formatScale(std::nan("")), "1:\xE2\x80\x94");
}

TEST(GeoFormat, CrsLabelFallsBackToTheDefinition) {
    auto utm = Crs::fromUserInput("EPSG:32634");
    ASSERT_TRUE(utm.ok());
    EXPECT_EQ(crsLabel(utm.value()), "WGS 84 / UTM zone 34N");
    const std::string lcc = "+proj=lcc +lat_1=41 +lat_2=46 +lat_0=43.5 +lon_0=21 +datum=WGS84 +units=m";
    auto custom = Crs::fromUserInput(lcc);
    ASSERT_TRUE(custom.ok());
    EXPECT_EQ(crsLabel(custom.value(), 200), custom->name() == "unknown" ? lcc : custom->name());
    const std::string cut = crsLabel(custom.value(), 10);
    if (custom->name() == "unknown") {
        EXPECT_EQ(cut, lcc.substr(0, 10) + "\xE2\x80\xA6");
    }
}

}  // namespace
}  // namespace fp
