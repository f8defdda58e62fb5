// RasterFileWriter: GeoTIFF, GeoPDF and JPEG written band by band through GDAL read back with their pixels,
// CRS and geotransform, and leave no staging or temporary file behind.
#include "core/export/raster_file_writer.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <vector>

namespace fs = std::filesystem;

namespace fp {
namespace {

class RasterFileWriterTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("fp-raster-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        GDALAllRegister();
    }
    void TearDown() override { fs::remove_all(m_dir); }
    size_t filesInDir() const {
        return static_cast<size_t>(std::distance(fs::directory_iterator(m_dir), {}));
    }
    fs::path m_dir;
};

constexpr int kW = 64, kH = 48;

/// Opaque red on the left half, half-transparent blue on the right.
std::vector<uint8_t> halves() {
    std::vector<uint8_t> px(static_cast<size_t>(kW) * kH * 4);
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) {
            uint8_t* p = &px[(static_cast<size_t>(y) * kW + x) * 4];
            const bool left = x < kW / 2;
            p[0] = left ? 255 : 0;
            p[1] = 0;
            p[2] = left ? 0 : 255;
            p[3] = left ? 255 : 128;
        }
    return px;
}

RasterFileOptions options(RasterFileKind kind) {
    RasterFileOptions o;
    o.kind = kind;
    o.ref.crs = Crs::fromUserInput("EPSG:32634").value();
    o.ref.geoTransform = {400000.0, 100.0, 0.0, 4700000.0, 0.0, -100.0};
    o.dpi = 144.0;
    return o;
}

/// Writes `px` bottom-up in bands of 5 rows (the way GL reads tiles back), as an export does.
Status writeInBands(const std::vector<uint8_t>& px, const RasterFileOptions& o, const std::string& path) {
    auto writer = RasterFileWriter::open(path, kW, kH, o);
    if (!writer) return writer.error();
    const std::ptrdiff_t stride = kW * 4;
    for (int y = 0; y < kH; y += 5) {
        const int rows = std::min(5, kH - y);
        // The same rows copied bottom-up, handed over with a negative stride.
        std::vector<uint8_t> band(static_cast<size_t>(rows) * kW * 4);
        for (int r = 0; r < rows; ++r)
            std::copy_n(&px[static_cast<size_t>(y + r) * kW * 4], kW * 4, &band[(rows - 1 - r) * stride]);
        if (Status s = writer.value()->addRows(band.data() + (rows - 1) * stride, -stride, rows); !s)
            return s;
    }
    return writer.value()->finish();
}

std::vector<uint8_t> pixel(GDALDataset* ds, int x, int y) {
    std::vector<uint8_t> v(static_cast<size_t>(ds->GetRasterCount()));
    for (int b = 0; b < ds->GetRasterCount(); ++b)
        (void)ds->GetRasterBand(b + 1)->RasterIO(GF_Read, x, y, 1, 1, &v[b], 1, 1, GDT_Byte, 0, 0, nullptr);
    return v;
}

TEST_F(RasterFileWriterTest, GeoPdfHoldsTheCrsTheBoundsAndThePixelsOverWhite) {
    const std::string path = (m_dir / "map.pdf").string();
    Status s = writeInBands(halves(), options(RasterFileKind::GeoPdf), path);
    ASSERT_TRUE(s.ok()) << s.error().describe();
    EXPECT_EQ(filesInDir(), 1u) << "no staging or temporary file left";
    GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
    ASSERT_NE(ds, nullptr);
    EXPECT_EQ(ds->GetRasterXSize(), kW);
    EXPECT_EQ(ds->GetRasterYSize(), kH);
    ASSERT_NE(ds->GetSpatialRef(), nullptr);
    OGRSpatialReference utm;
    utm.importFromEPSG(32634);
    EXPECT_TRUE(ds->GetSpatialRef()->IsSame(&utm));
    double gt[6];
    ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
    EXPECT_NEAR(gt[0], 400000.0, 100.0);
    EXPECT_NEAR(gt[3], 4700000.0, 100.0);
    EXPECT_NEAR(gt[0] + kW * gt[1], 400000.0 + kW * 100.0, 100.0);
    EXPECT_NEAR(gt[3] + kH * gt[5], 4700000.0 - kH * 100.0, 100.0);
    const auto red = pixel(ds, 5, kH - 3), blue = pixel(ds, kW - 5, 2);
    EXPECT_GE(red[0], 250);
    EXPECT_LE(red[1], 5);
    // Half-transparent blue over white is a light blue.
    EXPECT_NEAR(blue[0], 127, 4);
    EXPECT_GE(blue[2], 250);
    GDALClose(ds);
}

TEST_F(RasterFileWriterTest, GeoTiffStreamedInBandsKeepsAlphaAndRowOrder) {
    const std::string path = (m_dir / "map.tif").string();
    Status s = writeInBands(halves(), options(RasterFileKind::GeoTiff), path);
    ASSERT_TRUE(s.ok()) << s.error().describe();
    GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
    ASSERT_NE(ds, nullptr);
    EXPECT_EQ(pixel(ds, 0, kH - 1), (std::vector<uint8_t>{255, 0, 0, 255}));
    EXPECT_EQ(pixel(ds, kW - 1, 0), (std::vector<uint8_t>{0, 0, 255, 128}));
    GDALClose(ds);
    EXPECT_EQ(filesInDir(), 1u);
}

TEST_F(RasterFileWriterTest, JpegIsOverWhiteWithoutSideFiles) {
    const std::string path = (m_dir / "map.jpg").string();
    RasterFileOptions o = options(RasterFileKind::Jpeg);
    o.jpegQuality = 95;
    Status s = writeInBands(halves(), o, path);
    ASSERT_TRUE(s.ok()) << s.error().describe();
    EXPECT_EQ(filesInDir(), 1u) << "no .aux.xml or staging file";
    GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
    ASSERT_NE(ds, nullptr);
    ASSERT_EQ(ds->GetRasterCount(), 3);
    EXPECT_NEAR(pixel(ds, kW - 8, 8)[0], 127, 8);
    GDALClose(ds);
}

TEST_F(RasterFileWriterTest, JpegIsCompressedIntoItsFileAsTheRowsCome) {
    // No staging copy of the image (a 16384x16384 export held 1 GiB): the JPEG itself grows while rows
    // are still missing.
    constexpr int w = 1024, h = 1024;
    std::vector<uint8_t> px(static_cast<size_t>(w) * h * 4);
    for (size_t i = 0; i < px.size(); ++i) px[i] = static_cast<uint8_t>((i * 2654435761u) >> 13);
    const std::string path = (m_dir / "map.jpg").string();
    auto writer = RasterFileWriter::open(path, w, h, options(RasterFileKind::Jpeg));
    ASSERT_TRUE(writer.ok()) << writer.error().describe();
    ASSERT_TRUE(writer.value()->addRows(px.data(), w * 4, h / 2).ok());
    ASSERT_EQ(filesInDir(), 1u) << "one temporary file, no staging file beside it";
    const fs::path temp = fs::directory_iterator(m_dir)->path();
    EXPECT_EQ(temp.filename().string().rfind(".map.jpg.", 0), 0u) << temp;
    std::ifstream in(temp, std::ios::binary);
    char magic[2] = {};
    in.read(magic, 2);
    EXPECT_EQ(std::string(magic, 2), "\xFF\xD8") << "a JPEG stream, not a staging GeoTIFF";
    EXPECT_GT(fs::file_size(temp), 100000u) << "half the rows are compressed into it already";
    ASSERT_TRUE(writer.value()->addRows(px.data() + static_cast<size_t>(w) * 4 * (h / 2), w * 4, h / 2).ok());
    Status s = writer.value()->finish();
    ASSERT_TRUE(s.ok()) << s.error().describe();
    EXPECT_EQ(filesInDir(), 1u);
    GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
    ASSERT_NE(ds, nullptr);
    EXPECT_EQ(ds->GetRasterXSize(), w);
    EXPECT_EQ(ds->GetRasterYSize(), h);
    GDALClose(ds);
}

TEST_F(RasterFileWriterTest, MissingRowsFailAndLeaveNothing) {
    const std::string path = (m_dir / "map.pdf").string();
    auto writer = RasterFileWriter::open(path, kW, kH, options(RasterFileKind::GeoPdf));
    ASSERT_TRUE(writer.ok()) << writer.error().describe();
    const auto px = halves();
    ASSERT_TRUE(writer.value()->addRows(px.data(), kW * 4, 10).ok());
    Status s = writer.value()->finish();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().describe(), path + ": 38 rows were never written");
    writer.value().reset();
    EXPECT_EQ(filesInDir(), 0u);
}

}  // namespace
}  // namespace fp
