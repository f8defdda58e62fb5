// `--style markers|heatmap|hexbin|auto` of `flashpoint render` and `animate`: the real binary, headless.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_harness.h"
#include "render/export/image_io.h"

namespace fp {
namespace {

class RenderStyle : public test::CliFixture {
protected:
    /// A CSV of 60 incidents in two clusters near Pristina, over three days.
    std::string incidents() {
        const std::string csv = path("clusters.csv");
        std::ofstream f(csv);
        f << "date,title,category,lon,lat,fatalities\n";
        for (int i = 0; i < 60; ++i) {
            const double lon = (i % 2 ? 21.10 : 21.25) + 0.002 * (i % 7), lat = 42.65 + 0.002 * (i % 5);
            f << "2023-03-0" << 1 + i % 3 << ",Incident " << i << ",Protest," << lon << "," << lat << ","
              << i % 4 << "\n";
        }
        return csv;
    }
    Image render(const std::string& csv, const std::string& flags, const std::string& name) {
        const std::string png = path(name);
        test::CliRun r = run("render --no-default-layers --size 200x150 --bbox 21.0,42.55,21.35,42.75 -o '" + png +
                             "' --incidents '" + csv + "' " + flags);
        EXPECT_EQ(r.exitCode, 0) << r.err;
        auto img = readImage(png);
        EXPECT_TRUE(img.ok()) << png;
        return img.ok() ? std::move(img).value() : Image{};
    }
    static size_t differing(const Image& a, const Image& b) {
        if (a.width != b.width || a.height != b.height) return SIZE_MAX;
        size_t n = 0;
        for (size_t i = 0; i + 3 < a.rgba.size(); i += 4)
            n += a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2];
        return n;
    }
};

TEST_F(RenderStyle, EachStyleDrawsItsOwnImage) {
    const std::string csv = incidents();
    const Image markers = render(csv, "--style markers", "m.png");
    const Image heatmap = render(csv, "--style heatmap", "h.png");
    const Image hexbin = render(csv, "--style hexbin", "x.png");
    EXPECT_GT(differing(markers, heatmap), 300u);
    EXPECT_GT(differing(markers, hexbin), 300u);
    EXPECT_GT(differing(heatmap, hexbin), 300u);
    // 60 incidents on 200 x 150 px (3 x 10,000 px) are dense: auto, the default, is the heatmap.
    EXPECT_EQ(differing(render(csv, "", "a.png"), heatmap), 0u);
    EXPECT_EQ(differing(render(csv, "--style auto", "a2.png"), heatmap), 0u);
}

TEST_F(RenderStyle, AnUnknownStyleIsAUsageErrorSaidOnce) {
    const std::string message = "flashpoint: error: --style: 'dots' is not one of auto, markers, heatmap, hexbin\n";
    test::CliRun r = run("render -o '" + path("x.png") + "' --style dots");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, message);
    r = run("animate -o '" + path("x.gif") + "' --style dots");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, message);
    r = run("render -o '" + path("x.png") + "' --style Heatmap");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, "flashpoint: error: --style: 'Heatmap' is not one of auto, markers, heatmap, hexbin\n");
    EXPECT_FALSE(std::filesystem::exists(path("x.png")));
    EXPECT_FALSE(std::filesystem::exists(path("x.gif")));
}

TEST_F(RenderStyle, AnimateFramesUseTheStyle) {
    const std::string csv = incidents();
    const std::string frames = path("frames");
    test::CliRun r = run("animate --no-default-layers --size 200x150 --bbox 21.0,42.55,21.35,42.75 --from 2023-03-01 "
                         "--to 2023-03-01 --window all -q -o '" + frames + "' --incidents '" + csv +
                         "' --style hexbin");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::vector<std::filesystem::path> pngs;
    for (const auto& e : std::filesystem::directory_iterator(frames))
        if (e.path().extension() == ".png") pngs.push_back(e.path());
    ASSERT_EQ(pngs.size(), 1u);
    auto frame = readImage(pngs[0].string());
    ASSERT_TRUE(frame.ok());
    // The frame shows the same hexagons as a still of the same window (furniture aside: compare the middle).
    const Image still = render(csv, "--style hexbin --window all --at 2023-03-01", "s.png");
    size_t same = 0, total = 0;
    for (int y = 40; y < 110; ++y)
        for (int x = 40; x < 160; ++x, ++total) {
            const uint8_t* a = frame->pixel(x, y);
            const uint8_t* b = still.pixel(x, y);
            same += a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
        }
    EXPECT_GT(same, total * 9 / 10);
}

}  // namespace
}  // namespace fp
