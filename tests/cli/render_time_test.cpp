// `flashpoint render --at/--window/--from/--to`: the real binary, headless, on the embedded default scene
// (its incidents include the roadblocks in northern Kosovo of 10-29 December 2022).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "cli_harness.h"
#include "core/model/incident_style_sheet.h"
#include "core/project/map_state.h"
#include "render/export/image_io.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const std::string kFixtures = FP_FIXTURES_DIR;
// Northern Kosovo, framed by every render below.
const GeoBBox kBox = GeoBBox::fromCorners(20.4, 42.8, 21.0, 43.3);
constexpr int kW = 300, kH = 300;
const std::string kFrame = "render --no-labels --bbox 20.4,42.8,21.0,43.3 --size 300x300 ";
// The four roadblocks of 10-29 December (Near: hollow markers with 5 km discs).
const std::vector<LonLat> kRoadblocks = {
    {20.72056, 43.20028}, {20.56583, 42.92944}, {20.84306, 42.9175}, {20.80278, 43.10389}};

class RenderTime : public test::CliFixture {
protected:
    /// Renders northern Kosovo with the time flags `timeArgs` and reads the PNG back.
    Image render(const std::string& name, const std::string& timeArgs) const {
        const std::string png = path(name);
        test::CliRun r = run(kFrame + "-o '" + png + "' " + timeArgs);
        EXPECT_EQ(r.exitCode, 0) << timeArgs << "\n" << r.out << r.err;
        auto img = readImage(png);
        EXPECT_TRUE(img.ok()) << timeArgs;
        return img.ok() ? std::move(img).value() : Image{};
    }
};

ScreenXY pixelOf(LonLat p) {
    MapState state = MapState::create(MapScene{}).value();
    state.resize(kW, kH, 1.f);
    state.frame(kBox);
    return state.view().toScreen(state.projection().project(p));
}

bool samePixel(const Image& a, const Image& b, int x, int y) {
    const uint8_t *p = a.pixel(x, y), *q = b.pixel(x, y);
    return p[0] == q[0] && p[1] == q[1] && p[2] == q[2] && p[3] == q[3];
}

bool nearColour(const uint8_t* px, const Color& c, int tolerance) {
    return std::abs(px[0] - std::lround(c.r * 255)) <= tolerance &&
           std::abs(px[1] - std::lround(c.g * 255)) <= tolerance &&
           std::abs(px[2] - std::lround(c.b * 255)) <= tolerance;
}

TEST_F(RenderTime, TheRoadblocksShowOnlyWhileTheyLasted) {
    const Image during = render("during.png", "--at 2022-12-20 --window 1d");
    const Image before = render("before.png", "--at 2022-12-01");
    const Image nothing = render("nothing.png", "--from 2030-01-01 --to 2030-01-31");
    ASSERT_EQ(during.width, kW);
    ASSERT_EQ(before.width, kW);
    ASSERT_EQ(nothing.width, kW);

    // Before the roadblocks, no incident is drawn here: the same image as a window with no incidents at all.
    int differBeforeNothing = 0;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) differBeforeNothing += !samePixel(before, nothing, x, y);
    EXPECT_EQ(differBeforeNothing, 0);

    // During them, the image differs around every roadblock and nowhere else (a marker and its 5 km disc).
    std::vector<ScreenXY> sites;
    for (const LonLat& p : kRoadblocks) sites.push_back(pixelOf(p));
    std::vector<int> differAt(sites.size(), 0);
    int differElsewhere = 0;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) {
            if (samePixel(during, before, x, y)) continue;
            bool near = false;
            for (size_t i = 0; i < sites.size(); ++i)
                if (std::hypot(x + 0.5 - sites[i].x, y + 0.5 - sites[i].y) <= 45.0) {
                    ++differAt[i];
                    near = true;
                }
            differElsewhere += !near;
        }
    EXPECT_EQ(differElsewhere, 0);
    for (size_t i = 0; i < sites.size(); ++i) EXPECT_GE(differAt[i], 40) << "roadblock " << i;

    // And the markers are in the roadblock colour.
    ::setenv("FLASHPOINT_INCIDENT_STYLES", (kFixtures + "/../../assets/incident_styles.json").c_str(), 1);
    const Color colour = IncidentStyleSheet::shipped()->styleFor("Roadblock / Protest").color;
    for (size_t i = 0; i < sites.size(); ++i) {
        int coloured = 0, colouredBefore = 0;
        for (int dy = -8; dy <= 8; ++dy)
            for (int dx = -8; dx <= 8; ++dx) {
                const int x = static_cast<int>(sites[i].x) + dx, y = static_cast<int>(sites[i].y) + dy;
                if (x < 0 || y < 0 || x >= kW || y >= kH) continue;
                coloured += nearColour(during.pixel(x, y), colour, 12);
                colouredBefore += nearColour(before.pixel(x, y), colour, 12);
            }
        EXPECT_GE(coloured, 8) << "roadblock " << i;
        EXPECT_EQ(colouredBefore, 0) << "roadblock " << i;
    }
}

TEST_F(RenderTime, WindowsAndRangesSelectTheSameIncidents) {
    // A week ending on 20 December, and 14-20 December given as a range (--to includes its day).
    const Image week = render("week.png", "--at 2022-12-20 --window 1w");
    const Image range = render("range.png", "--from 2022-12-14 --to 2022-12-20");
    const Image day = render("day.png", "--at 2022-12-20");
    int differ = 0, differDay = 0;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) {
            differ += !samePixel(week, range, x, y);
            differDay += !samePixel(week, day, x, y);
        }
    EXPECT_EQ(differ, 0);
    EXPECT_EQ(differDay, 0) << "only the roadblocks are in northern Kosovo in both";
    // Cumulative up to 20 December also holds the arrest of 10 December near Jarinje; all holds even more.
    const Image cumulative = render("cumulative.png", "--at 2022-12-20 --window cumulative");
    const Image all = render("all.png", "--at 2022-12-20 --window all");
    const Image plain = render("plain.png", "");
    int differCumulative = 0, differAll = 0;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) {
            differCumulative += !samePixel(week, cumulative, x, y);
            differAll += !samePixel(all, plain, x, y);
        }
    EXPECT_GT(differCumulative, 0);
    EXPECT_EQ(differAll, 0) << "--window all is the same as no time flags";
}

TEST_F(RenderTime, BadTimeFlagsAreUsageErrorsNamingTheFlagAndValue) {
    struct Case {
        std::string args, flag, value;
    };
    const std::vector<Case> cases = {
        {"--at 2022-13-45", "--at", "2022-13-45"},
        {"--at yesterday", "--at", "yesterday"},
        {"--at 2022-12-20 --window 7x", "--window", "7x"},
        {"--at 2022-12-20 --window 0d", "--window", "0d"},
        {"--window 7d", "--window", "7d"},
        {"--from 2022-12-01 --to notadate", "--to", "notadate"},
        {"--from 2022/31/31 --to 2022-12-20", "--from", "2022/31/31"},
        {"--from 2022-12-20 --to 2022-12-01", "--to", "2022-12-01"},
        {"--at 2022-12-20 --from 2022-12-01", "--from", "--at"},
        {"--window 1w --to 2022-12-01", "--to", "--window"},
    };
    for (const Case& c : cases) {
        const std::string png = path("bad.png");
        test::CliRun r = run("render --no-labels --size 64x64 -o '" + png + "' " + c.args);
        EXPECT_EQ(r.exitCode, 2) << c.args << "\n" << r.out << r.err;
        EXPECT_NE(r.err.find(c.flag), std::string::npos) << c.args << ": " << r.err;
        EXPECT_NE(r.err.find(c.value), std::string::npos) << c.args << ": " << r.err;
        EXPECT_FALSE(fs::exists(png)) << c.args;
    }
}

TEST_F(RenderTime, FadeAndGhostsNeedAWindow) {
    for (const std::string& args :
         {std::string("--fade"), std::string("--ghosts"),
          std::string("--at 2022-12-20 --window all --ghosts"), std::string("--fade --layer nowhere.shp")}) {
        const std::string png = path("bad.png");
        test::CliRun r = run("render --no-labels --size 64x64 -o '" + png + "' " + args);
        EXPECT_EQ(r.exitCode, 2) << args << "\n" << r.out << r.err;
        const std::string flag = args.find("--fade") != std::string::npos ? "--fade" : "--ghosts";
        EXPECT_NE(r.err.find(flag), std::string::npos) << args << ": " << r.err;
        EXPECT_NE(r.err.find("needs a time window"), std::string::npos) << args << ": " << r.err;
        EXPECT_FALSE(fs::exists(png)) << args;
    }
}

TEST_F(RenderTime, GhostsShowTheRoadblocksBeforeTheyStartAndFadeDimsThemLater) {
    // Before 10 December the roadblocks are ghosts: faint, not in their colour, but no longer blank map.
    const Image before = render("before.png", "--at 2022-12-05");
    const Image ghosts = render("ghosts.png", "--at 2022-12-05 --ghosts");
    ::setenv("FLASHPOINT_INCIDENT_STYLES", (kFixtures + "/../../assets/incident_styles.json").c_str(), 1);
    const Color colour = IncidentStyleSheet::shipped()->styleFor("Roadblock / Protest").color;
    // A month to 5 January: the roadblocks (to 29 December) are in it but a week old, so faded.
    const Image month = render("month.png", "--at 2023-01-05 --window 1m");
    const Image faded = render("faded.png", "--at 2023-01-05 --window 1m --fade");
    for (size_t i = 0; i < kRoadblocks.size(); ++i) {
        const ScreenXY c = pixelOf(kRoadblocks[i]);
        int ghostChanged = 0, ghostColoured = 0, fadeLighter = 0, monthColoured = 0;
        for (int dy = -8; dy <= 8; ++dy)
            for (int dx = -8; dx <= 8; ++dx) {
                const int x = static_cast<int>(c.x) + dx, y = static_cast<int>(c.y) + dy;
                ghostChanged += !samePixel(before, ghosts, x, y);
                ghostColoured += nearColour(ghosts.pixel(x, y), colour, 12);
                monthColoured += nearColour(month.pixel(x, y), colour, 12);
                const uint8_t *m = month.pixel(x, y), *f = faded.pixel(x, y);
                fadeLighter += f[0] + f[1] + f[2] > m[0] + m[1] + m[2] + 6;
            }
        EXPECT_GE(ghostChanged, 20) << "roadblock " << i;
        EXPECT_EQ(ghostColoured, 0) << "roadblock " << i;
        EXPECT_GE(monthColoured, 8) << "roadblock " << i;
        EXPECT_GE(fadeLighter, 8) << "roadblock " << i;
    }
}

TEST_F(RenderTime, PlaceLabelsNeverHideAnIncident) {
    // On 6 January the suspect's arrest is placed on the Ferizaj district's point on surface, right under
    // the "Ferizaj" label: the label's halo once erased the marker. Incidents now lie above labels.
    const std::string png = path("ferizaj.png");
    test::CliRun r =
        run("render --bbox 20.2,42.1,21.3,43.3 --size 900x1000 --at 2023-01-06 -o '" + png + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    auto img = readImage(png);
    ASSERT_TRUE(img.ok());
    MapState state = MapState::create(MapScene{}).value();
    state.resize(900, 1000, 1.f);
    state.frame(GeoBBox::fromCorners(20.2, 42.1, 21.3, 43.3));
    const ScreenXY c = state.view().toScreen(state.projection().project({21.11856, 42.294427}));
    ::setenv("FLASHPOINT_INCIDENT_STYLES", (kFixtures + "/../../assets/incident_styles.json").c_str(), 1);
    const Color colour = IncidentStyleSheet::shipped()->styleFor("Arrest").color;
    int coloured = 0;
    for (int dy = -8; dy <= 8; ++dy)
        for (int dx = -8; dx <= 8; ++dx)
            coloured +=
                nearColour(img->pixel(static_cast<int>(c.x) + dx, static_cast<int>(c.y) + dy), colour, 12);
    EXPECT_GE(coloured, 6) << "the arrest's hollow diamond is visible";
}

}  // namespace
}  // namespace fp
