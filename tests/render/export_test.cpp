// Still exports: what the exporter draws must be what the screen shows (same state, same size), tiles must
// join without seams or doubled labels, and a different size or DPI keeps the ground extent and centre.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "core/time/time_point.h"
#include "render/export/furniture/furniture_drawer.h"
#include "render/export/map_exporter.h"
#include "render/map_renderer.h"
#include "render_test_util.h"

namespace fp {
namespace {

/// The embedded default (boundaries, labels, incidents) at `w` x `h`, framed on Kosovo and Serbia, with
/// a one-month window ending 8 January 2023.
MapState defaultState(int w, int h) {
    std::vector<LoadReport> reports;
    auto scene = loadDefaultScene(reports);
    EXPECT_TRUE(scene.ok());
    auto state = MapState::create(std::move(scene).value()).value();
    state.resize(w, h, 1.f);
    state.frame(defaultFocusBBox());
    state.setTime(timeStateShowing(
        TimeSpan{parseTime("2022-12-08").value().time, parseTime("2023-01-09").value().time}));
    return state;
}

MapRenderer& renderer() {
    test::sharedContext();
    static std::unique_ptr<MapRenderer> r = MapRenderer::create().value();
    return *r;
}

Image exportOf(const MapState& state, int w, int h, double dpi, const ExportOptions& options = {}) {
    ExportSettings settings;
    settings.widthPx = w;
    settings.heightPx = h;
    settings.dpi = dpi;
    auto img = renderExport(renderer(), state, settings, options);
    EXPECT_TRUE(img.ok()) << (img.ok() ? "" : img.error().describe());
    return img.ok() ? std::move(img).value() : Image{};
}

/// What the screen shows of `state`: its view drawn into an offscreen target of the view's size.
Image screenOf(const MapState& state) {
    MapRenderer& r = renderer();
    r.sync(state.scene(), state.projection());
    auto target = OffscreenTarget::create(state.view().widthPx, state.view().heightPx).value();
    target.bind();
    r.draw(state.scene(), state.view());
    return target.readPixels();
}

TEST(Export, SameSizeExportEqualsTheScreen) {
    MapState state = defaultState(480, 360);
    const Image screen = screenOf(state);
    ExportOptions mapOnly;
    mapOnly.furniture = false;
    const Image exported = exportOf(state, 480, 360, 96.0, mapOnly);
    const test::ImageDiff d = test::compareImages(exported, screen, 0);
    EXPECT_EQ(d.differing, 0u) << "max channel delta " << d.maxChannelDelta;
}

TEST(Export, TilesJoinWithoutSeamsAndPlaceLabelsOnce) {
    // Tiles of 97 px cut through labels, markers and badges; every label is placed once, for the whole image.
    MapState state = defaultState(640, 420);
    const Image whole = exportOf(state, 640, 420, 96.0);
    ExportOptions tiled;
    tiled.maxTilePx = 97;
    int calls = 0, lastTotal = 0;
    tiled.progress = [&](int done, int total) {
        calls = done;
        lastTotal = total;
        return true;
    };
    const Image pieces = exportOf(state, 640, 420, 96.0, tiled);
    EXPECT_EQ(lastTotal, 7 * 5);
    EXPECT_EQ(calls, 7 * 5);
    const test::ImageDiff d = test::compareImages(pieces, whole, 8);
    EXPECT_LE(d.fraction(), 0.0005) << d.differing << " pixels differ, max delta " << d.maxChannelDelta;
}

TEST(Export, StreamedPngEqualsTheRenderedImage) {
    // Tiles of 128 px: four bands of five tiles, each band read back and encoded before the next is drawn.
    MapState state = defaultState(600, 500);
    ExportOptions tiled;
    tiled.maxTilePx = 128;
    ExportSettings settings;
    settings.widthPx = 600;
    settings.heightPx = 500;
    settings.format = ImageFormat::Png;
    const std::string path = ::testing::TempDir() + "streamed-export.png";
    ASSERT_TRUE(renderExportToFile(renderer(), state, settings, tiled, path, GeoReference{}).ok());
    auto streamed = readImage(path);
    ASSERT_TRUE(streamed.ok()) << streamed.error().describe();
    const Image rendered = exportOf(state, 600, 500, settings.dpi, tiled);
    EXPECT_TRUE(streamed->rgba == rendered.rgba);
    std::remove(path.c_str());

    // Cancelled half-way: no file under the name.
    tiled.progress = [](int done, int) { return done < 6; };
    const Status cancelled = renderExportToFile(renderer(), state, settings, tiled, path, GeoReference{});
    ASSERT_FALSE(cancelled.ok());
    EXPECT_EQ(cancelled.error().code, ErrorCode::Cancelled);
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Export, CancelStopsWithCancelled) {
    MapState state = defaultState(300, 200);
    ExportSettings settings;
    settings.widthPx = 300;
    settings.heightPx = 200;
    ExportOptions options;
    options.maxTilePx = 100;
    int tiles = 0;
    options.progress = [&](int, int) { return ++tiles < 2; };
    auto img = renderExport(renderer(), state, settings, options);
    ASSERT_FALSE(img.ok());
    EXPECT_EQ(img.error().code, ErrorCode::Cancelled);
    EXPECT_EQ(tiles, 2);
}

TEST(Export, AFramingViewIsWhatTheExportShowsNotTheStatesWholeView) {
    MapState state = defaultState(480, 360);
    // The right half of the window, as if a panel covered the left half.
    MapView right = state.view();
    right.widthPx = 240;
    right.center.x += 120 * right.unitsPerPixel;
    ExportOptions framed;
    framed.furniture = false;
    framed.framing = right;
    const Image exported = exportOf(state, 240, 360, 96.0, framed);
    const Image screen = screenOf(state);
    auto columnsFrom = [&](int x0) {
        Image part;
        part.width = 240;
        part.height = 360;
        for (int y = 0; y < 360; ++y)
            part.rgba.insert(part.rgba.end(), screen.pixel(x0, y), screen.pixel(x0, y) + 240 * 4);
        return part;
    };
    // Labels are placed for each image's own frame (some differ); the map under them lines up exactly,
    // unlike a frame two pixels off.
    const size_t same = test::compareImages(exported, columnsFrom(240), 16).differing;
    const size_t shifted = test::compareImages(exported, columnsFrom(238), 16).differing;
    EXPECT_LT(same, 240u * 360u / 10u);
    EXPECT_LT(same * 2, shifted);
    ExportSettings settings;
    settings.widthPx = 240;
    settings.heightPx = 360;
    const GeoReference ref = exportGeoReference(state, settings, right);
    EXPECT_NEAR(ref.geoTransform[0], right.visibleExtent().minX, 1e-6);
    EXPECT_NE(exportGeoReference(state, settings).geoTransform[0], ref.geoTransform[0]);
}

TEST(Export, WiderAspectWidensTheExtentAroundTheSameCentre) {
    MapView screen;
    screen.center = {480000.0, 4750000.0};
    screen.unitsPerPixel = 500.0;
    screen.widthPx = 800;
    screen.heightPx = 600;
    // 16:9 at 1080 rows: the height limits, the width shows more ground; nothing is stretched.
    MapView v = exportView(screen, 1920, 1080, 96.0);
    EXPECT_DOUBLE_EQ(v.center.x, screen.center.x);
    EXPECT_DOUBLE_EQ(v.center.y, screen.center.y);
    EXPECT_NEAR(v.visibleExtent().height(), screen.visibleExtent().height(), 1e-6);
    EXPECT_GT(v.visibleExtent().width(), screen.visibleExtent().width());
    EXPECT_FLOAT_EQ(v.pixelRatio, 1.f);
    // A tall export: the width limits.
    v = exportView(screen, 600, 1200, 300.0);
    EXPECT_NEAR(v.visibleExtent().width(), screen.visibleExtent().width(), 1e-6);
    EXPECT_GT(v.visibleExtent().height(), screen.visibleExtent().height());
    EXPECT_FLOAT_EQ(v.pixelRatio, 300.f / 96.f);
}

TEST(Export, DoubleSizeAtDoubleDpiLooksLikeTheScreenEnlarged) {
    // Labels and markers follow the DPI, not the pixel count: halving a 2x export at 192 dpi gives back
    // (nearly) the 1x image; at 96 dpi the labels would be half as big and the images would differ more.
    MapState state = defaultState(320, 240);
    const Image small = exportOf(state, 320, 240, 96.0);
    auto halve = [](const Image& big) {
        Image out;
        out.width = big.width / 2;
        out.height = big.height / 2;
        out.rgba.resize(static_cast<size_t>(out.width) * out.height * 4);
        for (int y = 0; y < out.height; ++y)
            for (int x = 0; x < out.width; ++x)
                for (int c = 0; c < 4; ++c)
                    out.pixel(x, y)[c] = static_cast<uint8_t>(
                        (big.pixel(2 * x, 2 * y)[c] + big.pixel(2 * x + 1, 2 * y)[c] +
                         big.pixel(2 * x, 2 * y + 1)[c] + big.pixel(2 * x + 1, 2 * y + 1)[c] + 2) /
                        4);
        return out;
    };
    const test::ImageDiff hiDpi = test::compareImages(halve(exportOf(state, 640, 480, 192.0)), small, 48);
    const test::ImageDiff loDpi = test::compareImages(halve(exportOf(state, 640, 480, 96.0)), small, 48);
    EXPECT_LT(hiDpi.fraction(), 0.03) << hiDpi.differing;
    EXPECT_GT(loDpi.fraction(), 2 * hiDpi.fraction()) << loDpi.differing << " vs " << hiDpi.differing;
}

TEST(Export, SizeZeroOrBeyondTheMaximumIsRefused) {
    MapState state = defaultState(100, 100);
    for (auto [w, h] : {std::pair{0, 100}, std::pair{100, -1}, std::pair{kMaxExportSidePx + 1, 10}}) {
        ExportSettings s;
        s.widthPx = w;
        s.heightPx = h;
        auto img = renderExport(renderer(), state, s);
        ASSERT_FALSE(img.ok());
        EXPECT_EQ(img.error().code, ErrorCode::InvalidArgument);
        EXPECT_NE(img.error().describe().find("16384"), std::string::npos) << img.error().describe();
    }
}

MapFurniture allFurniture() {
    MapFurniture f;
    f.titleText = "Northern Kosovo: roadblocks";
    f.banner = true;
    f.bannerText = "UNCLASSIFIED // FOR TRAINING";
    return f;
}

TEST(Furniture, AllPartsFitWithoutOverlapAndScaleWithDpi) {
    MapState state = defaultState(800, 600);
    test::sharedContext();
    auto drawer = FurnitureDrawer::create();
    ASSERT_TRUE(drawer.ok()) << drawer.error().describe();
    const IncidentStyleSheet& sheet = renderer().incidents().styleSheet();
    const FurnitureLayout hd =
        drawer.value()->layout(state, exportView(state.view(), 1920, 1080, 96.0), allFurniture(), sheet, "");
    EXPECT_TRUE(hd.dropped.empty()) << hd.dropped.front();
    std::vector<std::string> names;
    for (const auto& [name, box] : hd.boxes) names.push_back(name);
    for (const char* part :
         {"banner", "time stamp", "title", "north arrow", "scale bar", "legend", "attribution", "inset"})
        EXPECT_NE(std::find(names.begin(), names.end(), part), names.end()) << part;
    for (size_t i = 0; i < hd.boxes.size(); ++i) {
        const LabelBox& a = hd.boxes[i].second;
        EXPECT_GE(a.x0, 0.f);
        EXPECT_LE(a.x1, 1920.f);
        for (size_t j = i + 1; j < hd.boxes.size(); ++j) {
            const LabelBox& b = hd.boxes[j].second;
            EXPECT_FALSE(overlaps(a, b)) << hd.boxes[i].first << " overlaps " << hd.boxes[j].first;
        }
    }
    // Twice the pixels at twice the DPI: every part twice as big, in the same place relative to the image.
    const FurnitureLayout uhd =
        drawer.value()->layout(state, exportView(state.view(), 3840, 2160, 192.0), allFurniture(), sheet, "");
    ASSERT_EQ(uhd.boxes.size(), hd.boxes.size());
    for (size_t i = 0; i < hd.boxes.size(); ++i) {
        EXPECT_NEAR(uhd.boxes[i].second.x1 - uhd.boxes[i].second.x0,
                    2.f * (hd.boxes[i].second.x1 - hd.boxes[i].second.x0), 2.f)
            << hd.boxes[i].first;
        EXPECT_NEAR(uhd.boxes[i].second.y0, 2.f * hd.boxes[i].second.y0, 2.f) << hd.boxes[i].first;
    }
    // A thumbnail has no room for everything: parts are left out rather than piled up.
    const FurnitureLayout tiny =
        drawer.value()->layout(state, exportView(state.view(), 240, 160, 96.0), allFurniture(), sheet, "");
    EXPECT_FALSE(tiny.dropped.empty());
}

TEST(Furniture, TheInsetOnlyComesWhereItLocatesTheMap) {
    test::sharedContext();
    auto drawer = FurnitureDrawer::create();
    ASSERT_TRUE(drawer.ok()) << drawer.error().describe();
    auto hasInset = [&](const GeoBBox& framed) {
        MapState state = defaultState(960, 540);
        state.frame(framed);
        const FurnitureLayout layout =
            drawer.value()->layout(state, exportView(state.view(), 1920, 1080, 96.0), allFurniture(),
                                   renderer().incidents().styleSheet(), "");
        for (const auto& [name, box] : layout.boxes)
            if (name == "inset") return true;
        return false;
    };
    EXPECT_TRUE(hasInset(defaultFocusBBox()));
    EXPECT_TRUE(hasInset(GeoBBox::fromCorners(20.3, 42.3, 21.3, 43.3)));  // a part of Kosovo
    // Africa, far from the region the inset shows, and the whole region itself: nothing to locate.
    EXPECT_FALSE(hasInset(GeoBBox::fromCorners(-20, -35, 50, 35)));
    EXPECT_FALSE(hasInset(GeoBBox::fromCorners(12, 38, 31, 50)));
}

TEST(Furniture, DrawnTheSameInEveryTile) {
    MapState state = defaultState(600, 400);
    ExportSettings settings;
    settings.widthPx = 900;
    settings.heightPx = 500;
    settings.furniture = allFurniture();
    auto whole = renderExport(renderer(), state, settings);
    ExportOptions tiled;
    tiled.maxTilePx = 128;
    auto pieces = renderExport(renderer(), state, settings, tiled);
    ASSERT_TRUE(whole.ok() && pieces.ok());
    const test::ImageDiff d = test::compareImages(pieces.value(), whole.value(), 8);
    EXPECT_LE(d.fraction(), 0.0005) << d.differing << " pixels differ, max delta " << d.maxChannelDelta;
}

TEST(Furniture, MapLabelsKeepClearOfIt) {
    MapState state = defaultState(960, 540);
    test::sharedContext();
    auto drawer = FurnitureDrawer::create();
    ASSERT_TRUE(drawer.ok()) << drawer.error().describe();
    const FurnitureLayout layout =
        drawer.value()->layout(state, exportView(state.view(), 1920, 1080, 96.0), allFurniture(),
                               renderer().incidents().styleSheet(), "");
    auto underFurniture = [&] {
        size_t n = 0;
        for (const DrawnLabel& label : renderer().drawnLabels())
            for (const auto& [name, box] : layout.boxes) n += overlaps(label.box, box);
        return n;
    };
    // What MapExporter does for each tile: the map drawn at the export's size with the parts as obstacles.
    const MapView view = exportView(state.view(), 1920, 1080, 96.0);
    MapRenderer& r = renderer();
    r.sync(state.scene(), state.projection());
    auto target = OffscreenTarget::create(1920, 1080).value();
    target.bind();
    r.draw(state.scene(), view);
    ASSERT_GT(underFurniture(), 0u) << "the map alone has labels where the furniture goes";
    DrawPlacement placement;
    for (const auto& part : layout.boxes) placement.labelObstacles.push_back(part.second);
    r.draw(state.scene(), view, placement);
    EXPECT_GT(r.drawnLabels().size(), 20u);
    EXPECT_EQ(underFurniture(), 0u) << "with furniture, labels are placed around it";
}

TEST(Export, FormatFollowsTheExtension) {
    EXPECT_EQ(imageFormatForPath("a/b.PNG").value(), ImageFormat::Png);
    EXPECT_EQ(imageFormatForPath("b.png", true).value(), ImageFormat::PngWorldFile);
    EXPECT_EQ(imageFormatForPath("b.jpeg").value(), ImageFormat::Jpeg);
    EXPECT_EQ(imageFormatForPath("b.jpg").value(), ImageFormat::Jpeg);
    EXPECT_EQ(imageFormatForPath("b.tif").value(), ImageFormat::GeoTiff);
    EXPECT_EQ(imageFormatForPath("b.tiff").value(), ImageFormat::GeoTiff);
    auto bad = imageFormatForPath("b.bmp");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().describe().find("'.bmp'"), std::string::npos);
    EXPECT_FALSE(imageFormatForPath("noext").ok());
}

}  // namespace
}  // namespace fp
