// `flashpoint render PROJECT.json`: the real binary, headless, on project files made from the embedded
// default.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "cli_harness.h"
#include "core/project/default_scene.h"
#include "render/export/image_io.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const std::string kSmall = " --no-labels --size 320x240 ";

class RenderProject : public test::CliFixture {
protected:
    /// The shipped default project with `edit` applied to its text (one regex replacement), written into
    /// the test folder with its sources made absolute so that it loads from there.
    std::string project(const std::string& name, const std::string& pattern = "",
                        const std::string& replacement = "") const {
        std::string text = test::slurp(defaultProjectPath());
        const std::string data = fs::path(defaultProjectPath()).parent_path().string() + "/";
        text = std::regex_replace(text, std::regex("\"source\": \""), "\"source\": \"" + data);
        if (!pattern.empty()) text = std::regex_replace(text, std::regex(pattern), replacement);
        std::ofstream(path(name), std::ios::binary) << text;
        return path(name);
    }
    test::CliRun render(const std::string& args, const std::string& png) const {
        return run("render " + args + " -o '" + png + "'");
    }
};

TEST_F(RenderProject, TheDefaultProjectRendersLikeNoProject) {
    ASSERT_EQ(render(kSmall, path("none.png")).exitCode, 0);
    // The project's map, without the furniture a project draws by default.
    auto r = render("'" + defaultProjectPath() + "' --no-furniture" + kSmall, path("default.png"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto copy = render("'" + project("copy.json") + "' --no-furniture" + kSmall, path("copy.png"));
    ASSERT_EQ(copy.exitCode, 0) << copy.err;
    EXPECT_EQ(test::slurp(path("none.png")), test::slurp(path("default.png")));
    EXPECT_EQ(test::slurp(path("none.png")), test::slurp(path("copy.png")));
}

TEST_F(RenderProject, TheProjectSizeCrsAndTimeAreUsedAndFlagsOverrideThem) {
    // A project in Web Mercator at 400x300 showing 10 December 2022.
    std::string file = project("p.json", "\"crs\": \"EPSG:32634\"", "\"crs\": \"EPSG:3857\"");
    std::string text = test::slurp(file);
    text = std::regex_replace(text, std::regex("\"width\": 1920,\\s*\"height\": 1080"),
                              "\"width\": 400, \"height\": 300");
    text = std::regex_replace(text, std::regex("\"window\": \"all\",\\s*\"cursor\": \"[^\"]*\""),
                              "\"window\": \"1d\", \"cursor\": \"2022-12-11\"");
    std::ofstream(file, std::ios::binary) << text;

    auto own = render("'" + file + "' --no-furniture --no-labels", path("own.png"));
    ASSERT_EQ(own.exitCode, 0) << own.err;
    auto img = readImage(path("own.png"));
    ASSERT_TRUE(img.ok());
    EXPECT_EQ(img->width, 400);
    EXPECT_EQ(img->height, 300);
    // The same as the default project given that CRS and that day...
    ASSERT_EQ(
        render(" --no-labels --size 400x300 --crs EPSG:3857 --at 2022-12-10", path("flags.png")).exitCode, 0);
    EXPECT_EQ(test::slurp(path("own.png")), test::slurp(path("flags.png")));
    // ...and flags put back what the default project says.
    ASSERT_EQ(
        render(
            "'" + file +
                "' --no-furniture --no-labels --size 320x240 --crs EPSG:32634 --window all --at 2022-12-10",
            path("over.png"))
            .exitCode,
        0);
    ASSERT_EQ(render(kSmall, path("none.png")).exitCode, 0);
    EXPECT_EQ(test::slurp(path("over.png")), test::slurp(path("none.png")));
    // A different day shows other incidents.
    ASSERT_EQ(render("'" + file + "' --no-furniture --no-labels --at 2023-01-06", path("jan.png")).exitCode,
              0);
    EXPECT_NE(test::slurp(path("own.png")), test::slurp(path("jan.png")));
}

TEST_F(RenderProject, ASavedCentreAndScaleKeepTheirExtentAtAnySize) {
    const std::string file =
        project("p.json", "\"bbox\": \\[[^\\]]*\\]",
                "\"center\": [20.9, 42.6], \"unitsPerPixel\": 500, \"size\": [400, 400]");
    ASSERT_EQ(render("'" + file + "' --no-furniture --no-labels --size 400x400", path("square.png")).exitCode,
              0);
    ASSERT_EQ(render("'" + file + "' --no-furniture --no-labels --size 800x400", path("wide.png")).exitCode,
              0);
    auto square = readImage(path("square.png"));
    auto wide = readImage(path("wide.png"));
    ASSERT_TRUE(square.ok() && wide.ok());
    // The wide image shows the square one in its middle, widened, at the same scale.
    int same = 0;
    for (int y = 0; y < 400; y += 7)
        for (int x = 0; x < 400; x += 7)
            same += std::equal(square->pixel(x, y), square->pixel(x, y) + 3, wide->pixel(x + 200, y));
    EXPECT_GT(same, 0.98 * (400 / 7 + 1) * (400 / 7 + 1));
}

TEST_F(RenderProject, TruncatedNewerAndMissingLayerProjectsFailClearly) {
    const std::string whole = test::slurp(project("whole.json"));
    std::ofstream(path("cut.json"), std::ios::binary) << whole.substr(0, whole.size() / 3);
    auto cut = render("'" + path("cut.json") + "'" + kSmall, path("cut.png"));
    EXPECT_EQ(cut.exitCode, 1);
    EXPECT_NE(cut.err.find(path("cut.json")), std::string::npos) << cut.err;
    EXPECT_NE(cut.err.find("truncated or not JSON"), std::string::npos) << cut.err;
    EXPECT_NE(cut.err.find("line"), std::string::npos) << cut.err;

    auto newer = render("'" + project("newer.json", "\"version\": 1", "\"version\": 2") + "'" + kSmall,
                        path("newer.png"));
    EXPECT_EQ(newer.exitCode, 1);
    EXPECT_NE(newer.err.find("written by a newer Flashpoint (version 2 > 1)"), std::string::npos)
        << newer.err;

    auto missing = render(
        "'" + project("missing.json", "kosovo_districts.shp", "kosovo_districts_moved.shp") + "'" + kSmall,
        path("missing.png"));
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.err.find(path("missing.json")), std::string::npos) << missing.err;
    EXPECT_NE(missing.err.find("layer 5 'Kosovo: districts'"), std::string::npos) << missing.err;
    EXPECT_NE(missing.err.find("kosovo_districts_moved.shp"), std::string::npos) << missing.err;

    auto absent = render("'" + path("absent.json") + "'" + kSmall, path("absent.png"));
    EXPECT_EQ(absent.exitCode, 1);
    EXPECT_NE(absent.err.find("project file not found"), std::string::npos) << absent.err;

    for (const char* png : {"cut.png", "newer.png", "missing.png", "absent.png"})
        EXPECT_FALSE(fs::exists(path(png))) << png;
}

TEST_F(RenderProject, AProjectRendersWithTheFurnitureItsExportSettingsSwitchOn) {
    const std::string size = " --size 640x480 ";
    ASSERT_EQ(render("'" + defaultProjectPath() + "'" + size, path("briefing.png")).exitCode, 0);
    ASSERT_EQ(render("'" + defaultProjectPath() + "' --no-furniture" + size, path("bare.png")).exitCode, 0);
    EXPECT_NE(test::slurp(path("briefing.png")), test::slurp(path("bare.png")));
    // With every part switched off in the project, the briefing is the bare map.
    std::string off = project("off.json");
    std::string text = test::slurp(off);
    text = std::regex_replace(
        text, std::regex("\"(title|subtitle|legend|scaleBar|northArrow|timestamp|attribution|inset)\": true"),
        "\"$1\": false");
    std::ofstream(off, std::ios::binary) << text;
    ASSERT_EQ(render("'" + off + "'" + size, path("off.png")).exitCode, 0);
    EXPECT_EQ(test::slurp(path("off.png")), test::slurp(path("bare.png")));
}

TEST_F(RenderProject, FadeAloneNeedsAWindowInTheProject) {
    auto r = render("'" + defaultProjectPath() + "'" + kSmall + "--fade", path("fade.png"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--fade"), std::string::npos) << r.err;
    const std::string windowed = project("w.json", "\"window\": \"all\"", "\"window\": \"7d\"");
    std::string text = test::slurp(windowed);
    text = std::regex_replace(text, std::regex("\"cursor\": \"[^\"]*\""), "\"cursor\": \"2022-12-20\"");
    std::ofstream(windowed, std::ios::binary) << text;
    EXPECT_EQ(render("'" + windowed + "'" + kSmall + "--fade", path("fade.png")).exitCode, 0);
}

}  // namespace
}  // namespace fp
