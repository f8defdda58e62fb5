// A render never writes over what it reads: its own inputs (whatever the spelling or link), a layer of the
// project it renders, or the .prj of a dataset beside the image.
#include <filesystem>
#include <fstream>

#include "cli_harness.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

using test::has;

class OutputGuard : public test::CliFixture {
protected:
    /// Copies a fixture under a new name into the test's folder and returns its path.
    std::string copy(const std::string& fixture, const std::string& name) const {
        fs::copy_file(fs::path(FP_FIXTURES_DIR) / fixture, path(name), fs::copy_options::overwrite_existing);
        return path(name);
    }
    /// Runs `args` and checks that it is refused with `reason`, naming `file`, and that `file` is unchanged.
    void expectRefused(const std::string& args, const std::string& file, const std::string& reason) const {
        const std::string before = test::slurp(file);
        const test::CliRun r = run(args);
        EXPECT_EQ(r.exitCode, 1) << args << "\n" << r.out << r.err;
        EXPECT_TRUE(has(r.err, "flashpoint: error: " + file + ": ")) << r.err;
        EXPECT_TRUE(has(r.err, reason)) << r.err;
        EXPECT_EQ(test::slurp(file), before) << file << " was changed";
    }
};

const char* const kOwnInput = "is an input of this command";

TEST_F(OutputGuard, RenderRefusesToOverwriteALayerOrIncidentSourceItReads) {
    // GDAL reads these by their content, whatever the extension says.
    const std::string layer = copy("polygons.geojson", "layer.jpg");
    expectRefused("render --no-default-layers --layer '" + layer + "' -o '" + layer + "'", layer, kOwnInput);
    const std::string incidents = copy("incidents/native.geojson", "in.png");
    expectRefused("render --no-default-layers --incidents '" + incidents + "' -o '" + incidents + "'",
                  incidents, kOwnInput);
    // Another spelling of the same file, a symlink and a hard link are the same file.
    fs::create_directories(path("sub"));
    expectRefused("render --no-default-layers --layer '" + path("sub/../layer.jpg") + "' -o '" + layer + "'",
                  layer, kOwnInput);
    fs::create_symlink(layer, path("link.jpg"));
    expectRefused("render --no-default-layers --layer '" + layer + "' -o '" + path("link.jpg") + "'",
                  path("link.jpg"), kOwnInput);
    fs::create_hard_link(incidents, path("hard.png"));
    expectRefused("render --no-default-layers --incidents '" + incidents + "' -o '" + path("hard.png") + "'",
                  path("hard.png"), kOwnInput);
}

TEST_F(OutputGuard, RenderRefusesToOverwriteALayerOfTheProject) {
    const std::string layer = copy("polygons.geojson", "pl.tif");
    std::ofstream(path("p.flashpoint.json")) << R"({"format": "flashpoint-project", "version": 1,
        "layers": [{"source": "pl.tif"}]})";
    expectRefused("render '" + path("p.flashpoint.json") + "' --size 64x64 -o '" + layer + "'", layer,
                  kOwnInput);
}

TEST_F(OutputGuard, SaveProjectNeverWritesOverTheProjectRenderedALayerOrTheImage) {
    const std::string layer = copy("polygons.geojson", "pl.geojson");
    std::ofstream(path("p.flashpoint.json")) << R"({"format": "flashpoint-project", "version": 1,
        "layers": [{"source": "pl.geojson"}]})";
    const std::string render =
        "render '" + path("p.flashpoint.json") + "' --size 64x64 -o '" + path("x.png") + "'";
    expectRefused(render + " --save-project '" + path("p.flashpoint.json") + "'", path("p.flashpoint.json"),
                  kOwnInput);
    expectRefused(render + " --save-project '" + layer + "'", layer, kOwnInput);
    std::ofstream(path("x.png")) << "an old image";
    expectRefused(render + " --save-project '" + path("x.png") + "'", path("x.png"), kOwnInput);
}

TEST_F(OutputGuard, WorldFileNeverReplacesTheProjOfAShapefileBesideTheImage) {
    for (const char* ext : {"shp", "shx", "dbf", "prj", "cpg"})
        copy(std::string("incidents/native_shp.") + ext, std::string("roads.") + ext);
    const std::string prj = test::slurp(path("roads.prj"));
    const test::CliRun r = run("render --no-default-layers --layer '" + path("roads.shp") +
                               "' --size 64x64 --crs EPSG:3857 --world-file -o '" + path("roads.png") + "'");
    EXPECT_EQ(r.exitCode, 1) << r.err;
    EXPECT_TRUE(
        has(r.err, "flashpoint: error: " + path("roads.png") +
                       ": the world file and .prj written beside it (roads.pgw, roads.prj) would also "
                       "apply to roads."))
        << r.err;
    EXPECT_TRUE(has(r.err, "choose another output name")) << r.err;
    EXPECT_EQ(test::slurp(path("roads.prj")), prj);
    EXPECT_FALSE(fs::exists(path("roads.png")));
    EXPECT_FALSE(fs::exists(path("roads.pgw")));
    // Not an input either: a shapefile merely lying beside the image keeps its .prj.
    const test::CliRun beside = run("render --size 64x64 --world-file -o '" + path("roads.png") + "'");
    EXPECT_EQ(beside.exitCode, 1) << beside.err;
    EXPECT_EQ(test::slurp(path("roads.prj")), prj);
    // The image's own sidecars from an earlier export are replaced as before.
    ASSERT_EQ(run("render --size 64x64 --world-file -o '" + path("map.png") + "'").exitCode, 0);
    const test::CliRun again = run("render --size 64x64 --world-file -o '" + path("map.png") + "'");
    EXPECT_EQ(again.exitCode, 0) << again.err;
    EXPECT_TRUE(fs::exists(path("map.prj")));
}

}  // namespace
}  // namespace fp
