#include <gtest/gtest.h>

#include "core/io/vector_loader.h"
#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "render/map_renderer.h"
#include "render_test_util.h"

namespace fp {
namespace {

/// Renders `state` into a fresh offscreen target of the view's size.
Image renderState(MapState& state) {
    test::sharedContext();
    auto target = OffscreenTarget::create(state.view().widthPx, state.view().heightPx);
    EXPECT_TRUE(target.ok());
    auto renderer = MapRenderer::create();
    EXPECT_TRUE(renderer.ok()) << (renderer.ok() ? "" : renderer.error().describe());
    renderer.value()->sync(state.scene(), state.projection());
    target->bind();
    renderer.value()->draw(state.scene(), state.view());
    return target->readPixels();
}

MapState fixtureState(const std::string& crs) {
    MapScene scene;
    scene.crs = Crs::fromUserInput(crs).value();
    scene.background = Color::rgb(255, 255, 255);
    LoadReport report;
    auto layers = loadVectorSource(std::string(FP_FIXTURES_DIR) + "/polygons.geojson", report);
    EXPECT_TRUE(layers.ok());
    LayerStyle style;
    style.fill = Color::rgb(30, 100, 200);
    style.outline = Color::rgb(0, 0, 0);
    style.outlineWidthPx = 2.0f;
    style.labelField.clear();
    scene.addLayer(std::make_shared<VectorLayer>(std::move(layers->front())), style);
    auto state = MapState::create(std::move(scene)).value();
    state.resize(200, 160, 1.0f);
    state.frame(GeoBBox::fromCorners(19.9, 41.9, 21.9, 43.5));
    return state;
}

const uint8_t* pixelAtLonLat(const Image& img, const MapState& s, LonLat p) {
    ScreenXY xy = s.view().toScreen(s.projection().project(p));
    return img.pixel(static_cast<int>(xy.x), static_cast<int>(xy.y));
}

TEST(MapRender, FillsPolygonsButNotTheirHoles) {
    MapState state = fixtureState("EPSG:4326");
    Image img = renderState(state);
    const uint8_t* inside = pixelAtLonLat(img, state, {20.15, 42.15});
    const uint8_t* hole = pixelAtLonLat(img, state, {20.5, 42.5});
    const uint8_t* island = pixelAtLonLat(img, state, {21.5, 42.2});
    const uint8_t* outside = pixelAtLonLat(img, state, {21.05, 42.5});
    EXPECT_EQ(inside[0], 30);
    EXPECT_EQ(inside[2], 200);
    EXPECT_EQ(hole[0], 255) << "the hole must show the background";
    EXPECT_EQ(island[2], 200) << "both parts of a multipolygon are filled";
    EXPECT_EQ(outside[1], 255);
}

TEST(MapRender, OutlinesHaveTheirPixelWidthWithAntialiasedEdges) {
    MapState state = fixtureState("EPSG:4326");
    Image img = renderState(state);
    // Walk across the square's left edge (lon 20.0) at lat 42.15 and measure the dark run.
    ScreenXY edge = state.view().toScreen(state.projection().project({20.0, 42.15}));
    int y = static_cast<int>(edge.y);
    int dark = 0, partial = 0;
    for (int x = static_cast<int>(edge.x) - 6; x <= static_cast<int>(edge.x) + 6; ++x) {
        const uint8_t* p = img.pixel(x, y);
        if (p[0] < 40 && p[1] < 40 && p[2] < 40)
            ++dark;
        else if (!(p[0] == 255 || p[2] == 200))
            ++partial;
    }
    EXPECT_GE(dark, 1);
    EXPECT_LE(dark, 3) << "a 2 px line";
    EXPECT_GE(partial, 1) << "antialiased edge pixels";
}

TEST(MapRender, FixtureMatchesGoldenInUtm) {
    MapState state = fixtureState("EPSG:32634");
    EXPECT_TRUE(test::matchesGolden(renderState(state), "fixture_utm34n"));
}

TEST(MapRender, EmbeddedDefaultMatchesGolden) {
    std::vector<LoadReport> reports;
    auto scene = loadDefaultScene(reports);
    ASSERT_TRUE(scene.ok()) << scene.error().describe();
    ASSERT_EQ(scene->layers.size(), 7u);
    auto state = MapState::create(std::move(scene).value()).value();
    state.resize(480, 540, 1.0f);
    state.frame(defaultFocusBBox());
    // Labels depend on the system font's hinting; a looser pixel budget keeps the test about the map.
    EXPECT_TRUE(test::matchesGolden(renderState(state), "default_kosovo_serbia", 16, 0.01));
}

TEST(MapRender, PanningChangesOnlyTheViewNotTheBuffers) {
    MapState state = fixtureState("EPSG:4326");
    test::sharedContext();
    auto target = OffscreenTarget::create(200, 160).value();
    auto renderer = MapRenderer::create().value();
    renderer->sync(state.scene(), state.projection());
    target.bind();
    renderer->draw(state.scene(), state.view());
    Image before = target.readPixels();
    MapView panned = state.view();
    panned.panByPixels(10, 0);
    state.setView(panned);
    target.bind();
    renderer->draw(state.scene(), state.view());
    Image after = target.readPixels();
    // Content moved 10 px right: the pixel at x+10 now equals the old pixel at x.
    size_t same = 0, total = 0;
    for (int y = 0; y < 160; y += 4)
        for (int x = 0; x < 180; x += 4) {
            ++total;
            same += std::equal(before.pixel(x, y), before.pixel(x, y) + 4, after.pixel(x + 10, y));
        }
    EXPECT_GT(static_cast<double>(same) / total, 0.97);
}

TEST(OffscreenTarget, RejectsSizesBeyondTheGlLimit) {
    test::sharedContext();
    EXPECT_FALSE(OffscreenTarget::create(0, 100).ok());
    auto huge = OffscreenTarget::create(1000000, 10);
    ASSERT_FALSE(huge.ok());
    EXPECT_EQ(huge.error().code, ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace fp
