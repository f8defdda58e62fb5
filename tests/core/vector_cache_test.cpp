#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/io/vector_loader.h"
#include "core/util/disk_cache.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const std::string kBoundaries = std::string(FP_GEODATA_DIR) + "/boundaries";

/// A scratch folder with a cache folder inside it, set as the user's cache for the test.
struct CacheFixture : ::testing::Test {
    fs::path dir, cacheDir;
    void SetUp() override {
        dir = fs::temp_directory_path() / ("fp-cache-test-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        cacheDir = dir / "cache";
        fs::create_directories(cacheDir);
        ::setenv("FLASHPOINT_CACHE_DIR", cacheDir.c_str(), 1);
    }
    void TearDown() override {
        ::unsetenv("FLASHPOINT_CACHE_DIR");
        fs::remove_all(dir);
    }
    std::string copyShapefile(const std::string& stem, std::initializer_list<const char*> exts) const {
        for (const char* ext : exts) fs::copy_file(kBoundaries + "/" + stem + ext, dir / (stem + ext));
        return (dir / (stem + ".shp")).string();
    }
    size_t entries() const {
        size_t n = 0;
        for (const auto& e : fs::directory_iterator(cacheDir)) n += e.path().extension() == ".bin";
        return n;
    }
};

void expectSameLayer(const VectorLayer& a, const VectorLayer& b) {
    EXPECT_EQ(a.displayName, b.displayName);
    EXPECT_EQ(a.sourcePath, b.sourcePath);
    EXPECT_EQ(a.layerName, b.layerName);
    EXPECT_EQ(a.driverName, b.driverName);
    EXPECT_EQ(a.sourceCrsName, b.sourceCrsName);
    EXPECT_EQ(a.fieldNames, b.fieldNames);
    EXPECT_EQ(a.attributes, b.attributes);
    EXPECT_EQ(a.geometry.vertices, b.geometry.vertices);
    EXPECT_EQ(a.geometry.ringStart, b.geometry.ringStart);
    EXPECT_EQ(a.geometry.partRingStart, b.geometry.partRingStart);
    EXPECT_EQ(a.geometry.partKind, b.geometry.partKind);
    EXPECT_EQ(a.geometry.featurePartStart, b.geometry.featurePartStart);
    EXPECT_EQ(a.labelAnchors, b.labelAnchors);
    EXPECT_EQ(a.labelAnchorStart, b.labelAnchorStart);
    EXPECT_EQ(a.featureAreaDeg2, b.featureAreaDeg2);
    EXPECT_EQ(a.extent, b.extent);
}

TEST_F(CacheFixture, CleanShapefileComesBackFromTheCacheExactlyAsLoaded) {
    const std::string shp = copyShapefile("serbia_districts", {".shp", ".shx", ".dbf", ".prj", ".cpg"});
    LoadReport first, second;
    auto loaded = loadVectorSource(shp, first);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    EXPECT_EQ(entries(), 1u);
    auto cached = loadVectorSource(shp, second);
    ASSERT_TRUE(cached.ok()) << cached.error().describe();
    ASSERT_EQ(cached->size(), 1u);
    expectSameLayer(loaded->front(), cached->front());
    EXPECT_FALSE(cached->front().cacheKey.empty());
    EXPECT_EQ(loaded->front().cacheKey, cached->front().cacheKey);
    EXPECT_EQ(second.featuresRead, first.featuresRead);
    EXPECT_EQ(second.featuresLoaded, first.featuresLoaded);
    EXPECT_EQ(second.source, first.source);
    EXPECT_TRUE(second.problems.empty());
}

TEST_F(CacheFixture, ChangedAttributeOfTheSameSizeIsReadFromTheFileNotTheCache) {
    const std::string shp = copyShapefile("serbia_districts", {".shp", ".shx", ".dbf", ".prj", ".cpg"});
    LoadReport report;
    auto before = loadVectorSource(shp, report);
    ASSERT_TRUE(before.ok());
    const std::string name = before->front().attribute(0, "name");
    ASSERT_FALSE(name.empty());
    // Same size, same modification time: only the content tells the files apart.
    const fs::path dbf = dir / "serbia_districts.dbf";
    const auto mtime = fs::last_write_time(dbf);
    std::string bytes;
    {
        std::ifstream in(dbf, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const size_t at = bytes.find(name);
    ASSERT_NE(at, std::string::npos);
    bytes[at] = bytes[at] == 'X' ? 'Y' : 'X';
    std::ofstream(dbf, std::ios::binary | std::ios::trunc) << bytes;
    fs::last_write_time(dbf, mtime);
    auto after = loadVectorSource(shp, report);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->front().attribute(0, "name"), bytes.substr(at, name.size()));
    EXPECT_NE(after->front().cacheKey, before->front().cacheKey);
}

TEST_F(CacheFixture, DamagedEntryIsIgnoredAndTheFileReadAgain) {
    const std::string shp = copyShapefile("focus_countries", {".shp", ".shx", ".dbf", ".prj", ".cpg"});
    LoadReport report;
    auto loaded = loadVectorSource(shp, report);
    ASSERT_TRUE(loaded.ok());
    ASSERT_EQ(entries(), 1u);
    for (const auto& e : fs::directory_iterator(cacheDir)) {
        std::fstream f(e.path(), std::ios::binary | std::ios::in | std::ios::out);
        f.seekp(static_cast<std::streamoff>(fs::file_size(e.path()) / 2));
        f.put('\x7f');
    }
    LoadReport again;
    auto reloaded = loadVectorSource(shp, again);
    ASSERT_TRUE(reloaded.ok());
    expectSameLayer(loaded->front(), reloaded->front());
    EXPECT_EQ(again.featuresLoaded, report.featuresLoaded);
}

TEST_F(CacheFixture, LoadWithAWarningIsNotCachedSoTheWarningIsSaidEveryTime) {
    const std::string shp = copyShapefile("focus_countries", {".shp", ".shx", ".dbf"});
    for (int i = 0; i < 2; ++i) {
        LoadReport report;
        auto loaded = loadVectorSource(shp, report);
        ASSERT_TRUE(loaded.ok());
        ASSERT_EQ(report.problems.size(), 1u);
        EXPECT_EQ(report.problems[0].code, ErrorCode::InvalidCrs);
        EXPECT_TRUE(loaded->front().cacheKey.empty());
    }
    EXPECT_EQ(entries(), 0u);
}

TEST_F(CacheFixture, EmptyCacheSettingMeansNoCache) {
    ::setenv("FLASHPOINT_CACHE_DIR", "", 1);
    EXPECT_FALSE(DiskCache::user().has_value());
    const std::string shp = copyShapefile("focus_countries", {".shp", ".shx", ".dbf", ".prj", ".cpg"});
    LoadReport report;
    auto loaded = loadVectorSource(shp, report);
    ASSERT_TRUE(loaded.ok());
    EXPECT_TRUE(loaded->front().cacheKey.empty());
    EXPECT_EQ(entries(), 0u);
}

TEST_F(CacheFixture, EntryOfAnotherKeyIsNeverReturned) {
    DiskCache cache(cacheDir.string());
    ASSERT_TRUE(cache.write("test", "key one", "payload"));
    EXPECT_EQ(cache.read("test", "key one").value_or(""), "payload");
    EXPECT_FALSE(cache.read("test", "key two").has_value());
    EXPECT_FALSE(cache.read("other", "key one").has_value());
}

}  // namespace
}  // namespace fp
