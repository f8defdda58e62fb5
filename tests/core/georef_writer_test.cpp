// GeoTIFF and world-file georeferencing of exported images: what other GIS tools read back must place the
// image exactly where the view was.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "core/export/georef_writer.h"
#include "core/export/raster_file_writer.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

Status writeGeoTiff(const uint8_t* rgba, int width, int height, const GeoReference& ref,
                    const std::string& path) {
    RasterFileOptions options;
    options.ref = ref;
    return writeRasterFile(rgba, width, height, options, path);
}

class GeorefWriter : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("fp-georef-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    size_t filesInDir() const {
        return static_cast<size_t>(std::distance(fs::directory_iterator(m_dir), {}));
    }
    fs::path m_dir;
};

MapView utmView() {
    MapView v;
    v.center = {500000.0, 4700000.0};
    v.unitsPerPixel = 250.0;
    v.widthPx = 40;
    v.heightPx = 20;
    return v;
}

std::vector<uint8_t> gradient(int w, int h) {
    std::vector<uint8_t> px(static_cast<size_t>(w) * h * 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            uint8_t* p = &px[(static_cast<size_t>(y) * w + x) * 4];
            p[0] = static_cast<uint8_t>(x * 6);
            p[1] = static_cast<uint8_t>(y * 12);
            p[2] = 77;
            p[3] = x == 0 ? 0 : 255;
        }
    return px;
}

TEST(GeoReference, CornersMatchTheViewsExtent) {
    const MapView v = utmView();
    const GeoReference ref = geoReferenceFor(v, Crs::fromUserInput("EPSG:32634").value());
    EXPECT_DOUBLE_EQ(ref.geoTransform[0], 500000.0 - 20 * 250.0);
    EXPECT_DOUBLE_EQ(ref.geoTransform[1], 250.0);
    EXPECT_DOUBLE_EQ(ref.geoTransform[3], 4700000.0 + 10 * 250.0);
    EXPECT_DOUBLE_EQ(ref.geoTransform[5], -250.0);
}

TEST(GeoReference, WorldFileGivesTheCentreOfTheTopLeftPixel) {
    const GeoReference ref = geoReferenceFor(utmView(), Crs::fromUserInput("EPSG:32634").value());
    std::istringstream in(worldFileText(ref));
    double a, d, b, e, c, f;
    in >> a >> d >> b >> e >> c >> f;
    EXPECT_DOUBLE_EQ(a, 250.0);
    EXPECT_DOUBLE_EQ(d, 0.0);
    EXPECT_DOUBLE_EQ(b, 0.0);
    EXPECT_DOUBLE_EQ(e, -250.0);
    EXPECT_DOUBLE_EQ(c, 495000.0 + 125.0);
    EXPECT_DOUBLE_EQ(f, 4702500.0 - 125.0);
}

TEST(GeoReference, PrjIsEsriWktOfTheSameCrs) {
    auto prj = prjText(Crs::fromUserInput("EPSG:32634").value());
    ASSERT_TRUE(prj.ok()) << prj.error().describe();
    EXPECT_NE(prj->find("PROJCS[\"WGS_1984_UTM_Zone_34N\""), std::string::npos) << prj.value();
}

TEST_F(GeorefWriter, GeoTiffReadsBackWithCrsTransformAndPixels) {
    const MapView v = utmView();
    const GeoReference ref = geoReferenceFor(v, Crs::fromUserInput("EPSG:32634").value());
    const auto px = gradient(v.widthPx, v.heightPx);
    const std::string path = (m_dir / "map.tif").string();
    Status s = writeGeoTiff(px.data(), v.widthPx, v.heightPx, ref, path);
    ASSERT_TRUE(s.ok()) << s.error().describe();
    EXPECT_EQ(filesInDir(), 1u) << "no temporary file left";

    GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
    ASSERT_NE(ds, nullptr);
    EXPECT_EQ(ds->GetRasterXSize(), 40);
    EXPECT_EQ(ds->GetRasterYSize(), 20);
    ASSERT_EQ(ds->GetRasterCount(), 4);
    EXPECT_EQ(ds->GetRasterBand(4)->GetColorInterpretation(), GCI_AlphaBand);
    double gt[6];
    ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
    for (int i = 0; i < 6; ++i) EXPECT_DOUBLE_EQ(gt[i], ref.geoTransform[static_cast<size_t>(i)]) << i;
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    ASSERT_NE(srs, nullptr);
    EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "32634");
    uint8_t rgba[4];
    int bands[4] = {1, 2, 3, 4};
    ASSERT_EQ(ds->RasterIO(GF_Read, 7, 3, 1, 1, rgba, 1, 1, GDT_Byte, 4, bands, 4, 4, 1, nullptr), CE_None);
    EXPECT_EQ(rgba[0], 42);
    EXPECT_EQ(rgba[1], 36);
    EXPECT_EQ(rgba[2], 77);
    EXPECT_EQ(rgba[3], 255);
    GDALClose(ds);
}

TEST_F(GeorefWriter, MissingFolderFailsAndWritesNothing) {
    const MapView v = utmView();
    const auto px = gradient(v.widthPx, v.heightPx);
    const std::string path = (m_dir / "nowhere" / "map.tif").string();
    Status s = writeGeoTiff(px.data(), v.widthPx, v.heightPx,
                            geoReferenceFor(v, Crs::fromUserInput("EPSG:32634").value()), path);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().describe().find("does not exist"), std::string::npos) << s.error().describe();
    EXPECT_EQ(filesInDir(), 0u);
}

TEST_F(GeorefWriter, FullDiskFailsAndLeavesNoTemporaryFile) {
    // A file size limit makes writes fail with EFBIG part-way, like a full disk.
    const MapView v{{500000.0, 4700000.0}, 10.0, 600, 600, 1.f};
    std::vector<uint8_t> px(600 * 600 * 4);
    std::mt19937 noise(7);  // incompressible, so the file is far larger than the limit
    for (auto& v : px) v = static_cast<uint8_t>(noise() >> 24);
    const std::string path = (m_dir / "map.tif").string();
    std::ofstream(path) << "old";
    rlimit old{};
    ::getrlimit(RLIMIT_FSIZE, &old);
    auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit tiny = old;
    tiny.rlim_cur = 64 * 1024;
    ::setrlimit(RLIMIT_FSIZE, &tiny);
    Status s =
        writeGeoTiff(px.data(), 600, 600, geoReferenceFor(v, Crs::fromUserInput("EPSG:32634").value()), path);
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().describe().find("map.tif"), std::string::npos) << s.error().describe();
    EXPECT_EQ(filesInDir(), 1u) << "only the old file";
    std::ifstream in(path);
    std::string content;
    in >> content;
    EXPECT_EQ(content, "old");
}

}  // namespace
}  // namespace fp
