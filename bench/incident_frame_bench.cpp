// Frame cost of incident markers, headless (EGL surfaceless, Mesa llvmpipe on the project's machines).
//
// Synthetic incidents (10k, 100k, 300k, 1M; built with IncidentStore::build) over Kosovo and Serbia, spread
// over three years, with mixed categories, location precisions and casualty counts; a third of them at one
// of 2,000 "towns" so that groups and count badges exist. They are drawn by MapRenderer on top of the
// embedded default at 1920x1080, framed on the whole region.
//
// BM_IncidentFrameSubmit/N: CPU time of the calling thread to issue a frame (glFinish excluded), at the
//   default view. BM_IncidentFramePan/N: the same while panning 3 px per frame.
// BM_IncidentFrameFull/N: the whole frame including the (software) GPU: glFinish, wall clock.
// BM_IncidentFirstFrame/N: sync (prep + upload) and the first frame of a fresh renderer, as
//   `flashpoint render --incidents` does it.
// BM_BaselineFrame*: the default map without the synthetic layer, to subtract.
// BM_IncidentPrep/N: one-off preparation of a layer (projection, groups, discs, grids) on one thread;
//   counters: GPU bytes per incident (marker + disc instance buffers) and CPU bytes of the preparation.
// BM_BadgeCollect/N: the only per-frame CPU step that looks at incidents (count badges): bounded budget.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <map>
#include <random>

#include "core/model/incident_style_sheet.h"
#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "map_bench_fixture.h"
#include "render/gl/headless_context.h"
#include "render/gl/offscreen_target.h"
#include "render/incidents/incident_badges.h"
#include "render/incidents/incident_prep.h"
#include "render/map_renderer.h"
#include "synthetic_incidents.h"

namespace fp {
namespace {

constexpr int kWidth = 1920, kHeight = 1080;

using Fixture = bench::MapFixture;
using bench::context;

Fixture makeFixture(size_t incidents) {
    context();
    std::vector<LoadReport> reports;
    MapScene scene = loadDefaultScene(reports).value();
    if (incidents > 0) scene.addIncidentLayer(syntheticStore(incidents), "synthetic", "bench");
    return bench::makeMapFixture(std::move(scene), kWidth, kHeight);
}

void submitFrames(benchmark::State& st, size_t incidents, bool pan) {
    Fixture f = makeFixture(incidents);
    int frame = 0;
    for (auto _ : st) {
        if (pan) f.state->panByPixels((frame++ % 2) ? 3 : -3, 0);
        f.target.bind();
        f.renderer->draw(f.state->scene(), f.state->view());
        st.PauseTiming();
        glFinish();
        st.ResumeTiming();
    }
}

void BM_IncidentFrameSubmit(benchmark::State& st) {
    submitFrames(st, static_cast<size_t>(st.range(0)), false);
}
void BM_IncidentFramePan(benchmark::State& st) {
    submitFrames(st, static_cast<size_t>(st.range(0)), true);
}
void BM_BaselineFrameSubmit(benchmark::State& st) {
    submitFrames(st, 0, false);
}
BENCHMARK(BM_BaselineFrameSubmit)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IncidentFrameSubmit)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IncidentFramePan)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void fullFrames(benchmark::State& st, size_t incidents) {
    Fixture f = makeFixture(incidents);
    for (auto _ : st) {
        f.target.bind();
        f.renderer->draw(f.state->scene(), f.state->view());
        glFinish();
    }
}
void BM_IncidentFrameFull(benchmark::State& st) {
    fullFrames(st, static_cast<size_t>(st.range(0)));
}
void BM_BaselineFrameFull(benchmark::State& st) {
    fullFrames(st, 0);
}
BENCHMARK(BM_BaselineFrameFull)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_IncidentFrameFull)
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(300'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_IncidentFirstFrame(benchmark::State& st) {
    auto store = syntheticStore(static_cast<size_t>(st.range(0)));
    context();
    for (auto _ : st) {
        std::vector<LoadReport> reports;
        MapScene scene = loadDefaultScene(reports).value();
        scene.addIncidentLayer(store, "synthetic", "bench");
        MapState state = MapState::create(std::move(scene)).value();
        state.resize(kWidth, kHeight, 1.0f);
        state.frame(defaultFocusBBox());
        auto target = OffscreenTarget::create(kWidth, kHeight).value();
        auto renderer = MapRenderer::create().value();
        const auto t0 = std::chrono::steady_clock::now();
        renderer->sync(state.scene(), state.projection());
        target.bind();
        renderer->draw(state.scene(), state.view());
        glFinish();
        st.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
}
BENCHMARK(BM_IncidentFirstFrame)->Arg(300'000)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(2);

void BM_IncidentPrep(benchmark::State& st) {
    const size_t n = static_cast<size_t>(st.range(0));
    auto store = syntheticStore(n);
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    IncidentPrep last;
    for (auto _ : st) {
        last = prepareIncidents(*store, projection);
        benchmark::DoNotOptimize(last);
    }
    const double gpu = static_cast<double>(last.instances.size() * sizeof(IncidentInstance) +
                                           last.rings.size() * sizeof(UncertaintyInstance));
    st.counters["gpu_MB"] = gpu / 1e6;
    st.counters["gpu_B_per_incident"] = gpu / static_cast<double>(n);
    st.counters["prep_B_per_incident"] = static_cast<double>(last.memoryBytes()) / static_cast<double>(n);
    st.counters["groups"] = static_cast<double>(last.groups.size());
    st.counters["discs"] = static_cast<double>(last.rings.size());
}
BENCHMARK(BM_IncidentPrep)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_BadgeCollect(benchmark::State& st) {
    auto store = syntheticStore(static_cast<size_t>(st.range(0)));
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    const IncidentPrep prep = prepareIncidents(*store, projection);
    IncidentFilter filter;
    filter.categoryVisible.assign(store->categories().size(), 1);
    const MapBBox rel =
        MapBBox::fromCorners(prep.extent.minX - prep.origin.x, prep.extent.minY - prep.origin.y,
                             prep.extent.maxX - prep.origin.x, prep.extent.maxY - prep.origin.y);
    size_t candidates = 0;
    for (auto _ : st) {
        auto badges = collectBadges(prep, filter, rel, kNoIncident);
        candidates = badges.size();
        benchmark::DoNotOptimize(badges);
    }
    st.counters["candidates"] = static_cast<double>(candidates);
    st.counters["groups"] = static_cast<double>(prep.largestGroups.size());
}
BENCHMARK(BM_BadgeCollect)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace fp

BENCHMARK_MAIN();
