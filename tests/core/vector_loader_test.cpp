#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/io/vector_loader.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const std::string kFixtures = FP_FIXTURES_DIR;
const std::string kBoundaries = std::string(FP_GEODATA_DIR) + "/boundaries";

/// A scratch folder removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("fp-test-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

/// Copies the parts of a shapefile with the given extensions into `dir` under the same stem.
std::string copyShapefile(const std::string& stem, const fs::path& dir,
                          std::initializer_list<const char*> exts) {
    for (const char* ext : exts) fs::copy_file(kBoundaries + "/" + stem + ext, dir / (stem + ext));
    return (dir / (stem + ".shp")).string();
}

TEST(VectorLoader, LoadsPolygonsHolesMultipolygonsAndLines) {
    LoadReport report;
    auto layers = loadVectorSource(kFixtures + "/polygons.geojson", report);
    ASSERT_TRUE(layers.ok()) << layers.error().describe();
    ASSERT_EQ(layers->size(), 1u);
    const VectorLayer& l = layers->front();
    EXPECT_EQ(l.featureCount(), 3u);
    EXPECT_EQ(l.driverName, "GeoJSON");
    // Square with a hole: one polygon part with two rings of four vertices (closing vertex dropped).
    const auto& g = l.geometry;
    ASSERT_EQ(g.featurePartStart[1] - g.featurePartStart[0], 1u);
    EXPECT_EQ(g.partRingStart[1] - g.partRingStart[0], 2u);
    EXPECT_EQ(g.ringStart[1] - g.ringStart[0], 4u);
    // Multipolygon: two polygon parts.
    EXPECT_EQ(g.featurePartStart[2] - g.featurePartStart[1], 2u);
    // Line: one part of kind Line with three vertices.
    EXPECT_EQ(g.partKind.back(), PartKind::Line);
    EXPECT_EQ(l.attribute(0, "name"), "Square with hole");
    EXPECT_NEAR(l.extent.minX, 20.0, 1e-9);
    EXPECT_NEAR(l.extent.maxY, 43.4, 1e-9);
    EXPECT_TRUE(report.problems.empty());
    EXPECT_EQ(report.featuresLoaded, 3u);
}

TEST(VectorLoader, LabelAnchorOfHoledPolygonIsInsideTheRingNotInTheHole) {
    LoadReport report;
    auto layers = loadVectorSource(kFixtures + "/polygons.geojson", report);
    ASSERT_TRUE(layers.ok());
    LonLat a = layers->front().labelAnchors[0];
    bool inHole = a.lon > 20.3 && a.lon < 20.7 && a.lat > 42.3 && a.lat < 42.7;
    EXPECT_FALSE(inHole) << a.lon << "," << a.lat;
    EXPECT_TRUE(a.lon > 20.0 && a.lon < 21.0 && a.lat > 42.0 && a.lat < 43.0);
}

TEST(VectorLoader, ReprojectsFromTheFilesCrsToLonLat) {
    LoadReport report;
    auto layers = loadVectorSource(kFixtures + "/utm_points.geojson", report);
    ASSERT_TRUE(layers.ok()) << layers.error().describe();
    LonLat p = layers->front().geometry.vertices.at(0);
    EXPECT_NEAR(p.lon, 21.0, 1e-7);
    EXPECT_NEAR(p.lat, 42.0, 1e-6);
}

TEST(VectorLoader, LoadsEmbeddedShapefilesWithUtf8Names) {
    LoadReport report;
    auto layers = loadVectorSource(kBoundaries + "/kosovo_municipalities.shp", report);
    ASSERT_TRUE(layers.ok()) << layers.error().describe();
    const VectorLayer& l = layers->front();
    EXPECT_EQ(l.featureCount(), 38u);
    bool foundStrpce = false;
    for (size_t f = 0; f < l.featureCount(); ++f) foundStrpce |= l.attribute(f, "name_sr") == "Štrpce";
    EXPECT_TRUE(foundStrpce);
    EXPECT_EQ(l.sourceCrsName, "WGS 84");
}

TEST(VectorLoader, RepairsSelfIntersectingPolygonAndReportsEveryBadRow) {
    LoadReport report;
    auto layers = loadVectorSource(kFixtures + "/bowtie.geojson", report);
    ASSERT_TRUE(layers.ok()) << layers.error().describe();
    EXPECT_EQ(layers->front().featureCount(), 2u);  // bowtie (repaired) + fine; the null geometry is reported
    EXPECT_EQ(report.featuresRepaired, 1u);
    EXPECT_EQ(report.featuresSkipped, 1u);
    ASSERT_EQ(report.problems.size(), 2u);
    EXPECT_EQ(report.problems[0].row, 1);
    EXPECT_NE(report.problems[0].message.find("repaired"), std::string::npos);
    EXPECT_EQ(report.problems[1].row, 3);
    EXPECT_NE(report.problems[1].describe().find("bowtie.geojson"), std::string::npos);
    // The repaired bowtie is two triangles.
    const auto& g = layers->front().geometry;
    EXPECT_EQ(g.featurePartStart[1] - g.featurePartStart[0], 2u);
}

struct BadInput {
    const char* name;
    std::string path;
    ErrorCode code;
    const char* reasonFragment;
};

class VectorLoaderBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(VectorLoaderBadInput, FailsWithClearMessageNamingTheInput) {
    LoadReport report;
    auto layers = loadVectorSource(GetParam().path, report);
    ASSERT_FALSE(layers.ok());
    EXPECT_EQ(layers.error().code, GetParam().code) << layers.error().describe();
    const std::string text = layers.error().describe();
    EXPECT_NE(text.find(GetParam().path.substr(0, GetParam().path.find('|'))), std::string::npos) << text;
    EXPECT_NE(text.find(GetParam().reasonFragment), std::string::npos) << text;
}

INSTANTIATE_TEST_SUITE_P(
    Files, VectorLoaderBadInput,
    ::testing::Values(
        BadInput{"missing", kFixtures + "/does_not_exist.shp", ErrorCode::NotFound, "not found"},
        BadInput{"directory", kFixtures, ErrorCode::IsDirectory, "directory"},
        BadInput{"text", kFixtures + "/notes.txt", ErrorCode::UnsupportedFormat, "not a vector"},
        BadInput{"table", kFixtures + "/table_without_geometry.csv", ErrorCode::UnsupportedFormat,
                 "no geometry"},
        BadInput{"empty", kFixtures + "/empty.geojson", ErrorCode::EmptyLayer, "empty"},
        BadInput{"nolayer", kFixtures + "/polygons.geojson|layername=nope", ErrorCode::NotFound,
                 "no layer named 'nope'"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(VectorLoader, ShapefileWithoutShxIsAnErrorNamingTheMissingPart) {
    TempDir dir;
    std::string shp = copyShapefile("focus_countries", dir.path, {".shp", ".dbf", ".prj", ".cpg"});
    LoadReport report;
    auto layers = loadVectorSource(shp, report);
    ASSERT_FALSE(layers.ok());
    EXPECT_EQ(layers.error().code, ErrorCode::MissingSidecar);
    EXPECT_NE(layers.error().describe().find(".shx"), std::string::npos);
}

TEST(VectorLoader, ShapefileWithoutDbfIsAnErrorNamingTheMissingPart) {
    TempDir dir;
    std::string shp = copyShapefile("focus_countries", dir.path, {".shp", ".shx", ".prj"});
    LoadReport report;
    auto layers = loadVectorSource(shp, report);
    ASSERT_FALSE(layers.ok());
    EXPECT_EQ(layers.error().code, ErrorCode::MissingSidecar);
    EXPECT_NE(layers.error().describe().find(".dbf"), std::string::npos);
}

TEST(VectorLoader, ShapefileWithoutPrjIsReadAsWgs84WithAWarning) {
    TempDir dir;
    std::string shp = copyShapefile("focus_countries", dir.path, {".shp", ".shx", ".dbf", ".cpg"});
    LoadReport report;
    auto layers = loadVectorSource(shp, report);
    ASSERT_TRUE(layers.ok()) << layers.error().describe();
    EXPECT_EQ(layers->front().featureCount(), 2u);
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_NE(report.problems[0].message.find("EPSG:4326"), std::string::npos);
    EXPECT_NE(layers->front().sourceCrsName.find("assumed"), std::string::npos);
}

TEST(VectorLoader, TruncatedShapefileFailsWithoutCrashing) {
    TempDir dir;
    std::string shp = copyShapefile("focus_countries", dir.path, {".shp", ".shx", ".dbf", ".prj"});
    fs::resize_file(shp, 200);
    LoadReport report;
    auto layers = loadVectorSource(shp, report);
    // GDAL may open the header and find no readable shapes: either way no crash, and nothing silently lost.
    if (layers.ok()) {
        EXPECT_GT(report.featuresSkipped + report.problems.size(), 0u);
    } else {
        EXPECT_NE(layers.error().describe().find(shp), std::string::npos);
    }
}

}  // namespace
}  // namespace fp
