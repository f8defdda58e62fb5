// `flashpoint info` and `flashpoint render --incidents` on a source whose rows carry only place names.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cli_harness.h"
#include "core/model/incident_style_sheet.h"
#include "core/project/map_state.h"
#include "render/export/image_io.h"

namespace fp {
namespace {

const std::string kPlaceNames = std::string(FP_FIXTURES_DIR) + "/incidents/acled_placenames.csv";

using GeocodeIncidents = test::CliFixture;

using test::has;

TEST_F(GeocodeIncidents, InfoCountsGeocodedAmbiguousAndUnmatchedRows) {
    const test::CliRun text = run("info '" + kPlaceNames + "'");
    ASSERT_EQ(text.exitCode, 0) << text.out << text.err;
    EXPECT_TRUE(has(text.out, "incidents:   9 (11 rows read, 2 not loaded)")) << text.out;
    EXPECT_TRUE(has(text.out, "geocoding:   8 geocoded, 1 ambiguous, 1 unmatched")) << text.out;
    EXPECT_TRUE(has(text.out, "row 8 'Mitrovica' ambiguous, held for review: Mitrovicë")) << text.out;
    EXPECT_TRUE(has(text.out, "Sremska Mitrovica")) << text.out;
    EXPECT_TRUE(has(text.out, "row 9 'Xyzzyville' unmatched, held for review")) << text.out;

    const test::CliRun js = run("info --json '" + kPlaceNames + "'");
    ASSERT_EQ(js.exitCode, 0) << js.err;
    const auto j = nlohmann::json::parse(js.out);
    ASSERT_TRUE(j.contains("geocoding")) << js.out;
    EXPECT_EQ(j["geocoding"]["geocoded"], 8);
    EXPECT_EQ(j["geocoding"]["ambiguous"], 1);
    EXPECT_EQ(j["geocoding"]["unmatched"], 1);
    ASSERT_EQ(j["geocoding"]["pending"].size(), 2u);
    const auto& ambiguous = j["geocoding"]["pending"][0];
    EXPECT_EQ(ambiguous["row"], 8);
    EXPECT_EQ(ambiguous["outcome"], "ambiguous");
    ASSERT_GE(ambiguous["candidates"].size(), 2u);
    EXPECT_TRUE(ambiguous["candidates"][0].contains("population"));
    EXPECT_EQ(j["geocoding"]["pending"][1]["candidates"].size(), 0u);
}

TEST_F(GeocodeIncidents, RenderDrawsGeocodedRowsAtTheirTownsAndReportsTheRest) {
    const std::string png = path("geo.png");
    const int w = 400, h = 400;
    const GeoBBox box = GeoBBox::fromCorners(20.5, 42.75, 21.1, 43.25);
    const test::CliRun r =
        run("render --no-default-layers --no-labels --bbox 20.5,42.75,21.1,43.25 --size 400x400 -o '" + png +
            "' --incidents '" + kPlaceNames + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.err, "8 rows geocoded from place names, 1 ambiguous and 1 unmatched held for review"))
        << r.err;
    EXPECT_TRUE(has(r.err, "row 9")) << r.err;
    auto img = readImage(png);
    ASSERT_TRUE(img.ok());
    // Leposavić (43.104 N, 20.803 E), a protest located from its name alone: its marker is drawn there.
    ::setenv("FLASHPOINT_INCIDENT_STYLES",
             (std::string(FP_FIXTURES_DIR) + "/../../assets/incident_styles.json").c_str(), 1);
    const Color colour = IncidentStyleSheet::shipped()->styleFor("Protests").color;
    MapState state = MapState::create(MapScene{}).value();
    state.resize(w, h, 1.f);
    state.frame(box);
    const ScreenXY at = state.view().toScreen(state.projection().project({20.8028, 43.1039}));
    int hits = 0;
    for (int y = std::max(0, int(at.y) - 10); y < std::min(h, int(at.y) + 10); ++y)
        for (int x = std::max(0, int(at.x) - 10); x < std::min(w, int(at.x) + 10); ++x) {
            const uint8_t* px = img->pixel(x, y);
            hits += std::abs(px[0] - std::lround(colour.r * 255)) <= 8 &&
                    std::abs(px[1] - std::lround(colour.g * 255)) <= 8 &&
                    std::abs(px[2] - std::lround(colour.b * 255)) <= 8;
        }
    EXPECT_GE(hits, 6) << "protest-coloured pixels around Leposavić at " << at.x << "," << at.y;
}

}  // namespace
}  // namespace fp
