// Errors are said once, by the CLI: core returns them, the command prints one line each (the whole stderr is
// checked, so a second copy of the line fails).
#include "cli_harness.h"

namespace fp {
namespace {

using ErrorsOnce = test::CliFixture;

TEST_F(ErrorsOnce, AnUnknownCrsIsOneLine) {
    const test::CliRun r = run("render -o '" + path("x.png") + "' --size 64x64 --crs EPSG:999999");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, "flashpoint: error: EPSG:999999: unknown CRS (Unknown error (code 4096))\n");
    EXPECT_FALSE(std::filesystem::exists(path("x.png")));
}

TEST_F(ErrorsOnce, AMissingLayerOfAnAnimationIsOneLine) {
    const test::CliRun r = run("animate -o '" + path("x.gif") + "' --layer /missing.shp");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, "flashpoint: error: /missing.shp: file not found\n");
    EXPECT_FALSE(std::filesystem::exists(path("x.gif")));
}

TEST_F(ErrorsOnce, EachMissingLayerOfARenderIsOneLine) {
    const test::CliRun r =
        run("render -o '" + path("x.png") + "' --size 64x64 --layer /missing.shp --layer /missing2.geojson");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err,
              "flashpoint: error: /missing.shp: file not found\n"
              "flashpoint: error: /missing2.geojson: file not found\n");
}

TEST_F(ErrorsOnce, TheTimeFlagsMeanTheSameInRenderAnimateAndGui) {
    // One parser: the same malformed value gets the same words from every subcommand.
    const std::string expected =
        "flashpoint: error: --window: '7x' is not a window: use 12h, 7d, 1w, 1m, cumulative or all\n";
    const test::CliRun render = run("render -o '" + path("x.png") + "' --at 2022-12-20 --window 7x");
    EXPECT_EQ(render.exitCode, 2);
    EXPECT_EQ(render.err, expected);
    const test::CliRun animate = run("animate -o '" + path("x.gif") + "' --window 7x");
    EXPECT_EQ(animate.exitCode, 2);
    EXPECT_EQ(animate.err, expected);
    const test::CliRun gui = run("gui --at 2022-12-20 --window 7x --screenshot '" + path("x.png") + "'");
    EXPECT_EQ(gui.exitCode, 2);
    EXPECT_EQ(gui.err, expected);
}

}  // namespace
}  // namespace fp
