// `--style markers|heatmap|hexbin|auto` of `flashpoint render` and `animate`: the real binary, headless.
#include <gtest/gtest.h>

#include <climits>
#include <fstream>

#include "cli_harness.h"
#include "render/export/image_io.h"

namespace fp {
namespace {

class RenderStyle : public test::CliFixture {
protected:
    /// A CSV of 90 incidents in two clusters near Pristina, over three days.
    std::string incidents() {
        const std::string csv = path("clusters.csv");
        std::ofstream f(csv);
        f << "date,title,category,lon,lat,fatalities\n";
        for (int i = 0; i < 90; ++i) {
            const double lon = (i % 2 ? 21.10 : 21.25) + 0.002 * (i % 7), lat = 42.65 + 0.002 * (i % 5);
            f << "2023-03-0" << 1 + i % 3 << ",Incident " << i << ",Protest," << lon << "," << lat << ","
              << i % 4 << "\n";
        }
        return csv;
    }
    Image render(const std::string& csv, const std::string& flags, const std::string& name) {
        const std::string png = path(name);
        test::CliRun r = run("render --no-default-layers --size 200x150 --bbox 21.0,42.55,21.35,42.75 -o '" +
                             png + "' --incidents '" + csv + "' " + flags);
        EXPECT_EQ(r.exitCode, 0) << r.err;
        auto img = readImage(png);
        EXPECT_TRUE(img.ok()) << png;
        return img.ok() ? std::move(img).value() : Image{};
    }
    /// Pixels that differ in rows [y0, y1) (all rows by default).
    static size_t differing(const Image& a, const Image& b, int y0 = 0, int y1 = INT32_MAX) {
        if (a.width != b.width || a.height != b.height) return SIZE_MAX;
        size_t n = 0;
        for (int y = y0; y < std::min(y1, a.height); ++y)
            for (int x = 0; x < a.width; ++x) {
                const uint8_t *p = a.pixel(x, y), *q = b.pixel(x, y);
                n += p[0] != q[0] || p[1] != q[1] || p[2] != q[2];
            }
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
    // 90 incidents on 200 x 150 px (3 x 10,000 px) are dense: auto, the default, is the heatmap.
    EXPECT_EQ(differing(render(csv, "", "a.png"), heatmap), 0u);
}

TEST_F(RenderStyle, AnUnknownStyleIsAUsageErrorSaidOnce) {
    const std::string message =
        "flashpoint: error: --style: 'dots' is not one of auto, markers, heatmap, hexbin\n";
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
    test::CliRun r =
        run("animate --no-default-layers --size 200x150 --bbox 21.0,42.55,21.35,42.75 --from 2023-03-01 "
            "--to 2023-03-02 --window all -q -o '" +
            frames + "' --incidents '" + csv + "' --style hexbin");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto frame = readImage(frames + "/frame_00001.png");
    ASSERT_TRUE(frame.ok());
    // The frame shows the hexagons of a still of all incidents, not their markers: compared in the band
    // between the frame's title and scale bar, which holds the incidents.
    const Image hexbin = render(csv, "--style hexbin --no-labels", "x.png");
    const Image markers = render(csv, "--style markers --no-labels", "m.png");
    EXPECT_EQ(differing(frame.value(), hexbin, 50, 92), 0u);
    EXPECT_GT(differing(frame.value(), markers, 50, 92), 500u);
}

}  // namespace
}  // namespace fp
