#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "core/io/vector_loader.h"
#include "render/prep/layer_geometry_cache.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

void expectSameGeometry(const LayerGeometry& a, const LayerGeometry& b) {
    EXPECT_EQ(a.origin, b.origin);
    EXPECT_EQ(a.fillVertices, b.fillVertices);
    EXPECT_EQ(a.fillIndices, b.fillIndices);
    EXPECT_EQ(a.lineSegments, b.lineSegments);
    EXPECT_EQ(a.pointPositions, b.pointPositions);
    EXPECT_EQ(a.labelAnchors, b.labelAnchors);
    EXPECT_EQ(a.extent, b.extent);
    ASSERT_EQ(a.lods.size(), b.lods.size());
    for (size_t i = 0; i < a.lods.size(); ++i) {
        EXPECT_EQ(a.lods[i].tolerance, b.lods[i].tolerance);
        EXPECT_EQ(a.lods[i].fillIndexStart, b.lods[i].fillIndexStart);
        EXPECT_EQ(a.lods[i].fillIndexCount, b.lods[i].fillIndexCount);
        EXPECT_EQ(a.lods[i].segmentStart, b.lods[i].segmentStart);
        EXPECT_EQ(a.lods[i].segmentCount, b.lods[i].segmentCount);
    }
    EXPECT_EQ(a.tessellationFailures, b.tessellationFailures);
    EXPECT_EQ(a.projectionFailures, b.projectionFailures);
}

size_t entries(const fs::path& dir, const std::string& kind) {
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n += e.path().filename().string().rfind(kind, 0) == 0;
    return n;
}

TEST(LayerGeometryCache, CachedGeometryIsWhatPreparingGivesPerCrs) {
    const fs::path dir = fs::temp_directory_path() / ("fp-prep-cache-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    ::setenv("FLASHPOINT_CACHE_DIR", dir.c_str(), 1);
    LoadReport report;
    auto layers = loadVectorSource(std::string(FP_GEODATA_DIR) + "/boundaries/kosovo_districts.shp", report);
    ASSERT_TRUE(layers.ok());
    const VectorLayer& layer = layers->front();
    ASSERT_FALSE(layer.cacheKey.empty());
    for (const char* crs : {"EPSG:32634", "EPSG:3857"}) {
        auto projection = MapProjection::create(Crs::fromUserInput(crs).value()).value();
        const LayerGeometry direct = prepareLayerGeometry(layer, projection);
        const LayerGeometry first = preparedLayerGeometry(layer, projection);   // computed and stored
        const LayerGeometry second = preparedLayerGeometry(layer, projection);  // read back
        expectSameGeometry(direct, first);
        expectSameGeometry(direct, second);
    }
    EXPECT_EQ(entries(dir, "layer-geometry"), 2u);

    // A layer whose content has no name (built in memory, or changed) is prepared, never looked up.
    VectorLayer unnamed = layer;
    unnamed.cacheKey.clear();
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    expectSameGeometry(prepareLayerGeometry(unnamed, projection), preparedLayerGeometry(unnamed, projection));
    EXPECT_EQ(entries(dir, "layer-geometry"), 2u);
    ::unsetenv("FLASHPOINT_CACHE_DIR");
    fs::remove_all(dir);
}

}  // namespace
}  // namespace fp
