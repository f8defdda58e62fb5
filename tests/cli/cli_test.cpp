#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "render/export/image_io.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

struct RunResult {
    int exitCode = -1;
    std::string out;  ///< stdout and stderr together
};

/// Runs flashpoint with `args` (already shell-quoted where needed), without a display.
RunResult runFlashpoint(const std::string& args) {
    std::string cmd = "env -u DISPLAY -u WAYLAND_DISPLAY EGL_PLATFORM=surfaceless '" +
                      std::string(FP_BINARY) + "' " + args + " 2>&1";
    RunResult r;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
    int status = pclose(pipe);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

class CliTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("fp-cli-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }
    fs::path m_dir;
};

const std::string kFixtures = FP_FIXTURES_DIR;

TEST_F(CliTest, VersionAndHelp) {
    RunResult v = runFlashpoint("--version");
    EXPECT_EQ(v.exitCode, 0);
    EXPECT_NE(v.out.find("flashpoint 0."), std::string::npos) << v.out;
    RunResult h = runFlashpoint("--help");
    EXPECT_EQ(h.exitCode, 0);
    EXPECT_NE(h.out.find("render"), std::string::npos) << h.out;
    RunResult rh = runFlashpoint("render --help");
    EXPECT_EQ(rh.exitCode, 0);
    EXPECT_NE(rh.out.find("--bbox"), std::string::npos) << rh.out;
}

TEST_F(CliTest, UnknownFlagsAndSubcommandsAreUsageErrors) {
    RunResult a = runFlashpoint("--frobnicate");
    EXPECT_EQ(a.exitCode, 2) << a.out;
    EXPECT_NE(a.out.find("frobnicate"), std::string::npos) << a.out;
    RunResult b = runFlashpoint("render -o " + path("x.png") + " --colour red");
    EXPECT_EQ(b.exitCode, 2) << b.out;
    EXPECT_NE(b.out.find("--colour"), std::string::npos) << b.out;
    RunResult c = runFlashpoint("paint");
    EXPECT_EQ(c.exitCode, 2) << c.out;
    EXPECT_FALSE(fs::exists(path("x.png")));
}

TEST_F(CliTest, RenderDefaultMapWritesPngOfTheRequestedSize) {
    RunResult r = runFlashpoint("render -o " + path("map.png") + " --size 640x480");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    auto img = readImage(path("map.png"));
    ASSERT_TRUE(img.ok());
    EXPECT_EQ(img->width, 640);
    EXPECT_EQ(img->height, 480);
    // Not blank: the map has many distinct colours (fills, outlines, labels).
    std::set<uint32_t> colours;
    for (size_t i = 0; i < img->rgba.size(); i += 4 * 7)
        colours.insert(img->rgba[i] << 16 | img->rgba[i + 1] << 8 | img->rgba[i + 2]);
    EXPECT_GT(colours.size(), 50u);
}

TEST_F(CliTest, RenderWithBboxCrsAndExtraLayer) {
    RunResult r = runFlashpoint("render -o " + path("north.png") +
                                " --size 300x300 --bbox 19.9,41.9,21.9,43.5 --crs EPSG:3857 --layer " +
                                kFixtures + "/polygons.geojson");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    auto img = readImage(path("north.png"));
    ASSERT_TRUE(img.ok());
    EXPECT_EQ(img->width, 300);
}

struct BadRender {
    const char* name;
    std::string args;
    int exitCode;
    const char* messageFragment;
};

class CliBadRender : public CliTest, public ::testing::WithParamInterface<BadRender> {};

TEST_P(CliBadRender, FailsWithAClearMessageAndWritesNothing) {
    RunResult r = runFlashpoint("render -o " + path("out.png") + " " + GetParam().args);
    EXPECT_EQ(r.exitCode, GetParam().exitCode) << r.out;
    EXPECT_NE(r.out.find(GetParam().messageFragment), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("error"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(path("out.png")));
    // No temporary file left behind either.
    EXPECT_TRUE(fs::is_empty(m_dir));
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, CliBadRender,
    ::testing::Values(
        BadRender{"size_no_x", "--size 640", 2, "WIDTHxHEIGHT"},
        BadRender{"size_zero", "--size 0x480", 2, "at least 1"},
        BadRender{"size_letters", "--size wide", 2, "--size wide"},
        BadRender{"size_huge", "--size 100000x10", 2, "at most"},
        BadRender{"size_negative", "--size -5x10", 2, "--size"},
        BadRender{"bbox_three", "--bbox 1,2,3", 2, "four numbers"},
        BadRender{"bbox_text", "--bbox a,b,c,d", 2, "not a number"},
        BadRender{"bbox_inverted", "--bbox 22,42,20,43", 2, "minlon must be less"},
        BadRender{"bbox_range", "--bbox 20,42,200,43", 2, "-180..180"},
        BadRender{"crs_unknown", "--crs EPSG:999999", 1, "EPSG:999999"},
        BadRender{"crs_garbage", "--crs 'not a crs'", 1, "not a crs"},
        BadRender{"layer_missing", "--layer " + kFixtures + "/nope.shp", 1, "nope.shp: file not found"},
        BadRender{"layer_directory", "--layer " + kFixtures, 1, "is a directory"},
        BadRender{"layer_not_geo", "--layer " + kFixtures + "/notes.txt", 1, "not a vector data format"},
        BadRender{"layer_empty", "--layer " + kFixtures + "/empty.geojson", 1, "empty"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(CliTest, OutputMustBeAnImageFormat) {
    RunResult r = runFlashpoint("render --size 10x10 -o " + path("x.bmp"));
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("'.bmp'"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(".png"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::is_empty(m_dir));
}

TEST_F(CliTest, MissingOutputFolderIsAnError) {
    RunResult r = runFlashpoint("render --size 64x64 -o " + path("no/such/dir/map.png"));
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.out.find("does not exist"), std::string::npos) << r.out;
}

TEST_F(CliTest, InvalidPolygonIsRepairedWithAWarningAndStillRenders) {
    RunResult r = runFlashpoint("render --size 64x64 -o " + path("bow.png") + " --layer " + kFixtures +
                                "/bowtie.geojson");
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("row 1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("repaired"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("row 3"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::exists(path("bow.png")));
}

}  // namespace
}  // namespace fp

namespace fp {
namespace {

/// What `flashpoint gui ARGS` printed (stdout and stderr) and its exit status, run in a real window on a
/// virtual X server (Xvfb) with `home` as a throwaway HOME for its settings.
struct GuiRun {
    std::string out;
    int exitCode = -1;
};
GuiRun runGuiUnderXvfb(const std::string& home, const std::string& args) {
    fs::create_directories(home);
    const std::string cmd = "HOME='" + home + "' xvfb-run -a -s '-screen 0 1280x800x24' '" +
                            std::string(FP_BINARY) + "' gui " + args + " 2>&1";
    GuiRun run;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return run;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
    const int status = pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

TEST_F(CliTest, GuiOpensTheDefaultMapUnderXvfbAndKeepsRunningAfterABadLayer) {
    const std::string home = path("home");
    const std::string shot = path("gui.png");
    const GuiRun r = runGuiUnderXvfb(home, "--frames 3 --screenshot '" + shot + "' --layer " + kFixtures +
                                               "/polygons.geojson --layer " + kFixtures + "/notes.txt");
    const std::string& out = r.out;
    ASSERT_EQ(r.exitCode, 0) << out;
    EXPECT_NE(out.find("notes.txt"), std::string::npos) << "the bad layer is reported: " << out;
    auto img = readImage(shot);
    ASSERT_TRUE(img.ok()) << out;
    EXPECT_GT(img->width, 400);
    EXPECT_GT(img->height, 300);
    std::set<uint32_t> colours;
    for (size_t i = 0; i < img->rgba.size(); i += 4 * 5)
        colours.insert(img->rgba[i] << 16 | img->rgba[i + 1] << 8 | img->rgba[i + 2]);
    EXPECT_GT(colours.size(), 100u) << "map and panels were drawn";
    // Settings were written atomically where the GUI keeps them.
    EXPECT_TRUE(fs::exists(home + "/.config/flashpoint/settings.json"));
}

// `gui --incidents` far from the default map opens on them, as `render` frames them, and says once (as the
// CLI does) that the default CRS is not meant for that area.
TEST_F(CliTest, GuiOpensOnIncidentsFarFromTheDefaultMapAndSaysTheCrsDoesNotSuitThem) {
    const GuiRun r =
        runGuiUnderXvfb(path("home"), "--frames 2 --screenshot '" + path("gui.png") + "' --incidents " +
                                          kFixtures + "/incidents/far_myanmar.geojson");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(
        r.out,
        "flashpoint: warning: the map shows lon 96.1 to 96.2, lat 17 to 22, mostly outside the area its "
        "CRS WGS 84 / UTM zone 34N is meant for (lon 18 to 24, lat 0 to 84), so it is distorted there; "
        "choose a CRS for this area (--crs, or Map > CRS\u2026 in the window), e.g. EPSG:3857 (the web "
        "map) or the area's UTM zone\n");
    EXPECT_TRUE(fs::exists(path("gui.png")));
}

}  // namespace
}  // namespace fp
