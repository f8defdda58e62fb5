// Frames per second of animation export (issue "Briefing export", point 10), headless (EGL surfaceless, Mesa
// llvmpipe on CI machines), with the embedded default project: each iteration exports 8 daily frames of
// 1-8 December 2022 (1-week window) through AnimationExport, exactly as `flashpoint animate` does: render
// offscreen, read back, then
//   - PngFolder: encode PNG (stb) and write into the temporary folder, renamed at the end;
//   - Mp4: pipe raw RGBA to ffmpeg (libx264, preset fast, crf 20, yuv420p, +faststart);
//   - Gif: pipe raw RGBA to ffmpeg, which stores the frames losslessly (PNG in Matroska) beside their palette
//     (palettegen); when the input ends a second ffmpeg maps the stored frames to the palette (paletteuse).
// Wall time (ffmpeg runs in its own process, in parallel with the rendering). The "fps" counter is frames
// exported per wall-clock second, start and finish (ffmpeg's final encoding, the rename) included.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "core/project/default_scene.h"
#include "core/project/project_file.h"
#include "render/export/animation_export.h"
#include "render/gl/headless_context.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

HeadlessContext& context() {
    static auto ctx = HeadlessContext::create().value();
    return *ctx;
}

void BM_AnimationExport(benchmark::State& st) {
    context();
    const auto output = static_cast<AnimationOutput>(st.range(0));
    const int w = static_cast<int>(st.range(1)), h = static_cast<int>(st.range(2));
    auto project = loadDefaultProject();
    if (!project) return st.SkipWithError(project.error().describe().c_str());
    MapState& state = project->state;
    fitProjectView(state, project->view, w, h, 1.f);
    auto renderer = MapRenderer::create().value();
    renderer->sync(state.scene(), state.projection());

    const fs::path dir = fs::temp_directory_path() / ("fp-animation-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    AnimationSpec spec;
    spec.output = output;
    spec.outputPath = (dir / (output == AnimationOutput::Mp4   ? "a.mp4"
                              : output == AnimationOutput::Gif ? "a.gif"
                                                               : "frames"))
                          .string();
    spec.plan = planFrames(parseCursorField("2022-12-01", "from").value(),
                           parseCursorField("2022-12-08", "to").value(), TimeStep{StepUnit::Day, 1})
                    .value();
    spec.time.window = TimeWindowSpec{WindowMode::Moving, 7 * kSecondsPerDay, 0};
    spec.settings.widthPx = w;
    spec.settings.heightPx = h;
    spec.settings.fps = 4;
    size_t frames = 0;
    for (auto _ : st) {
        auto job = AnimationExport::start(spec);
        if (!job) return st.SkipWithError(job.error().describe().c_str());
        while (!job.value()->done())
            if (Status s = job.value()->renderNext(state, *renderer); !s)
                return st.SkipWithError(s.error().describe().c_str());
        if (Status s = job.value()->finish(); !s) return st.SkipWithError(s.error().describe().c_str());
        frames += spec.plan.size();
    }
    st.counters["fps"] = benchmark::Counter(static_cast<double>(frames), benchmark::Counter::kIsRate);
    st.counters["ms/frame"] = benchmark::Counter(static_cast<double>(frames),
                                                 benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    fs::remove_all(dir);
}

BENCHMARK(BM_AnimationExport)
    ->ArgNames({"out(0png,1mp4,2gif)", "w", "h"})
    ->Args({0, 1280, 720})
    ->Args({1, 1280, 720})
    ->Args({2, 1280, 720})
    ->Args({0, 1920, 1080})
    ->Args({1, 1920, 1080})
    ->Args({2, 1920, 1080})
    ->Iterations(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fp

BENCHMARK_MAIN();
