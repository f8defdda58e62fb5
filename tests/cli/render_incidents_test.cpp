// `flashpoint render --incidents`: the real binary, headless, on the incident fixtures.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_harness.h"
#include "core/model/incident_style_sheet.h"
#include "core/project/map_state.h"
#include "render/export/image_io.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const std::string kFixtures = FP_FIXTURES_DIR;

using RenderIncidents = test::CliFixture;

/// Pixel of `p` in a `w`x`h` render framed on `box` in the default CRS, computed as the binary does.
ScreenXY expectedPixel(LonLat p, const GeoBBox& box, int w, int h) {
    MapState state = MapState::create(MapScene{}).value();
    state.resize(w, h, 1.f);
    state.frame(box);
    return state.view().toScreen(state.projection().project(p));
}

bool near(const uint8_t* px, const Color& c, int tolerance) {
    return std::abs(px[0] - std::lround(c.r * 255)) <= tolerance &&
           std::abs(px[1] - std::lround(c.g * 255)) <= tolerance &&
           std::abs(px[2] - std::lround(c.b * 255)) <= tolerance;
}

TEST_F(RenderIncidents, NativeFileDrawsMarkersWhereTheIncidentsAre) {
    const std::string png = path("out.png");
    const GeoBBox box = GeoBBox::fromCorners(20.5, 42.8, 21.0, 43.2);
    const int w = 400, h = 360;
    test::CliRun r =
        run("render --no-default-layers --no-labels --bbox 20.5,42.8,21.0,43.2 --size 400x360 -o '" + png +
            "' --incidents " + kFixtures + "/incidents/native.geojson");
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    auto img = readImage(png);
    ASSERT_TRUE(img.ok());
    ASSERT_EQ(img->width, w);
    ASSERT_EQ(img->height, h);

    // FP-004, "Armed clash" at 20.70 43.10 with an exact location: a filled marker in its category colour.
    ::setenv("FLASHPOINT_INCIDENT_STYLES", (kFixtures + "/../../assets/incident_styles.json").c_str(), 1);
    const auto sheet = IncidentStyleSheet::shipped();
    const Color colour = sheet->styleFor("Armed clash").color;
    const ScreenXY c = expectedPixel({20.70, 43.10}, box, w, h);
    ASSERT_TRUE(c.x >= 8 && c.y >= 8 && c.x < w - 8 && c.y < h - 8);
    const uint8_t* centre = img->pixel(static_cast<int>(c.x), static_cast<int>(c.y));
    EXPECT_TRUE(near(centre, colour, 6))
        << "centre pixel " << int(centre[0]) << "," << int(centre[1]) << "," << int(centre[2]);
    // The marker (12 px) is there and nowhere else: its colour covers a disc around the pixel only.
    int inside = 0, elsewhere = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            if (!near(img->pixel(x, y), colour, 6)) continue;
            (std::hypot(x + 0.5 - c.x, y + 0.5 - c.y) <= 7.0 ? inside : elsewhere)++;
        }
    EXPECT_GE(inside, 10) << "marker-coloured pixels around the incident";
    EXPECT_EQ(elsewhere, 0);
    // Far from every incident the background shows.
    const uint8_t* corner = img->pixel(2, 2);
    EXPECT_TRUE(near(corner, Color::rgb(214, 228, 238), 2));
}

TEST_F(RenderIncidents, AMissingOrUnreadableSourceFailsNamingTheFile) {
    const std::string png = path("out.png");
    fs::path garbage = m_dir / "garbage.csv";
    {
        std::ofstream g(garbage, std::ios::binary);
        g << std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << "\x01\xff\xfe no table here";
    }
    for (const std::string& source :
         {kFixtures + "/incidents/no_such_file.csv", garbage.string(), kFixtures + "/incidents/empty.csv"}) {
        test::CliRun r = run("render --size 64x64 -o '" + png + "' --incidents '" + source + "'");
        EXPECT_EQ(r.exitCode, 1) << source << "\n" << r.out << r.err;
        EXPECT_NE(r.err.find(fs::path(source).filename().string()), std::string::npos)
            << "stderr names the file: " << r.err;
        EXPECT_NE(r.err.find("error"), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(png)) << source;
    }
    // Nothing left behind (no temporary PNG).
    for (const auto& e : fs::directory_iterator(m_dir))
        EXPECT_EQ(e.path().filename(), "garbage.csv") << e.path();
}

TEST_F(RenderIncidents, BadRowsAreReportedAndTheRestIsDrawn) {
    const std::string csv = path("some_bad.csv");
    {
        std::ofstream f(csv);
        f << "date,title,category,lon,lat\n"
             "2023-05-01,Good,Arrest,20.70,43.10\n"
             "2023-05-02,Longitude too big,Arrest,200.5,42.0\n"
             "2023-02-30,Impossible date,Arrest,20.8,43.0\n"
             "2023-05-04,Also good,Arrest,20.75,42.95\n";
    }
    const std::string png = path("out.png");
    test::CliRun r = run("render --no-default-layers --bbox 20.5,42.8,21.0,43.2 --size 200x180 -o '" + png +
                         "' --incidents '" + csv + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(fs::exists(png));
    EXPECT_NE(r.err.find("row 2"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("row 3"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("200.5"), std::string::npos) << "the bad value is quoted: " << r.err;
    EXPECT_NE(r.err.find("2023-02-30"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("row 1:"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("row 4"), std::string::npos) << r.err;
    auto img = readImage(png);
    ASSERT_TRUE(img.ok());
    const ScreenXY c = expectedPixel({20.70, 43.10}, GeoBBox::fromCorners(20.5, 42.8, 21.0, 43.2), 200, 180);
    const uint8_t* centre = img->pixel(static_cast<int>(c.x), static_cast<int>(c.y));
    EXPECT_FALSE(near(centre, Color::rgb(214, 228, 238), 10)) << "the good row is drawn";
}

}  // namespace
}  // namespace fp
