// `flashpoint info` and `render` on a source whose every row is held for geocoding review: it is an incident
// source with 0 incidents placed, not a failure, and both commands say how many rows wait for review.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "cli_harness.h"

namespace fp {
namespace {

const std::string kHeld = std::string(FP_FIXTURES_DIR) + "/incidents/acled_placenames_held.csv";

using GeocodeHeld = test::CliFixture;

using test::has;

TEST_F(GeocodeHeld, InfoDescribesAnIncidentSourceWithEveryRowHeld) {
    const test::CliRun text = run("info '" + kHeld + "'");
    ASSERT_EQ(text.exitCode, 0) << text.out << text.err;
    EXPECT_TRUE(has(text.out, "kind:        incidents")) << text.out;
    EXPECT_TRUE(has(text.out, "incidents:   0 (3 rows read, 3 not loaded)")) << text.out;
    EXPECT_TRUE(has(text.out, "0 incidents placed; 3 rows held for geocoding review")) << text.out;
    EXPECT_TRUE(has(text.out, "time range:  (none: no incident placed)")) << text.out;
    EXPECT_TRUE(has(text.out, "extent:      (none)")) << text.out;
    EXPECT_TRUE(has(text.out, "geocoding:   0 geocoded, 2 ambiguous, 1 unmatched")) << text.out;
    EXPECT_TRUE(has(text.out, "row 2 'Xyzzyville' unmatched, held for review")) << text.out;

    const test::CliRun js = run("info --json '" + kHeld + "'");
    ASSERT_EQ(js.exitCode, 0) << js.err;
    const auto j = nlohmann::json::parse(js.out);
    EXPECT_EQ(j["kind"], "incidents");
    EXPECT_EQ(j["count"], 0);
    EXPECT_TRUE(j["timeRange"].is_null()) << js.out;
    EXPECT_TRUE(j["extent"].is_null()) << js.out;
    ASSERT_EQ(j["geocoding"]["pending"].size(), 3u);
    EXPECT_EQ(j["geocoding"]["pending"][0]["outcome"], "ambiguous");
}

TEST_F(GeocodeHeld, RenderSucceedsAndReportsTheHeldRows) {
    const std::string png = path("held.png");
    const test::CliRun r = run("render --no-default-layers --furniture --size 320x240 -o '" + png +
                               "' --incidents '" + kHeld + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(std::filesystem::exists(png));
    EXPECT_TRUE(has(r.err, "0 incidents placed; 3 rows held for geocoding review")) << r.err;
    EXPECT_TRUE(has(r.err, "0 rows geocoded from place names, 2 ambiguous and 1 unmatched held")) << r.err;

    // The same source in a project, with a time window: still renders, and says so.
    const std::string project = path("held.flashpoint.json");
    {
        std::ofstream out(project);
        out << R"({"format": "flashpoint-project", "version": 1, "name": "Held",
                   "view": {"bbox": [20.0, 42.0, 21.5, 43.5]},
                   "incidents": [{"source": ")"
            << kHeld << R"("}],
                   "time": {"window": "7d", "cursor": "2022-12-20T00:00:00Z"}})";
    }
    const std::string png2 = path("held_project.png");
    const test::CliRun p = run("render '" + project + "' --size 320x240 -o '" + png2 + "'");
    ASSERT_EQ(p.exitCode, 0) << p.out << p.err;
    EXPECT_TRUE(std::filesystem::exists(png2));
    EXPECT_TRUE(has(p.err, "0 incidents placed; 3 rows held for geocoding review")) << p.err;
}

TEST_F(GeocodeHeld, SourcesWithNoDataRowsAreZeroIncidentsForInfoButNoLayer) {
    const std::string headerOnly = std::string(FP_FIXTURES_DIR) + "/incidents/header_only.csv";
    const test::CliRun r = run("info '" + headerOnly + "'");
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "incidents:   0 (0 rows read, 0 not loaded)")) << r.out;
    const test::CliRun render =
        run("render --incidents '" + headerOnly + "' --size 64x64 -o '" +
            (std::filesystem::temp_directory_path() / "fp-header-only.png").string() + "'");
    EXPECT_EQ(render.exitCode, 1) << render.out;
    EXPECT_TRUE(has(render.err, "no data rows")) << render.err;
}

}  // namespace
}  // namespace fp
