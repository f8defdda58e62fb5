// Per-frame cost while playing incidents through time, headless (EGL surfaceless, Mesa llvmpipe here).
//
// The synthetic incidents of synthetic_incidents.h (10k, 100k, 1M over three years from 2021) are drawn by
// MapRenderer on top of the embedded default at 1920x1080, framed on the whole region. Playing: a moving
// seven-day window whose cursor advances one day per frame from 2022-01-01 (looping after two years), each
// frame MapState::setTime() then MapRenderer::draw(). Arguments: incidents, fade by age (0/1), ghosts
// (0/1).
//
// BM_PlaybackFrameSubmit/N/fade/ghosts: CPU time of the calling thread to advance the cursor and issue the
//   frame, glFinish excluded (paused). On llvmpipe the vertex shader runs on this thread inside the draw
//   call, so this includes the software "GPU" vertex work, which grows with N; compare with
//   BM_StaticFrameSubmit (same frame, cursor fixed): the difference is what time filtering costs the CPU.
// BM_StaticFrameSubmit/N: the same window and flags, the cursor never moving.
// BM_PlaybackFrameFull/N/fade/ghosts: the whole frame including the software GPU (glFinish), wall clock.
// BM_PlaybackApplyTime/N: MapState::setTime() alone with the cursor advancing: the CPU work of playback
//   outside the renderer (O(incident layers)).
// BM_PlaybackBadges/N: collectBadges with the advancing window: the only per-frame CPU step that reads
//   incident data (bounded by the badge budget, binary search per group).
#include <benchmark/benchmark.h>

#include <memory>

#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "render/gl/headless_context.h"
#include "render/gl/offscreen_target.h"
#include "render/incidents/incident_badges.h"
#include "render/incidents/incident_prep.h"
#include "render/incidents/incident_time.h"
#include "render/map_renderer.h"
#include "synthetic_incidents.h"

namespace fp {
namespace {

constexpr int kWidth = 1920, kHeight = 1080;
constexpr int64_t kDay = kSecondsPerDay;
const TimePoint kFirstCursor{1640995200};  // 2022-01-01
constexpr int kLoopDays = 730;

HeadlessContext& context() {
    static auto ctx = HeadlessContext::create().value();
    return *ctx;
}

struct Fixture {
    size_t incidents = 0;
    std::unique_ptr<MapState> state;
    std::unique_ptr<MapRenderer> renderer;
    OffscreenTarget target;
};

/// The scene with `incidents` synthetic incidents, prepared and drawn once; kept between benchmarks with the
/// same count (preparing 1M incidents takes seconds).
Fixture& fixture(size_t incidents) {
    static std::unique_ptr<Fixture> cached;
    if (cached && cached->incidents == incidents) return *cached;
    cached.reset();
    context();
    std::vector<LoadReport> reports;
    MapScene scene = loadDefaultScene(reports).value();
    scene.addIncidentLayer(syntheticStore(incidents), "synthetic", "bench");
    auto state = std::make_unique<MapState>(MapState::create(std::move(scene)).value());
    state->resize(kWidth, kHeight, 1.0f);
    state->frame(defaultFocusBBox());
    TimeState time = state->time();
    time.window = parseWindowLength("7d").value();
    time.cursor = kFirstCursor;
    state->setTime(time);
    auto renderer = MapRenderer::create().value();
    renderer->sync(state->scene(), state->projection());
    auto target = OffscreenTarget::create(kWidth, kHeight).value();
    // One frame with every variant to get llvmpipe's shader compilation out of the way.
    target.bind();
    for (bool on : {false, true}) {
        time.fadeByAge = time.showGhosts = on;
        state->setTime(time);
        renderer->draw(state->scene(), state->view());
    }
    glFinish();
    cached = std::make_unique<Fixture>(
        Fixture{incidents, std::move(state), std::move(renderer), std::move(target)});
    return *cached;
}

/// Sets the fixture's fade and ghost flags from the benchmark's arguments 1 and 2 and rewinds the cursor.
Fixture& prepared(const benchmark::State& st) {
    Fixture& f = fixture(static_cast<size_t>(st.range(0)));
    TimeState time = f.state->time();
    time.fadeByAge = st.range(1) != 0;
    time.showGhosts = st.range(2) != 0;
    time.cursor = kFirstCursor;
    f.state->setTime(time);
    return f;
}

void advance(MapState& state, int& frame) {
    frame = (frame + 1) % kLoopDays;
    TimeState time = state.time();
    time.cursor = TimePoint{kFirstCursor.seconds + frame * kDay};
    state.setTime(time);
}

/// Draws frames into the fixture's target, the cursor advancing a day each frame when `playing`; the GPU's
/// work (glFinish) is timed only when `withGpu`.
void drawFrames(benchmark::State& st, bool playing, bool withGpu) {
    Fixture& f = prepared(st);
    int frame = 0;
    for (auto _ : st) {
        if (playing) advance(*f.state, frame);
        f.target.bind();
        f.renderer->draw(f.state->scene(), f.state->view());
        if (!withGpu) st.PauseTiming();
        glFinish();
        if (!withGpu) st.ResumeTiming();
    }
}

void BM_PlaybackFrameSubmit(benchmark::State& st) {
    drawFrames(st, true, false);
}
void BM_StaticFrameSubmit(benchmark::State& st) {
    drawFrames(st, false, false);
}
void BM_PlaybackFrameFull(benchmark::State& st) {
    drawFrames(st, true, true);
}

void BM_PlaybackApplyTime(benchmark::State& st) {
    Fixture& f = prepared(st);
    int frame = 0;
    for (auto _ : st) {
        advance(*f.state, frame);
        benchmark::DoNotOptimize(f.state->scene().timeWindow);
    }
}

void BM_PlaybackBadges(benchmark::State& st) {
    auto store = syntheticStore(static_cast<size_t>(st.range(0)));
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    const IncidentPrep prep = prepareIncidents(*store, projection);
    IncidentFilter filter;
    filter.categoryVisible.assign(store->categories().size(), 1);
    const MapBBox rel =
        MapBBox::fromCorners(prep.extent.minX - prep.origin.x, prep.extent.minY - prep.origin.y,
                             prep.extent.maxX - prep.origin.x, prep.extent.maxY - prep.origin.y);
    TimeState time{parseWindowLength("30d").value(), kFirstCursor};
    int frame = 0;
    size_t candidates = 0;
    for (auto _ : st) {
        frame = (frame + 1) % kLoopDays;
        time.cursor = TimePoint{kFirstCursor.seconds + frame * kDay};
        const IncidentTimeUniforms u =
            incidentTimeUniforms(windowAt(time, store->timeRange()), false, false, prep.epochBase);
        filter.windowStart = u.windowStart;
        filter.windowEnd = u.windowEnd;
        auto badges = collectBadges(prep, filter, rel, kNoIncident);
        candidates += badges.size();
        benchmark::DoNotOptimize(badges);
    }
    st.counters["badges_per_frame"] =
        static_cast<double>(candidates) / static_cast<double>(std::max<int64_t>(1, st.iterations()));
}

void playbackArgs(benchmark::internal::Benchmark* b) {
    for (int64_t n : {10'000, 100'000, 1'000'000})
        for (int64_t fade : {0, 1})
            for (int64_t ghosts : {0, 1}) b->Args({n, fade, ghosts});
    b->ArgNames({"n", "fade", "ghosts"});
}
void staticArgs(benchmark::internal::Benchmark* b) {
    for (int64_t n : {10'000, 100'000, 1'000'000}) b->Args({n, 0, 0})->Args({n, 1, 1});
    b->ArgNames({"n", "fade", "ghosts"});
}

BENCHMARK(BM_PlaybackFrameSubmit)->Apply(playbackArgs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StaticFrameSubmit)->Apply(staticArgs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PlaybackFrameFull)->Apply(playbackArgs)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PlaybackApplyTime)
    ->Args({10'000, 1, 1})
    ->Args({100'000, 1, 1})
    ->Args({1'000'000, 1, 1})
    ->ArgNames({"n", "fade", "ghosts"})
    ->Unit(benchmark::kNanosecond);
BENCHMARK(BM_PlaybackBadges)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace fp

BENCHMARK_MAIN();
