// Frame cost of the map renderer, headless (EGL surfaceless, Mesa llvmpipe on CI machines).
//
// BM_DefaultViewFrame: one full frame of the embedded default at 1920x1080, GPU work included (glFinish).
// BM_FrameCpuSubmit/N: CPU time to issue a frame for a synthetic layer of N vertices (the same 400 shapes,
//   only denser), without waiting for the GPU: it stays flat as N grows (buffers are uploaded once; pan/zoom
//   change uniforms; the level of detail follows the scale).
// BM_FrameWithGpu/N: the same frame including the GPU (software rasteriser here), for scale.
// BM_PrepareLayer/N: one-off CPU cost of projecting and tessellating a layer (on load or CRS change).
#include <benchmark/benchmark.h>

#include <cmath>

#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "map_bench_fixture.h"
#include "render/gl/headless_context.h"
#include "render/gl/offscreen_target.h"
#include "render/map_renderer.h"
#include "render/prep/layer_geometry.h"

namespace fp {
namespace {

using bench::context;

/// A layer of `vertices` vertices: the same 400 wavy discs over the region whatever the count, so only the
/// vertex density grows (as with a boundary file surveyed in more detail), not what the map shows.
std::shared_ptr<VectorLayer> syntheticLayer(size_t vertices) {
    auto layer = std::make_shared<VectorLayer>();
    layer->displayName = "synthetic";
    const size_t polygons = 400;
    const size_t perRing = std::max<size_t>(8, vertices / polygons);
    const size_t side = static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(polygons))));
    auto& g = layer->geometry;
    for (size_t i = 0; i < polygons; ++i) {
        const double cx = 19.0 + 4.0 * (static_cast<double>(i % side) + 0.5) / side;
        const double cy = 41.9 + 4.2 * (static_cast<double>(i / side) + 0.5) / side;
        const double r = 1.6 / side;
        for (size_t k = 0; k < perRing; ++k) {
            const double a = 2.0 * M_PI * k / perRing;
            const double wave = 1.0 + 0.08 * std::sin(12.0 * a);
            LonLat p{cx + r * wave * std::cos(a), cy + r * wave * std::sin(a)};
            g.vertices.push_back(p);
            layer->extent.extend(p.lon, p.lat);
        }
        g.ringStart.push_back(static_cast<uint32_t>(g.vertices.size()));
        g.partKind.push_back(PartKind::Polygon);
        g.partRingStart.push_back(static_cast<uint32_t>(g.ringStart.size() - 1));
        g.featurePartStart.push_back(static_cast<uint32_t>(g.partKind.size()));
        layer->labelAnchors.push_back({cx, cy});
        layer->labelAnchorStart.push_back(static_cast<uint32_t>(layer->labelAnchors.size()));
        layer->featureAreaDeg2.push_back(r * r * M_PI);
    }
    return layer;
}

using Fixture = bench::MapFixture;

/// The shared fixture (one frame already drawn, so shader compilation is not measured).
Fixture makeFixture(MapScene scene, int w, int h) {
    return bench::makeMapFixture(std::move(scene), w, h);
}

void BM_DefaultViewFrame(benchmark::State& st) {
    std::vector<LoadReport> reports;
    Fixture f = makeFixture(loadDefaultScene(reports).value(), 1920, 1080);
    for (auto _ : st) {
        f.target.bind();
        f.renderer->draw(f.state->scene(), f.state->view());
        glFinish();
    }
}
BENCHMARK(BM_DefaultViewFrame)->Unit(benchmark::kMillisecond)->UseRealTime();

MapScene syntheticScene(size_t vertices) {
    MapScene scene;
    LayerStyle s;
    s.labelField.clear();
    scene.addLayer(syntheticLayer(vertices), s);
    return scene;
}

void BM_FrameCpuSubmit(benchmark::State& st) {
    Fixture f = makeFixture(syntheticScene(static_cast<size_t>(st.range(0))), 1920, 1080);
    int frame = 0;
    for (auto _ : st) {
        // Pan a little each frame, as a user dragging the map would.
        f.state->panByPixels((frame++ % 2) ? 3 : -3, 0);
        f.target.bind();
        f.renderer->draw(f.state->scene(), f.state->view());
        st.PauseTiming();
        glFinish();
        st.ResumeTiming();
    }
}
BENCHMARK(BM_FrameCpuSubmit)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);

void BM_FrameWithGpu(benchmark::State& st) {
    Fixture f = makeFixture(syntheticScene(static_cast<size_t>(st.range(0))), 1920, 1080);
    for (auto _ : st) {
        f.target.bind();
        f.renderer->draw(f.state->scene(), f.state->view());
        glFinish();
    }
}
BENCHMARK(BM_FrameWithGpu)
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_PrepareLayer(benchmark::State& st) {
    auto layer = syntheticLayer(static_cast<size_t>(st.range(0)));
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    LayerGeometry last;
    for (auto _ : st) {
        last = prepareLayerGeometry(*layer, projection);
        benchmark::DoNotOptimize(last);
    }
    // What each level of detail holds: the default view draws the level for ~470 m per pixel.
    for (size_t i = 0; i < last.lods.size(); ++i)
        st.counters["lod" + std::to_string(i) + "_segments"] = last.lods[i].segmentCount;
    st.counters["default_view_lod"] = static_cast<double>(lodIndexFor(last.lods, 470.0));
}
BENCHMARK(BM_PrepareLayer)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fp

BENCHMARK_MAIN();
