#include <gtest/gtest.h>

#include <cmath>

#include "core/io/vector_loader.h"
#include "render/prep/layer_geometry.h"
#include "render/prep/simplify.h"

namespace fp {
namespace {

TEST(Simplify, KeepsEndsAndDropsVerticesWithinTolerance) {
    std::vector<MapXY> line;
    for (int i = 0; i <= 100; ++i) line.push_back({static_cast<double>(i), 0.01 * std::sin(i)});
    auto out = simplifyPolyline(line, 0.1, false);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out.front(), line.front());
    EXPECT_EQ(out.back(), line.back());
    auto exact = simplifyPolyline(line, 0.0, false);
    EXPECT_EQ(exact.size(), line.size());
}

TEST(Simplify, ClosedRingStaysARingWithItsCorners) {
    // A square with many vertices along each side: simplification keeps the four corners.
    std::vector<MapXY> ring;
    for (int i = 0; i < 10; ++i) ring.push_back({i * 0.1, 0});
    for (int i = 0; i < 10; ++i) ring.push_back({1, i * 0.1});
    for (int i = 0; i < 10; ++i) ring.push_back({1 - i * 0.1, 1});
    for (int i = 0; i < 10; ++i) ring.push_back({0, 1 - i * 0.1});
    auto out = simplifyPolyline(ring, 0.01, true);
    EXPECT_EQ(out.size(), 4u);
}

TEST(LayerGeometry, LevelsOfDetailGetCoarserAndAreChosenByScale) {
    LoadReport report;
    auto layers =
        loadVectorSource(std::string(FP_GEODATA_DIR) + "/boundaries/kosovo_municipalities.shp", report);
    ASSERT_TRUE(layers.ok());
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    LayerGeometry g = prepareLayerGeometry(layers->front(), projection);
    ASSERT_GE(g.lods.size(), 3u);
    EXPECT_EQ(g.lods[0].tolerance, 0.0);
    for (size_t i = 1; i < g.lods.size(); ++i) {
        EXPECT_GT(g.lods[i].tolerance, g.lods[i - 1].tolerance);
        EXPECT_LT(g.lods[i].segmentCount, g.lods[i - 1].segmentCount);
        EXPECT_GT(g.lods[i].fillIndexCount, 0u);
    }
    // Full detail holds every vertex as a segment start: 104,880 vertices in 38 municipalities.
    EXPECT_GT(g.lods[0].segmentCount, 100000u);
    EXPECT_EQ(lodIndexFor(g.lods, 0.1), 0u);                 // street level: full detail
    EXPECT_EQ(lodIndexFor(g.lods, 1e9), g.lods.size() - 1);  // whole world: coarsest
    const size_t regional = lodIndexFor(g.lods, 500.0);      // ~500 m per pixel
    EXPECT_LE(g.lods[regional].tolerance, 250.0);
    EXPECT_LT(g.lods[regional].segmentCount, g.lods[0].segmentCount / 4);
}

}  // namespace
}  // namespace fp
