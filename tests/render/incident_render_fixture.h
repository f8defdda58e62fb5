#pragma once
// A fixture for incident render tests: a map with only incidents on white, drawn offscreen.

#include <gtest/gtest.h>

#include <cmath>

#include "core/model/incident_style_sheet.h"
#include "core/project/map_state.h"
#include "incident_test_data.h"
#include "render/map_renderer.h"
#include "render_test_util.h"

namespace fp::test {

inline const Color kWhite = Color::rgb(255, 255, 255);

/// A map with only incidents on white, the view centred on `centre` at `metresPerPixel` map units per pixel.
inline MapState incidentState(const std::string& crs, std::vector<Incident> incidents, LonLat centre,
                              double unitsPerPixel, int width = 240, int height = 240,
                              float markerScale = 1.f) {
    MapScene scene;
    scene.crs = Crs::fromUserInput(crs).value();
    scene.background = kWhite;
    IncidentLayer layer;
    layer.id = nextLayerId();
    layer.name = "test incidents";
    layer.data = test::makeStore(std::move(incidents));
    layer.style.markerScale = markerScale;
    scene.incidentLayers.push_back(std::move(layer));
    auto state = MapState::create(std::move(scene)).value();
    state.resize(width, height, 1.f);
    MapView view = state.view();
    view.center = state.projection().project(centre);
    view.unitsPerPixel = unitsPerPixel;
    state.setView(view);
    return state;
}

class IncidentRender : public ::testing::Test {
protected:
    void SetUp() override {
        test::sharedContext();
        auto r = MapRenderer::create();
        ASSERT_TRUE(r.ok()) << r.error().describe();
        renderer = std::move(r).value();
        sheet = IncidentStyleSheet::shipped();
    }

    Image render(const MapState& state) {
        auto target = OffscreenTarget::create(state.view().widthPx, state.view().heightPx);
        EXPECT_TRUE(target.ok());
        renderer->sync(state.scene(), state.projection());
        target->bind();
        renderer->draw(state.scene(), state.view());
        return target->readPixels();
    }

    static ScreenXY screenOf(const MapState& s, LonLat p) {
        return s.view().toScreen(s.projection().project(p));
    }
    static const uint8_t* at(const Image& img, ScreenXY p, double dx = 0.0, double dy = 0.0) {
        return img.pixel(static_cast<int>(std::floor(p.x + dx)), static_cast<int>(std::floor(p.y + dy)));
    }
    static bool isColor(const uint8_t* px, const Color& c, int tolerance = 3) {
        return std::abs(px[0] - std::lround(c.r * 255)) <= tolerance &&
               std::abs(px[1] - std::lround(c.g * 255)) <= tolerance &&
               std::abs(px[2] - std::lround(c.b * 255)) <= tolerance;
    }
    static bool isWhite(const uint8_t* px, int tolerance = 3) { return isColor(px, kWhite, tolerance); }
    Color colorOf(const std::string& category) const { return sheet->styleFor(category).color; }

    /// Distance in pixels from `c` along (dx, dy) to the middle of the uncertainty disc's rim: the centroid
    /// of the pixels tinted at least half as strongly as the strongest one past the marker.
    static double rimDistance(const Image& img, ScreenXY c, int dx, int dy, int from) {
        std::vector<std::pair<int, int>> tint;
        int peak = 0;
        for (int d = from;; ++d) {
            const int x = static_cast<int>(std::floor(c.x)) + dx * d,
                      y = static_cast<int>(std::floor(c.y)) + dy * d;
            if (x < 0 || y < 0 || x >= img.width || y >= img.height) break;
            const uint8_t* p = img.pixel(x, y);
            const int t = 3 * 255 - p[0] - p[1] - p[2];
            tint.emplace_back(d, t);
            peak = std::max(peak, t);
        }
        double sum = 0.0, weight = 0.0;
        for (auto [d, t] : tint)
            if (t * 2 >= peak) {
                sum += d * static_cast<double>(t);
                weight += t;
            }
        // Pixel centres are half a pixel beyond the floor()ed start.
        return weight > 0.0 ? sum / weight + 0.5 : -1.0;
    }

    std::unique_ptr<MapRenderer> renderer;
    std::shared_ptr<const IncidentStyleSheet> sheet;
};

}  // namespace fp::test
