// A layer without a CRS is read as WGS 84 lon/lat, and the warning that says so is said once, for a layer
// given by flag as for a project's layer (it was said twice: by the loader and again from its report).
#include <filesystem>
#include <fstream>

#include "cli_harness.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

class NoCrsWarning : public test::CliFixture {
protected:
    /// A shapefile without its .prj.
    std::string shapefileWithoutCrs() const {
        for (const char* ext : {"shp", "shx", "dbf"})
            fs::copy_file(std::string(FP_FIXTURES_DIR) + "/incidents/native_shp." + ext,
                          path(std::string("roads.") + ext));
        return path("roads.shp");
    }
    std::string warning() const {
        return "flashpoint: warning: " + path("roads.shp") +
               ": no CRS (no .prj file): coordinates are read as EPSG:4326 (WGS 84 lon/lat)\n";
    }
};

TEST_F(NoCrsWarning, RenderSaysItOnceForALayerGivenByFlag) {
    const std::string shp = shapefileWithoutCrs();
    const test::CliRun r =
        run("render --no-default-layers --layer '" + shp + "' --size 800x600 -o '" + path("x.png") + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.err, warning());
}

TEST_F(NoCrsWarning, RenderSaysItOnceForALayerOfAProject) {
    shapefileWithoutCrs();
    std::ofstream(path("p.flashpoint.json")) << R"({"format": "flashpoint-project", "version": 1,
        "layers": [{"source": "roads.shp"}]})";
    const test::CliRun r =
        run("render '" + path("p.flashpoint.json") + "' --size 800x600 -o '" + path("x.png") + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.err, warning());
}

}  // namespace
}  // namespace fp
