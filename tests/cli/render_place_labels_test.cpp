// `flashpoint render PROJECT.json` draws place labels as the project says (shown or not, script), and
// --place-labels overrides it.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_harness.h"
#include "render/export/image_io.h"

namespace fp {
namespace {

class RenderPlaceLabels : public test::CliFixture {
protected:
    /// A project with one boundary layer (no labels of its own) over southern Serbia and Kosovo, with
    /// `placeLabels` as given (empty: the key is left out, as in files written before it existed).
    std::string project(const std::string& name, const std::string& placeLabels) const {
        std::ofstream out(path(name), std::ios::binary);
        out << R"({"format": "flashpoint-project", "version": 1, "name": "Places",
                  "layers": [{"source": ")"
            << FP_GEODATA_DIR << R"(/boundaries/focus_countries.shp"}],
                  "view": {"bbox": [20.6, 42.6, 22.2, 43.7]},
                  "export": {"furniture": {"title": false, "subtitle": false, "legend": false,
                             "scaleBar": false, "northArrow": false, "timestamp": false,
                             "attribution": false, "inset": false}})"
            << (placeLabels.empty() ? "" : ", \"placeLabels\": " + placeLabels) << "}";
        return path(name);
    }
    /// Renders `args` to `png` and reads it back.
    Image render(const std::string& args, const std::string& png) const {
        const test::CliRun r = run("render " + args + " --size 480x360 -o '" + path(png) + "'");
        EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
        auto img = readImage(path(png));
        EXPECT_TRUE(img.ok()) << png;
        return img ? std::move(img).value() : Image{};
    }
};

size_t differingPixels(const Image& a, const Image& b) {
    if (a.width != b.width || a.height != b.height || a.rgba.size() != b.rgba.size()) return ~size_t{0};
    size_t n = 0;
    for (size_t i = 0; i < a.rgba.size(); i += 4)
        n += a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2];
    return n;
}

TEST_F(RenderPlaceLabels, TheProjectSettingIsUsedUnlessTheFlagOverridesIt) {
    const std::string older = project("older.json", "");
    const std::string hidden = project("hidden.json", R"({"visible": false, "script": "english"})");
    const std::string english = project("english.json", R"({"visible": true, "script": "english"})");

    const Image local = render("'" + older + "'", "local.png");
    const Image none = render("'" + hidden + "'", "none.png");
    const Image en = render("'" + english + "'", "english.png");
    // Labels drawn or not, and in another spelling (Niš / Nis, Priština / Pristina, ...): the images differ.
    EXPECT_GT(differingPixels(local, none), 500u);
    EXPECT_GT(differingPixels(local, en), 50u);
    EXPECT_GT(differingPixels(en, none), 500u);
    // The flag wins over the project: none -> local, english -> none, older (local) -> english.
    EXPECT_EQ(differingPixels(render("'" + hidden + "' --place-labels local", "a.png"), local), 0u);
    EXPECT_EQ(differingPixels(render("'" + english + "' --place-labels none", "b.png"), none), 0u);
    EXPECT_EQ(differingPixels(render("'" + older + "' --place-labels english", "c.png"), en), 0u);
    // A project that hides them, shown again by the flag, keeps the flag's script and not the project's.
    EXPECT_EQ(differingPixels(render("'" + hidden + "' --place-labels english", "d.png"), en), 0u);
}

}  // namespace
}  // namespace fp
