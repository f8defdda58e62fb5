// Frame cost of incident layers drawn as a heatmap or hexagonal bins, headless (EGL surfaceless, Mesa
// llvmpipe), with the synthetic incidents of fp_incident_frame_bench (three years over Kosovo and Serbia) on
// the embedded default map at 1920x1080, framed on the whole region.
//
// BM_DensityFrame/STYLE/N: the whole frame (base map, the layer, glFinish; wall clock) while panning 1 px
//   per frame, so the density is computed again every frame (an unchanged view reuses it). STYLE 0 markers
//   (for comparison), 1 heatmap, 2 hexbin; all N incidents in view (no time window).
// BM_DensityPlayback/STYLE/N: the same with a 7-day window moved by one day per frame (Play), the view still.
// BM_HeatGrid/N, BM_HexBins/N: the CPU part alone (grid or bins over all N incidents, no window), one thread.
#include <benchmark/benchmark.h>

#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "core/time/time_window.h"
#include "map_bench_fixture.h"
#include "render/gl/headless_context.h"
#include "render/gl/offscreen_target.h"
#include "render/incidents/density_grid.h"
#include "render/map_renderer.h"
#include "synthetic_incidents.h"

namespace fp {
namespace {

constexpr int kWidth = 1920, kHeight = 1080;
constexpr int64_t kDay = kSecondsPerDay;

IncidentDrawStyle styleOf(int64_t arg) {
    return arg == 0   ? IncidentDrawStyle::Markers
           : arg == 1 ? IncidentDrawStyle::Heatmap
                      : IncidentDrawStyle::Hexbin;
}

using Fixture = bench::MapFixture;
using bench::context;

Fixture makeFixture(size_t incidents, IncidentDrawStyle style) {
    context();
    std::vector<LoadReport> reports;
    MapScene scene = loadDefaultScene(reports).value();
    scene.addIncidentLayer(syntheticStore(incidents), "synthetic", "bench");
    scene.incidentLayers.back().style.drawStyle = style;
    return bench::makeMapFixture(std::move(scene), kWidth, kHeight);
}

void BM_DensityFrame(benchmark::State& st) {
    Fixture f = makeFixture(static_cast<size_t>(st.range(1)), styleOf(st.range(0)));
    int frame = 0;
    for (auto _ : st) {
        f.state->panByPixels((frame++ % 2) ? 1 : -1, 0);
        f.target.bind();
        f.renderer->draw(f.state->scene(), f.state->view());
        glFinish();
    }
}

void BM_DensityPlayback(benchmark::State& st) {
    Fixture f = makeFixture(static_cast<size_t>(st.range(1)), styleOf(st.range(0)));
    const TimeSpan data = f.state->scene().incidentLayers.back().data->timeRange();
    int64_t day = 0;
    for (auto _ : st) {
        const int64_t begin = data.begin.seconds + (day++ % 1000) * kDay;
        f.state->setTime(timeStateShowing(TimeSpan{TimePoint{begin}, TimePoint{begin + 7 * kDay}}));
        f.target.bind();
        f.renderer->draw(f.state->scene(), f.state->view());
        glFinish();
    }
}

void densityArgs(benchmark::internal::Benchmark* b) {
    for (int64_t style : {0, 1, 2})
        for (int64_t n : {10'000, 100'000, 1'000'000}) b->Args({style, n});
    b->ArgNames({"style", "n"})->Unit(benchmark::kMillisecond)->UseRealTime();
}
BENCHMARK(BM_DensityFrame)->Apply(densityArgs);
BENCHMARK(BM_DensityPlayback)->Apply(densityArgs);

struct CpuFixture {
    DensityPoints points;
    MapView view;
};

CpuFixture cpuFixture(size_t n) {
    std::vector<LoadReport> reports;
    auto store = syntheticStore(n);
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    const IncidentPrep prep = prepareIncidents(*store, projection);
    MapView view;
    view.widthPx = kWidth;
    view.heightPx = kHeight;
    view.fit(projectGeoBBox(defaultFocusBBox(), projection));
    return {buildDensityPoints(prep, store), view};
}

void BM_HeatGrid(benchmark::State& st) {
    CpuFixture f = cpuFixture(static_cast<size_t>(st.range(0)));
    for (auto _ : st) benchmark::DoNotOptimize(computeHeatGrid(f.points, {}, f.view).maxValue);
    st.counters["bytes_per_incident"] = static_cast<double>(f.points.memoryBytes()) / st.range(0);
}
void BM_HexBins(benchmark::State& st) {
    CpuFixture f = cpuFixture(static_cast<size_t>(st.range(0)));
    for (auto _ : st) benchmark::DoNotOptimize(binHexagons(f.points, {}, f.view).maxValue);
}
BENCHMARK(BM_HeatGrid)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HexBins)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fp

BENCHMARK_MAIN();
