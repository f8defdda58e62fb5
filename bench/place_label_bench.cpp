// Frame cost of gazetteer place labels (core/places/place_labels.h, drawn by MapRenderer with the layers'
// labels), headless at 1920x1080 over the embedded default map and the world gazetteer.
//
// Zoom (range 0): 0 = country view (Kosovo and Serbia framed, ~400 m per pixel), 1 = city view (a 14 km box
// around Mitrovica, ~7 m per pixel).
// BM_PlaceLabelSelect/zoom: one recomputation of the labels (selectPlaceLabels over the padded view box),
// what
//   a frame pays when the view leaves the cached box or changes scale step.
// BM_PlaceLabelCachePan/zoom: PlaceLabelCache::update while panning 3 px per frame (the cache answers).
// BM_PlaceLabelFrame/zoom/incidents: CPU time of the calling thread to issue a whole frame (glFinish
//   excluded) over 0, 100k and 1M synthetic incidents, panning 3 px per frame, with place labels on (the
//   reported time, counter on_ms) and, in the same iteration and view, off (off_ms) through a second
//   renderer. labels_ms = on - off is the per-frame cost of place labels; it must not grow with incidents.
//   Counters: labels placed in all (layers' and places') and places placed.
#include <benchmark/benchmark.h>

#include <ctime>
#include <map>

#include "core/geocode/incident_geocoder.h"
#include "core/places/place_labels.h"
#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "render/gl/gl.h"
#include "render/gl/headless_context.h"
#include "render/gl/offscreen_target.h"
#include "render/map_renderer.h"
#include "synthetic_incidents.h"

namespace fp {
namespace {

constexpr int kWidth = 1920, kHeight = 1080;

const std::shared_ptr<const Gazetteer>& gazetteer() {
    static const std::shared_ptr<const Gazetteer> g = [] {
        auto r = defaultGazetteer();
        if (!r) {
            std::fprintf(stderr, "%s\n", r.error().describe().c_str());
            std::exit(1);
        }
        return r.value();
    }();
    return g;
}

GeoBBox zoomBox(int64_t zoom) {
    if (zoom == 0) return defaultFocusBBox();
    return GeoBBox::fromCorners(20.78, 42.85, 20.95, 42.94);  // Mitrovica, ~14 km across
}

/// The default map at 1920x1080 framed at `zoom`, as MapState frames it.
MapState stateAt(int64_t zoom, size_t incidents) {
    std::vector<LoadReport> reports;
    MapScene scene = loadDefaultScene(reports).value();
    scene.gazetteer = gazetteer();
    if (incidents > 0) scene.addIncidentLayer(syntheticStore(incidents), "synthetic", "bench");
    MapState state = MapState::create(std::move(scene)).value();
    state.resize(kWidth, kHeight, 1.0f);
    state.frame(zoomBox(zoom));
    return state;
}

double metresPerPixel(const MapState& state) {
    return groundMetresPerPixelAtCenter(state.view(), state.projection());
}

void BM_PlaceLabelSelect(benchmark::State& st) {
    const MapState state = stateAt(st.range(0), 0);
    const GeoBBox view = unprojectMapBBox(state.view().visibleExtent(), state.projection());
    // The cache asks for the view padded by half its size on each side.
    const GeoBBox padded = GeoBBox::fromCorners(view.minX - view.width() / 2, view.minY - view.height() / 2,
                                                view.maxX + view.width() / 2, view.maxY + view.height() / 2);
    const double mpp = metresPerPixel(state);
    size_t labels = 0;
    for (auto _ : st) {
        auto selected = selectPlaceLabels(*gazetteer(), padded, mpp, PlaceLabelScript::Local,
                                          state.scene().placeLabels.maxLabels);
        labels = selected.size();
        benchmark::DoNotOptimize(selected);
    }
    st.counters["labels"] = static_cast<double>(labels);
    st.counters["m_per_px"] = mpp;
}
BENCHMARK(BM_PlaceLabelSelect)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_PlaceLabelCachePan(benchmark::State& st) {
    MapState state = stateAt(st.range(0), 0);
    PlaceLabelCache cache;
    size_t recomputed = 0, frames = 0;
    for (auto _ : st) {
        state.panByPixels((frames++ % 2) ? 3 : -3, 0);
        const GeoBBox view = unprojectMapBBox(state.view().visibleExtent(), state.projection());
        recomputed += cache.update(gazetteer(), view, metresPerPixel(state), state.scene().placeLabels);
        benchmark::DoNotOptimize(cache.labels());
    }
    st.counters["recomputed"] = static_cast<double>(recomputed);
}
BENCHMARK(BM_PlaceLabelCachePan)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

/// CPU time of this thread, in ms: llvmpipe's rasteriser threads are left out, its vertex work on the calling
/// thread (which grows with incidents) is in.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

/// The same map twice, with place labels on and off, each with its own renderer (so that each keeps its own
/// label cache, as the GUI's renderer does), over one shared synthetic incident store.
struct Fixture {
    std::unique_ptr<MapState> on, off;
    std::unique_ptr<MapRenderer> onRenderer, offRenderer;
    OffscreenTarget target;
};

/// One fixture per incident count, kept for the whole run (preparing 1M incidents takes seconds).
Fixture& fixture(size_t incidents) {
    static auto context = HeadlessContext::create().value();
    static std::map<size_t, Fixture> fixtures;
    auto it = fixtures.find(incidents);
    if (it != fixtures.end()) return it->second;
    Fixture f;
    f.on = std::make_unique<MapState>(stateAt(0, incidents));
    f.off = std::make_unique<MapState>(stateAt(0, incidents));
    PlaceLabelStyle hidden = f.off->scene().placeLabels;
    hidden.visible = false;
    f.off->setPlaceLabels(hidden);
    f.onRenderer = MapRenderer::create().value();
    f.offRenderer = MapRenderer::create().value();
    f.onRenderer->sync(f.on->scene(), f.on->projection());
    f.offRenderer->sync(f.off->scene(), f.off->projection());
    f.target = OffscreenTarget::create(kWidth, kHeight).value();
    return fixtures.emplace(incidents, std::move(f)).first->second;
}

/// Thread CPU ms to issue one frame of `state` (glFinish outside the measure).
double frameMs(MapRenderer& renderer, const MapState& state, OffscreenTarget& target, FrameStats& stats) {
    target.bind();
    const double t0 = threadCpuMs();
    stats = renderer.draw(state.scene(), state.view());
    const double ms = threadCpuMs() - t0;
    glFinish();
    return ms;
}

void BM_PlaceLabelFrame(benchmark::State& st) {
    Fixture& f = fixture(static_cast<size_t>(st.range(1)));
    for (MapState* s : {f.on.get(), f.off.get()}) s->frame(zoomBox(st.range(0)));
    FrameStats onStats, offStats;
    // One frame each first: llvmpipe's shader compilation and the glyphs of this view.
    frameMs(*f.onRenderer, *f.on, f.target, onStats);
    frameMs(*f.offRenderer, *f.off, f.target, offStats);
    double on = 0.0, off = 0.0;
    int frame = 0;
    for (auto _ : st) {
        const double dx = (frame++ % 2) ? 3 : -3;
        f.on->panByPixels(dx, 0);
        f.off->panByPixels(dx, 0);
        // Paired frames (on, then off, same view), so that load changes on the shared machine hit both.
        const double a = frameMs(*f.onRenderer, *f.on, f.target, onStats);
        const double b = frameMs(*f.offRenderer, *f.off, f.target, offStats);
        on += a;
        off += b;
        st.SetIterationTime(a / 1e3);
    }
    const double n = static_cast<double>(st.iterations());
    st.counters["on_ms"] = on / n;
    st.counters["off_ms"] = off / n;
    st.counters["labels_ms"] = (on - off) / n;
    st.counters["places_placed"] = static_cast<double>(onStats.labelsPlaced - offStats.labelsPlaced);
    st.counters["labels_placed"] = static_cast<double>(onStats.labelsPlaced);
}
BENCHMARK(BM_PlaceLabelFrame)
    ->ArgsProduct({{0, 1}, {0, 100'000, 1'000'000}})
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(20);  // a whole 1M frame takes ~1.6 s with glFinish on llvmpipe: fixed count, not min time

}  // namespace
}  // namespace fp

BENCHMARK_MAIN();
