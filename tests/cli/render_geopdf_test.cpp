// `flashpoint render -o FILE.pdf` writes a geospatial PDF: GDAL reads back the map's CRS and the same
// bounds as a GeoTIFF of the same view, the page is sized by --dpi, and a failed or refused write leaves
// nothing behind.
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <filesystem>

#include "cli_harness.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

using test::has;

const std::string kView = "render --no-labels --size 400x300 --bbox 20,42,21,43 ";

struct Raster {
    int width = 0, height = 0;
    double gt[6] = {};
    OGRSpatialReference srs;
    std::string dpi;
};

Raster readRaster(const std::string& path) {
    GDALAllRegister();
    Raster r;
    GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
    if (!ds) return r;
    r.width = ds->GetRasterXSize();
    r.height = ds->GetRasterYSize();
    ds->GetGeoTransform(r.gt);
    if (const OGRSpatialReference* srs = ds->GetSpatialRef()) r.srs = *srs;
    if (const char* dpi = ds->GetMetadataItem("DPI")) r.dpi = dpi;
    GDALClose(ds);
    return r;
}

class RenderGeoPdf : public test::CliFixture {
protected:
    size_t filesIn(const fs::path& dir) const {
        return static_cast<size_t>(std::distance(fs::directory_iterator(dir), {}));
    }
    /// Renders `flags` to FILE.pdf and FILE.tif and checks that GDAL reads the same CRS (equal to `crs`)
    /// and the same corners, within a pixel, from both.
    void expectSamePlaceAsGeoTiff(const std::string& flags, const std::string& crs) {
        const std::string pdf = path("map.pdf"), tif = path("map.tif");
        test::CliRun r = run(kView + flags + " -o '" + pdf + "'");
        ASSERT_EQ(r.exitCode, 0) << r.err;
        EXPECT_EQ(r.out, "wrote " + pdf + " (400x300)\n");
        EXPECT_EQ(r.err, "");
        ASSERT_EQ(run(kView + flags + " -o '" + tif + "'").exitCode, 0);
        const Raster p = readRaster(pdf), t = readRaster(tif);
        ASSERT_EQ(p.width, 400);
        ASSERT_EQ(p.height, 300);
        OGRSpatialReference expected;
        ASSERT_EQ(expected.SetFromUserInput(crs.c_str()), OGRERR_NONE);
        EXPECT_TRUE(p.srs.IsSame(&expected)) << crs;
        EXPECT_TRUE(p.srs.IsSame(&t.srs));
        const double pixel = std::abs(t.gt[1]);
        for (double x : {0.0, 400.0})
            for (double y : {0.0, 300.0}) {
                EXPECT_NEAR(p.gt[0] + x * p.gt[1], t.gt[0] + x * t.gt[1], pixel) << crs << " corner x";
                EXPECT_NEAR(p.gt[3] + y * p.gt[5], t.gt[3] + y * t.gt[5], pixel) << crs << " corner y";
            }
        fs::remove(pdf);
        fs::remove(tif);
    }
};

TEST_F(RenderGeoPdf, ReadsBackWithTheMapsCrsAndBounds) {
    expectSamePlaceAsGeoTiff("", "EPSG:32634");
    expectSamePlaceAsGeoTiff("--crs EPSG:3857", "EPSG:3857");
    expectSamePlaceAsGeoTiff("--crs '+proj=robin +lon_0=20 +datum=WGS84'",
                             "+proj=robin +lon_0=20 +datum=WGS84");
}

TEST_F(RenderGeoPdf, PageFollowsTheDpiAndHoldsTheFurniture) {
    test::CliRun r = run("render --size 1600x1200 --title Briefing --dpi 144 -o '" + path("map.pdf") + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "wrote " + path("map.pdf") + " (1600x1200)\n");
    EXPECT_EQ(r.err, "");
    const Raster pdf = readRaster(path("map.pdf"));
    EXPECT_EQ(pdf.dpi, "144");
    EXPECT_EQ(pdf.width, 1600) << "poppler renders the page at its dpi back to the image's size";
    const std::string bytes = test::slurp(path("map.pdf"));
    EXPECT_TRUE(has(bytes, "/MediaBox [ 0 0 800 600 ]")) << "1600x1200 px at 144 dpi is 800x600 pt";
    EXPECT_TRUE(has(bytes, "/Title (Briefing)"));
    EXPECT_EQ(filesIn(m_dir), 1u) << "no staging or temporary file left";
}

TEST_F(RenderGeoPdf, RefusesToOverwriteItsOwnInput) {
    fs::copy_file(fs::path(FP_FIXTURES_DIR) / "polygons.geojson", path("layer.pdf"));
    const std::string before = test::slurp(path("layer.pdf"));
    test::CliRun r =
        run("render --no-default-layers --layer '" + path("layer.pdf") + "' -o '" + path("layer.pdf") + "'");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, "flashpoint: error: " + path("layer.pdf") + ": is an input of this command (" +
                         path("layer.pdf") +
                         "); writing there would destroy it: choose another output name\n");
    EXPECT_EQ(test::slurp(path("layer.pdf")), before);
}

TEST_F(RenderGeoPdf, FullDiskFailsAndLeavesNothing) {
    const std::string cmd = "sh -c \"trap '' XFSZ; ulimit -f 16; exec env EGL_PLATFORM=surfaceless '" +
                            std::string(FP_BINARY) + "' render --size 800x600 -o '" + path("map.pdf") +
                            "'\" >/dev/null 2>'" + path("err.txt") + "'";
    const int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1);
    const std::string err = test::slurp(path("err.txt"));
    EXPECT_TRUE(has(err, "flashpoint: error: " + path("map.pdf") + ": writing PDF failed: ")) << err;
    EXPECT_TRUE(has(err, "File too large")) << err;  // EFBIG
    fs::remove(path("err.txt"));
    EXPECT_EQ(filesIn(m_dir), 0u) << "no file and no temporary file";
}

TEST_F(RenderGeoPdf, MissingFolderIsNamed) {
    test::CliRun r = run(kView + "-o '" + path("missing/map.pdf") + "'");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "flashpoint: error: " + path("missing/map.pdf") + ": ")) << r.err;
    EXPECT_TRUE(has(r.err, "does not exist")) << r.err;
    EXPECT_EQ(filesIn(m_dir), 0u);
}

}  // namespace
}  // namespace fp
